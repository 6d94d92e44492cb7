import { classifyXyz, type XyzClass } from "../classify/xyz.js";
import { candidatesFor } from "../forecast/methods.js";
import { type ForecastSelection, selectForecast } from "../forecast/select.js";
import type { ResolvedItem } from "../item.js";
import { type PolicyRecommendation, planPolicy, type SupplierStats } from "../policy/plan-policy.js";
import { type DemandSeries, SEASON_PERIOD } from "../series.js";
import { type DemandProfile, describeDemand } from "../stats/describe-demand.js";

/** Days per period of each frequency, to express demand per day whatever the history's spacing. */
export const DAYS_PER_PERIOD = { day: 1, week: 7, month: 365.25 / 12 } as const;

export interface SeriesPlanOptions {
  /** Forecast horizon in periods of the series. */
  readonly horizon: number;
  /** Observed supplier lead times for this series (days), when a delivery record exists. */
  readonly leadTimeSamples?: Float64Array;
  /** Supplier performance, when known, for the readiness verdict. */
  readonly supplier?: SupplierStats;
  /** Seed for bootstraps, so that plans are reproducible. */
  readonly seed: number;
}

/** Everything takt works out for one SKU × location. */
export interface SeriesPlan {
  readonly profile: DemandProfile;
  readonly xyz: XyzClass;
  readonly forecast: ForecastSelection;
  readonly policy: PolicyRecommendation;
  /** Mean forecast demand per day over the lead time (units/day). */
  readonly meanDailyDemand: number;
}

/**
 * Plans one series: demand profile → forecast chosen by rolling-origin backtest → policy.
 * The forecast's backtest is measured over the protection interval (lead time + review period), and
 * its cumulative error over the lead time sizes the buffer. Weekly and monthly histories are
 * converted to per-day figures for the policy, whose lead times are days.
 */
export function planSeries(series: DemandSeries, item: ResolvedItem, options: SeriesPlanOptions): SeriesPlan {
  const q = series.quantities;
  const profile = describeDemand(q, series.frequency);
  const periodDays = DAYS_PER_PERIOD[series.frequency];
  const p = item.params;
  const protectionPeriods = Math.max(1, Math.ceil((p.leadTimeDays + p.reviewPeriodDays) / periodDays));
  const seasonPeriod = SEASON_PERIOD[series.frequency];
  const seasonality = series.frequency === "day" ? profile.weeklySeasonality : profile.yearlySeasonality;
  const forecast = selectForecast(q, {
    seasonPeriod,
    candidates: candidatesFor(profile.pattern, seasonPeriod, seasonality, profile.trendStrength),
    horizon: Math.max(options.horizon, protectionPeriods),
    leadTimePeriods: protectionPeriods,
    pattern: profile.pattern,
  });
  const ltPeriods = Math.max(1, Math.round(p.leadTimeDays / periodDays));
  const f = forecast.forecast;
  let sum = 0;
  const k = Math.min(ltPeriods, f.length);
  for (let i = 0; i < k; i++) sum += f[i]!;
  const meanDailyDemand = k > 0 ? sum / k / periodDays : 0;
  const ltError = forecast.cumulativeErrorSd[ltPeriods - 1];
  // Readiness judges forecastability over the lead time (the totals a buffer must cover), not day by
  // day: daily MAPE of retail demand is rarely below 40 % even when lead-time totals are predictable.
  const mape = forecast.leadTimeMape;
  const xyz = classifyXyz(profile.cv);
  const policy = planPolicy({
    meanDailyDemand,
    dailyErrorSd: forecast.oneStepErrorSd / Math.sqrt(periodDays),
    ...(ltError !== undefined && Number.isFinite(ltError) && series.frequency === "day"
      ? { errorSdOverLeadTime: ltError }
      : {}),
    history: q,
    pattern: profile.pattern,
    cv: profile.cv,
    item: p,
    defaulted: item.defaulted,
    ...(options.leadTimeSamples ? { leadTimeSamples: options.leadTimeSamples } : {}),
    mape: Number.isFinite(mape) ? mape : null,
    ...(options.supplier ? { supplier: options.supplier } : {}),
    options: { xyz, leadTimeDemand: { seed: options.seed } },
  });
  return { profile, xyz, forecast, policy, meanDailyDemand };
}
