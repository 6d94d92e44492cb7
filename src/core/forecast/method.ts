/**
 * The contract every forecasting method implements.
 *
 * Indexing convention: `y[0..n)` is the history. A forecast made "at origin o" uses only
 * `y[0..o)` and predicts `y[o], y[o+1], …, y[o+h-1]` (1- to h-step ahead). The final forecast
 * after the whole history is the forecast at origin `n`.
 *
 * Methods are split into `fit` (estimate parameters on a prefix) and `forecastAt` (run the
 * recursion once with fixed parameters, emitting forecasts at many origins). Rolling-origin
 * evaluation with parameters fitted before the first origin is therefore one pass over the
 * data, not one refit per origin; see docs/forecasting.md.
 */
export type MethodName =
  | "naive"
  | "seasonal_naive"
  | "moving_average"
  | "ses"
  | "holt"
  | "holt_damped"
  | "hw_additive"
  | "hw_multiplicative"
  | "croston"
  | "sba"
  | "tsb";

export const METHOD_NAMES: readonly MethodName[] = [
  "naive",
  "seasonal_naive",
  "moving_average",
  "ses",
  "holt",
  "holt_damped",
  "hw_additive",
  "hw_multiplicative",
  "croston",
  "sba",
  "tsb",
];

/** Fitted parameters, named as in the literature (alpha, beta, gamma, phi, window, …). */
export type Params = Readonly<Record<string, number>>;

export interface ForecastMethod {
  readonly name: MethodName;
  /** Shortest history (in periods) the method can be fitted on, given the seasonal period. */
  minHistory(seasonPeriod: number): number;
  /**
   * Estimates parameters from `y[0..n)` (n ≤ y.length); returns null when the method does not apply
   * (too short, or e.g. non-positive data for a multiplicative model).
   */
  fit(y: Float64Array, n: number, seasonPeriod: number): Params | null;
  /**
   * With fixed `params`, writes into `out[i*horizon + k]` the (k+1)-step forecast made at origin
   * `origins[i]` (origins ascending, each ≤ y.length and ≥ minHistory). Forecasts are never negative.
   */
  forecastAt(
    y: Float64Array,
    params: Params,
    seasonPeriod: number,
    origins: Int32Array,
    horizon: number,
    out: Float64Array,
  ): void;
}
