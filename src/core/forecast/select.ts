import { type AccuracyScores, ErrorAccumulator, naiveScale } from "../accuracy/metrics.js";
import type { DemandPattern } from "../stats/demand-pattern.js";
import type { MethodName, Params } from "./method.js";
import { candidatesFor, FORECAST_METHODS } from "./methods.js";

/**
 * Automatic method selection by rolling-origin backtest on the series' own history (Tashman 2000).
 *
 * Every candidate's parameters are fitted on the data before the first origin (no leakage); each
 * method then forecasts `evalHorizon` periods ahead from every period of the evaluation span (the last
 * BACKTEST_SPAN periods, or a third of a short history). Methods are ranked by RMSSE: a squared error,
 * minimised by the mean, because the forecast feeds buffer sizing (ADR 0002); MAE-type scores would
 * reward forecasting zero on intermittent series. The chosen method is refitted on the whole history
 * for the final forecast. The spread of the backtest's cumulative errors gives the forecast error over
 * a lead time: `cumulativeErrorSd[h − 1]` = √(mean over origins of (Σ_{k=1..h} e_k)²), the root mean
 * square including any bias, in units of demand over h periods. The parameters fitted before the first
 * origin are kept for the final forecast (the recursion itself runs through the whole history), so
 * the reported backtest describes exactly the model that forecasts.
 */
export const BACKTEST_SPAN = 182;

export interface SelectOptions {
  readonly seasonPeriod: number;
  /** Periods to forecast after the history. */
  readonly horizon: number;
  /** Lead time (plus review period) in periods; errors are measured at least this far ahead. */
  readonly leadTimePeriods: number;
  readonly pattern?: DemandPattern;
  readonly candidates?: readonly MethodName[];
}

export interface MethodScore extends AccuracyScores {
  readonly params: Params;
}

export interface ForecastSelection {
  readonly method: MethodName;
  readonly runnerUp: MethodName | null;
  /** Backtest scores of every candidate that could be fitted. */
  readonly scores: Partial<Record<MethodName, MethodScore>>;
  /** Why this method: the criterion and margin, or the fallback taken. */
  readonly reason: string;
  /** Parameters of the chosen method (fitted before the first backtest origin). */
  readonly params: Params;
  readonly forecast: Float64Array;
  /** RMS of one-step backtest errors (units per period). */
  readonly oneStepErrorSd: number;
  /** [h − 1] = RMS of the sum of the first h errors (units over h periods). */
  readonly cumulativeErrorSd: Float64Array;
  /** Backtest origins used (0 for a fallback without backtest). */
  readonly origins: number;
}

export function selectForecast(y: Float64Array, options: SelectOptions): ForecastSelection {
  const n = y.length;
  const m = options.seasonPeriod;
  const evalH = Math.max(1, options.leadTimePeriods);
  const span = Math.min(BACKTEST_SPAN, Math.floor(n / 3));
  const first = n - evalH - span + 1;
  const candidates = options.candidates ?? candidatesFor(options.pattern);
  if (span < 7 || first < 2) return fallback(y, options, evalH);

  const origins = new Int32Array(span);
  for (let i = 0; i < span; i++) origins[i] = first + i;
  const scale = naiveScale(y, 0, first);
  const safeScale = scale.mse > 0 ? scale : { mae: 1, mse: 1 };
  const out = new Float64Array(span * evalH);
  const scores: Partial<Record<MethodName, MethodScore>> = {};
  let best: { name: MethodName; rmsse: number; cum: Float64Array; one: number } | null = null;
  let second: { name: MethodName; rmsse: number } | null = null;
  for (const name of candidates) {
    const method = FORECAST_METHODS[name];
    if (first < method.minHistory(m)) continue;
    const params = method.fit(y, first, m);
    if (params === null) continue;
    method.forecastAt(y, params, m, origins, evalH, out);
    const acc = new ErrorAccumulator();
    const cum = new Float64Array(evalH);
    let oneSq = 0;
    for (let i = 0; i < span; i++) {
      const o = origins[i]!;
      let c = 0;
      for (let k = 0; k < evalH; k++) {
        const e = out[i * evalH + k]! - y[o + k]!;
        acc.add(y[o + k]!, out[i * evalH + k]!);
        c += e;
        cum[k] += c * c;
        if (k === 0) oneSq += e * e;
      }
    }
    const s = acc.scores(safeScale);
    scores[name] = { ...s, params };
    if (!Number.isFinite(s.rmsse)) continue;
    if (best === null || s.rmsse < best.rmsse - 1e-12) {
      second = best;
      best = { name, rmsse: s.rmsse, cum, one: Math.sqrt(oneSq / span) };
    } else if (second === null || s.rmsse < second.rmsse) second = { name, rmsse: s.rmsse };
  }
  if (best === null) return fallback(y, options, evalH);
  for (let k = 0; k < evalH; k++) best.cum[k] = Math.sqrt(best.cum[k]! / span);
  // The parameters fitted before the first origin are kept; the recursion runs through all the data.
  const params = scores[best.name]!.params;
  const forecast = new Float64Array(options.horizon);
  FORECAST_METHODS[best.name].forecastAt(y, params, m, Int32Array.of(n), options.horizon, forecast);
  const margin = second ? ` (runner-up ${second.name} at ${second.rmsse.toFixed(3)})` : "";
  return {
    method: best.name,
    runnerUp: second?.name ?? null,
    scores,
    reason: `lowest RMSSE ${best.rmsse.toFixed(3)} over ${span} rolling origins, 1–${evalH} periods ahead${margin}`,
    params,
    forecast,
    oneStepErrorSd: best.one,
    cumulativeErrorSd: extend(best.cum, Math.max(evalH, options.leadTimePeriods)),
    origins: span,
  };
}

/**
 * Too short a history to backtest: the mean of what there is (a moving average over all of it), with
 * the error spread from the sample sd, scaled by √h for h periods (independent errors assumed).
 */
function fallback(y: Float64Array, options: SelectOptions, evalH: number): ForecastSelection {
  const n = y.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += y[i]!;
  const mean = n ? s / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : mean;
  const h = Math.max(evalH, options.leadTimePeriods);
  const cum = Float64Array.from({ length: h }, (_, k) => sd * Math.sqrt(k + 1));
  return {
    method: "moving_average",
    runnerUp: null,
    scores: {},
    reason: `history of ${n} periods is too short to backtest; forecasting the mean of all of it`,
    params: { window: n },
    forecast: new Float64Array(options.horizon).fill(mean),
    oneStepErrorSd: sd,
    cumulativeErrorSd: cum,
    origins: 0,
  };
}

/** Extends cumulative error sds beyond the backtest horizon by √h scaling of the last value. */
function extend(cum: Float64Array, h: number): Float64Array {
  if (h <= cum.length) return cum;
  const out = new Float64Array(h);
  out.set(cum);
  const last = cum[cum.length - 1]!;
  for (let k = cum.length; k < h; k++) out[k] = last * Math.sqrt((k + 1) / cum.length);
  return out;
}
