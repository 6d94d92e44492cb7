import { type AccuracyScores, accuracy, naiveScale } from "../accuracy/metrics.js";
import { type ForecastSelection, type SelectOptions, selectForecast } from "./select.js";

export interface HoldoutResult {
  /** The selection made on the training part y[0..n − holdout). */
  readonly selection: ForecastSelection;
  /** Forecast of the last `holdout` periods, made from the history before them, units per period. */
  readonly forecast: Float64Array;
  /** The held-out actuals. */
  readonly actual: Float64Array;
  /** Scores against the held-out actuals; MASE and RMSSE scaled by the training part's naive errors. */
  readonly scores: AccuracyScores;
}

/**
 * Single-origin holdout evaluation (the M4/M5 protocol, Makridakis et al. 2022): selects and fits on
 * y[0..n − holdout) with `selectForecast`, forecasts the `holdout` held-out periods and scores them
 * with `accuracy`, the MASE/RMSSE scale taken from the training part only. Null when holdout < 1 or
 * fewer than 2 training periods remain (no naive scale).
 */
export function holdoutForecast(
  y: Float64Array,
  holdout: number,
  options: Omit<SelectOptions, "horizon">,
): HoldoutResult | null {
  const n = y.length;
  if (!Number.isInteger(holdout) || holdout < 1 || n - holdout < 2) return null;
  const train = y.subarray(0, n - holdout);
  const actual = y.slice(n - holdout);
  const selection = selectForecast(train, { ...options, horizon: holdout });
  return {
    selection,
    forecast: selection.forecast,
    actual,
    scores: accuracy(actual, selection.forecast, naiveScale(train)),
  };
}
