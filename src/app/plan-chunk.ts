import type { XyzClass } from "../core/classify/xyz.js";
import type { MethodName } from "../core/forecast/method.js";
import { forecastsAtOrigins } from "../core/forecast/origin-forecasts.js";
import type { ResolvedItem } from "../core/item.js";
import { planSeries } from "../core/plan/plan-series.js";
import {
  explain,
  type PolicyRecommendation,
  policyRow,
  type SupplierStats,
} from "../core/policy/plan-policy.js";
import { type DemandSeries, SEASON_PERIOD, seriesId } from "../core/series.js";
import type { DemandProfile } from "../core/stats/describe-demand.js";

/** One unit of planning work, as sent to a worker thread. */
export interface PlanTask {
  readonly series: DemandSeries;
  readonly item: ResolvedItem;
  readonly leadTimeSamples?: Float64Array;
  /** The supplier's delivery record (on-time rate, lead-time CV), for the readiness verdict. */
  readonly supplier?: SupplierStats;
}

export interface PlanShared {
  readonly job: "plan";
  readonly horizon: number;
  readonly seed: number;
  /**
   * Weeks to forecast after the fact for the weekly KPIs' MAPE/WAPE: `weeks` consecutive weeks from
   * `firstDay` (a Monday, epoch day). Daily series only.
   */
  readonly accuracyWeeks?: { readonly firstDay: number; readonly weeks: number };
}

/** Forecasts made before each KPI week for its 7 days (see weekForecasts). */
export interface WeekForecasts {
  /** First day of the first week (a Monday, epoch day). */
  readonly firstDay: number;
  /** `values[7·w + d]`: forecast of day d of week w, made at the week's start; NaN = none. */
  readonly values: Float64Array;
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
  /**
   * Demand variance per day the buffer was sized on, units²/day: the demand part of the lead-time
   * demand variance ÷ the lead time (0 at a zero lead time). With `policy.distribution` it fixes the
   * daily demand model of `takt simulate --demand model`.
   */
  readonly dailyDemandVariance: number;
  readonly reorderPoint: number;
  readonly orderQuantity: number;
  readonly readiness: PolicyRecommendation["readiness"];
  readonly rules: PolicyRecommendation["rules"];
  /** Every figure's derivation in words (explain). */
  readonly explanation: readonly string[];
  /** Forecasts of the KPI weeks made before each (PlanShared.accuracyWeeks; daily series only). */
  readonly weekForecasts?: WeekForecasts;
}

/** Plans a chunk of series; the same function runs in workers and in-process. */
export function planChunk(chunk: readonly PlanTask[], shared: PlanShared): SeriesOutcome[] {
  return chunk.map((t) => {
    const plan = planSeries(t.series, t.item, {
      horizon: shared.horizon,
      seed: (shared.seed ^ hashString(seriesId(t.series))) >>> 0,
      ...(t.leadTimeSamples ? { leadTimeSamples: t.leadTimeSamples } : {}),
      ...(t.supplier ? { supplier: t.supplier } : {}),
    });
    const f = plan.forecast;
    const scores: Partial<Record<MethodName, MethodSummary>> = {};
    for (const [name, s] of Object.entries(f.scores) as [MethodName, MethodSummary][]) {
      scores[name] = { rmsse: s.rmsse, mase: s.mase, wape: s.wape, mape: s.mape, bias: s.bias };
    }
    const p = plan.policy;
    const weeks = shared.accuracyWeeks;
    const weekForecasts =
      weeks && t.series.frequency === "day" ? weekForecastsOf(t.series, f, weeks) : undefined;
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
      dailyDemandVariance:
        p.distribution.horizonDays > 0 ? p.distribution.demandVariance / p.distribution.horizonDays : 0,
      reorderPoint: p.reorderPoint.value,
      orderQuantity: p.orderQuantity.value,
      readiness: p.readiness,
      rules: p.rules,
      explanation: [`Forecast: ${f.method} — ${f.reason}.`, ...explain(p)],
      ...(weekForecasts ? { weekForecasts } : {}),
    };
  });
}

/**
 * The forecasts the chosen method would have made at the start of each KPI week for that week's days,
 * from the days before it only: parameters fitted on the history before the first week, states run
 * forward to each week's start (forecastsAtOrigins). The method is the selection's, chosen on the
 * whole history.
 */
function weekForecastsOf(
  series: DemandSeries,
  f: ReturnType<typeof planSeries>["forecast"],
  weeks: NonNullable<PlanShared["accuracyWeeks"]>,
): WeekForecasts {
  const origins = Int32Array.from({ length: weeks.weeks }, (_, w) => weeks.firstDay + 7 * w - series.start);
  const values = forecastsAtOrigins(series.quantities, origins, 7, {
    method: f.method,
    seasonPeriod: SEASON_PERIOD.day,
    fallback: f.origins === 0,
  });
  return { firstDay: weeks.firstDay, values };
}

/** FNV-1a: a stable per-series seed, so results do not depend on how series are chunked. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
