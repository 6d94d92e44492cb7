import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatIsoDate } from "../core/calendar.js";
import type { CustomerOrderLine, InventorySnapshot } from "../core/kpi/records.js";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import type { Cell } from "../io/csv-writer.js";
import { detectKind, type InputKind, isCsvName } from "../io/detect-kind.js";
import { readCustomerOrdersCsv } from "../io/read-customer-orders.js";
import { type DemandImport, readDemandCsv } from "../io/read-demand.js";
import { type ItemsMaster, readItemsCsv } from "../io/read-items.js";
import { readPurchaseOrdersCsv } from "../io/read-purchase-orders.js";
import { readSnapshotsCsv } from "../io/read-snapshots.js";
import { PLAN_COLUMNS, runAnalyze, runOperations } from "./analyze.js";
import type { OperationsData } from "./operations.js";

/** One uploaded file: its name as the user sees it (errors name it) and its bytes (.csv or .csv.gz). */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Most files one upload may carry, and their total size in bytes. */
export const MAX_UPLOAD_FILES = 10;
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** Most series an upload is planned for (a larger catalogue is `takt analyze`'s job). */
export const MAX_UPLOAD_SERIES = 5000;

export interface FileAnalysisOptions {
  /** Worker threads (0 = all cores, 1 = in-process; default 1). */
  readonly threads?: number;
  /** Series charted in the report (default 20). */
  readonly reportSeries?: number;
  readonly includeReport?: boolean;
}

export interface FileAnalysis {
  /** Each file with the kind it was recognised as. */
  readonly files: readonly { readonly name: string; readonly kind: InputKind; readonly bytes: number }[];
  /** Null without a demand history (operations sections only). */
  readonly demand: {
    readonly file: string;
    readonly rowsRead: number;
    readonly frequency: string;
    readonly firstDate: string;
    readonly lastDate: string;
    readonly series: number;
  } | null;
  /** Series per demand class, ABC class and readiness verdict (with the inventory value tied up, as the report). */
  readonly patterns: Readonly<Record<string, number>>;
  readonly abc: Readonly<Record<string, number>>;
  readonly readiness: readonly {
    readonly verdict: string;
    readonly series: number;
    readonly tiedUp: number;
  }[];
  /** plan.csv's columns and one row per series, as `takt analyze` writes them. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** report.html, when asked for. */
  readonly reportHtml: string | null;
}

const issue = (file: string, code: string, message: string, expected?: string, received?: string): Issue => ({
  code,
  path: { file },
  message,
  ...(expected !== undefined ? { expected } : {}),
  ...(received !== undefined ? { received } : {}),
});

/**
 * `takt analyze` on uploaded files, storing nothing: the files go to a private temporary folder, are
 * recognised by their headers and read by the same readers (errors name the file, line and column),
 * planned by runAnalyze (or runOperations without a demand history), and the folder is removed.
 * Returns the summary, plan.csv's rows and, when asked, report.html.
 */
export async function analyzeUploadedFiles(
  files: readonly UploadedFile[],
  o: FileAnalysisOptions = {},
): Promise<Result<FileAnalysis>> {
  const problems: Issue[] = [];
  if (files.length === 0) problems.push(issue("", "no_files", "no file uploaded", "1 to 10 CSV files"));
  if (files.length > MAX_UPLOAD_FILES)
    problems.push(
      issue("", "too_many_files", "too many files", `≤ ${MAX_UPLOAD_FILES}`, String(files.length)),
    );
  const total = files.reduce((s, f) => s + f.bytes.length, 0);
  if (total > MAX_UPLOAD_BYTES)
    problems.push(
      issue(
        "",
        "too_large",
        "the files are too large together",
        `≤ ${MAX_UPLOAD_BYTES} bytes`,
        String(total),
      ),
    );
  const seen = new Set<string>();
  for (const f of files) {
    if (!/^[^/\\\0]{1,200}$/.test(f.name) || f.name === "." || f.name === "..")
      problems.push(
        issue(f.name, "invalid_name", "a file name without folders", "a plain file name", f.name),
      );
    else if (!isCsvName(f.name))
      problems.push(
        issue(f.name, "not_csv", "not a CSV file name", ".csv, .tsv, .csv.gz or .tsv.gz", f.name),
      );
    if (seen.has(f.name))
      problems.push(issue(f.name, "duplicate_name", "the same file name twice", "distinct names", f.name));
    seen.add(f.name);
  }
  if (problems.length > 0) return fail(...problems);
  const dir = await mkdtemp(join(tmpdir(), "takt-upload-"));
  try {
    return await analyzeIn(dir, files, o);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function analyzeIn(
  dir: string,
  files: readonly UploadedFile[],
  o: FileAnalysisOptions,
): Promise<Result<FileAnalysis>> {
  const routed: { name: string; path: string; kind: InputKind; bytes: number }[] = [];
  const unknown: Issue[] = [];
  for (const [i, f] of files.entries()) {
    // Stored under a name of our own (the index keeps the extension's meaning); errors use the user's.
    const ext = /\.(csv|tsv)(\.gz)?$/i.exec(f.name)![0].toLowerCase();
    const path = join(dir, `${i}${ext}`);
    await writeFile(path, f.bytes);
    const kind = await detectKind(path, f.name);
    if (!kind.ok) {
      for (const x of kind.issues) {
        const { expected, ...rest } = x;
        const e = expected?.replace(/; or name the kind with --kind FILE=KIND$/, "");
        unknown.push(e === undefined ? rest : { ...rest, expected: e });
      }
      continue;
    }
    routed.push({ name: f.name, path, kind: kind.value, bytes: f.bytes.length });
  }
  if (unknown.length > 0) return fail(...unknown);
  const of = (k: InputKind) => routed.filter((r) => r.kind === k);
  for (const k of ["demand", "items"] as const)
    if (of(k).length > 1)
      return fail(
        issue(
          of(k)[1]!.name,
          "ambiguous_input",
          `more than one ${k === "demand" ? "demand history" : "items master"}: ${of(k)
            .map((r) => r.name)
            .join(", ")}`,
          "one",
          String(of(k).length),
        ),
      );
  let demand: DemandImport | null = null;
  const d = of("demand")[0];
  if (d) {
    const r = await readDemandCsv(d.path, { label: d.name });
    if (!r.ok) return r;
    demand = r.value;
    if (demand.series.length > MAX_UPLOAD_SERIES)
      return fail(
        issue(
          d.name,
          "too_many_series",
          `${demand.series.length} series: an upload plans at most ${MAX_UPLOAD_SERIES}; run takt analyze on the file instead`,
          `≤ ${MAX_UPLOAD_SERIES} SKU × locations`,
          String(demand.series.length),
        ),
      );
  }
  let items: ItemsMaster | null = null;
  const it = of("items")[0];
  if (it) {
    const r = await readItemsCsv(it.path, { label: it.name });
    if (!r.ok) return r;
    items = r.value;
  }
  const po: PurchaseOrderLine[] = [];
  const snaps: InventorySnapshot[] = [];
  const orders: CustomerOrderLine[] = [];
  for (const f of of("purchase_orders")) {
    const r = await readPurchaseOrdersCsv(f.path, { label: f.name });
    if (!r.ok) return r;
    po.push(...r.value.lines);
  }
  for (const f of of("snapshots")) {
    const r = await readSnapshotsCsv(f.path, { label: f.name });
    if (!r.ok) return r;
    snaps.push(...r.value.snapshots);
  }
  for (const f of of("customer_orders")) {
    const r = await readCustomerOrdersCsv(f.path, { label: f.name });
    if (!r.ok) return r;
    orders.push(...r.value.lines);
  }
  const hasOps = of("purchase_orders").length + of("snapshots").length + of("customer_orders").length > 0;
  const operations: OperationsData | null = hasOps
    ? {
        ...(of("purchase_orders").length ? { purchaseLines: po } : {}),
        ...(of("snapshots").length ? { snapshots: snaps } : {}),
        ...(of("customer_orders").length ? { customerOrders: orders } : {}),
      }
    : null;
  const fileList = routed.map((r) => ({ name: r.name, kind: r.kind, bytes: r.bytes }));
  const outDir = join(dir, "out");
  const sources = routed.map((r) => r.name);
  const window = { months: 12 };
  if (demand === null) {
    if (operations === null)
      return fail(
        issue(
          routed[0]?.name ?? "",
          "nothing_to_analyze",
          "no demand history and no purchase-order, snapshot or customer-order file among the uploads: nothing to analyze",
          "a demand history, or operational files",
        ),
      );
    await runOperations(operations, items, { outDir, sources, window });
    return ok({
      files: fileList,
      demand: null,
      patterns: {},
      abc: {},
      readiness: [],
      columns: [...PLAN_COLUMNS],
      rows: [],
      reportHtml: o.includeReport ? await readFile(join(outDir, "report.html"), "utf8") : null,
    });
  }
  const run = await runAnalyze(demand, items, {
    outDir,
    horizon: 28,
    threads: o.threads ?? 1,
    reportSeries: o.reportSeries ?? 20,
    seed: 1,
    sources,
    window,
    ...(operations ? { operations } : {}),
  });
  const patterns: Record<string, number> = {};
  const abc: Record<string, number> = {};
  for (const s of run.series) {
    patterns[s.plan.profile.pattern] = (patterns[s.plan.profile.pattern] ?? 0) + 1;
    abc[s.abc] = (abc[s.abc] ?? 0) + 1;
  }
  return ok({
    files: fileList,
    demand: {
      file: d!.name,
      rowsRead: demand.rowsRead,
      frequency: demand.frequency,
      firstDate: formatIsoDate(demand.firstDate),
      lastDate: formatIsoDate(demand.lastDate),
      series: demand.series.length,
    },
    patterns,
    abc,
    readiness: run.report.readiness.map((r) => ({
      verdict: r.verdict,
      series: r.count,
      tiedUp: r.inventoryValue,
    })),
    columns: [...PLAN_COLUMNS],
    rows: run.series.map((s) => PLAN_COLUMNS.map((c) => s.row[c])),
    reportHtml: o.includeReport ? await readFile(join(outDir, "report.html"), "utf8") : null,
  });
}
