import type { ItemField, ItemParams, ServiceType } from "../core/item.js";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import { seriesId } from "../core/series.js";
import { parseDecimal, parseFraction } from "./cell-values.js";
import { type ColumnRole, type CsvTableOptions, normalizeHeader, scanCsvTable } from "./csv-table.js";
import { RowIssues, type SkippedRows } from "./row-issues.js";

/** The columns of an items master file. */
export type ItemRole =
  | "sku"
  | "location"
  | "unit_cost"
  | "unit_price"
  | "lead_time_days"
  | "lead_time_sd_days"
  | "moq"
  | "order_multiple"
  | "ordering_cost"
  | "holding_cost_rate"
  | "service_target"
  | "service_type"
  | "review_period_days"
  | "container_size"
  | "supplier"
  | "category"
  | "reorder_point";

const col = (role: ItemRole, aliases: string[], required = false): ColumnRole => ({
  role,
  aliases,
  required,
});

/** Roles and accepted header names (docs/csv-formats.md). Only sku is required. */
export const ITEM_COLUMNS: readonly ColumnRole[] = [
  col("sku", ["item", "item_id", "product", "product_id"], true),
  col("location", ["store", "store_id", "site", "warehouse"]),
  col("unit_cost", ["cost"]),
  col("unit_price", ["price"]),
  col("lead_time_days", ["lead_time", "lt"]),
  col("lead_time_sd_days", ["lead_time_sd", "lt_sd"]),
  col("moq", ["min_order_qty"]),
  col("order_multiple", ["pack_size", "multiple"]),
  col("ordering_cost", ["order_cost"]),
  col("holding_cost_rate", ["holding_rate"]),
  col("service_target", ["service_level"]),
  col("service_type", []),
  col("review_period_days", ["review_period"]),
  col("container_size", ["kanban_container"]),
  col("supplier", ["vendor"]),
  col("category", []),
  col("reorder_point", ["rop", "reorder_level", "reorder_point_in_force", "min_stock", "minimum_stock"]),
];

export interface ReadItemsOptions extends CsvTableOptions {
  /** Skip bad rows (and report them) instead of failing. */
  readonly lenient?: boolean;
  /** Strict: stop after this many issues (default 20). Lenient: keep this many examples (default 100). */
  readonly maxIssues?: number;
}

/**
 * The items master: planning parameters per SKU, optionally per SKU × location, and the reorder point
 * in force in the company's own system.
 */
export interface ItemsMaster {
  readonly file: string;
  readonly rowsRead: number;
  readonly mapping: Readonly<Record<ItemRole, string | null>>;
  readonly hasLocation: boolean;
  /** Parameters by series id (`sku@location`) for rows with a location, by SKU for rows without. */
  readonly entries: ReadonlyMap<string, Partial<ItemParams>>;
  /**
   * The `reorder_point` column by the same keys as `entries` (rows with the cell filled only): the
   * reorder point currently in force in the company's system, units. An observed setting, not a
   * planning parameter: it is not part of ItemParams and never changes the plan; the stockout root
   * cause compares the plan with it and replays its trigger (docs/operations-inputs.md).
   */
  readonly reorderPoints: ReadonlyMap<string, number>;
  readonly skipped: SkippedRows;
  /**
   * Parameters for one SKU × location: the SKU-wide row, overridden field by field by the row for that
   * location. `{}` when the master says nothing about the SKU.
   */
  itemFor(sku: string, location: string): Partial<ItemParams>;
  /** The reorder point in force for one SKU × location: the location row's, else the SKU-wide row's. */
  reorderPointFor(sku: string, location: string): number | undefined;
}

type CellResult<T> =
  | { readonly value: T }
  | { readonly error: { code: string; message: string; expected: string } };

/** Observed settings read beside the planning parameters (kept out of ItemParams). */
type ObservedField = "reorderPoint";

interface FieldSpec {
  readonly field: ItemField | ObservedField;
  parse(text: string, decimalComma: boolean): CellResult<number | string>;
}

/** A number ≥ min (the unit goes into the message). */
const atLeast =
  (field: ItemField | ObservedField, min: number, what: string) =>
  (text: string, dc: boolean): CellResult<number> => {
    const v = parseDecimal(text, dc);
    if (Number.isNaN(v))
      return { error: { code: "invalid_number", message: `${field} is not a number`, expected: what } };
    if (v < min)
      return { error: { code: "out_of_range", message: `${field} must be ≥ ${min}`, expected: what } };
    return { value: v };
  };

const HOLDING_RATE_FORM = "a fraction of unit cost per year such as 0.25, or a percentage such as 25%";
const SERVICE_FORM = "a fraction in (0, 1) such as 0.95, or a percentage such as 95 or 95%";

function holdingRate(text: string, dc: boolean): CellResult<number> {
  const percent = text.trim().endsWith("%");
  const v = parseFraction(text, dc);
  if (Number.isNaN(v))
    return {
      error: {
        code: "invalid_number",
        message: "holdingCostRate is not a number",
        expected: HOLDING_RATE_FORM,
      },
    };
  if (v < 0)
    return {
      error: { code: "out_of_range", message: "holdingCostRate must be ≥ 0", expected: HOLDING_RATE_FORM },
    };
  if (!percent && v > 1)
    return {
      error: {
        code: "out_of_range",
        message: `holdingCostRate ${v} per year looks like a percentage: write ${v / 100} or ${v}%`,
        expected: HOLDING_RATE_FORM,
      },
    };
  if (v > 5)
    return {
      error: {
        code: "out_of_range",
        message: "holdingCostRate above 500% per year",
        expected: HOLDING_RATE_FORM,
      },
    };
  return { value: v };
}

function serviceTarget(text: string, dc: boolean): CellResult<number> {
  const v = parseFraction(text, dc, (x) => x > 1);
  if (Number.isNaN(v))
    return {
      error: { code: "invalid_number", message: "serviceTarget is not a number", expected: SERVICE_FORM },
    };
  if (!(v > 0 && v < 1))
    return {
      error: {
        code: "out_of_range",
        message: "serviceTarget must be above 0% and below 100% (100% needs infinite stock)",
        expected: SERVICE_FORM,
      },
    };
  return { value: v };
}

const SERVICE_TYPES: Readonly<Record<string, ServiceType>> = {
  cycle: "cycle",
  cycleservice: "cycle",
  alpha: "cycle",
  fillrate: "fill_rate",
  fill: "fill_rate",
  beta: "fill_rate",
};

function serviceType(text: string): CellResult<string> {
  const t = SERVICE_TYPES[normalizeHeader(text)];
  return t !== undefined
    ? { value: t }
    : {
        error: {
          code: "invalid_value",
          message: "unknown service type",
          expected: "cycle (probability of no stockout per cycle) or fill_rate (share of demand served)",
        },
      };
}

const text = (s: string): CellResult<string> => ({ value: s.trim() });

const FIELDS: Readonly<Partial<Record<ItemRole, FieldSpec>>> = {
  unit_cost: { field: "unitCost", parse: atLeast("unitCost", 0, "a non-negative amount of money per unit") },
  unit_price: {
    field: "unitPrice",
    parse: atLeast("unitPrice", 0, "a non-negative amount of money per unit"),
  },
  lead_time_days: {
    field: "leadTimeDays",
    parse: atLeast("leadTimeDays", 0, "a non-negative number of days"),
  },
  lead_time_sd_days: {
    field: "leadTimeSdDays",
    parse: atLeast("leadTimeSdDays", 0, "a non-negative number of days"),
  },
  moq: { field: "moq", parse: atLeast("moq", 1, "a minimum order quantity ≥ 1 unit") },
  order_multiple: {
    field: "orderMultiple",
    parse: atLeast("orderMultiple", 1, "an order multiple ≥ 1 unit"),
  },
  ordering_cost: {
    field: "orderingCost",
    parse: atLeast("orderingCost", 0, "a non-negative amount per order"),
  },
  holding_cost_rate: { field: "holdingCostRate", parse: holdingRate },
  service_target: { field: "serviceTarget", parse: serviceTarget },
  service_type: { field: "serviceType", parse: serviceType },
  review_period_days: {
    field: "reviewPeriodDays",
    parse: atLeast("reviewPeriodDays", 0, "a non-negative number of days (0 = continuous review)"),
  },
  container_size: {
    field: "containerSize",
    parse: atLeast("containerSize", 0, "a non-negative number of units (0 = derive from the order quantity)"),
  },
  supplier: { field: "supplier", parse: text },
  category: { field: "category", parse: text },
  reorder_point: {
    field: "reorderPoint",
    parse: atLeast("reorderPoint", 0, "a non-negative number of units (the reorder point in force)"),
  },
};

/**
 * Reads an items master CSV (or .csv.gz), streaming. Every column but sku is optional and an empty cell
 * leaves that parameter to the defaults (core `resolveItem`; the reorder point in force has none: it
 * is then unknown). Units: days for lead times and review periods, units for MOQ, multiples,
 * containers and the reorder point in force, money in the file's currency, holding rate as a fraction
 * per year, service target as a fraction. Ranges are checked; each bad cell is reported with file,
 * line, column, value and the expected form. Duplicate SKU × location rows are errors.
 */
export async function readItemsCsv(
  path: string,
  options: ReadItemsOptions = {},
): Promise<Result<ItemsMaster>> {
  const issues = new RowIssues(options.lenient === true, options.maxIssues);
  const entries = new Map<string, Partial<ItemParams>>();
  const reorderPoints = new Map<string, number>();
  const lines = new Map<string, number>();

  const scan = await scanCsvTable(path, ITEM_COLUMNS, options, (table) => {
    const file = table.file;
    const iSku = table.index.sku!;
    const iLoc = table.index.location!;
    const present = ITEM_COLUMNS.flatMap((c) => {
      const spec = FIELDS[c.role as ItemRole];
      const at = table.index[c.role]!;
      return spec !== undefined && at >= 0 ? [{ spec, at, column: table.mapping[c.role]! }] : [];
    });
    return {
      issue: (issue: Issue) => issues.add(issue),
      row(f, line) {
        const sku = f[iSku]!.trim();
        if (sku === "")
          return issues.add({
            code: "missing_value",
            path: { file, line, column: table.mapping.sku! },
            message: "empty SKU",
            received: f[iSku]!,
            expected: "a SKU code",
          });
        const location = iLoc >= 0 ? f[iLoc]!.trim() : "";
        const params: Record<string, number | string> = {};
        for (const { spec, at, column } of present) {
          const cell = f[at]!;
          if (cell.trim() === "") continue;
          const r = spec.parse(cell, table.decimalComma);
          if ("error" in r) return issues.add({ ...r.error, path: { file, line, column }, received: cell });
          params[spec.field] = r.value;
        }
        const key = seriesId({ sku, location });
        const earlier = lines.get(key);
        if (earlier !== undefined)
          return issues.add({
            code: "duplicate_item",
            path: { file, line, column: table.mapping.sku! },
            message: `duplicate row for ${location === "" ? `SKU ${sku}` : `${sku} at ${location}`}: lines ${earlier} and ${line}`,
            received: key,
            expected: "one row per SKU (and location)",
          });
        lines.set(key, line);
        const { reorderPoint, ...planning } = params;
        if (reorderPoint !== undefined) reorderPoints.set(key, reorderPoint as number);
        entries.set(key, planning as Partial<ItemParams>);
        return true;
      },
    };
  });
  if (!scan.ok) return fail(...issues.issues, ...scan.issues);
  if (issues.failed) return fail(...issues.issues);
  const { table, rowsRead } = scan.value;
  const itemFor = (sku: string, location: string): Partial<ItemParams> => {
    const general = entries.get(sku);
    const specific = location === "" ? undefined : entries.get(seriesId({ sku, location }));
    if (specific === undefined) return general ?? {};
    return general === undefined ? specific : { ...general, ...specific };
  };
  return ok({
    file: table.file,
    rowsRead,
    mapping: table.mapping as Record<ItemRole, string | null>,
    hasLocation: table.index.location! >= 0,
    entries,
    reorderPoints,
    skipped: issues.summary(),
    itemFor,
    reorderPointFor: (sku, location) =>
      (location === "" ? undefined : reorderPoints.get(seriesId({ sku, location }))) ??
      reorderPoints.get(sku),
  });
}
