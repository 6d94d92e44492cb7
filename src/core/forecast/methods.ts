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
 * Methods needing a season (seasonal naive, Holt–Winters) are dropped when `seasonPeriod` < 2.
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

export function candidatesFor(
  pattern: DemandPattern | undefined,
  seasonPeriod: number,
  seasonalStrength: number | null = null,
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
  if (seasonPeriod < 2) return list.filter((name) => !SEASONAL.has(name));
  if (seasonalStrength !== null && seasonalStrength < MIN_SEASONAL_STRENGTH)
    return list.filter((name) => !HOLT_WINTERS.has(name));
  return [...list];
}
