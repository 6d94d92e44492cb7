import type { CustomerOrderLine } from "../core/kpi/records.js";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import type { EpochDay } from "../core/units.js";
import { parseDecimal } from "./cell-values.js";
import { type ColumnRole, type CsvTableOptions, scanCsvTable } from "./csv-table.js";
import { DayRange } from "./day-range.js";
import {
  type BlankedCell,
  BlankedCells,
  FLEXIBLE_DATE_FORMS,
  FlexibleDateCache,
  placeholderReason,
} from "./operations-cells.js";
import { RowIssues, type SkippedRows } from "./row-issues.js";

/** The columns of a customer order lines file. */
export type CustomerOrderRole =
  | "order_id"
  | "date"
  | "sku"
  | "location"
  | "qty"
  | "qty_shipped"
  | "ship_date"
  | "promised_date";

/** Roles and accepted header names (docs/operations-inputs.md). */
export const CUSTOMER_ORDER_COLUMNS: readonly ColumnRole[] = [
  {
    role: "order_id",
    aliases: ["order", "order_number", "order_no", "sales_order", "so_number"],
    required: true,
  },
  { role: "date", aliases: ["order_date", "ordered", "day"], required: true },
  { role: "sku", aliases: ["item", "item_id", "product", "product_id"], required: true },
  { role: "location", aliases: ["store", "store_id", "site", "warehouse"], required: false },
  { role: "qty", aliases: ["quantity", "qty_ordered", "ordered_qty", "order_qty"], required: true },
  {
    role: "qty_shipped",
    aliases: ["shipped", "shipped_qty", "quantity_shipped", "qty_delivered"],
    required: false,
  },
  {
    role: "ship_date",
    aliases: ["shipped_date", "shipping_date", "dispatch_date", "delivery_date"],
    required: true,
  },
  {
    role: "promised_date",
    aliases: ["promised", "due_date", "requested_date", "promise_date"],
    required: false,
  },
];

export interface ReadCustomerOrdersOptions extends CsvTableOptions {
  readonly lenient?: boolean;
  readonly maxIssues?: number;
}

/** A customer order lines file read into records. */
export interface CustomerOrderImport {
  readonly file: string;
  readonly rowsRead: number;
  readonly lines: readonly CustomerOrderLine[];
  readonly mapping: Readonly<Record<CustomerOrderRole, string | null>>;
  /** Ship / promised date cells read as unknown (placeholders). */
  readonly blanked: readonly BlankedCell[];
  readonly skipped: SkippedRows;
  readonly firstDay: EpochDay | null;
  readonly lastDay: EpochDay | null;
}

/**
 * Reads customer order lines (order id, date, SKU, [location], qty, qty shipped, ship date, promised
 * date) from CSV / .csv.gz, streaming, into core CustomerOrderLine records. Units: quantities in
 * units, days as epoch days. Required: order_id, date, sku, qty, ship_date (empty while not shipped).
 * Without a qty_shipped column (or with an empty cell) a line with a ship date shipped in full, one
 * without shipped nothing. Empty or placeholder ship / promised dates are null (the
 * core then reads "not shipped" and "due on the order day"). Bad cells are issues with file, line,
 * column, value and expected form; strict reads fail on any, lenient ones skip the row.
 */
export async function readCustomerOrdersCsv(
  path: string,
  options: ReadCustomerOrdersOptions = {},
): Promise<Result<CustomerOrderImport>> {
  const issues = new RowIssues(options.lenient === true, options.maxIssues);
  const blanked = new BlankedCells();
  const dates = new FlexibleDateCache();
  const lines: CustomerOrderLine[] = [];
  const range = new DayRange();
  const scan = await scanCsvTable(path, CUSTOMER_ORDER_COLUMNS, options, (table) => {
    const file = table.file;
    const at = table.index as Record<CustomerOrderRole, number>;
    const name = table.mapping as Record<CustomerOrderRole, string | null>;
    const dc = table.decimalComma;
    return {
      issue: (issue: Issue) => issues.add(issue),
      row(f, line) {
        const cell = (role: CustomerOrderRole): string => (at[role] >= 0 ? f[at[role]]! : "");
        const bad = (role: CustomerOrderRole, code: string, message: string, expected: string): boolean =>
          issues.add({
            code,
            path: { file, line, column: name[role]! },
            message,
            received: cell(role),
            expected,
          });
        const orderId = cell("order_id").trim();
        if (orderId === "") return bad("order_id", "missing_value", "empty order id", "an order number");
        const sku = cell("sku").trim();
        if (sku === "") return bad("sku", "missing_value", "empty SKU", "a SKU code");
        const day = dates.parse(cell("date"));
        if (Number.isNaN(day))
          return bad("date", "invalid_date", "unparseable order date", FLEXIBLE_DATE_FORMS);
        const optionalDate = (role: CustomerOrderRole): number | null | undefined => {
          const t = cell(role);
          if (t.trim() === "") return null;
          const d = dates.parse(t);
          if (!Number.isNaN(d)) return d;
          const reason = placeholderReason(t);
          if (reason === null) return undefined;
          blanked.add(name[role]!, reason, t);
          return null;
        };
        const shipDay = optionalDate("ship_date");
        if (shipDay === undefined)
          return bad(
            "ship_date",
            "invalid_date",
            "unparseable ship date",
            `${FLEXIBLE_DATE_FORMS}, or empty when not shipped`,
          );
        const promisedDay = optionalDate("promised_date");
        if (promisedDay === undefined)
          return bad(
            "promised_date",
            "invalid_date",
            "unparseable promised date",
            `${FLEXIBLE_DATE_FORMS}, or empty (due on the order day)`,
          );
        const qty = parseDecimal(cell("qty"), dc);
        if (!(qty >= 0))
          return bad(
            "qty",
            Number.isNaN(qty) ? "invalid_number" : "negative_quantity",
            "quantity is not a non-negative number",
            "a non-negative number of units",
          );
        let qtyShipped: number;
        const st = cell("qty_shipped");
        if (at.qty_shipped < 0 || st.trim() === "") qtyShipped = shipDay === null ? 0 : qty;
        else {
          qtyShipped = parseDecimal(st, dc);
          if (!(qtyShipped >= 0))
            return bad(
              "qty_shipped",
              Number.isNaN(qtyShipped) ? "invalid_number" : "negative_quantity",
              "quantity shipped is not a non-negative number",
              "a non-negative number of units",
            );
          if (qtyShipped > 0 && shipDay === null)
            return bad(
              "qty_shipped",
              "shipped_without_date",
              "units shipped but no ship date",
              "a ship date, or 0 when nothing shipped",
            );
        }
        lines.push({
          orderId,
          day: day as EpochDay,
          sku,
          location: cell("location").trim(),
          qty,
          qtyShipped,
          shipDay: shipDay as EpochDay | null,
          promisedDay: promisedDay as EpochDay | null,
        });
        range.add(day, shipDay);
        return true;
      },
    };
  });
  if (!scan.ok) return fail(...issues.issues, ...scan.issues);
  if (issues.failed) return fail(...issues.issues);
  return ok({
    file: scan.value.table.file,
    rowsRead: scan.value.rowsRead,
    lines,
    mapping: scan.value.table.mapping as Record<CustomerOrderRole, string | null>,
    blanked: blanked.list(),
    skipped: issues.summary(),
    firstDay: range.first,
    lastDay: range.last,
  });
}
