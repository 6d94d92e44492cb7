import { fail, type Issue, ok, type Result } from "../core/result.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import type { EpochDay } from "../core/units.js";
import { parseDecimal } from "./cell-values.js";
import { type ColumnRole, type CsvTableOptions, scanCsvTable } from "./csv-table.js";
import { DayRange } from "./day-range.js";
import {
  type BlankedCell,
  BlankedCells,
  FLEXIBLE_DATE_FORMS,
  FlexibleDateCache,
  parseFlag,
  placeholderReason,
} from "./operations-cells.js";
import { RowIssues, type SkippedRows } from "./row-issues.js";

/** The columns of a purchase-order lines / receipts file. */
export type PurchaseOrderRole =
  | "po_id"
  | "line_id"
  | "asn_id"
  | "supplier"
  | "sku"
  | "location"
  | "qty_ordered"
  | "unit_cost"
  | "line_value"
  | "order_date"
  | "promised_date"
  | "asn_date"
  | "asn_qty"
  | "received_date"
  | "qty_received"
  | "qty_rejected"
  | "mode"
  | "freight_cost"
  | "expedited";

const col = (role: PurchaseOrderRole, aliases: string[], required = false): ColumnRole => ({
  role,
  aliases,
  required,
});

/**
 * Roles and accepted header names (docs/operations-inputs.md). The aliases include the SCMS delivery
 * history's headers, so that file maps by itself: Vendor, PO / SO #, ID, ASN/DN #, Item Description,
 * Country, Line Item Quantity, Line Item Value, PO Sent to Vendor Date, Scheduled Delivery Date,
 * Delivered to Client Date, Shipment Mode, Freight Cost (USD).
 */
export const PURCHASE_ORDER_COLUMNS: readonly ColumnRole[] = [
  col("po_id", ["po", "po_number", "po_no", "purchase_order", "po / so #", "order_number"]),
  col("line_id", ["id", "po_line", "line", "line_number"]),
  col("asn_id", ["asn", "asn_number", "asn/dn #", "delivery_note"]),
  col("supplier", ["vendor", "supplier_id", "vendor_id", "supplier_name", "vendor_name"], true),
  col("sku", ["item", "item_id", "product", "product_id", "item description", "material"], true),
  col("location", ["store", "store_id", "site", "warehouse", "plant", "country", "destination"]),
  col(
    "qty_ordered",
    ["qty", "quantity", "order_qty", "ordered_qty", "quantity_ordered", "line item quantity"],
    true,
  ),
  col("unit_cost", ["cost", "purchase_price", "unit_purchase_price"]),
  col("line_value", ["value", "line item value", "line_amount", "amount", "extended_cost"]),
  col("order_date", ["ordered", "ordered_date", "po_date", "order_day", "po sent to vendor date"]),
  col("promised_date", [
    "promised",
    "promised_day",
    "due_date",
    "scheduled_date",
    "confirmed_date",
    "scheduled delivery date",
  ]),
  col("asn_date", ["asn_arrival_date", "announced_date", "asn_eta"]),
  col("asn_qty", ["asn_quantity", "announced_qty"]),
  col("received_date", [
    "received",
    "receipt_date",
    "received_day",
    "delivered_date",
    "goods_receipt_date",
    "delivered to client date",
  ]),
  col("qty_received", ["received_qty", "receipt_qty", "qty_delivered", "delivered_qty", "quantity_received"]),
  col("qty_rejected", ["rejected_qty", "rejected", "quantity_rejected"]),
  col("mode", ["transport_mode", "ship_mode", "shipping_mode", "shipment mode"]),
  col("freight_cost", ["freight", "freight_usd", "shipping_cost", "freight cost (usd)"]),
  col("expedited", ["expedite", "is_expedited", "rush", "urgent"]),
];

export interface ReadPurchaseOrdersOptions extends CsvTableOptions {
  /** Skip bad rows (and report them) instead of failing. */
  readonly lenient?: boolean;
  /** Strict: stop after this many issues (default 20). Lenient: keep this many examples (default 100). */
  readonly maxIssues?: number;
}

/** A purchase-order file read into lines, with what was read, blanked and skipped. */
export interface PurchaseOrderImport {
  readonly file: string;
  readonly rowsRead: number;
  readonly lines: readonly PurchaseOrderLine[];
  readonly mapping: Readonly<Record<PurchaseOrderRole, string | null>>;
  /** Cells read as "no value" (placeholders, an order date after the receipt), per column and reason. */
  readonly blanked: readonly BlankedCell[];
  /** Rows left out by a lenient read. */
  readonly skipped: SkippedRows;
  /** Earliest and latest day of any order or receipt (null when no line has one). */
  readonly firstDay: EpochDay | null;
  readonly lastDay: EpochDay | null;
}

type Cell<T> = { readonly value: T } | { readonly error: Omit<Issue, "path" | "received"> };

const err = (code: string, message: string, expected: string): Cell<never> => ({
  error: { code, message, expected },
});

/**
 * Reads purchase-order lines (or receipts) from a CSV / .csv.gz file, streaming, into core
 * PurchaseOrderLine records (docs/operations-inputs.md). Units: quantities in units, money in the
 * file's currency, days as epoch days. Required: supplier, sku, qty_ordered.
 *
 * - Dates in ISO, `D-Mon-YY` or `M/D/YYYY` form; an empty date or a recognised placeholder
 *   (`Date Not Captured`, `N/A - From RDC`, `Pre-PQ Process`) is "unknown" (null) and counted in
 *   `blanked`. An order date after the receipt date is dropped (counted) rather than giving a
 *   negative lead time.
 * - Freight: a number, or empty / a placeholder (`Freight Included in Commodity Cost`,
 *   `See ASN-93 (ID#:1281)`: recorded on another line, not counted twice) → null, counted.
 * - unit cost = unit_cost, else line_value ÷ qty_ordered (null when neither or qty 0).
 * - Without a qty_received column a received line is taken as received in full; without a received
 *   date a line is open (qtyReceived 0). qty_rejected (empty = 0) must not exceed qty_received;
 *   without the column, inspection results are unknown (null) and no rejection rate is claimed.
 * - expedited: yes/no, true/false, 1/0 (empty = no); without the column, null (unknown).
 * Any other bad cell is an issue with file, line, column, value and the expected form; strict reads
 * fail on any, lenient ones skip the row.
 */
export async function readPurchaseOrdersCsv(
  path: string,
  options: ReadPurchaseOrdersOptions = {},
): Promise<Result<PurchaseOrderImport>> {
  const issues = new RowIssues(options.lenient === true, options.maxIssues);
  const blanked = new BlankedCells();
  const dates = new FlexibleDateCache();
  const lines: PurchaseOrderLine[] = [];
  const range = new DayRange();

  const scan = await scanCsvTable(path, PURCHASE_ORDER_COLUMNS, options, (table) => {
    const file = table.file;
    const at = table.index as Record<PurchaseOrderRole, number>;
    const name = table.mapping as Record<PurchaseOrderRole, string | null>;
    const dc = table.decimalComma;
    const text = (f: readonly string[], role: PurchaseOrderRole): string =>
      at[role] >= 0 ? f[at[role]]! : "";

    /** A date cell: null when empty or a placeholder (counted). */
    const date = (f: readonly string[], role: PurchaseOrderRole): Cell<EpochDay | null> => {
      const t = text(f, role);
      if (t.trim() === "") return { value: null };
      const d = dates.parse(t);
      if (!Number.isNaN(d)) return { value: d as EpochDay };
      const reason = placeholderReason(t);
      if (reason !== null) {
        blanked.add(name[role]!, reason, t);
        return { value: null };
      }
      return err("invalid_date", "unparseable date", `${FLEXIBLE_DATE_FORMS}, or empty when unknown`);
    };
    /** A non-negative number cell; `empty` when the cell is empty. */
    const quantity = (
      f: readonly string[],
      role: PurchaseOrderRole,
      empty: number | null,
    ): Cell<number | null> => {
      const t = text(f, role);
      if (t.trim() === "") return { value: empty };
      const v = parseDecimal(t, dc);
      if (Number.isNaN(v)) return err("invalid_number", `${role} is not a number`, "a non-negative number");
      if (v < 0) return err("negative_quantity", `negative ${role}`, "a non-negative number");
      return { value: v };
    };
    /** A money cell: null when empty or a placeholder (counted). */
    const money = (f: readonly string[], role: PurchaseOrderRole): Cell<number | null> => {
      const t = text(f, role);
      if (t.trim() === "") return { value: null };
      const v = parseDecimal(t, dc);
      if (!Number.isNaN(v)) {
        return v < 0
          ? err("negative_amount", `negative ${role}`, "a non-negative amount of money")
          : { value: v };
      }
      const reason = placeholderReason(t);
      if (reason !== null) {
        blanked.add(name[role]!, reason, t);
        return { value: null };
      }
      return err("invalid_number", `${role} is not a number`, "an amount of money, or empty when unknown");
    };

    return {
      issue: (issue: Issue) => issues.add(issue),
      row(f, line) {
        const bad = (role: PurchaseOrderRole, e: Omit<Issue, "path" | "received">): boolean =>
          issues.add({ ...e, path: { file, line, column: name[role]! }, received: text(f, role) });
        const supplier = text(f, "supplier").trim();
        if (supplier === "")
          return bad("supplier", {
            code: "missing_value",
            message: "empty supplier",
            expected: "a supplier name or code",
          });
        const sku = text(f, "sku").trim();
        if (sku === "")
          return bad("sku", { code: "missing_value", message: "empty SKU", expected: "a SKU code" });
        const cells = {
          qtyOrdered: quantity(f, "qty_ordered", null),
          unitCost: money(f, "unit_cost"),
          lineValue: money(f, "line_value"),
          orderDay: date(f, "order_date"),
          promisedDay: date(f, "promised_date"),
          asnDay: date(f, "asn_date"),
          asnQty: quantity(f, "asn_qty", null),
          receivedDay: date(f, "received_date"),
          qtyReceived: quantity(f, "qty_received", null),
          // No rejected-quantity column: inspection results unknown (null), not "nothing rejected".
          qtyRejected: name.qty_rejected === null ? { value: null } : quantity(f, "qty_rejected", 0),
          freightCost: money(f, "freight_cost"),
        };
        const roleOf: Record<keyof typeof cells, PurchaseOrderRole> = {
          qtyOrdered: "qty_ordered",
          unitCost: "unit_cost",
          lineValue: "line_value",
          orderDay: "order_date",
          promisedDay: "promised_date",
          asnDay: "asn_date",
          asnQty: "asn_qty",
          receivedDay: "received_date",
          qtyReceived: "qty_received",
          qtyRejected: "qty_rejected",
          freightCost: "freight_cost",
        };
        const v: Partial<Record<keyof typeof cells, number | null>> = {};
        for (const k of Object.keys(cells) as (keyof typeof cells)[]) {
          const c = cells[k];
          if ("error" in c) return bad(roleOf[k], c.error);
          v[k] = c.value;
        }
        const qtyOrdered = v.qtyOrdered;
        if (qtyOrdered === null || qtyOrdered === undefined)
          return bad("qty_ordered", {
            code: "missing_value",
            message: "empty quantity ordered",
            expected: "a non-negative number",
          });
        // No expedited column: unknown (null), so the emergency-freight share is not claimed to be 0.
        const expedited = name.expedited === null ? null : parseFlag(text(f, "expedited"));
        if (name.expedited !== null && expedited === null)
          return bad("expedited", {
            code: "invalid_value",
            message: "expedited is not yes or no",
            expected: "yes/no, true/false, 1/0 or empty",
          });
        const receivedDay = (v.receivedDay ?? null) as EpochDay | null;
        let orderDay = (v.orderDay ?? null) as EpochDay | null;
        if (orderDay !== null && receivedDay !== null && orderDay > receivedDay) {
          blanked.add(name.order_date!, "order date after the receipt date: ignored", text(f, "order_date"));
          orderDay = null;
        }
        let qtyReceived = v.qtyReceived ?? null;
        if (receivedDay === null) {
          if (qtyReceived !== null && qtyReceived > 0)
            return bad("qty_received", {
              code: "received_without_date",
              message: "units received but no received date",
              expected: "a received date, or 0 / empty while the line is open",
            });
          qtyReceived = 0;
        } else if (qtyReceived === null) qtyReceived = qtyOrdered;
        const qtyRejected = v.qtyRejected ?? null;
        if (qtyRejected !== null && qtyRejected > qtyReceived)
          return bad("qty_rejected", {
            code: "out_of_range",
            message: `more units rejected than received (${qtyReceived})`,
            expected: "a number from 0 to the quantity received",
          });
        const asnDay = (v.asnDay ?? null) as EpochDay | null;
        const unitCost =
          v.unitCost ??
          (v.lineValue !== null && v.lineValue !== undefined && qtyOrdered > 0
            ? v.lineValue / qtyOrdered
            : null);
        let mode = text(f, "mode").trim();
        const modeReason = placeholderReason(mode);
        if (modeReason !== null) {
          blanked.add(name.mode!, modeReason, mode);
          mode = "";
        }
        const poId = [text(f, "po_id"), text(f, "asn_id"), text(f, "line_id")]
          .map((s) => s.trim())
          .find((s) => s !== "");
        lines.push({
          poId: poId ?? `line ${line}`,
          supplier,
          sku,
          location: text(f, "location").trim(),
          qtyOrdered,
          unitCost,
          orderDay,
          promisedDay: (v.promisedDay ?? null) as EpochDay | null,
          asnDay,
          asnQty: v.asnQty ?? null,
          receivedDay,
          qtyReceived,
          qtyRejected,
          mode,
          freightCost: v.freightCost ?? null,
          expedited,
        });
        range.add(orderDay, receivedDay);
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
    mapping: scan.value.table.mapping as Record<PurchaseOrderRole, string | null>,
    blanked: blanked.list(),
    skipped: issues.summary(),
    firstDay: range.first,
    lastDay: range.last,
  });
}
