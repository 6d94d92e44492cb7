import type { InventorySnapshot } from "../core/kpi/records.js";
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

/** The columns of an inventory snapshot file. */
export type SnapshotRole = "date" | "sku" | "location" | "on_hand" | "unit_cost";

/** Roles and accepted header names (docs/operations-inputs.md). */
export const SNAPSHOT_COLUMNS: readonly ColumnRole[] = [
  { role: "date", aliases: ["day", "snapshot_date", "as_of", "stock_date"], required: true },
  { role: "sku", aliases: ["item", "item_id", "product", "product_id"], required: true },
  { role: "location", aliases: ["store", "store_id", "site", "warehouse"], required: false },
  {
    role: "on_hand",
    aliases: ["onhand", "on_hand_qty", "qty_on_hand", "quantity_on_hand", "stock", "stock_on_hand", "soh"],
    required: true,
  },
  { role: "unit_cost", aliases: ["cost"], required: false },
];

export interface ReadSnapshotsOptions extends CsvTableOptions {
  readonly lenient?: boolean;
  readonly maxIssues?: number;
}

/** An inventory snapshot file read into records. */
export interface SnapshotImport {
  readonly file: string;
  readonly rowsRead: number;
  readonly snapshots: readonly InventorySnapshot[];
  readonly mapping: Readonly<Record<SnapshotRole, string | null>>;
  /** Unit-cost cells read as unknown (placeholders). */
  readonly blanked: readonly BlankedCell[];
  readonly skipped: SkippedRows;
  readonly firstDay: EpochDay | null;
  readonly lastDay: EpochDay | null;
}

/**
 * Reads end-of-day inventory snapshots (date, SKU, location, on hand, unit cost) from CSV / .csv.gz,
 * streaming, into core InventorySnapshot records. Units: on hand in units (a negative balance, as ERP
 * systems show backorders, is kept and read as out of stock), unit cost in money per unit (empty or a
 * placeholder → null). Dates as in operations-cells.ts. Bad cells are issues with file, line, column,
 * value and expected form; strict reads fail on any, lenient ones skip the row.
 */
export async function readSnapshotsCsv(
  path: string,
  options: ReadSnapshotsOptions = {},
): Promise<Result<SnapshotImport>> {
  const issues = new RowIssues(options.lenient === true, options.maxIssues);
  const blanked = new BlankedCells();
  const dates = new FlexibleDateCache();
  const snapshots: InventorySnapshot[] = [];
  const range = new DayRange();
  const scan = await scanCsvTable(path, SNAPSHOT_COLUMNS, options, (table) => {
    const file = table.file;
    const at = table.index as Record<SnapshotRole, number>;
    const name = table.mapping as Record<SnapshotRole, string | null>;
    const dc = table.decimalComma;
    return {
      issue: (issue: Issue) => issues.add(issue),
      row(f, line) {
        const bad = (role: SnapshotRole, code: string, message: string, expected: string): boolean =>
          issues.add({
            code,
            path: { file, line, column: name[role]! },
            message,
            received: f[at[role]]!,
            expected,
          });
        const sku = f[at.sku]!.trim();
        if (sku === "") return bad("sku", "missing_value", "empty SKU", "a SKU code");
        const day = dates.parse(f[at.date]!);
        if (Number.isNaN(day)) return bad("date", "invalid_date", "unparseable date", FLEXIBLE_DATE_FORMS);
        const onHand = parseDecimal(f[at.on_hand]!, dc);
        if (Number.isNaN(onHand))
          return bad(
            "on_hand",
            f[at.on_hand]!.trim() === "" ? "missing_value" : "invalid_number",
            "on hand is not a number",
            "a number of units (0 when out of stock)",
          );
        let unitCost: number | null = null;
        if (at.unit_cost >= 0) {
          const t = f[at.unit_cost]!;
          if (t.trim() !== "") {
            const c = parseDecimal(t, dc);
            if (!Number.isNaN(c)) {
              if (c < 0)
                return bad(
                  "unit_cost",
                  "negative_amount",
                  "negative unit cost",
                  "a non-negative amount per unit",
                );
              unitCost = c;
            } else {
              const reason = placeholderReason(t);
              if (reason === null)
                return bad(
                  "unit_cost",
                  "invalid_number",
                  "unit cost is not a number",
                  "an amount per unit, or empty when unknown",
                );
              blanked.add(name.unit_cost!, reason, t);
            }
          }
        }
        snapshots.push({
          day: day as EpochDay,
          sku,
          location: at.location >= 0 ? f[at.location]!.trim() : "",
          onHand,
          unitCost,
        });
        range.add(day);
        return true;
      },
    };
  });
  if (!scan.ok) return fail(...issues.issues, ...scan.issues);
  if (issues.failed) return fail(...issues.issues);
  return ok({
    file: scan.value.table.file,
    rowsRead: scan.value.rowsRead,
    snapshots,
    mapping: scan.value.table.mapping as Record<SnapshotRole, string | null>,
    blanked: blanked.list(),
    skipped: issues.summary(),
    firstDay: range.first,
    lastDay: range.last,
  });
}
