import type { XyzClass } from "../core/classify/xyz.js";
import type { MethodName } from "../core/forecast/method.js";
import type { ResolvedItem } from "../core/item.js";
import { planSeries } from "../core/plan/plan-series.js";
import { explain, type PolicyRecommendation, policyRow } from "../core/policy/plan-policy.js";
import { type DemandSeries, seriesId } from "../core/series.js";
import type { DemandProfile } from "../core/stats/describe-demand.js";

/** One unit of planning work, as sent to a worker thread. */
export interface PlanTask {
  readonly series: DemandSeries;
  readonly item: ResolvedItem;
  readonly leadTimeSamples?: Float64Array;
}

export interface PlanShared {
  readonly job: "plan";
  readonly horizon: number;
  readonly seed: number;
}

/** Backtest scores of one candidate method, as reported (fractions; RMSSE/MASE scaled). */
export interface MethodSummary {
  readonly rmsse: number;
  readonly mase: number;
  readonly wape: number;
  readonly mape: number;
  readonly bias: number;
}

/**
 * What a worker sends back for one series: the figures, the explanation in words and the forecast
 * summary. The full derivation objects stay in the worker, so a 30,000-series catalogue fits in memory.
 */
export interface SeriesOutcome {
  readonly profile: DemandProfile;
  readonly xyz: XyzClass;
  /** Mean forecast demand per day over the lead time, units/day. */
  readonly meanDailyDemand: number;
  readonly forecast: {
    readonly method: MethodName;
    readonly runnerUp: MethodName | null;
    readonly reason: string;
    readonly leadTimeMape: number;
    readonly scores: Partial<Record<MethodName, MethodSummary>>;
    /** The forecast for the next `horizon` periods. */
    readonly next: Float64Array;
  };
  /** plan.csv policy columns (policyRow). */
  readonly policy: Record<string, number | string>;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly orderQuantity: number;
  readonly readiness: PolicyRecommendation["readiness"];
  readonly rules: PolicyRecommendation["rules"];
  /** Every figure's derivation in words (explain). */
  readonly explanation: readonly string[];
}

/** Plans a chunk of series; the same function runs in workers and in-process. */
export function planChunk(chunk: readonly PlanTask[], shared: PlanShared): SeriesOutcome[] {
  return chunk.map((t) => {
    const plan = planSeries(t.series, t.item, {
      horizon: shared.horizon,
      seed: (shared.seed ^ hashString(seriesId(t.series))) >>> 0,
      ...(t.leadTimeSamples ? { leadTimeSamples: t.leadTimeSamples } : {}),
    });
    const f = plan.forecast;
    const scores: Partial<Record<MethodName, MethodSummary>> = {};
    for (const [name, s] of Object.entries(f.scores) as [MethodName, MethodSummary][]) {
      scores[name] = { rmsse: s.rmsse, mase: s.mase, wape: s.wape, mape: s.mape, bias: s.bias };
    }
    const p = plan.policy;
    return {
      profile: plan.profile,
      xyz: plan.xyz,
      meanDailyDemand: plan.meanDailyDemand,
      forecast: {
        method: f.method,
        runnerUp: f.runnerUp,
        reason: f.reason,
        leadTimeMape: f.leadTimeMape,
        scores,
        next: f.forecast.slice(0, shared.horizon),
      },
      policy: policyRow(p),
      safetyStock: p.safetyStock.value,
      reorderPoint: p.reorderPoint.value,
      orderQuantity: p.orderQuantity.value,
      readiness: p.readiness,
      rules: p.rules,
      explanation: [`Forecast: ${f.method} — ${f.reason}.`, ...explain(p)],
    };
  });
}

/** FNV-1a: a stable per-series seed, so results do not depend on how series are chunked. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
