import type { XyzClass } from "../core/classify/xyz.js";
import type { DistributionKind } from "../core/distributions/distribution.js";
import type { ResolvedItem, ServiceType } from "../core/item.js";
import type { SupplierStats } from "../core/policy/plan-policy.js";
import type { Readiness } from "../core/policy/readiness.js";
import type { ReplenishmentRule } from "../core/policy/rule.js";
import { type DemandSeries, seriesId } from "../core/series.js";
import { type Calibration, calibration } from "../core/simulate/calibration.js";
import { describeDemandModel, drawDemandPaths, fitDemandModel } from "../core/simulate/demand-paths.js";
import { defaultInitialOnHand } from "../core/simulate/engine.js";
import { simulate } from "../core/simulate/simulate.js";
import type { SimulateOptions, SimulationResult, SimulationState } from "../core/simulate/types.js";
import { walkForward } from "../core/simulate/walk-forward.js";
import { scaleBuffer } from "../core/simulate/what-if.js";
import type { DemandPattern } from "../core/stats/demand-pattern.js";
import { hashString, planChunk, type SeriesOutcome } from "./plan-chunk.js";

/** The rule types `takt simulate --policy` replays (one per executable rule of the plan). */
export const POLICY_KINDS = ["rq", "minmax", "periodic", "kanban", "ddmrp"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** Where the replayed demand comes from: the actual history, or paths drawn from the fitted model. */
export const DEMAND_SOURCES = ["history", "model"] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];

/** Default number of demand paths drawn per series with `--demand model`. */
export const DEFAULT_DEMAND_PATHS = 20;

/**
 * Where a series' replayed lead time comes from: `option` (--lead-time, fixed), `items_master`
 * (fixed), or the recorded lead times of PO lines received before --from, the series' own
 * (`recorded_series`) or its supplier's (`recorded_supplier`), one drawn per order.
 */
export type LeadTimeSource = "option" | "items_master" | "recorded_series" | "recorded_supplier";

/**
 * One SKU × location to replay: the daily history up to the last replayed day (nothing after it),
 * the index of the first replayed day (`cut`: the plan sees history[0 … cut) only) and the item.
 */
export interface SimulateTask {
  readonly series: DemandSeries;
  readonly cut: number;
  readonly item: ResolvedItem;
  /** Observed lead times (days) of receipts before the cut; the plan gets them as analyze does. */
  readonly leadTimeSamples?: Float64Array;
  /** The supplier's delivery record before the cut, for the plan's readiness verdict (as analyze). */
  readonly supplier?: SupplierStats;
  /**
   * Default `items_master` (the plan's lead time, fixed). `recorded_*`: the replay draws each order's
   * lead time from `leadTimeSamples` (seeded per series and path).
   */
  readonly leadTimeSource?: LeadTimeSource;
}

export interface SimulateShared {
  readonly job: "simulate";
  /** Forecast horizon of the plan, periods (analyze's default 28). */
  readonly horizon: number;
  /** Seed of the plan's bootstraps (as analyze). */
  readonly seed: number;
  readonly policy: PolicyKind;
  /** Buffer scales, largest first, 1 included. */
  readonly scales: readonly number[];
  readonly unmetDemand: "backorder" | "lost_sales";
  /** Re-plan every this many days (walk-forward); null = plan once at the cut. */
  readonly replanEveryDays: number | null;
  /** Calibration tolerance, a fraction (0.02 = 2 points). */
  readonly tolerance: number;
  /** Shortage cost per unit: a number, or "margin" (unit price − unit cost, at least 0). */
  readonly shortageCost: number | "margin";
  /**
   * Days before the cut over which the plan's rule (scale 1) runs first, from its top level, to reach
   * the state the replay starts in (only the state is kept; each scale then starts with its buffer
   * difference taken off); 0 = each scale starts at its rule's top level.
   */
  readonly warmUpDays: number;
  /** Demand replayed (default "history"). */
  readonly demand?: DemandSource;
  /** Paths per series with demand "model" (default DEFAULT_DEMAND_PATHS). */
  readonly paths?: number;
}

/** A plan made during the replay: the unscaled rule in force from history index `day` and its buffer. */
export interface PlanStep {
  readonly day: number;
  readonly rule: ReplenishmentRule;
  /** The rule's safety-stock component, units (what the buffer scales multiply). */
  readonly safetyStock: number;
}

/** Numeric fields of a SimulationResult, in the order `metrics` packs them. */
export const METRIC_FIELDS = [
  "days",
  "totalDemand",
  "servedFromStock",
  "servedLate",
  "lostSales",
  "shortageUnits",
  "backordersAtEnd",
  "fillRate",
  "cycles",
  "cyclesWithStockout",
  "cycleServiceLevel",
  "stockoutDays",
  "stockoutEpisodes",
  "meanStockoutEpisodeDays",
  "averageOnHand",
  "averageOnHandValue",
  "averageBackorders",
  "averageOnOrder",
  "unitsConsumed",
  "consumedValue",
  "inventoryTurns",
  "daysOfInventory",
  "orders",
  "unitsOrdered",
  "unitsReceived",
  "meanLeadTimeDays",
  "holdingCost",
  "orderingCost",
  "shortageCost",
  "totalCost",
] as const satisfies readonly (keyof SimulationResult)[];

export type MetricField = (typeof METRIC_FIELDS)[number];
/** A replay's figures without its final state and trace. */
export type ReplayMetrics = Pick<SimulationResult, MetricField>;

/**
 * What a worker sends back for one series: the plan's classification and verdict, the rules planned
 * (unscaled) and, per scale, the replay figures packed in one Float64Array (scale i at
 * i × METRIC_FIELDS.length). No trace: the few charted series are re-simulated in the main thread.
 */
export interface SeriesReplay {
  readonly pattern: DemandPattern;
  readonly xyz: XyzClass;
  /** Mean forecast demand per day at the cut, units/day. */
  readonly meanDailyDemand: number;
  readonly serviceType: ServiceType;
  readonly serviceTarget: number;
  /** Lead time the plan used and the replay applies (rounded to whole days, ≥ 1, by the engine). */
  readonly leadTimeDays: number;
  readonly unitCost: number;
  readonly shortageCostPerUnit: number;
  /** The plan's readiness verdict at the cut, and its reasons. */
  readonly readiness: Readiness;
  readonly readinessReasons: string;
  /** Where the replay's lead times came from, and how many recorded samples it drew from (0 if fixed). */
  readonly leadTimeSource: LeadTimeSource;
  readonly leadTimeSamples: number;
  /** The daily demand model of `--demand model` (describeDemandModel) and why; null for history. */
  readonly demandModel: string | null;
  readonly demandModelReason: string | null;
  /** Demand paths replayed (1 for history). */
  readonly paths: number;
  /** Plans in force, first at the cut; more with re-planning (with `--demand model`: on path 1). */
  readonly plans: readonly PlanStep[];
  /**
   * Per scale the figures of the replay packed (history), or with several paths their means: additive
   * figures averaged over the paths, ratios recomputed from the averages (fill rate = mean served ÷
   * mean demand, the long-run P2 definition; cycle service, turns, days of inventory likewise).
   */
  readonly metrics: Float64Array;
  /**
   * Per scale k and path p at k × paths + p: units served from stock on their day and units demanded
   * (for the spread of the fill rate over the paths; null for history).
   */
  readonly pathServed: Float64Array | null;
  readonly pathDemand: Float64Array | null;
  /** Smallest scale meeting the target with every larger scale (null: even scale 1 misses, or no demand). */
  readonly recommendedScale: number | null;
  /** Target versus achieved service at scale 1 (the item's service type). */
  readonly calibration: Calibration;
}

/** The rule of the chosen kind from a plan, made executable, and its safety-stock component (≥ 0). */
export function policyRule(plan: SeriesOutcome, kind: PolicyKind, item: ResolvedItem): Omit<PlanStep, "day"> {
  const d = plan.meanDailyDemand;
  const L = Number(plan.policy.lead_time_days);
  const moqLot = Math.max(1, item.params.moq);
  const r = plan.rules;
  switch (kind) {
    case "rq": {
      // A plan with no expected demand has Q = 0: replay it with the smallest lot allowed.
      const q = r.reorderPoint.orderQuantity > 0 ? r.reorderPoint.orderQuantity : moqLot;
      return {
        rule: { ...r.reorderPoint, orderQuantity: q },
        safetyStock: Math.max(0, plan.safetyStock),
      };
    }
    case "minmax":
      return { rule: r.minMax, safetyStock: Math.max(0, plan.safetyStock) };
    case "periodic": {
      const R = Math.max(1, Math.round(r.periodic.reviewPeriodDays));
      // SS_{R+L} = S − d·(R + L) (docs/policies.md §4).
      const ss = r.periodic.orderUpTo - d * (r.periodic.reviewPeriodDays + L);
      return { rule: { ...r.periodic, reviewPeriodDays: R }, safetyStock: Math.max(0, ss) };
    }
    case "kanban": {
      const c = r.kanban.containerSize > 0 ? r.kanban.containerSize : moqLot;
      // The loop reorders at (N − 1)·C: its buffer is what that holds above the lead-time demand.
      const ss = (r.kanban.cards - 1) * c - d * L;
      return { rule: { ...r.kanban, containerSize: c }, safetyStock: Math.max(0, ss) };
    }
    case "ddmrp":
      // The red zone is the DDMRP buffer (docs/simulation.md, buffer-scale what-if).
      return { rule: r.ddmrp, safetyStock: Math.max(0, r.ddmrp.topOfRed) };
  }
}

/** True when the replay draws lead times from the task's recorded samples. */
const replaysRecorded = (task: SimulateTask): boolean =>
  (task.leadTimeSource === "recorded_series" || task.leadTimeSource === "recorded_supplier") &&
  task.leadTimeSamples !== undefined &&
  task.leadTimeSamples.length > 0;

/** What one replay runs on: the demand (history[0 … cut) then the replayed days) and its lead times. */
interface ReplayInput {
  /** history[0 … cut) followed by the replayed days' demand (actual, or a drawn path). */
  readonly q: Float64Array;
  /** Fixed days (the plan's), or the recorded sample drawn from per order. */
  readonly leadTime: number | Float64Array;
  /** Seed of the lead-time draws. */
  readonly seed: number;
}

/** The per-series seed (as the plan's, plan-chunk), so results do not depend on chunking. */
const seriesSeed = (task: SimulateTask, shared: SimulateShared): number =>
  (shared.seed ^ hashString(seriesId(task.series))) >>> 0;

/** Lead-time seed of path p (0 for history): independent streams per path. */
const leadTimeSeed = (base: number, path: number): number => (base + Math.imul(path, 0x9e3779b9)) >>> 0;

/** Seed of a series' demand paths. */
const demandSeed = (base: number): number => (base ^ 0x2545f491) >>> 0;

/** Replay options of one series (lead time, costs, constraints, unmet demand). */
function replayOptions(task: SimulateTask, shared: SimulateShared, input: ReplayInput): SimulateOptions {
  const p = task.item.params;
  return {
    leadTime: input.leadTime,
    seed: input.seed,
    unmetDemand: shared.unmetDemand,
    constraints: { moq: Math.max(1, p.moq), orderMultiple: Math.max(1, p.orderMultiple) },
    unitCost: p.unitCost,
    holdingCostRate: p.holdingCostRate,
    orderingCost: p.orderingCost,
    shortageCostPerUnit: shortageCostOf(task.item, shared),
  };
}

function shortageCostOf(item: ResolvedItem, shared: SimulateShared): number {
  return shared.shortageCost === "margin"
    ? Math.max(0, item.params.unitPrice - item.params.unitCost)
    : shared.shortageCost;
}

/** Plans on a copy of history[0 … day), with analyze's pipeline (plan-chunk). */
function planAt(task: SimulateTask, shared: SimulateShared, past: Float64Array): SeriesOutcome {
  const series: DemandSeries = { ...task.series, quantities: past };
  const supply = {
    ...(task.leadTimeSamples ? { leadTimeSamples: task.leadTimeSamples } : {}),
    ...(task.supplier ? { supplier: task.supplier } : {}),
  };
  return planChunk([{ series, item: task.item, ...supply }], {
    job: "plan",
    horizon: shared.horizon,
    seed: shared.seed,
  })[0]!;
}

/** Smallest scale (rows largest first) meeting the target together with every larger scale. */
export function smallestScaleMeeting(
  rows: readonly { readonly scale: number; readonly meets: boolean }[],
): number | null {
  let chosen = -1;
  while (chosen + 1 < rows.length && rows[chosen + 1]!.meets) chosen++;
  return chosen < 0 ? null : rows[chosen]!.scale;
}

/** The service a target is judged on: fill rate, or cycle service level for cycle targets. */
export const achievedService = (
  m: Pick<ReplayMetrics, "fillRate" | "cycleServiceLevel">,
  type: ServiceType,
) => (type === "cycle" ? m.cycleServiceLevel : m.fillRate);

/** Where a replay starts: on hand, backorders and open orders at the start of the first replayed day. */
type StartState = Pick<SimulateOptions, "initialOnHand" | "initialBackorders" | "initialPipeline">;

/**
 * The state the plan's rule (scale 1) reaches when it runs over the last `warmUpDays` days before
 * the cut, from its top level: demand the plan saw, nothing later; only the end state is kept.
 * Null without warm-up.
 */
function warmUpState(
  task: SimulateTask,
  shared: SimulateShared,
  rule: ReplenishmentRule,
  options: SimulateOptions,
): SimulationState | null {
  const warm = Math.min(task.cut, shared.warmUpDays);
  if (warm === 0) return null;
  // The days before the cut are the actual history in every replay input.
  return simulate(task.series.quantities.subarray(task.cut - warm, task.cut), rule, {
    ...options,
    trace: false,
    firstDay: -warm,
  }).final;
}

/**
 * Start of one scale: the warm-up state with the buffer difference taken off the shelf. Net stock
 * (on hand − backorders) moves by the drop of the rule's top level, top(scale 1) − top(scale),
 * rounded to whole units, so every scale starts at the same point of its order cycle (common phase,
 * like common random numbers) and differs only by its buffer. Without warm-up each rule starts at
 * its own top level.
 */
function startAt(
  warm: SimulationState | null,
  base: ReplenishmentRule,
  scaled: ReplenishmentRule,
  lostSales: boolean,
): StartState {
  if (warm === null) return {};
  // Whole units: a fractional shift would put the position exactly as far from the scaled level as the
  // unscaled position from its own, and the review's IP ≤ level test would then hang on rounding.
  const cut = Math.round(defaultInitialOnHand(base) - defaultInitialOnHand(scaled));
  const net = warm.onHand - warm.backorders - cut;
  return {
    initialOnHand: Math.max(0, net),
    initialBackorders: lostSales ? 0 : Math.max(0, -net),
    initialPipeline: warm.pipeline,
  };
}

/**
 * Replays days cut … n−1 at one buffer scale. `planFor(past)` gives the plan made on `past` (a copy of
 * history[0 … day)); without re-planning only the cut's plan is used. The start comes from the
 * warm-up of the unscaled rule (startAt). Periodic reviews count from the first replayed day.
 */
function replayAt(
  task: SimulateTask,
  shared: SimulateShared,
  input: ReplayInput,
  planFor: (past: Float64Array) => PlanStep,
  scale: number,
  trace: boolean,
  warmState?: SimulationState | null,
): SimulationResult {
  const q = input.q;
  const options: SimulateOptions = { ...replayOptions(task, shared, input), trace };
  const first = planFor(q.slice(0, task.cut));
  const firstRule = scaleBuffer(first.rule, first.safetyStock, scale);
  // The warm-up runs the unscaled first rule on the history: the same for every scale of an input.
  const warm = warmState !== undefined ? warmState : warmUpState(task, shared, first.rule, options);
  const start = startAt(warm, first.rule, firstRule, shared.unmetDemand === "lost_sales");
  if (shared.replanEveryDays === null)
    return simulate(q.subarray(task.cut), firstRule, { ...options, ...start, firstDay: 0 });
  return walkForward(
    q,
    task.cut,
    (past) => {
      if (past.length === task.cut) return firstRule;
      const s = planFor(past);
      return scaleBuffer(s.rule, s.safetyStock, scale);
    },
    { ...options, ...start, replanEveryDays: shared.replanEveryDays, firstDay: -task.cut },
  ).result;
}

/** The plan's forecast per day over `days` days: its forecast, extended weekly past its end if short. */
export function forecastMeans(next: Float64Array, days: number): Float64Array {
  const out = new Float64Array(days);
  const n = next.length;
  for (let t = 0; t < days; t++) {
    const v = t < n ? next[t]! : n >= 7 ? next[n - 7 + ((t - n) % 7)]! : n > 0 ? next[n - 1]! : 0;
    out[t] = v > 0 && Number.isFinite(v) ? v : 0;
  }
  return out;
}

/** The demand paths of a series from the plan made at the cut (docs/what-if.md, `--demand model`). */
function modelPaths(
  task: SimulateTask,
  shared: SimulateShared,
  outcome: SeriesOutcome,
  paths: number,
): { paths: Float64Array; days: number; model: string; reason: string } {
  const days = task.series.quantities.length - task.cut;
  const fitted = fitDemandModel({
    distribution: String(outcome.policy.distribution) as DistributionKind,
    meanDailyDemand: outcome.meanDailyDemand,
    dailyVariance: outcome.dailyDemandVariance,
    history: task.series.quantities.subarray(0, task.cut),
  });
  const mean = forecastMeans(outcome.forecast.next, days);
  return {
    paths: drawDemandPaths(fitted.model, mean, paths, demandSeed(seriesSeed(task, shared))),
    days,
    model: describeDemandModel(fitted.model),
    reason: fitted.reason,
  };
}

/** The lead time a replay applies: the recorded sample, or the plan's lead time (fixed). */
const replayLeadTime = (task: SimulateTask, planLeadTimeDays: number): number | Float64Array =>
  replaysRecorded(task) ? task.leadTimeSamples! : planLeadTimeDays;

/** Figures averaged over paths (see SeriesReplay.metrics); one path is returned as is. */
export function meanMetrics(results: readonly ReplayMetrics[]): ReplayMetrics {
  if (results.length === 1) return results[0]!;
  const n = results.length;
  const sum: Record<string, number> = {};
  for (const f of METRIC_FIELDS) sum[f] = 0;
  let leadSum = 0;
  for (const r of results) {
    for (const f of METRIC_FIELDS) sum[f]! += r[f];
    if (r.orders > 0) leadSum += r.meanLeadTimeDays * r.orders;
  }
  const m: Record<string, number> = {};
  for (const f of METRIC_FIELDS) m[f] = sum[f]! / n;
  const days = m.days!;
  const daily = days > 0 ? m.unitsConsumed! / days : Number.NaN;
  m.fillRate = m.totalDemand! > 0 ? m.servedFromStock! / m.totalDemand! : Number.NaN;
  m.cycleServiceLevel = m.cycles! > 0 ? 1 - m.cyclesWithStockout! / m.cycles! : Number.NaN;
  m.meanStockoutEpisodeDays = m.stockoutEpisodes! > 0 ? m.stockoutDays! / m.stockoutEpisodes! : 0;
  m.inventoryTurns = ratio(daily * 365, m.averageOnHand!);
  m.daysOfInventory = ratio(m.averageOnHand!, daily);
  m.meanLeadTimeDays = sum.orders! > 0 ? leadSum / sum.orders! : Number.NaN;
  return m as unknown as ReplayMetrics;
}

/** a ÷ b with 0 ÷ 0 = NaN and a ÷ 0 = +∞ for a > 0 (as the engine). */
function ratio(a: number, b: number): number {
  if (b === 0) return a > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  return a / b;
}

/**
 * Plans one series at the cut (and at every re-plan day, walk-forward), then replays the days from
 * the cut at each buffer scale: the rule of the chosen kind with its safety stock × scale
 * (scaleBuffer), each scale from its own warm-up state. The replayed demand is the actual history, or
 * (`demand: "model"`) `paths` paths drawn from the model fitted at the cut (core demand-paths), every
 * scale on the same paths (common random numbers); lead times are the plan's (fixed) or drawn from the
 * recorded sample. Plans are cached by day: a plan depends on the past only, not on the scale (with
 * model paths, plans after the cut are cached per path). The recommended scale follows
 * whatIfBufferScales' rule, on the mean figures with several paths.
 */
export function replaySeries(task: SimulateTask, shared: SimulateShared): SeriesReplay {
  const q = task.series.quantities;
  if (!(task.cut >= 1 && task.cut < q.length))
    throw new RangeError(`cut ${task.cut} outside 1 … ${q.length - 1}`);
  const cutPlan = planStep(task, shared, q.slice(0, task.cut));
  const leadTimeDays = Number(cutPlan.outcome.policy.lead_time_days);
  const leadTime = replayLeadTime(task, leadTimeDays);
  const base = seriesSeed(task, shared);
  const p = task.item.params;
  const model = shared.demand === "model";
  const nPaths = model ? (shared.paths ?? DEFAULT_DEMAND_PATHS) : 1;
  if (!(Number.isInteger(nPaths) && nPaths >= 1))
    throw new RangeError(`paths must be an integer ≥ 1, got ${nPaths}`);
  const drawn = model ? modelPaths(task, shared, cutPlan.outcome, nPaths) : null;
  const buf = drawn ? new Float64Array(q.length) : q;
  if (drawn) buf.set(q.subarray(0, task.cut));
  const K = shared.scales.length;
  const perScale: ReplayMetrics[][] = shared.scales.map(() => []);
  const pathServed = drawn ? new Float64Array(K * nPaths) : null;
  const pathDemand = drawn ? new Float64Array(K * nPaths) : null;
  let firstPathPlans: PlanStep[] = [];
  for (let path = 0; path < nPaths; path++) {
    if (drawn) buf.set(drawn.paths.subarray(path * drawn.days, (path + 1) * drawn.days), task.cut);
    const cache = new Map<number, PlanStep>([[task.cut, cutPlan.step]]);
    const planned = (past: Float64Array): PlanStep => {
      let hit = cache.get(past.length);
      if (!hit) {
        hit = planStep(task, shared, past).step;
        cache.set(past.length, hit);
      }
      return hit;
    };
    const input: ReplayInput = { q: buf, leadTime, seed: leadTimeSeed(base, path) };
    const warm = warmUpState(task, shared, cutPlan.step.rule, replayOptions(task, shared, input));
    shared.scales.forEach((scale, k) => {
      const r = replayAt(task, shared, input, planned, scale, false, warm);
      perScale[k]!.push(pick(r));
      if (pathServed && pathDemand) {
        pathServed[k * nPaths + path] = r.servedFromStock;
        pathDemand[k * nPaths + path] = r.totalDemand;
      }
    });
    if (path === 0) firstPathPlans = [...cache.values()].sort((a, b) => a.day - b.day);
  }
  const results = perScale.map(meanMetrics);
  const recommendedScale =
    results[0]!.totalDemand === 0
      ? null
      : smallestScaleMeeting(
          results.map((r, i) => ({
            scale: shared.scales[i]!,
            meets: achievedService(r, p.serviceType) >= p.serviceTarget,
          })),
        );
  const metrics = new Float64Array(results.length * METRIC_FIELDS.length);
  results.forEach((r, i) => {
    for (let k = 0; k < METRIC_FIELDS.length; k++)
      metrics[i * METRIC_FIELDS.length + k] = r[METRIC_FIELDS[k]!];
  });
  const atOne = results[shared.scales.indexOf(1)]!;
  const o = cutPlan.outcome;
  return {
    pattern: o.profile.pattern,
    xyz: o.xyz,
    meanDailyDemand: o.meanDailyDemand,
    serviceType: p.serviceType,
    serviceTarget: p.serviceTarget,
    leadTimeDays,
    unitCost: p.unitCost,
    shortageCostPerUnit: shortageCostOf(task.item, shared),
    readiness: o.readiness,
    readinessReasons: String(o.policy.readiness_reasons),
    leadTimeSource: replaysRecorded(task)
      ? task.leadTimeSource!
      : task.leadTimeSource === "option"
        ? "option"
        : "items_master",
    leadTimeSamples: typeof leadTime === "number" ? 0 : leadTime.length,
    demandModel: drawn ? drawn.model : null,
    demandModelReason: drawn ? drawn.reason : null,
    paths: nPaths,
    plans: firstPathPlans,
    metrics,
    pathServed,
    pathDemand,
    recommendedScale,
    calibration: calibration(
      { ...atOne, final: { onHand: 0, backorders: 0, pipeline: new Float64Array(0) }, trace: null },
      p.serviceTarget,
      { serviceType: p.serviceType, tolerance: shared.tolerance },
    ),
  };
}

/** The plan made on `past` and its executable rule of the chosen kind. */
function planStep(
  task: SimulateTask,
  shared: SimulateShared,
  past: Float64Array,
): { outcome: SeriesOutcome; step: PlanStep } {
  const outcome = planAt(task, shared, past);
  return { outcome, step: { ...policyRule(outcome, shared.policy, task.item), day: past.length } };
}

/** A replay's figures without its final state and trace. */
function pick(r: SimulationResult): ReplayMetrics {
  const out: Record<string, number> = {};
  for (const f of METRIC_FIELDS) out[f] = r[f];
  return out as unknown as ReplayMetrics;
}

/**
 * Re-runs one series' replay at `scale` with the daily trace, from the plans the worker recorded
 * (the same rules in force from the same days, no re-planning), so the figures are the worker's.
 * With `--demand model` it replays path 1 (replayedDemand); `demand` in the result is the replayed days.
 */
export function traceReplay(
  task: SimulateTask,
  shared: SimulateShared,
  replay: SeriesReplay,
  scale: number,
  demand: Float64Array = replayedDemand(task, shared),
): SimulationResult & { readonly demand: Float64Array } {
  const byDay = new Map(replay.plans.map((s) => [s.day, s]));
  const planFor = (past: Float64Array): PlanStep => {
    const s = byDay.get(past.length);
    if (!s) throw new Error(`no recorded plan for day ${past.length}`);
    return s;
  };
  const q = demand;
  const input: ReplayInput = {
    q,
    leadTime: replayLeadTime(task, replay.leadTimeDays),
    seed: leadTimeSeed(seriesSeed(task, shared), 0),
  };
  const r = replayAt(task, shared, input, planFor, scale, true);
  return { ...r, demand: q.subarray(task.cut) };
}

/**
 * The demand traceReplay replays: the history, or with `--demand model` the history before the cut
 * followed by path 1 (re-planned at the cut, which is deterministic, to fit the same model). Compute
 * it once per series when tracing several scales.
 */
export function replayedDemand(task: SimulateTask, shared: SimulateShared): Float64Array {
  const h = task.series.quantities;
  if (shared.demand !== "model") return h;
  const drawn = modelPaths(task, shared, planAt(task, shared, h.slice(0, task.cut)), 1);
  const q = new Float64Array(h.length);
  q.set(h.subarray(0, task.cut));
  q.set(drawn.paths, task.cut);
  return q;
}

/** Unpacks scale i's figures. */
export function metricsAt(replay: Pick<SeriesReplay, "metrics">, i: number): ReplayMetrics {
  const out: Record<string, number> = {};
  const base = i * METRIC_FIELDS.length;
  for (let k = 0; k < METRIC_FIELDS.length; k++) out[METRIC_FIELDS[k]!] = replay.metrics[base + k]!;
  return out as unknown as ReplayMetrics;
}

/** Per-path fill rates at scale i (empty for history), NaN for a path without demand. */
export function pathFillRates(
  replay: Pick<SeriesReplay, "pathServed" | "pathDemand" | "paths">,
  i: number,
): Float64Array {
  const { pathServed: s, pathDemand: d, paths } = replay;
  if (s === null || d === null) return new Float64Array(0);
  const out = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    const dem = d[i * paths + p]!;
    out[p] = dem > 0 ? s[i * paths + p]! / dem : Number.NaN;
  }
  return out;
}

/** Replays a chunk of series; the same function runs in workers and in-process. */
export function simulateChunk(chunk: readonly SimulateTask[], shared: SimulateShared): SeriesReplay[] {
  return chunk.map((t) => replaySeries(t, shared));
}
