import type { MethodName } from "./method.js";
import { FORECAST_METHODS } from "./methods.js";

export interface OriginForecastOptions {
  /** The method to forecast with (the one the selection chose). */
  readonly method: MethodName;
  /** Seasonal period in periods (7 for daily data). */
  readonly seasonPeriod: number;
  /** Forecast the mean of everything before each origin (the selection's fallback) instead of `method`. */
  readonly fallback?: boolean;
  /**
   * Refit the parameters at every origin on y[0..origin) (default false: fit once on y[0..first usable
   * origin) and run the method's states forward to each origin, as the backtest does).
   */
  readonly refitEachOrigin?: boolean;
}

/**
 * Forecasts as they would have been made at each origin, for scoring them against what happened
 * (the weekly KPIs' MAPE and WAPE): `out[i·horizon + k]` is the (k+1)-step forecast made at
 * `origins[i]` (ascending), i.e. of y[origins[i] + k], from y[0..origins[i]) only. Parameters are fitted
 * on y[0..o₀) where o₀ is the first usable origin (or on y[0..o) at each origin with
 * `refitEachOrigin`), so no forecast sees its own period or anything later. An origin before the
 * method's minimum history, beyond the history, or where the fit fails gets NaN. The fallback
 * forecasts the mean of all periods before the origin.
 */
export function forecastsAtOrigins(
  y: Float64Array,
  origins: Int32Array,
  horizon: number,
  o: OriginForecastOptions,
): Float64Array {
  const out = new Float64Array(origins.length * horizon).fill(Number.NaN);
  const m = Math.max(1, Math.round(o.seasonPeriod));
  const method = FORECAST_METHODS[o.fallback ? "moving_average" : o.method];
  const min = o.fallback ? 1 : Math.max(1, method.minHistory(m));
  const usable: number[] = [];
  for (let i = 0; i < origins.length; i++) {
    const at = origins[i]!;
    if (at >= min && at <= y.length) usable.push(i);
  }
  if (usable.length === 0) return out;
  const run = (idx: readonly number[], params: Readonly<Record<string, number>>): void => {
    const at = Int32Array.from(idx, (i) => origins[i]!);
    const buf = new Float64Array(at.length * horizon);
    method.forecastAt(y, params, m, at, horizon, buf);
    idx.forEach((i, j) => {
      out.set(buf.subarray(j * horizon, (j + 1) * horizon), i * horizon);
    });
  };
  // A window longer than any origin makes the moving average the mean of all periods seen.
  if (o.fallback) run(usable, { window: y.length + 1 });
  else if (o.refitEachOrigin) {
    for (const i of usable) {
      const params = method.fit(y, origins[i]!, m);
      if (params !== null) run([i], params);
    }
  } else {
    const params = method.fit(y, origins[usable[0]!]!, m);
    if (params !== null) run(usable, params);
  }
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i]!)) out[i] = Number.NaN;
  return out;
}
