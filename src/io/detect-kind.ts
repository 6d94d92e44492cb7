import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import { type ColumnRole, resolveColumns, scanCsvTable } from "./csv-table.js";
import { CUSTOMER_ORDER_COLUMNS } from "./read-customer-orders.js";
import { DEMAND_COLUMNS } from "./read-demand.js";
import { ITEM_COLUMNS } from "./read-items.js";
import { PURCHASE_ORDER_COLUMNS } from "./read-purchase-orders.js";
import { SNAPSHOT_COLUMNS } from "./read-snapshots.js";

/** The kinds of input file `takt analyze` understands. */
export type InputKind = "demand" | "items" | "purchase_orders" | "snapshots" | "customer_orders";

export const INPUT_KINDS: readonly InputKind[] = [
  "demand",
  "items",
  "purchase_orders",
  "snapshots",
  "customer_orders",
];

interface KindRule {
  readonly kind: InputKind;
  readonly columns: readonly ColumnRole[];
  /** Besides the required columns, at least one of these must be present (empty = no condition). */
  readonly anyOf: readonly string[];
  readonly needs: string;
}

/**
 * Tested in this order, most specific first: a customer-order file also has the columns of a demand
 * history (sku, date, qty), and every file with a SKU column could be an items master.
 */
const RULES: readonly KindRule[] = [
  {
    kind: "purchase_orders",
    columns: PURCHASE_ORDER_COLUMNS,
    anyOf: ["order_date", "promised_date", "received_date"],
    needs: "supplier, sku, qty_ordered and an order, promised or received date",
  },
  {
    kind: "customer_orders",
    columns: CUSTOMER_ORDER_COLUMNS,
    anyOf: [],
    needs: "order_id, date, sku, qty and ship_date",
  },
  { kind: "snapshots", columns: SNAPSHOT_COLUMNS, anyOf: [], needs: "date, sku and on_hand" },
  { kind: "demand", columns: DEMAND_COLUMNS, anyOf: [], needs: "sku, date and quantity" },
  {
    kind: "items",
    columns: ITEM_COLUMNS,
    anyOf: ITEM_COLUMNS.map((c) => c.role).filter((r) => !["sku", "location", "category"].includes(r)),
    needs: "sku and at least one planning parameter (unit_cost, lead_time_days, moq, supplier, …)",
  },
];

/**
 * The kind of a file from its header names alone (the header aliases of each reader, compared
 * without case, spaces, underscores or hyphens). Null when no kind fits.
 */
export function kindFromHeaders(headers: readonly string[]): InputKind | null {
  for (const r of RULES) {
    const cols = resolveColumns("", headers, r.columns);
    if (!cols.ok) continue;
    if (r.anyOf.length > 0 && !r.anyOf.some((role) => (cols.value.index[role] ?? -1) >= 0)) continue;
    return r.kind;
  }
  return null;
}

/** The header names of a CSV / .csv.gz file (reads only the first lines). */
export async function readHeaders(path: string, label?: string): Promise<Result<readonly string[]>> {
  let headers: readonly string[] = [];
  const r = await scanCsvTable(path, [], label === undefined ? {} : { label }, (table) => {
    headers = table.headers;
    return { row: () => false, issue: () => false };
  });
  return r.ok ? ok(headers) : fail(...r.issues);
}

/**
 * Recognises a file's kind from its header; `override` (from `--kind FILE=KIND`) wins. Fails with an
 * issue naming the header found and what each kind needs.
 */
export async function detectKind(
  path: string,
  label?: string,
  override?: InputKind,
): Promise<Result<InputKind>> {
  if (override !== undefined) return ok(override);
  const h = await readHeaders(path, label);
  if (!h.ok) return h;
  const kind = kindFromHeaders(h.value);
  if (kind !== null) return ok(kind);
  const issue: Issue = {
    code: "unknown_kind",
    path: { file: label ?? path },
    message: `cannot tell what this file holds from its header (${h.value.map((x) => JSON.stringify(x)).join(", ")})`,
    expected: `${RULES.map((r) => `${r.kind.replace("_", " ")}: ${r.needs}`).join("; ")}; or name the kind with --kind FILE=KIND`,
  };
  return fail(issue);
}

/** Whether a file name looks like a CSV input (.csv, .tsv, optionally .gz; any case). */
export const isCsvName = (name: string): boolean => /\.(csv|tsv)(\.gz)?$/i.test(name);

/**
 * The files behind the paths given on the command line: a file stands for itself, a folder for the
 * CSV files directly in it (sorted by name; sub-folders are not searched).
 */
export async function listInputFiles(paths: readonly string[]): Promise<Result<string[]>> {
  const out: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      return fail({
        code: "file_not_found",
        path: { file: p },
        message: "file or folder not found",
        expected: "an existing file or folder",
      });
    }
    if (!isDir) out.push(p);
    else {
      const names = (await readdir(p)).filter(isCsvName).sort();
      if (names.length === 0)
        return fail({
          code: "empty_folder",
          path: { file: p },
          message: "no CSV file in this folder",
          expected: "files ending in .csv or .csv.gz",
        });
      out.push(...names.map((n) => join(p, n)));
    }
  }
  return ok(out);
}

/** Parses `--kind FILE=KIND` pairs; the file part is matched against paths as given or by base name. */
export function parseKindOverrides(pairs: readonly string[] | undefined): Result<Map<string, InputKind>> {
  const out = new Map<string, InputKind>();
  for (const p of pairs ?? []) {
    const i = p.lastIndexOf("=");
    const kind = (
      i > 0
        ? p
            .slice(i + 1)
            .trim()
            .replace("-", "_")
        : ""
    ) as InputKind;
    if (i <= 0 || !INPUT_KINDS.includes(kind))
      return fail({
        code: "invalid_option",
        path: { field: "--kind" },
        message: `--kind expects FILE=KIND`,
        received: p,
        expected: `KIND one of ${INPUT_KINDS.join(", ")}`,
      });
    out.set(p.slice(0, i).trim(), kind);
  }
  return ok(out);
}
