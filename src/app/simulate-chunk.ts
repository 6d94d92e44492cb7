import type { XyzClass } from "../core/classify/xyz.js";
import type { ResolvedItem, ServiceType } from "../core/item.js";
import type { Readiness } from "../core/policy/readiness.js";
import type { ReplenishmentRule } from "../core/policy/rule.js";
import type { DemandSeries } from "../core/series.js";
import { type Calibration, calibration } from "../core/simulate/calibration.js";
import { defaultInitialOnHand } from "../core/simulate/engine.js";
import { simulate } from "../core/simulate/simulate.js";
import type { SimulateOptions, SimulationResult, SimulationState } from "../core/simulate/types.js";
import { walkForward } from "../core/simulate/walk-forward.js";
import { scaleBuffer } from "../core/simulate/what-if.js";
import type { DemandPattern } from "../core/stats/demand-pattern.js";
import { planChunk, type SeriesOutcome } from "./plan-chunk.js";

/** The rule types `takt simulate --policy` replays (one per executable rule of the plan). */
export const POLICY_KINDS = ["rq", "minmax", "periodic", "kanban", "ddmrp"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * One SKU × location to replay: the daily history up to the last replayed day (nothing after it),
 * the index of the first replayed day (`cut`: the plan sees history[0 … cut) only) and the item.
 */
export interface SimulateTask {
  readonly series: DemandSeries;
  readonly cut: number;
  readonly item: ResolvedItem;
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
  /** Plans in force, first at the cut; more with re-planning. */
  readonly plans: readonly PlanStep[];
  readonly metrics: Float64Array;
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

/** Replay options of one series (lead time, costs, constraints, unmet demand). */
function replayOptions(task: SimulateTask, shared: SimulateShared, leadTimeDays: number): SimulateOptions {
  const p = task.item.params;
  return {
    leadTime: leadTimeDays,
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
  return planChunk([{ series, item: task.item }], {
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
  planFor: (past: Float64Array) => PlanStep,
  leadTimeDays: number,
  scale: number,
  trace: boolean,
): SimulationResult {
  const q = task.series.quantities;
  const options: SimulateOptions = { ...replayOptions(task, shared, leadTimeDays), trace };
  const first = planFor(q.slice(0, task.cut));
  const firstRule = scaleBuffer(first.rule, first.safetyStock, scale);
  const warm = warmUpState(task, shared, first.rule, options);
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

/**
 * Plans one series at the cut (and at every re-plan day, walk-forward), then replays the days from
 * the cut at each buffer scale: the rule of the chosen kind with its safety stock × scale
 * (scaleBuffer), each scale from its own warm-up state. Plans are cached by day: a plan depends on
 * the past only, not on the scale. The recommended scale follows whatIfBufferScales' rule.
 */
export function replaySeries(task: SimulateTask, shared: SimulateShared): SeriesReplay {
  const q = task.series.quantities;
  if (!(task.cut >= 1 && task.cut < q.length))
    throw new RangeError(`cut ${task.cut} outside 1 … ${q.length - 1}`);
  const cache = new Map<number, { outcome: SeriesOutcome; step: PlanStep }>();
  const planned = (past: Float64Array) => {
    let hit = cache.get(past.length);
    if (!hit) {
      const outcome = planAt(task, shared, past);
      hit = { outcome, step: { ...policyRule(outcome, shared.policy, task.item), day: past.length } };
      cache.set(past.length, hit);
    }
    return hit;
  };
  const first = planned(q.slice(0, task.cut));
  const leadTimeDays = Number(first.outcome.policy.lead_time_days);
  const p = task.item.params;
  const results = shared.scales.map((scale) =>
    replayAt(task, shared, (past) => planned(past).step, leadTimeDays, scale, false),
  );
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
  const o = first.outcome;
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
    plans: [...cache.values()].map((c) => c.step).sort((a, b) => a.day - b.day),
    metrics,
    recommendedScale,
    calibration: calibration(atOne, p.serviceTarget, {
      serviceType: p.serviceType,
      tolerance: shared.tolerance,
    }),
  };
}

/**
 * Re-runs one series' replay at `scale` with the daily trace, from the plans the worker recorded
 * (the same rules in force from the same days, no re-planning), so the figures are the worker's.
 */
export function traceReplay(
  task: SimulateTask,
  shared: SimulateShared,
  replay: SeriesReplay,
  scale: number,
): SimulationResult {
  const byDay = new Map(replay.plans.map((s) => [s.day, s]));
  const planFor = (past: Float64Array): PlanStep => {
    const s = byDay.get(past.length);
    if (!s) throw new Error(`no recorded plan for day ${past.length}`);
    return s;
  };
  return replayAt(task, shared, planFor, replay.leadTimeDays, scale, true);
}

/** Unpacks scale i's figures. */
export function metricsAt(replay: Pick<SeriesReplay, "metrics">, i: number): ReplayMetrics {
  const out: Record<string, number> = {};
  const base = i * METRIC_FIELDS.length;
  for (let k = 0; k < METRIC_FIELDS.length; k++) out[METRIC_FIELDS[k]!] = replay.metrics[base + k]!;
  return out as unknown as ReplayMetrics;
}

/** Replays a chunk of series; the same function runs in workers and in-process. */
export function simulateChunk(chunk: readonly SimulateTask[], shared: SimulateShared): SeriesReplay[] {
  return chunk.map((t) => replaySeries(t, shared));
}
