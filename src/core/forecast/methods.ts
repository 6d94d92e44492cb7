import type { DemandPattern } from "../stats/demand-pattern.js";
import { holt, holtDamped, hwAdditive, hwMultiplicative, ses } from "./exponential-smoothing.js";
import { croston, sba, tsb } from "./intermittent.js";
import type { ForecastMethod, MethodName } from "./method.js";
import { movingAverage } from "./moving-average.js";
import { naive, seasonalNaive } from "./naive.js";

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

/**
 * Candidate methods per demand pattern (docs/forecasting.md). Frequent demand (smooth, erratic) tries
 * the level/trend/season family; infrequent demand (intermittent, lumpy) tries rate methods, whose
 * flat forecast is the right input for buffers. The naive benchmarks are always scored so the report
 * shows what each choice beats. Order breaks ties: simpler first.
 */
export function candidatesFor(pattern: DemandPattern | undefined): readonly MethodName[] {
  switch (pattern) {
    case "no_demand":
      return ["naive"];
    case "intermittent":
    case "lumpy":
      return ["naive", "seasonal_naive", "moving_average", "ses", "croston", "sba", "tsb"];
    default:
      return [
        "naive",
        "seasonal_naive",
        "moving_average",
        "ses",
        "holt",
        "holt_damped",
        "hw_additive",
        "hw_multiplicative",
      ];
  }
}
