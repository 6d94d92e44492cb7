import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatIsoDate } from "../core/calendar.js";
import { type AbcClass, type AbcCutoffs, classifyAbc } from "../core/classify/abc.js";
import { abcXyzMatrix } from "../core/classify/abc-xyz-matrix.js";
import { DEFAULT_ITEM, type ItemField, itemColumnName, resolveItem } from "../core/item.js";
import type { ForecastActual } from "../core/kpi/records.js";
import { DAYS_PER_PERIOD } from "../core/plan/plan-series.js";
import { PERIODS_PER_YEAR, periodStart, seriesId } from "../core/series.js";
import { DEMAND_PATTERNS } from "../core/stats/demand-pattern.js";
import type { EpochDay } from "../core/units.js";
import { type Cell, writeCsv } from "../io/csv-writer.js";
import type { DemandImport } from "../io/read-demand.js";
import type { ItemsMaster } from "../io/read-items.js";
import { type AnalyzeReportModel, renderAnalyzeReport } from "../report/analyze-report.js";
import { renderOperationsReport } from "../report/operations-report.js";
import { summariseAccuracy } from "./accuracy-summary.js";
import { runJob, WORKER_URL } from "./jobs.js";
import {
  analyzeOperations,
  DEFAULT_KPI_WEEKS,
  lastCompleteWeekEnd,
  type OperationsAnalysis,
  type OperationsData,
  type OperationsOptions,
  operationsAsOf,
  type ReorderInForce,
  type SeriesFacts,
  seriesSupply,
  writeOperationsCsv,
} from "./operations.js";
import type { PlanShared, PlanTask, SeriesOutcome } from "./plan-chunk.js";
import { mapParallel } from "./worker-pool.js";

export interface AnalyzeOptions {
  readonly outDir: string;
  /** Forecast horizon, periods. */
  readonly horizon: number;
  readonly threads: number;
  /** How many series (by annual value) get a chart in the report. */
  readonly reportSeries: number;
  readonly seed: number;
  readonly abcCutoffs?: AbcCutoffs;
  readonly sources: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
  /** Purchase-order lines, inventory snapshots and customer orders, when given (issue 5). */
  readonly operations?: OperationsData;
  /** The operations review's as-of day (default: the last day of any record) and trailing months. */
  readonly window?: OperationsWindow;
}

export type OperationsWindow = Pick<OperationsOptions, "asOf" | "months">;

/** One row of plan.csv: the planner's figures for a SKU × location. */
export type PlanRow = Record<string, Cell>;

export interface AnalyzedSeries {
  /** Position in the demand import (and the task list). */
  readonly index: number;
  readonly sku: string;
  readonly location: string;
  readonly abc: AbcClass;
  readonly annualValue: number;
  /**
   * The plan. Its `explanation` is kept only for the report's detail series (the `reportSeries` highest
   * by annual value) and is empty for the others, whose explanations are in plan.json.
   */
  readonly plan: SeriesOutcome;
  readonly row: PlanRow;
}

export interface AnalyzeRun {
  readonly series: readonly AnalyzedSeries[];
  readonly report: AnalyzeReportModel;
  readonly files: readonly string[];
  /** The operations sections (null sections: inputs missing); null when no operational file was given. */
  readonly operations: OperationsAnalysis | null;
}

/** Column order of plan.csv (issues #2 and #3: analytics, forecast accuracy, then policy). */
export const PLAN_COLUMNS = [
  "sku",
  "location",
  "abc",
  "xyz",
  "pattern",
  "mean_daily_demand",
  "demand_cv",
  "adi",
  "cv2",
  "zero_share",
  "forecast_method",
  "runner_up",
  "mape",
  "lead_time_mape",
  "wape",
  "mase",
  "rmsse",
  "bias",
  "annual_value",
  "unit_cost",
  "service_target",
  "service_type",
  "lead_time_days",
  "lead_time_sd",
  "distribution",
  "safety_stock",
  "reorder_point",
  "order_quantity",
  "min",
  "max",
  "order_up_to",
  "review_period_days",
  "kanban_cards",
  "kanban_container",
  "ddmrp_red",
  "ddmrp_yellow",
  "ddmrp_green",
  "review_threshold",
  "emergency_threshold",
  "readiness",
  "readiness_reasons",
  "defaulted",
] as const;

/**
 * `takt analyze`: plans every series (in parallel), classifies ABC over the whole catalogue, and writes
 * plan.csv, plan.json and report.html into `outDir`.
 */
export async function runAnalyze(
  demand: DemandImport,
  items: ItemsMaster | null,
  o: AnalyzeOptions,
): Promise<AnalyzeRun> {
  // Observed lead times from the PO lines replace the items master's (docs/operations-inputs.md).
  const po = o.operations?.purchaseLines ?? [];
  const opsAsOf = o.window?.asOf ?? (o.operations ? operationsAsOf(o.operations) : null);
  const supply =
    po.length > 0 && opsAsOf !== null
      ? seriesSupply(po, demand.series, {
          asOf: opsAsOf,
          ...(o.window?.months === undefined ? {} : { months: o.window.months }),
          supplierOf: (sku, location) => items?.itemFor(sku, location).supplier ?? null,
        })
      : null;
  const tasks: PlanTask[] = demand.series.map((series, i) => {
    const samples = supply?.[i]?.leadTimeSamples;
    const supplier = supply?.[i]?.supplierStats;
    return {
      series,
      item: resolveItem(items?.itemFor(series.sku, series.location) ?? {}, series.unitPrice),
      ...(samples ? { leadTimeSamples: samples.slice() } : {}),
      ...(supplier ? { supplier } : {}),
    };
  });
  // The KPI weeks, forecast after the fact from the days before each (weekly MAPE / WAPE).
  const accuracyWeeks =
    opsAsOf === null
      ? undefined
      : {
          firstDay: lastCompleteWeekEnd(opsAsOf) - 7 * DEFAULT_KPI_WEEKS + 1,
          weeks: DEFAULT_KPI_WEEKS,
        };
  const shared: PlanShared = {
    job: "plan",
    horizon: o.horizon,
    seed: o.seed,
    ...(accuracyWeeks ? { accuracyWeeks } : {}),
  };
  // Annual value and ABC need only the history (profile.mean is this same mean), so they are known
  // before planning; plan.json is then written as the plans arrive, in order, and each plan keeps
  // its explanation only when the report shows it (the `reportSeries` highest by annual value).
  const values = Float64Array.from(tasks, (t) => {
    const q = t.series.quantities;
    let total = 0;
    for (let k = 0; k < q.length; k++) total += q[k]!;
    const mean = q.length > 0 ? total / q.length : Number.NaN;
    return mean * PERIODS_PER_YEAR[t.series.frequency] * t.item.params.unitCost;
  });
  const abc = classifyAbc(values, o.abcCutoffs);
  const byValue = Array.from(tasks, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const detailed = new Set(byValue.slice(0, o.reportSeries));
  const rows: PlanRow[] = new Array(tasks.length);
  await mkdir(o.outDir, { recursive: true });
  const jsonPath = join(o.outDir, "plan.json");
  const json = planJsonWriter(jsonPath, demand, tasks.length, o);
  const pending = new Map<number, SeriesOutcome[]>();
  let next = 0;
  let plans: SeriesOutcome[];
  let complete = false;
  try {
    plans = (await mapParallel(
      tasks,
      { workerUrl: WORKER_URL, handler: runJob, shared },
      {
        threads: o.threads,
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
        onChunk: (start, results) => {
          pending.set(start, results as SeriesOutcome[]);
          for (let chunk = pending.get(next); chunk !== undefined; chunk = pending.get(next)) {
            pending.delete(next);
            chunk.forEach((plan, k) => {
              const i = next + k;
              const row = planRow(tasks[i]!, plan, abc[i]!, values[i]!);
              rows[i] = row;
              json.put(seriesJson(row, plan));
              if (!detailed.has(i)) chunk[k] = { ...plan, explanation: [] };
            });
            next += chunk.length;
          }
        },
      },
    )) as SeriesOutcome[];
    complete = true;
  } finally {
    json.close(complete);
  }

  const series: AnalyzedSeries[] = plans.map((plan, i) => {
    const t = tasks[i]!;
    return {
      index: i,
      sku: t.series.sku,
      location: t.series.location,
      abc: abc[i]!,
      annualValue: values[i]!,
      plan,
      row: rows[i]!,
    };
  });

  const csvPath = join(o.outDir, "plan.csv");
  await writeCsv(
    csvPath,
    PLAN_COLUMNS,
    series.map((s) => PLAN_COLUMNS.map((c) => s.row[c])),
  );
  // The report always has the operations sections: each says what it needs when its input is missing.
  const operations = analyzeOperations(o.operations ?? {}, {
    ...operationsOptions(tasks, series, items),
    ...o.window,
  });
  const opsFiles = await writeOperationsCsv(o.outDir, operations);
  const report = { ...reportModel(demand, tasks, series, o), operations };
  const htmlPath = join(o.outDir, "report.html");
  await writeFile(htmlPath, renderAnalyzeReport(report));
  return {
    series,
    report,
    files: [csvPath, jsonPath, ...opsFiles, htmlPath],
    operations: o.operations ? operations : null,
  };
}

/** What the operations sections take from the plan: per-series facts, unit costs, approved suppliers. */
function operationsOptions(
  tasks: readonly PlanTask[],
  series: readonly AnalyzedSeries[],
  items: ItemsMaster | null,
) {
  const cost = new Map<string, number>();
  const approved = new Map<string, string[]>();
  const plan: SeriesFacts[] = series.map((s) => {
    const t = tasks[s.index]!;
    cost.set(seriesId(s), t.item.params.unitCost);
    const sup = items?.itemFor(s.sku, s.location).supplier;
    if (sup) {
      const a = approved.get(s.sku) ?? [];
      if (!a.includes(sup)) a.push(sup);
      approved.set(s.sku, a);
    }
    return {
      sku: s.sku,
      location: s.location,
      leadTimeDays: Number(s.plan.policy.lead_time_days),
      safetyStock: s.plan.safetyStock,
      reorderPoint: s.plan.reorderPoint,
      meanDailyDemand: s.plan.meanDailyDemand,
      abc: s.abc,
      ...(t.series.frequency === "day"
        ? { demand: { start: t.series.start, values: t.series.quantities } }
        : {}),
    };
  });
  return {
    plan,
    approvedSuppliers: approved,
    unitCost: (sku: string, location: string) => cost.get(seriesId({ sku, location })) ?? null,
    itemGroups: (sku: string, location: string) => {
      const it = items?.itemFor(sku, location);
      return { category: it?.category, supplier: it?.supplier };
    },
    forecasts: forecastActuals(tasks, series),
    reorderInForce: reorderInForce(items),
  };
}

/**
 * The items master's reorder point in force per SKU × location, with the review period it is checked
 * on (the master's, else DEFAULT_ITEM's, as the plan resolves it); null where the master has none.
 */
function reorderInForce(items: ItemsMaster | null): (sku: string, location: string) => ReorderInForce | null {
  return (sku, location) => {
    const reorderPoint = items?.reorderPointFor(sku, location);
    if (items === null || reorderPoint === undefined) return null;
    const review = items.itemFor(sku, location).reviewPeriodDays ?? DEFAULT_ITEM.reviewPeriodDays;
    return { reorderPoint, reviewPeriodDays: review };
  };
}

/** Forecast/actual pairs of the KPI weeks: each day of the history the workers forecast beforehand. */
function forecastActuals(tasks: readonly PlanTask[], series: readonly AnalyzedSeries[]): ForecastActual[] {
  const out: ForecastActual[] = [];
  for (const s of series) {
    const wf = s.plan.weekForecasts;
    if (wf === undefined) continue;
    const { start, quantities: q } = tasks[s.index]!.series;
    for (let i = 0; i < wf.values.length; i++) {
      const day = wf.firstDay + i;
      const forecast = wf.values[i]!;
      const at = day - start;
      if (at < 0 || at >= q.length || Number.isNaN(forecast)) continue;
      out.push({ day: day as EpochDay, sku: s.sku, location: s.location, actual: q[at]!, forecast });
    }
  }
  return out;
}

/**
 * `takt analyze` without a demand history: the operations sections alone, written as suppliers.csv,
 * kpis.csv and report.html into `outDir`.
 */
export async function runOperations(
  data: OperationsData,
  items: ItemsMaster | null,
  o: Pick<AnalyzeOptions, "outDir" | "sources" | "window">,
): Promise<{ readonly operations: OperationsAnalysis; readonly files: readonly string[] }> {
  const operations = analyzeOperations(data, {
    unitCost: (sku, location) => items?.itemFor(sku, location).unitCost ?? null,
    itemGroups: (sku, location) => {
      const it = items?.itemFor(sku, location);
      return { category: it?.category, supplier: it?.supplier };
    },
    reorderInForce: reorderInForce(items),
    ...o.window,
  });
  await mkdir(o.outDir, { recursive: true });
  const files = await writeOperationsCsv(o.outDir, operations);
  const htmlPath = join(o.outDir, "report.html");
  await writeFile(
    htmlPath,
    renderOperationsReport(operations, {
      title: "takt analyze — suppliers, KPIs, stockouts and aging",
      sources: o.sources,
    }),
  );
  return { operations, files: [...files, htmlPath] };
}

/** The plan.csv row of one series. */
function planRow(t: PlanTask, plan: SeriesOutcome, abc: AbcClass, annualValue: number): PlanRow {
  const f = plan.forecast;
  const sc = f.scores[f.method];
  return {
    sku: t.series.sku,
    location: t.series.location,
    abc,
    xyz: plan.xyz,
    pattern: plan.profile.pattern,
    mean_daily_demand: plan.meanDailyDemand,
    demand_cv: plan.profile.cv,
    adi: plan.profile.adi,
    cv2: plan.profile.cv2,
    zero_share: plan.profile.zeroShare,
    forecast_method: f.method,
    runner_up: f.runnerUp,
    mape: sc?.mape,
    lead_time_mape: f.leadTimeMape,
    wape: sc?.wape,
    mase: sc?.mase,
    rmsse: sc?.rmsse,
    bias: sc?.bias,
    annual_value: annualValue,
    unit_cost: t.item.params.unitCost,
    ...plan.policy,
    defaulted: t.item.defaulted.map(itemColumnName).join(" "),
  };
}

/**
 * plan.json: every row plus the forecast choice and each figure's derivation, written series by series
 * (`put`, in order) through a 1 MiB buffer, so neither the document (≈ 5 KB a series) nor the
 * explanations of all series are ever in memory at once. Synchronous writes: `put` runs between chunks.
 */
function planJsonWriter(
  path: string,
  demand: DemandImport,
  count: number,
  o: AnalyzeOptions,
): { put(seriesText: string): void; close(complete: boolean): void } {
  const head = JSON.stringify({
    generatedBy: "takt analyze",
    sources: o.sources,
    firstDate: formatIsoDate(demand.firstDate),
    lastDate: formatIsoDate(demand.lastDate),
    series: count,
  });
  const fd = openSync(path, "w");
  const buf = Buffer.allocUnsafe(1 << 20);
  let at = 0;
  let written = 0;
  const flush = () => {
    for (let off = 0; off < at; ) off += writeSync(fd, buf, off, at - off);
    at = 0;
  };
  const text = (t: string) => {
    if (at + 3 * t.length > buf.length) flush();
    if (3 * t.length > buf.length) writeSync(fd, t);
    else at += buf.write(t, at);
  };
  text(`{"meta":${head},"series":[\n`);
  return {
    put(seriesText) {
      text(written++ > 0 ? `,\n${seriesText}` : seriesText);
    },
    /** Ends the document (when `complete`; a failed run leaves it truncated, not falsely whole). */
    close(complete) {
      try {
        if (complete) text("\n]}\n");
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

function seriesJson(row: PlanRow, plan: SeriesOutcome): string {
  return JSON.stringify({
    ...row,
    profile: plan.profile,
    forecast: {
      method: plan.forecast.method,
      runnerUp: plan.forecast.runnerUp,
      reason: plan.forecast.reason,
      leadTimeMape: plan.forecast.leadTimeMape,
      scores: plan.forecast.scores,
      next: Array.from(plan.forecast.next, (v) => Math.round(v * 1000) / 1000),
    },
    rules: plan.rules,
    explanation: plan.explanation,
  });
}

function reportModel(
  demand: DemandImport,
  tasks: readonly PlanTask[],
  series: readonly AnalyzedSeries[],
  o: AnalyzeOptions,
): AnalyzeReportModel {
  const count = <T extends string>(keys: readonly T[], of: (s: AnalyzedSeries) => T) =>
    keys.map((k) => ({ key: k, n: series.filter((s) => of(s) === k).length })).filter((x) => x.n > 0);
  const matrix = abcXyzMatrix(
    series.map((s) => s.abc),
    series.map((s) => s.plan.xyz),
    series.map((s) => s.annualValue),
  );
  const tiedUp = (s: AnalyzedSeries) =>
    (s.plan.safetyStock + s.plan.orderQuantity / 2) * (s.row.unit_cost as number);
  const readiness = (["jit", "hybrid", "buffered"] as const).map((v) => {
    const group = series.filter((s) => s.plan.readiness === v);
    return { verdict: v, count: group.length, inventoryValue: group.reduce((a, s) => a + tiedUp(s), 0) };
  });
  const defaultedCount = new Map<ItemField, number>();
  for (const t of tasks)
    for (const f of t.item.defaulted) defaultedCount.set(f, (defaultedCount.get(f) ?? 0) + 1);
  const byValue = [...series].sort((a, b) => b.annualValue - a.annualValue);
  const accuracy = summariseAccuracy(
    series.flatMap((s) => {
      const sc = s.plan.forecast.scores[s.plan.forecast.method];
      return sc
        ? [{ group: s.plan.profile.pattern, scores: sc, leadTimeMape: s.plan.forecast.leadTimeMape }]
        : [];
    }),
    DEMAND_PATTERNS,
  );
  const methodCounts = new Map<string, number>();
  for (const s of series)
    methodCounts.set(s.plan.forecast.method, (methodCounts.get(s.plan.forecast.method) ?? 0) + 1);
  const tableLimit = 2000;
  const skus = new Set(series.map((s) => s.sku));
  const locations = new Set(series.map((s) => s.location));
  return {
    title: "takt analyze — demand, forecasts and replenishment plan",
    sources: o.sources,
    firstDate: formatIsoDate(demand.firstDate),
    lastDate: formatIsoDate(demand.lastDate),
    totals: { series: series.length, skus: skus.size, locations: locations.size, rows: demand.rowsUsed },
    warnings: demand.skipped.count > 0 ? [`${demand.skipped.count} bad rows were skipped (--lenient).`] : [],
    matrix: { counts: matrix.counts, value: matrix.value },
    patterns: count(DEMAND_PATTERNS, (s) => s.plan.profile.pattern).map((x) => ({
      pattern: x.key,
      count: x.n,
    })),
    accuracy,
    methods: [...methodCounts].sort((a, b) => b[1] - a[1]).map(([method, c]) => ({ method, count: c })),
    readiness,
    defaults: [...defaultedCount]
      .sort((a, b) => b[1] - a[1])
      .map(([field, n]) => ({
        field: itemColumnName(field),
        series: n,
        value: String(DEFAULT_ITEM[field] === "" ? "(none)" : DEFAULT_ITEM[field]),
      })),
    table: byValue.slice(0, tableLimit).map((s) => ({
      id: seriesId(s),
      sku: s.sku,
      location: s.location,
      abc: s.abc,
      xyz: s.plan.xyz,
      pattern: s.plan.profile.pattern,
      meanDailyDemand: s.plan.meanDailyDemand,
      method: s.plan.forecast.method,
      leadTimeMape: s.plan.forecast.leadTimeMape,
      rmsse: (s.row.rmsse as number | undefined) ?? Number.NaN,
      safetyStock: s.plan.safetyStock,
      reorderPoint: s.plan.reorderPoint,
      orderQuantity: s.plan.orderQuantity,
      readiness: s.plan.readiness,
      annualValue: s.annualValue,
    })),
    tableNote:
      series.length > tableLimit
        ? `The ${tableLimit} series with the highest annual value of ${series.length}; plan.csv has them all.`
        : `All ${series.length} series, by annual value.`,
    details: byValue.slice(0, o.reportSeries).map((s) => {
      const t = tasks[s.index]!;
      const q = t.series.quantities;
      const from = Math.max(0, q.length - 365);
      return {
        id: seriesId(s),
        title: `${s.sku}${s.location ? ` @ ${s.location}` : ""} — ${s.abc}${s.plan.xyz} ${s.plan.profile.pattern}, ${s.plan.forecast.method}`,
        start: periodStart(t.series.start, t.series.frequency, from),
        stepDays: DAYS_PER_PERIOD[t.series.frequency],
        history: Array.from(q.subarray(from)),
        forecast: Array.from(s.plan.forecast.next, (v) => Math.round(v * 100) / 100),
        safetyStock: s.plan.safetyStock,
        reorderPoint: s.plan.reorderPoint,
        explanation: s.plan.explanation,
      };
    }),
  };
}
