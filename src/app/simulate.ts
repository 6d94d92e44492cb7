import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatIsoDate } from "../core/calendar.js";
import { type ResolvedItem, resolveItem } from "../core/item.js";
import type { Readiness } from "../core/policy/readiness.js";
import type { ReplenishmentRule } from "../core/policy/rule.js";
import { seriesId } from "../core/series.js";
import { aggregateResults, type CatalogueTotals } from "../core/simulate/aggregate.js";
import type { CalibrationStatus } from "../core/simulate/calibration.js";
import type { SimulationResult } from "../core/simulate/types.js";
import { DEFAULT_SCALES, scaleBuffer } from "../core/simulate/what-if.js";
import { DEMAND_PATTERNS } from "../core/stats/demand-pattern.js";
import { quantileSorted } from "../core/stats/summary.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import type { EpochDay } from "../core/units.js";
import { type Cell, writeCsv } from "../io/csv-writer.js";
import type { DemandImport } from "../io/read-demand.js";
import type { ItemsMaster } from "../io/read-items.js";
import {
  renderSimulateReport,
  type SimulateReportModel,
  type TraceDetail,
} from "../report/simulate-report.js";
import { runJob, WORKER_URL } from "./jobs.js";
import { seriesSupply } from "./operations.js";
import {
  achievedService,
  DEFAULT_DEMAND_PATHS,
  type DemandSource,
  type LeadTimeSource,
  METRIC_FIELDS,
  metricsAt,
  type PolicyKind,
  pathFillRates,
  type ReplayMetrics,
  replayedDemand,
  type SeriesReplay,
  type SimulateShared,
  type SimulateTask,
  smallestScaleMeeting,
  traceReplay,
} from "./simulate-chunk.js";
import { mapParallel } from "./worker-pool.js";

export interface SimulateRunOptions {
  readonly outDir: string;
  /** First replayed day: plans see only the history strictly before it. */
  readonly from: EpochDay;
  /** Last replayed day (inclusive); default the last day of the history. */
  readonly to?: EpochDay;
  /** Rule type replayed (default "rq": the reorder point and order quantity analyze reports). */
  readonly policy?: PolicyKind;
  /** Buffer scales (multiply the safety stock); 1 is always added. Default 1, 0.9, 0.8, 0.7. */
  readonly scales?: readonly number[];
  readonly unmetDemand?: "backorder" | "lost_sales";
  /** Walk-forward: re-plan every this many days (default: plan once, at --from). */
  readonly replanEveryDays?: number;
  /** Calibration tolerance, fraction (default 0.02 = 2 points). */
  readonly tolerance?: number;
  /** Lead time for every item, days: replaces the master's (with σL = 0) for the plan and the replay. */
  readonly leadTimeDays?: number;
  /** Fill-rate target for every item: replaces the master's service target and type. */
  readonly fillRateTarget?: number;
  /** Shortage cost per unit short (default "margin": unit price − unit cost, at least 0). */
  readonly shortageCost?: number | "margin";
  /**
   * Warm-up before --from, days (default 365; 0 = each scale starts at its rule's top level): the
   * plan's rule runs over these days of history first; every scale starts in the state it reaches,
   * less that scale's buffer cut (docs/what-if.md).
   */
  readonly warmUpDays?: number;
  readonly threads: number;
  readonly seed?: number;
  /**
   * Demand replayed (default "history"): the actual days, or `paths` paths per series drawn from the
   * model fitted at --from (the plan's forecast and lead-time-demand family; core demand-paths).
   */
  readonly demand?: DemandSource;
  /** Paths per series with demand "model" (default 20). */
  readonly paths?: number;
  /**
   * Lead times replayed: "fixed" (the plan's: --lead-time or the items master) or "recorded" (each
   * order draws one of the series' recorded lead times, PO lines received before --from; the plan
   * uses the same samples, as analyze does). Default: recorded when PO lines are given, else fixed.
   */
  readonly leadTimes?: "fixed" | "recorded";
  /** Purchase-order lines (any dates; only what was known before --from is used). */
  readonly purchaseLines?: readonly PurchaseOrderLine[];
  /** Months of receipts before --from the recorded lead times come from (seriesSupply, default 12). */
  readonly months?: number;
  /** Series with a daily trace in the report (worst fill rate at scale 1 first; default 50). */
  readonly reportSeries?: number;
  readonly sources: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

/** Default warm-up before --from, days: a year, so the replay starts mid-cycle, not with full stock. */
export const DEFAULT_WARM_UP_DAYS = 365;

/** The demand classes totals are broken down by ("all" first). */
export const GROUPS = ["all", ...DEMAND_PATTERNS] as const;
export type Group = (typeof GROUPS)[number];

/** One replayed SKU × location with everything the outputs show. */
export interface SimulatedSeries {
  readonly sku: string;
  readonly location: string;
  /** Epoch day of history index 0 (the first sale). */
  readonly start: EpochDay;
  /** Days of history the first plan saw (before --from). */
  readonly historyDays: number;
  readonly replay: SeriesReplay;
  /** Figures per scale, in `scales` order (means over the paths with demand "model"). */
  readonly scenarios: readonly ReplayMetrics[];
  /** Per scale, p10 and p90 of the fill rate over the demand paths (NaN for history). */
  readonly fillRateSpread: readonly FillRateSpread[];
  /** The plan's verdict, demoted from jit to hybrid when the replay missed the target (calibration). */
  readonly readinessAfterReplay: Readiness;
}

/** p10 and p90 of a fill rate over the demand paths (type-7 quantiles); NaN without paths. */
export interface FillRateSpread {
  readonly p10: number;
  readonly p90: number;
}

/** Catalogue totals of one group at one scale (core aggregateResults plus per-SKU targets). */
export interface ScenarioTotals extends CatalogueTotals {
  /** The group's units-weighted fill rate on each path, p10 and p90 (NaN for history). */
  readonly fillRateSpread: FillRateSpread;
  readonly group: Group;
  readonly scale: number;
  /** SKUs with demand whose replayed service is below their own target (fill rate or cycle). */
  readonly skusBelowOwnTarget: number;
  /** Demand-weighted mean of the SKU targets. */
  readonly target: number;
}

export type RecommendationStatus = "cut" | "keep" | "raise" | "below_target" | "no_demand";

export interface Recommendation {
  readonly scope: "sku" | "catalogue" | "per_sku_scales";
  readonly sku: string;
  readonly location: string;
  readonly pattern: string;
  readonly serviceType: string;
  readonly target: number;
  readonly recommendedScale: number | null;
  readonly status: RecommendationStatus;
  /** Service achieved (fill rate, or cycle service for cycle targets) at the recommended scale. */
  readonly achieved: number;
  readonly fillRate: number;
  readonly inventoryValue: number;
  readonly fillRateAtOne: number;
  readonly inventoryValueAtOne: number;
  /** (value at recommended − value at 1) ÷ value at 1; negative = saving. */
  readonly inventoryValueChange: number;
  /** The next smaller scale tried, which failed (evidence); null when none. */
  readonly nextScale: number | null;
  readonly achievedAtNextScale: number;
  /** Overall rows: SKUs below their own target at the recommended scale(s). */
  readonly skusBelowTarget: number | null;
}

export interface SimulateRun {
  readonly series: readonly SimulatedSeries[];
  /** Series left out, with why. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  readonly scales: readonly number[];
  readonly policy: PolicyKind;
  readonly from: EpochDay;
  readonly to: EpochDay;
  readonly demand: DemandSource;
  /** Demand paths per series (1 for history). */
  readonly paths: number;
  readonly leadTimes: "fixed" | "recorded";
  /** Series per lead-time source. */
  readonly leadTimeSources: Readonly<Record<LeadTimeSource, number>>;
  readonly totals: readonly ScenarioTotals[];
  readonly recommendations: readonly Recommendation[];
  readonly overall: { readonly catalogue: Recommendation; readonly perSkuScales: Recommendation };
  readonly calibrationCounts: Readonly<Record<CalibrationStatus, number>>;
  readonly readinessCounts: readonly {
    readonly verdict: Readiness;
    readonly before: number;
    readonly after: number;
  }[];
  readonly tolerance: number;
  readonly files: readonly string[];
}

/**
 * Checks the replay window against the history; a message naming the option when it does not fit,
 * else null. --from must leave at least one day of history before it and lie within the history.
 */
export function checkWindow(demand: DemandImport, from: EpochDay, to: EpochDay | undefined): string | null {
  const span = `the history runs from ${formatIsoDate(demand.firstDate)} to ${formatIsoDate(demand.lastDate)}`;
  if (demand.frequency !== "day")
    return `the replay is daily, but ${demand.file} is a ${demand.frequency}ly history; simulate needs daily demand`;
  if (from <= demand.firstDate || from > demand.lastDate)
    return `--from ${formatIsoDate(from)} is outside the history: ${span}, and --from must leave at least one day of history before it (earliest ${formatIsoDate(demand.firstDate + 1)})`;
  if (to !== undefined && (to < from || to > demand.lastDate))
    return `--to ${formatIsoDate(to)} must lie between --from ${formatIsoDate(from)} and the end of the history (${formatIsoDate(demand.lastDate)})`;
  return null;
}

/** Normalises the scales: finite, ≥ 0, no duplicates, 1 included, largest first. */
export function normaliseScales(scales: readonly number[]): number[] {
  for (const s of scales)
    if (!(s >= 0 && Number.isFinite(s)))
      throw new RangeError(`buffer scale must be finite and ≥ 0, got ${s}`);
  const set = new Set([1, ...scales]);
  return [...set].sort((a, b) => b - a);
}

/** jit becomes hybrid when the replay missed the target by more than the tolerance (docs/policies.md §9). */
export function readinessAfterReplay(verdict: Readiness, status: CalibrationStatus): Readiness {
  return status === "below_target" && verdict === "jit" ? "hybrid" : verdict;
}

/**
 * `takt simulate`: plans every daily series on the history before `from` (analyze's pipeline), replays
 * the actual demand from `from` to `to` under the planned rule at each buffer scale (worker threads),
 * and writes simulation.csv, totals.csv, tradeoff.csv, recommendations.csv, calibration.csv,
 * simulation.json and report.html into `outDir`.
 */
export async function runSimulate(
  demand: DemandImport,
  items: ItemsMaster | null,
  o: SimulateRunOptions,
): Promise<SimulateRun> {
  const problem = checkWindow(demand, o.from, o.to);
  if (problem !== null) throw new RangeError(problem);
  const to = o.to ?? demand.lastDate;
  const scales = normaliseScales(o.scales ?? DEFAULT_SCALES);
  const policy = o.policy ?? "rq";
  const tolerance = o.tolerance ?? 0.02;
  if (!(tolerance >= 0 && tolerance < 1))
    throw new RangeError(`tolerance must be in [0, 1), got ${tolerance}`);
  const warm = o.warmUpDays ?? DEFAULT_WARM_UP_DAYS;
  if (!(Number.isInteger(warm) && warm >= 0))
    throw new RangeError(`warm-up must be a whole number of days ≥ 0, got ${warm}`);
  const demandSource = o.demand ?? "history";
  const paths = demandSource === "model" ? (o.paths ?? DEFAULT_DEMAND_PATHS) : 1;
  if (!(Number.isInteger(paths) && paths >= 1))
    throw new RangeError(`paths must be a whole number ≥ 1, got ${paths}`);
  const po = o.purchaseLines ?? [];
  const leadTimes = o.leadTimes ?? (po.length > 0 && o.leadTimeDays === undefined ? "recorded" : "fixed");
  if (leadTimes === "recorded" && po.length === 0)
    throw new RangeError("recorded lead times need purchase-order lines: none were given");
  if (leadTimes === "recorded" && o.leadTimeDays !== undefined)
    throw new RangeError(
      "--lead-time sets a fixed lead time for every item; it cannot be combined with recorded lead times",
    );

  const tasks: SimulateTask[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const s of demand.series) {
    const cut = o.from - s.start;
    if (cut < 1) {
      skipped.push({
        id: seriesId(s),
        reason: `first sale on ${formatIsoDate(s.start)}: no history before --from to plan on`,
      });
      continue;
    }
    const end = Math.min(s.quantities.length, to - s.start + 1);
    tasks.push({
      series: { ...s, quantities: s.quantities.slice(0, end) },
      cut,
      item: overrideItem(resolveItem(items?.itemFor(s.sku, s.location) ?? {}, s.unitPrice), o),
      leadTimeSource: o.leadTimeDays !== undefined ? "option" : "items_master",
    });
  }
  if (leadTimes === "recorded") {
    // Only what was known at the end of the day before --from: no receipt of the replay period leaks.
    const asOf = o.from - 1;
    const supply = seriesSupply(
      purchaseLinesAsOf(po, asOf),
      tasks.map((t) => t.series),
      {
        asOf,
        ...(o.months === undefined ? {} : { months: o.months }),
        supplierOf: (sku, location) => items?.itemFor(sku, location).supplier ?? null,
      },
    );
    tasks.forEach((t, i) => {
      const sup = supply[i]!;
      const n = sup.leadTimeSamples?.length ?? 0;
      tasks[i] = {
        ...t,
        ...(sup.leadTimeSamples ? { leadTimeSamples: sup.leadTimeSamples.slice() } : {}),
        ...(sup.supplierStats ? { supplier: sup.supplierStats } : {}),
        // Replayed from the record when the plan takes its lead time from it (≥ 3 samples, planPolicy).
        leadTimeSource:
          n >= MIN_RECORDED_LEAD_TIMES
            ? sup.samplesScope === "series"
              ? "recorded_series"
              : "recorded_supplier"
            : "items_master",
      };
    });
  }
  let shared: SimulateShared = {
    job: "simulate",
    horizon: 28,
    seed: o.seed ?? 1,
    policy,
    scales,
    unmetDemand: o.unmetDemand ?? "backorder",
    replanEveryDays: o.replanEveryDays ?? null,
    tolerance,
    shortageCost: o.shortageCost ?? "margin",
    warmUpDays: o.warmUpDays ?? DEFAULT_WARM_UP_DAYS,
    demand: demandSource,
    paths,
  };
  if (demandSource === "model") {
    // The paths follow the plan's forecast day by day: forecast the whole window.
    shared = { ...shared, horizon: Math.max(shared.horizon, to - o.from + 1) };
  }
  const replays = (await mapParallel(
    tasks,
    { workerUrl: WORKER_URL, handler: runJob, shared },
    { threads: o.threads, ...(o.onProgress ? { onProgress: o.onProgress } : {}) },
  )) as SeriesReplay[];

  const series: SimulatedSeries[] = replays.map((replay, i) => {
    const t = tasks[i]!;
    return {
      sku: t.series.sku,
      location: t.series.location,
      start: t.series.start,
      historyDays: t.cut,
      replay,
      scenarios: scales.map((_, k) => metricsAt(replay, k)),
      fillRateSpread: scales.map((_, k) => spreadOf(pathFillRates(replay, k))),
      readinessAfterReplay: readinessAfterReplay(replay.readiness, replay.calibration.status),
    };
  });

  const totals = scenarioTotals(series, scales);
  const recommendations = series.map((s) => skuRecommendation(s, scales));
  const overall = {
    catalogue: catalogueRecommendation(totals, scales),
    perSkuScales: perSkuScalesRow(series, recommendations, scales),
  };
  const calibrationCounts: Record<CalibrationStatus, number> = {
    ok: 0,
    below_target: 0,
    above_target: 0,
    no_demand: 0,
  };
  for (const s of series) calibrationCounts[s.replay.calibration.status]++;
  const leadTimeSources: Record<LeadTimeSource, number> = {
    option: 0,
    items_master: 0,
    recorded_series: 0,
    recorded_supplier: 0,
  };
  for (const s of series) leadTimeSources[s.replay.leadTimeSource]++;
  const readinessCounts = (["jit", "hybrid", "buffered"] as const).map((v) => ({
    verdict: v,
    before: series.filter((s) => s.replay.readiness === v).length,
    after: series.filter((s) => s.readinessAfterReplay === v).length,
  }));

  const run: Omit<SimulateRun, "files"> = {
    series,
    skipped,
    scales,
    policy,
    from: o.from,
    to: to as EpochDay,
    demand: demandSource,
    paths,
    leadTimes,
    leadTimeSources,
    totals,
    recommendations,
    overall,
    calibrationCounts,
    readinessCounts,
    tolerance,
  };
  await mkdir(o.outDir, { recursive: true });
  const files = [
    await writeSimulationCsv(o.outDir, run),
    await writeTotalsCsv(o.outDir, run),
    await writeTradeoffCsv(o.outDir, run),
    await writeRecommendationsCsv(o.outDir, run),
    await writeCalibrationCsv(o.outDir, run),
  ];
  const jsonPath = join(o.outDir, "simulation.json");
  await writeFile(jsonPath, simulationJson(run, demand, o, shared));
  files.push(jsonPath);
  const htmlPath = join(o.outDir, "report.html");
  const traces = traceDetails(run, tasks, shared, o.reportSeries ?? 50);
  await writeFile(htmlPath, renderSimulateReport(reportModel(run, demand, o, shared, traces)));
  files.push(htmlPath);
  return { ...run, files };
}

/** Fewest recorded lead times the plan takes its lead time from (planPolicy's minLeadTimeSamples). */
export const MIN_RECORDED_LEAD_TIMES = 3;

/**
 * The purchase-order lines as they stood at the end of day `asOf`: lines ordered later are dropped
 * (lines without an order day are kept when received by then), and receipts, ASNs and inspection
 * results after `asOf` are blanked (the line was still open). What --from may know, nothing more.
 */
export function purchaseLinesAsOf(lines: readonly PurchaseOrderLine[], asOf: number): PurchaseOrderLine[] {
  const out: PurchaseOrderLine[] = [];
  for (const l of lines) {
    if (l.orderDay !== null ? l.orderDay > asOf : l.receivedDay === null || l.receivedDay > asOf) continue;
    const received = l.receivedDay !== null && l.receivedDay <= asOf;
    const asn = l.asnDay !== null && l.asnDay <= asOf;
    out.push(
      received && (asn || l.asnDay === null)
        ? l
        : {
            ...l,
            ...(received ? {} : { receivedDay: null, qtyReceived: 0, qtyRejected: null }),
            ...(asn ? {} : { asnDay: null, asnQty: null }),
          },
    );
  }
  return out;
}

/** p10 and p90 of the finite values (type 7); NaN when there are none. */
export function spreadOf(values: ArrayLike<number>): FillRateSpread {
  const v = Float64Array.from(Array.from(values).filter((x) => Number.isFinite(x))).sort();
  return { p10: quantileSorted(v, 0.1), p90: quantileSorted(v, 0.9) };
}

/** Applies --lead-time (σL = 0: the replayed lead time is fixed) and --fill-rate to an item. */
function overrideItem(item: ResolvedItem, o: SimulateRunOptions): ResolvedItem {
  const p = { ...item.params };
  let defaulted = item.defaulted;
  if (o.leadTimeDays !== undefined) {
    p.leadTimeDays = o.leadTimeDays;
    p.leadTimeSdDays = 0;
    defaulted = defaulted.filter((f) => f !== "leadTimeDays" && f !== "leadTimeSdDays");
  }
  if (o.fillRateTarget !== undefined) {
    p.serviceTarget = o.fillRateTarget;
    p.serviceType = "fill_rate";
    defaulted = defaulted.filter((f) => f !== "serviceTarget" && f !== "serviceType");
  }
  return { params: p, defaulted };
}

/** A SimulationResult from packed figures, for core aggregateResults (which reads figures only). */
const asResult = (m: ReplayMetrics): SimulationResult => ({
  ...m,
  final: { onHand: 0, backorders: 0, pipeline: new Float64Array(0) },
  trace: null,
});

export function scenarioTotals(
  series: readonly SimulatedSeries[],
  scales: readonly number[],
): ScenarioTotals[] {
  const out: ScenarioTotals[] = [];
  for (const group of GROUPS) {
    const members = group === "all" ? series : series.filter((s) => s.replay.pattern === group);
    if (members.length === 0) continue;
    scales.forEach((scale, k) => {
      const ms = members.map((s) => s.scenarios[k]!);
      let below = 0;
      let weighted = 0;
      let demand = 0;
      members.forEach((s, j) => {
        const m = ms[j]!;
        if (m.totalDemand > 0) {
          if (achievedService(m, s.replay.serviceType) < s.replay.serviceTarget) below++;
          weighted += m.totalDemand * s.replay.serviceTarget;
          demand += m.totalDemand;
        }
      });
      out.push({
        ...aggregateResults(ms.map(asResult)),
        fillRateSpread: catalogueSpread(members, k),
        group,
        scale,
        skusBelowOwnTarget: below,
        target: demand > 0 ? weighted / demand : Number.NaN,
      });
    });
  }
  return out;
}

/** The units-weighted fill rate of `members` on each demand path at scale k, p10 and p90. */
function catalogueSpread(members: readonly SimulatedSeries[], k: number): FillRateSpread {
  const paths = members[0]?.replay.paths ?? 1;
  if (paths <= 1 || members.some((s) => s.replay.pathServed === null)) return spreadOf([]);
  const fills = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    let served = 0;
    let demand = 0;
    for (const s of members) {
      served += s.replay.pathServed![k * paths + p]!;
      demand += s.replay.pathDemand![k * paths + p]!;
    }
    fills[p] = demand > 0 ? served / demand : Number.NaN;
  }
  return spreadOf(fills);
}

const change = (v: number, base: number): number => (base > 0 ? (v - base) / base : Number.NaN);

export function skuRecommendation(s: SimulatedSeries, scales: readonly number[]): Recommendation {
  const r = s.replay;
  const one = scales.indexOf(1);
  const atOne = s.scenarios[one]!;
  const rec = r.recommendedScale;
  const k = rec === null ? one : scales.indexOf(rec);
  const at = s.scenarios[k]!;
  const next = rec === null ? -1 : k + 1 < scales.length ? k + 1 : -1;
  const status: RecommendationStatus =
    atOne.totalDemand === 0
      ? "no_demand"
      : rec === null
        ? "below_target"
        : rec < 1
          ? "cut"
          : rec > 1
            ? "raise"
            : "keep";
  return {
    scope: "sku",
    sku: s.sku,
    location: s.location,
    pattern: r.pattern,
    serviceType: r.serviceType,
    target: r.serviceTarget,
    recommendedScale: rec,
    status,
    achieved: achievedService(at, r.serviceType),
    fillRate: at.fillRate,
    inventoryValue: at.averageOnHandValue,
    fillRateAtOne: atOne.fillRate,
    inventoryValueAtOne: atOne.averageOnHandValue,
    inventoryValueChange: change(at.averageOnHandValue, atOne.averageOnHandValue),
    nextScale: next >= 0 ? scales[next]! : null,
    achievedAtNextScale: next >= 0 ? achievedService(s.scenarios[next]!, r.serviceType) : Number.NaN,
    skusBelowTarget: null,
  };
}

/** One scale for the whole catalogue: the units-weighted fill rate against the demand-weighted target. */
export function catalogueRecommendation(
  totals: readonly ScenarioTotals[],
  scales: readonly number[],
): Recommendation {
  const all = scales.map((sc) => totals.find((t) => t.group === "all" && t.scale === sc)!);
  const target = all[0]!.target;
  const rec = smallestScaleMeeting(all.map((t) => ({ scale: t.scale, meets: t.fillRate >= target })));
  const k = rec === null ? scales.indexOf(1) : scales.indexOf(rec);
  const one = all[scales.indexOf(1)]!;
  const at = all[k]!;
  const next = rec !== null && k + 1 < scales.length ? k + 1 : -1;
  return {
    scope: "catalogue",
    sku: "(catalogue)",
    location: "",
    pattern: "all",
    serviceType: "fill_rate",
    target,
    recommendedScale: rec,
    status: !(one.totalDemand > 0)
      ? "no_demand"
      : rec === null
        ? "below_target"
        : rec < 1
          ? "cut"
          : rec > 1
            ? "raise"
            : "keep",
    achieved: at.fillRate,
    fillRate: at.fillRate,
    inventoryValue: at.averageOnHandValue,
    fillRateAtOne: one.fillRate,
    inventoryValueAtOne: one.averageOnHandValue,
    inventoryValueChange: change(at.averageOnHandValue, one.averageOnHandValue),
    nextScale: next >= 0 ? scales[next]! : null,
    achievedAtNextScale: next >= 0 ? all[next]!.fillRate : Number.NaN,
    skusBelowTarget: at.skusBelowOwnTarget,
  };
}

/** Every SKU at its own recommended scale (scale 1 where none is recommended), against all at 1. */
export function perSkuScalesRow(
  series: readonly SimulatedSeries[],
  recs: readonly Recommendation[],
  scales: readonly number[],
): Recommendation {
  const one = scales.indexOf(1);
  const chosen = series.map((s, i) => {
    const rec = recs[i]!.recommendedScale;
    return s.scenarios[rec === null ? one : scales.indexOf(rec)]!;
  });
  const mix = aggregateResults(chosen.map(asResult));
  const base = aggregateResults(series.map((s) => asResult(s.scenarios[one]!)));
  let below = 0;
  let weighted = 0;
  series.forEach((s, i) => {
    const m = chosen[i]!;
    if (m.totalDemand > 0) {
      weighted += m.totalDemand * s.replay.serviceTarget;
      if (achievedService(m, s.replay.serviceType) < s.replay.serviceTarget) below++;
    }
  });
  return {
    scope: "per_sku_scales",
    sku: "(each SKU at its recommended scale)",
    location: "",
    pattern: "all",
    serviceType: "fill_rate",
    target: mix.totalDemand > 0 ? weighted / mix.totalDemand : Number.NaN,
    recommendedScale: null,
    status:
      mix.totalDemand > 0 ? (mix.averageOnHandValue < base.averageOnHandValue ? "cut" : "keep") : "no_demand",
    achieved: mix.fillRate,
    fillRate: mix.fillRate,
    inventoryValue: mix.averageOnHandValue,
    fillRateAtOne: base.fillRate,
    inventoryValueAtOne: base.averageOnHandValue,
    inventoryValueChange: change(mix.averageOnHandValue, base.averageOnHandValue),
    nextScale: null,
    achievedAtNextScale: Number.NaN,
    skusBelowTarget: below,
  };
}

/** A rule in a few words, for the CSV and the report (levels in units). */
export function describeRule(rule: ReplenishmentRule): string {
  const f = (v: number) => String(Math.round(v * 100) / 100);
  switch (rule.kind) {
    case "reorder_point":
      return `r=${f(rule.reorderPoint)} Q=${f(rule.orderQuantity)}`;
    case "min_max":
      return `min=${f(rule.min)} max=${f(rule.max)}`;
    case "periodic":
      return `R=${rule.reviewPeriodDays}d S=${f(rule.orderUpTo)}`;
    case "kanban":
      return `N=${rule.cards} C=${f(rule.containerSize)}`;
    case "ddmrp":
      return `TOR=${f(rule.topOfRed)} TOY=${f(rule.topOfYellow)} TOG=${f(rule.topOfGreen)}`;
  }
}

/** simulation.csv columns: one row per SKU × location × scale. */
export const SIMULATION_COLUMNS = [
  "sku",
  "location",
  "pattern",
  "xyz",
  "policy",
  "scale",
  "rule",
  "safety_stock",
  "lead_time_days",
  "lead_time_source",
  "lead_time_samples",
  "service_type",
  "service_target",
  "demand_source",
  "demand_model",
  "paths",
  "days",
  "demand_units",
  "fill_rate",
  "fill_rate_p10",
  "fill_rate_p90",
  "cycle_service_level",
  "meets_target",
  "stockout_days",
  "stockout_episodes",
  "mean_stockout_days",
  "units_short",
  "lost_sales_units",
  "avg_on_hand_units",
  "avg_on_hand_value",
  "turns",
  "days_of_inventory",
  "orders",
  "units_ordered",
  "holding_cost",
  "ordering_cost",
  "shortage_cost",
  "total_cost",
  "readiness",
  "readiness_after_replay",
] as const;

async function writeSimulationCsv(dir: string, run: Omit<SimulateRun, "files">): Promise<string> {
  const path = join(dir, "simulation.csv");
  function* rows(): Generator<Cell[]> {
    for (const s of run.series) {
      const r = s.replay;
      const first = r.plans[0]!;
      for (let k = 0; k < run.scales.length; k++) {
        const scale = run.scales[k]!;
        const m = s.scenarios[k]!;
        yield [
          s.sku,
          s.location,
          r.pattern,
          r.xyz,
          run.policy,
          scale,
          describeRule(scaleBuffer(first.rule, first.safetyStock, scale)),
          first.safetyStock * scale,
          r.leadTimeDays,
          r.leadTimeSource,
          r.leadTimeSamples,
          r.serviceType,
          r.serviceTarget,
          run.demand,
          r.demandModel ?? "history",
          r.paths,
          m.days,
          m.totalDemand,
          m.fillRate,
          s.fillRateSpread[k]!.p10,
          s.fillRateSpread[k]!.p90,
          m.cycleServiceLevel,
          m.totalDemand > 0 ? achievedService(m, r.serviceType) >= r.serviceTarget : null,
          m.stockoutDays,
          m.stockoutEpisodes,
          m.meanStockoutEpisodeDays,
          m.shortageUnits,
          m.lostSales,
          m.averageOnHand,
          m.averageOnHandValue,
          m.inventoryTurns,
          m.daysOfInventory,
          m.orders,
          m.unitsOrdered,
          m.holdingCost,
          m.orderingCost,
          m.shortageCost,
          m.totalCost,
          r.readiness,
          s.readinessAfterReplay,
        ];
      }
    }
  }
  await writeCsv(path, SIMULATION_COLUMNS, rows());
  return path;
}

export const TOTALS_COLUMNS = [
  "group",
  "scale",
  "skus",
  "sku_days",
  "demand_units",
  "fill_rate",
  "fill_rate_p10",
  "fill_rate_p90",
  "mean_sku_fill_rate",
  "target",
  "skus_below_target",
  "skus_with_stockout",
  "stockout_days",
  "stockout_episodes",
  "units_short",
  "avg_on_hand_value",
  "turns",
  "days_of_inventory",
  "orders",
  "holding_cost",
  "ordering_cost",
  "shortage_cost",
  "total_cost",
] as const;

async function writeTotalsCsv(dir: string, run: Omit<SimulateRun, "files">): Promise<string> {
  const path = join(dir, "totals.csv");
  await writeCsv(
    path,
    TOTALS_COLUMNS,
    run.totals.map((t) => [
      t.group,
      t.scale,
      t.skus,
      t.skuDays,
      t.totalDemand,
      t.fillRate,
      t.fillRateSpread.p10,
      t.fillRateSpread.p90,
      t.meanSkuFillRate,
      t.target,
      t.skusBelowOwnTarget,
      t.skusWithStockout,
      t.stockoutDays,
      t.stockoutEpisodes,
      t.shortageUnits,
      t.averageOnHandValue,
      t.inventoryTurns,
      t.daysOfInventory,
      t.orders,
      t.holdingCost,
      t.orderingCost,
      t.shortageCost,
      t.totalCost,
    ]),
  );
  return path;
}

export const TRADEOFF_COLUMNS = [
  "group",
  "scale",
  "avg_on_hand_value",
  "fill_rate",
  "inventory_value_vs_scale_1",
  "fill_rate_vs_scale_1",
  "skus_below_target",
] as const;

async function writeTradeoffCsv(dir: string, run: Omit<SimulateRun, "files">): Promise<string> {
  const path = join(dir, "tradeoff.csv");
  const base = new Map(run.totals.filter((t) => t.scale === 1).map((t) => [t.group, t]));
  await writeCsv(
    path,
    TRADEOFF_COLUMNS,
    run.totals.map((t) => {
      const b = base.get(t.group)!;
      return [
        t.group,
        t.scale,
        t.averageOnHandValue,
        t.fillRate,
        change(t.averageOnHandValue, b.averageOnHandValue),
        t.fillRate - b.fillRate,
        t.skusBelowOwnTarget,
      ];
    }),
  );
  return path;
}

export const RECOMMENDATION_COLUMNS = [
  "scope",
  "sku",
  "location",
  "pattern",
  "service_type",
  "target",
  "recommended_scale",
  "status",
  "achieved_at_recommended",
  "fill_rate_at_recommended",
  "avg_inventory_value_at_recommended",
  "fill_rate_at_scale_1",
  "avg_inventory_value_at_scale_1",
  "inventory_value_change",
  "next_scale",
  "achieved_at_next_scale",
  "skus_below_target",
] as const;

const recommendationCells = (r: Recommendation): Cell[] => [
  r.scope,
  r.sku,
  r.location,
  r.pattern,
  r.serviceType,
  r.target,
  r.recommendedScale,
  r.status,
  r.achieved,
  r.fillRate,
  r.inventoryValue,
  r.fillRateAtOne,
  r.inventoryValueAtOne,
  r.inventoryValueChange,
  r.nextScale,
  r.achievedAtNextScale,
  r.skusBelowTarget,
];

async function writeRecommendationsCsv(dir: string, run: Omit<SimulateRun, "files">): Promise<string> {
  const path = join(dir, "recommendations.csv");
  await writeCsv(path, RECOMMENDATION_COLUMNS, [
    recommendationCells(run.overall.catalogue),
    recommendationCells(run.overall.perSkuScales),
    ...run.recommendations.map(recommendationCells),
  ]);
  return path;
}

export const CALIBRATION_COLUMNS = [
  "sku",
  "location",
  "pattern",
  "service_type",
  "target",
  "achieved",
  "miss",
  "tolerance",
  "status",
  "flagged",
  "fill_rate",
  "cycle_service_level",
  "readiness",
  "readiness_after_replay",
  "readiness_reasons",
] as const;

async function writeCalibrationCsv(dir: string, run: Omit<SimulateRun, "files">): Promise<string> {
  const path = join(dir, "calibration.csv");
  const one = run.scales.indexOf(1);
  await writeCsv(
    path,
    CALIBRATION_COLUMNS,
    run.series.map((s) => {
      const c = s.replay.calibration;
      const m = s.scenarios[one]!;
      return [
        s.sku,
        s.location,
        s.replay.pattern,
        c.serviceType,
        c.target,
        c.achieved,
        c.miss,
        c.tolerance,
        c.status,
        c.flagged,
        m.fillRate,
        m.cycleServiceLevel,
        s.replay.readiness,
        s.readinessAfterReplay,
        s.readinessAfterReplay !== s.replay.readiness
          ? `the replay missed the ${c.serviceType === "cycle" ? "cycle service" : "fill-rate"} target by more than the tolerance; ${s.replay.readinessReasons}`
          : s.replay.readinessReasons,
      ];
    }),
  );
  return path;
}

/** NaN and ±∞ become null in JSON. */
const finite = (_k: string, v: unknown): unknown =>
  typeof v === "number" && !Number.isFinite(v) ? null : v instanceof Float64Array ? undefined : v;

function simulationJson(
  run: Omit<SimulateRun, "files">,
  demand: DemandImport,
  o: SimulateRunOptions,
  shared: SimulateShared,
): string {
  const parts = run.series.map((s) =>
    JSON.stringify(
      {
        sku: s.sku,
        location: s.location,
        pattern: s.replay.pattern,
        xyz: s.replay.xyz,
        historyDays: s.historyDays,
        meanDailyDemand: s.replay.meanDailyDemand,
        leadTimeDays: s.replay.leadTimeDays,
        leadTimeSource: s.replay.leadTimeSource,
        leadTimeSamples: s.replay.leadTimeSamples,
        demandModel: s.replay.demandModel,
        demandModelReason: s.replay.demandModelReason,
        paths: s.replay.paths,
        serviceType: s.replay.serviceType,
        serviceTarget: s.replay.serviceTarget,
        unitCost: s.replay.unitCost,
        shortageCostPerUnit: s.replay.shortageCostPerUnit,
        plans: s.replay.plans.map((p) => ({
          date: formatIsoDate(s.start + p.day),
          rule: p.rule,
          safetyStock: p.safetyStock,
        })),
        scenarios: run.scales.map((scale, k) => ({
          scale,
          ...s.scenarios[k],
          ...(run.paths > 1
            ? {
                fillRateP10: s.fillRateSpread[k]!.p10,
                fillRateP90: s.fillRateSpread[k]!.p90,
                pathFillRates: Array.from(pathFillRates(s.replay, k)),
              }
            : {}),
        })),
        recommendedScale: s.replay.recommendedScale,
        calibration: s.replay.calibration,
        readiness: s.replay.readiness,
        readinessAfterReplay: s.readinessAfterReplay,
      },
      finite,
    ),
  );
  const head = JSON.stringify(
    {
      generatedBy: "takt simulate",
      sources: o.sources,
      history: { first: formatIsoDate(demand.firstDate), last: formatIsoDate(demand.lastDate) },
      replay: { from: formatIsoDate(run.from), to: formatIsoDate(run.to) },
      policy: run.policy,
      scales: run.scales,
      demand: run.demand,
      paths: run.paths,
      leadTimes: run.leadTimes,
      leadTimeSources: run.leadTimeSources,
      unmetDemand: shared.unmetDemand,
      replanEveryDays: shared.replanEveryDays,
      tolerance: run.tolerance,
      leadTimeDays: o.leadTimeDays ?? null,
      fillRateTarget: o.fillRateTarget ?? null,
      shortageCost: shared.shortageCost,
      warmUpDays: shared.warmUpDays,
      seed: shared.seed,
      series: run.series.length,
      skipped: run.skipped,
      metricFields: METRIC_FIELDS,
    },
    finite,
  );
  const totals = JSON.stringify(run.totals, finite);
  const recs = JSON.stringify(run.overall, finite);
  return `{"meta":${head},\n"totals":${totals},\n"overall":${recs},\n"series":[\n${parts.join(",\n")}\n]}\n`;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Daily traces of the `limit` series with the worst fill rate at scale 1, re-simulated here. */
function traceDetails(
  run: Omit<SimulateRun, "files">,
  tasks: readonly SimulateTask[],
  shared: SimulateShared,
  limit: number,
): TraceDetail[] {
  const one = run.scales.indexOf(1);
  const order = run.series
    .map((s, i) => ({ s, i }))
    .filter((x) => x.s.scenarios[one]!.totalDemand > 0)
    .sort(
      (a, b) =>
        a.s.scenarios[one]!.fillRate - b.s.scenarios[one]!.fillRate ||
        b.s.scenarios[one]!.totalDemand - a.s.scenarios[one]!.totalDemand,
    )
    .slice(0, limit);
  return order.map(({ s, i }) => {
    const t = tasks[i]!;
    const q = replayedDemand(t, shared);
    const base = traceReplay(t, shared, s.replay, 1, q);
    const pathNote = run.paths > 1 ? `, demand path 1 of ${run.paths}` : "";
    const rec = s.replay.recommendedScale;
    const alt = rec !== null && rec !== 1 ? traceReplay(t, shared, s.replay, rec, q) : null;
    const tr = base.trace!;
    const net = (x: SimulationResult) =>
      Array.from(x.trace!.onHand, (v, d) => round2(v - x.trace!.backorders[d]!));
    const id = seriesId(s);
    const atOne = s.scenarios[one]!;
    return {
      id,
      title: `${s.sku}${s.location ? ` @ ${s.location}` : ""} — ${s.replay.pattern}, fill rate ${(100 * atOne.fillRate).toFixed(1)} % at scale 1${run.paths > 1 ? " (mean over the paths)" : ""} (target ${(100 * s.replay.serviceTarget).toFixed(1)} %)${pathNote}`,
      start: run.from,
      rule: describeRule(s.replay.plans[0]!.rule),
      recommendedScale: rec,
      demand: Array.from(base.demand, round2),
      net: net(base),
      onOrder: Array.from(tr.onOrder, round2),
      orders: Array.from(tr.ordersPlaced, round2),
      receipts: Array.from(tr.receipts, round2),
      netAtRecommended: alt ? net(alt) : null,
    };
  });
}

function reportModel(
  run: Omit<SimulateRun, "files">,
  demand: DemandImport,
  o: SimulateRunOptions,
  shared: SimulateShared,
  traces: readonly TraceDetail[],
): SimulateReportModel {
  const tableLimit = 2000;
  const key = (v: number) => (Number.isNaN(v) ? 2 : v);
  const byWorst = [...run.recommendations].sort(
    (a, b) => key(a.fillRateAtOne) - key(b.fillRateAtOne) || a.sku.localeCompare(b.sku),
  );
  const flagged = run.series
    .filter((s) => s.replay.calibration.flagged)
    .sort(
      (a, b) =>
        Number(b.replay.calibration.status === "below_target") -
          Number(a.replay.calibration.status === "below_target") ||
        Math.abs(b.replay.calibration.miss) - Math.abs(a.replay.calibration.miss),
    );
  const statusCounts = new Map<string, number>();
  for (const r of run.recommendations) statusCounts.set(r.status, (statusCounts.get(r.status) ?? 0) + 1);
  return {
    title: "takt simulate — replay of the plan and buffer what-if",
    sources: o.sources,
    historyFirst: formatIsoDate(demand.firstDate),
    planLast: formatIsoDate(run.from - 1),
    from: formatIsoDate(run.from),
    to: formatIsoDate(run.to),
    replayDays: run.to - run.from + 1,
    policy: run.policy,
    settings: [
      `policy ${run.policy}`,
      shared.unmetDemand === "lost_sales" ? "lost sales" : "backorders",
      run.demand === "model"
        ? `demand: ${run.paths} paths per series drawn from the model fitted at --from (forecast mean, the plan's lead-time-demand family); figures are means over the paths`
        : "demand: the actual history",
      o.leadTimeDays !== undefined
        ? `lead time ${o.leadTimeDays} days (all items)`
        : run.leadTimes === "recorded"
          ? `lead times drawn from the recorded ones (PO lines received before --from) for ${run.leadTimeSources.recorded_series + run.leadTimeSources.recorded_supplier} series, the items master's (fixed) for ${run.leadTimeSources.items_master}`
          : "lead times from the items master (fixed)",
      o.fillRateTarget !== undefined
        ? `fill-rate target ${(100 * o.fillRateTarget).toFixed(1)} % (all items)`
        : "service targets from the items master",
      shared.replanEveryDays !== null
        ? `re-planned every ${shared.replanEveryDays} days`
        : "planned once, at --from",
      shared.warmUpDays > 0
        ? `start: the state the plan's rule reaches over up to ${shared.warmUpDays} days before --from, less each scale's buffer cut`
        : "each scale starts at its rule's top level",
      `calibration tolerance ${(100 * run.tolerance).toFixed(1)} points`,
    ],
    series: run.series.length,
    skipped: run.skipped.length,
    scales: run.scales,
    totals: run.totals.map((t) => ({
      group: t.group,
      scale: t.scale,
      skus: t.skus,
      demand: t.totalDemand,
      fillRate: t.fillRate,
      meanSkuFillRate: t.meanSkuFillRate,
      skusBelowTarget: t.skusBelowOwnTarget,
      stockoutDays: t.stockoutDays,
      inventoryValue: t.averageOnHandValue,
      turns: t.inventoryTurns,
      daysOfInventory: t.daysOfInventory,
      orders: t.orders,
      totalCost: t.totalCost,
    })),
    overall: [run.overall.catalogue, run.overall.perSkuScales].map(reportRec),
    statusCounts: [...statusCounts].map(([status, count]) => ({ status, count })),
    recommendations: byWorst.slice(0, tableLimit).map(reportRec),
    recommendationsNote:
      byWorst.length > tableLimit
        ? `The ${tableLimit} series with the lowest fill rate at scale 1 of ${byWorst.length}; recommendations.csv has them all.`
        : `All ${byWorst.length} series, lowest fill rate at scale 1 first.`,
    calibration: {
      tolerance: run.tolerance,
      counts: Object.entries(run.calibrationCounts).map(([status, count]) => ({ status, count })),
      readiness: run.readinessCounts,
      flagged: flagged.slice(0, tableLimit).map((s) => ({
        sku: s.sku,
        location: s.location,
        pattern: s.replay.pattern,
        serviceType: s.replay.calibration.serviceType,
        target: s.replay.calibration.target,
        achieved: s.replay.calibration.achieved,
        miss: s.replay.calibration.miss,
        status: s.replay.calibration.status,
        readiness: s.replay.readiness,
        readinessAfterReplay: s.readinessAfterReplay,
      })),
      flaggedTotal: flagged.length,
    },
    traces,
  };
}

const reportRec = (r: Recommendation) => ({
  label: r.scope === "sku" ? `${r.sku}${r.location ? ` @ ${r.location}` : ""}` : r.sku,
  pattern: r.pattern,
  target: r.target,
  recommendedScale: r.recommendedScale,
  status: r.status,
  achieved: r.achieved,
  fillRate: r.fillRate,
  inventoryValue: r.inventoryValue,
  fillRateAtOne: r.fillRateAtOne,
  inventoryValueAtOne: r.inventoryValueAtOne,
  inventoryValueChange: r.inventoryValueChange,
  nextScale: r.nextScale,
  achievedAtNextScale: r.achievedAtNextScale,
  skusBelowTarget: r.skusBelowTarget,
});
