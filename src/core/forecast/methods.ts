import type { DemandPattern } from "../stats/demand-pattern.js";
import { croston, sba } from "./croston.js";
import { holt, holtDamped } from "./holt.js";
import { hwAdditive, hwMultiplicative } from "./holt-winters.js";
import { type ForecastMethod, METHOD_NAMES, type MethodName } from "./method.js";
import { movingAverage } from "./moving-average.js";
import { naive } from "./naive.js";
import { seasonalNaive } from "./seasonal-naive.js";
import { ses } from "./ses.js";
import { tsb } from "./tsb.js";

/** Every forecasting method by name. */
export const FORECAST_METHODS: Readonly<Record<MethodName, ForecastMethod>> = {
  naive,
  seasonal_naive: seasonalNaive,
  moving_average: movingAverage,
  ses,
  holt,
  holt_damped: holtDamped,
  hw_additive: hwAdditive,
  hw_multiplicative: hwMultiplicative,
  croston,
  sba,
  tsb,
};

/** Candidates for frequent demand (smooth, erratic): the level / trend / season family. */
export const FREQUENT_DEMAND_METHODS: readonly MethodName[] = [
  "naive",
  "seasonal_naive",
  "moving_average",
  "ses",
  "holt",
  "holt_damped",
  "hw_additive",
  "hw_multiplicative",
];

/** Candidates for infrequent demand (intermittent, lumpy): flat rate forecasts. */
export const INFREQUENT_DEMAND_METHODS: readonly MethodName[] = [
  "naive",
  "moving_average",
  "ses",
  "croston",
  "sba",
  "tsb",
];

const SEASONAL: ReadonlySet<MethodName> = new Set(["seasonal_naive", "hw_additive", "hw_multiplicative"]);

/**
 * Candidate methods for a Syntetos–Boylan demand pattern (docs/forecasting.md, "Candidate sets"):
 * - smooth, erratic: naive, seasonal naive, moving average, SES, Holt, damped Holt, Holt–Winters
 *   additive and multiplicative. Croston-type methods are left out: with demand in (nearly) every
 *   period their interval is ≈ 1 and they reduce to SES.
 * - intermittent, lumpy: naive, moving average, SES, Croston, SBA, TSB. Trend and seasonal models are
 *   left out: on mostly-zero data they fit noise, and multiplicative seasonality is undefined.
 * - no_demand: naive only (forecasts 0).
 * - pattern unknown: every method.
 * Methods needing a season (seasonal naive, Holt–Winters) are dropped when `seasonPeriod` < 2;
 * Holt–Winters when `seasonalStrength` < MIN_SEASONAL_STRENGTH; undamped Holt when `trendStrength`
 * < MIN_TREND_STRENGTH_UNDAMPED (null strengths: not measured, nothing dropped).
 * The naive benchmark is always included, so reports show what the chosen method beats. The order
 * (simplest first) breaks ties in selection.
 */
/**
 * Holt–Winters is fitted only when the history shows at least this strength of seasonality on its
 * natural period (F_S of docs/demand-analytics.md). Below it a seasonal model has nothing to learn
 * that seasonal naive and the level methods miss, and its fit is the costliest in the backtest.
 */
export const MIN_SEASONAL_STRENGTH = 0.1;

const HOLT_WINTERS: ReadonlySet<MethodName> = new Set(["hw_additive", "hw_multiplicative"]);

/**
 * Undamped Holt is fitted only when the history shows at least this strength of trend (F_T of
 * docs/demand-analytics.md). Below it damped Holt (φ ≤ 0.98) covers what a trend model can add, and
 * the undamped fit costs about as much as SES, moving average and naive together. Chosen by
 * measurement (docs/forecasting.md, "Candidate sets"): on the M5 sample's 28-day holdout mean RMSSE
 * 0.7313 → 0.7312 and MASE 1.0193 → 1.0193, on 1,500 generated series 0.6973 → 0.6973, for about 12 %
 * less selection time.
 */
export const MIN_TREND_STRENGTH_UNDAMPED = 0.5;

export function candidatesFor(
  pattern: DemandPattern | undefined,
  seasonPeriod: number,
  seasonalStrength: number | null = null,
  trendStrength: number | null = null,
): MethodName[] {
  let list: readonly MethodName[];
  switch (pattern) {
    case "no_demand":
      list = ["naive"];
      break;
    case "intermittent":
    case "lumpy":
      list = INFREQUENT_DEMAND_METHODS;
      break;
    case "smooth":
    case "erratic":
      list = FREQUENT_DEMAND_METHODS;
      break;
    default:
      list = METHOD_NAMES;
  }
  const weakTrend = trendStrength !== null && trendStrength < MIN_TREND_STRENGTH_UNDAMPED;
  const noSeason = seasonPeriod < 2;
  const weakSeason = seasonalStrength !== null && seasonalStrength < MIN_SEASONAL_STRENGTH;
  return list.filter(
    (name) =>
      !(noSeason && SEASONAL.has(name)) &&
      !(weakSeason && HOLT_WINTERS.has(name)) &&
      !(weakTrend && name === "holt"),
  );
}
