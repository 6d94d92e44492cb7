import { type AccuracyScores, accuracy, naiveScale } from "../accuracy/metrics.js";
import { type ForecastSelection, type SelectOptions, selectForecast } from "./select.js";

export interface HoldoutResult {
  readonly selection: ForecastSelection;
  /** Forecast of the last `holdout` periods, made from the history before them. */
  readonly forecast: Float64Array;
  readonly actual: Float64Array;
  /** Scores against the held-out actuals; MASE/RMSSE scaled by the training part's naive errors. */
  readonly scores: AccuracyScores;
}

/**
 * Holds out the last `holdout` periods: selects and fits on y[0..n − holdout), forecasts the held-out
 * periods and scores them (the M5 evaluation protocol with a single origin).
 */
export function holdoutForecast(
  y: Float64Array,
  holdout: number,
  options: Omit<SelectOptions, "horizon">,
): HoldoutResult | null {
  const n = y.length;
  if (holdout < 1 || n - holdout < 2) return null;
  const train = y.subarray(0, n - holdout);
  const actual = y.slice(n - holdout);
  const selection = selectForecast(train, { ...options, horizon: holdout });
  const scale = naiveScale(train);
  return {
    selection,
    forecast: selection.forecast,
    actual,
    scores: accuracy(actual, selection.forecast, scale),
  };
}
