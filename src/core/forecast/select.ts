import { type AccuracyScores, naiveScale } from "../accuracy/metrics.js";
import type { DemandPattern } from "../stats/demand-pattern.js";
import type { MethodName, Params } from "./method.js";
import { candidatesFor, FORECAST_METHODS } from "./methods.js";
import { applyProfile, seasonProfile } from "./season-profile.js";

/** At most this many backtest origins (half a year of daily data at the default spacing). */
export const MAX_ORIGINS = 52;
/** Fewer origins than this is no backtest: the series takes the fallback. */
export const MIN_ORIGINS = 4;
/**
 * Methods never scored with the season profile: those that model the season themselves, and the naive
 * benchmark (kept as it is, so reports show what the chosen method beats).
 */
const UNPROFILED: ReadonlySet<MethodName> = new Set([
  "naive",
  "seasonal_naive",
  "hw_additive",
  "hw_multiplicative",
]);

export interface SelectOptions {
  /** Seasonal period in periods (7 for daily data; see SEASON_PERIOD). */
  readonly seasonPeriod: number;
  /** Periods to forecast after the history. */
  readonly horizon: number;
  /**
   * Lead time (plus review period) in periods: the backtest forecasts this many steps ahead, and
   * `cumulativeErrorSd` has this many entries (at least 1).
   */
  readonly leadTimePeriods: number;
  /** Demand pattern, choosing the candidate set (methods.ts `candidatesFor`); every method when absent. */
  readonly pattern?: DemandPattern;
  /** Explicit candidate methods, overriding the pattern's set. */
  readonly candidates?: readonly MethodName[];
  /**
   * Refit the chosen method on the whole history for the final forecast (default true). False keeps
   * the parameters fitted before the first origin — the exact model the backtest measured — and saves
   * one fit (for Holt–Winters, about a third of the selection's time).
   */
  readonly refit?: boolean;
}

/**
 * Forecasts that average nothing (the last value, the last season's values): benchmarks, never taken
 * by the one-standard-error rule in place of the lowest-error candidate.
 */
const UNSMOOTHED: ReadonlySet<MethodName> = new Set(["naive", "seasonal_naive"]);

/** Backtest accuracy of one candidate, with the parameters it was fitted with (before the first origin). */
export interface MethodScore extends AccuracyScores {
  readonly params: Params;
  /** True when these scores are of the forecast scaled by the season profile (it scored lower). */
  readonly profiled: boolean;
}

export interface ForecastSelection {
  readonly method: MethodName;
  /** Second-best candidate by the same criterion, or null when only one could be scored. */
  readonly runnerUp: MethodName | null;
  /** Backtest scores of every candidate that could be fitted. */
  readonly scores: Partial<Record<MethodName, MethodScore>>;
  /** Candidates that could not be scored, and why. */
  readonly skipped: Partial<Record<MethodName, string>>;
  /** Why this method: the criterion and margin, or the fallback taken. */
  readonly reason: string;
  /** Parameters of `forecast`: the chosen method refitted on the whole history (see `refit`). */
  readonly fittedParams: Params;
  /**
   * The season profile `forecast` is scaled by (season-profile.ts; factor `[t mod m]` for period index
   * t of the history's indexing), or null when the chosen method's forecast is used as it is.
   */
  readonly seasonProfile: Float64Array | null;
  /** Forecast for the `horizon` periods after the history, units per period, never negative. */
  readonly forecast: Float64Array;
  /** Standard deviation of the one-step forecast error, units per period (= cumulativeErrorSd[0]). */
  readonly oneStepErrorSd: number;
  /**
   * `[h − 1]` = standard deviation of the sum of the errors of steps 1..h, in units over h periods:
   * the forecast error over a lead time of h periods. Length max(1, leadTimePeriods).
   */
  readonly cumulativeErrorSd: Float64Array;
  /**
   * MAPE of the chosen method's forecast of the total over the backtest horizon (the lead time):
   * mean over origins with demand of |ΣF − ΣA| ÷ ΣA. Forecastability where it matters for buffers;
   * NaN when no origin had demand or there was no backtest.
   */
  readonly leadTimeMape: number;
  /** Backtest origins used (0 for the fallback). */
  readonly origins: number;
  /** Steps ahead scored at each origin (≤ leadTimePeriods; 0 for the fallback). */
  readonly backtestHorizon: number;
}

/** The origin layout of the backtest of a series of n periods (see docs/forecasting.md, "Backtest"). */
export interface BacktestPlan {
  /** Origins, ascending; the first is where candidates are fitted (on y[0..first)). */
  readonly origins: Int32Array;
  /** Steps ahead scored at each origin. */
  readonly horizon: number;
  /** Periods between consecutive origins. */
  readonly step: number;
}

/**
 * Lays out the rolling origins: the last origin leaves `horizon` periods of actuals; origins are
 * `step` periods apart, with step = m + 1 for short seasons (m ≤ 7: daily data move one weekday per
 * origin, so all weekdays are origins equally often) and 1 for long seasons (weeks, months); at most
 * MAX_ORIGINS of them, and the first leaves at least max(8, min(2m, 24)) periods to fit on. When the
 * history cannot hold MIN_ORIGINS origins with the full lead time, the step falls to 1, then the
 * horizon shrinks (the lead-time spread beyond it is extrapolated); null when not even one step fits.
 */
export function planBacktest(n: number, seasonPeriod: number, leadTimePeriods: number): BacktestPlan | null {
  const m = Math.max(1, Math.round(finiteOr(seasonPeriod, 1)));
  const lead = Math.max(1, Math.ceil(finiteOr(leadTimePeriods, 1)));
  const minTrain = Math.max(8, Math.min(2 * m, 24));
  const horizonFor = (s: number) => Math.min(lead, n - minTrain - (MIN_ORIGINS - 1) * s);
  let step = m <= 7 ? m + 1 : 1;
  let horizon = horizonFor(step);
  if (horizon < lead && step > 1 && horizonFor(1) > horizon) {
    step = 1;
    horizon = horizonFor(1);
  }
  if (horizon < 1) return null;
  const count = Math.min(MAX_ORIGINS, Math.floor((n - horizon - minTrain) / step) + 1);
  const origins = new Int32Array(count);
  for (let i = 0; i < count; i++) origins[i] = n - horizon - (count - 1 - i) * step;
  return { origins, horizon, step };
}

// Backtest forecast buffers, reused across calls (allocating typed arrays costs more than filling them).
let scratchA = new Float64Array(MAX_ORIGINS * 64);
let scratchB = new Float64Array(MAX_ORIGINS * 64);

/**
 * Automatic method selection by rolling-origin backtest on the series' own history (Tashman 2000,
 * "Out-of-sample tests of forecasting accuracy: an analysis and review", IJF 16(4):437–450).
 *
 * Each candidate is fitted once on y[0..first origin) (no leakage), then forecasts 1..H steps ahead
 * from every origin of `planBacktest` with those parameters. Candidates are ranked by RMSSE over all
 * origins and steps: a squared error, minimised by the mean, because the forecast feeds buffer sizing
 * (docs/adr/0002); MASE/WAPE are reported, never used to choose (they reward forecasting zero on
 * intermittent series). Ties go to the earlier (simpler) candidate, and so does a candidate within one
 * standard error of the lowest MSE (the one-standard-error rule over the per-origin errors; never the
 * unsmoothed naive and seasonal naive benchmarks), which damps selection noise. On short seasons (daily data) each
 * flat candidate is also scored scaled by the season profile estimated before the first origin
 * (season-profile.ts) and keeps the profile when that lowers its MSE. The chosen method is refitted on
 * the whole history for `forecast` (and its profile, if any, re-estimated). Error spreads come from the chosen method's backtest: with
 * c_i(h) = Σ_{k=1..h} (F − A) at origin i, cumulativeErrorSd[h − 1] = √(mean_i c_i(h)²), the root
 * mean square about zero (so a bias widens it), units over h periods; beyond the backtest horizon H
 * (short histories only) it grows as √(h ÷ H).
 *
 * Too short a history (or no candidate that fits) takes the fallback: the mean of the whole history.
 * Non-finite values in y are read as 0. Forecasts and error spreads are always finite.
 */
export function selectForecast(y: Float64Array, options: SelectOptions): ForecastSelection {
  y = finiteOnly(y);
  const n = y.length;
  const m = Math.max(1, Math.round(finiteOr(options.seasonPeriod, 1)));
  const lead = Math.max(1, Math.ceil(finiteOr(options.leadTimePeriods, 1)));
  const horizon = Math.max(0, Math.floor(finiteOr(options.horizon, 0)));
  const plan = planBacktest(n, m, lead);
  if (plan === null) return fallback(y, horizon, lead, `history of ${n} periods is too short to backtest`);

  const { origins, horizon: H } = plan;
  const N = origins.length;
  const first = origins[0]!;
  const candidates = options.candidates ?? candidatesFor(options.pattern, m);
  const scale = naiveScale(y, 0, first);
  // the season profile as of the first origin, like the candidates' parameters
  const profile = seasonProfile(y, first, m);
  if (scratchA.length < N * H) {
    scratchA = new Float64Array(N * H);
    scratchB = new Float64Array(N * H);
  }
  let current = scratchA;
  let bestBuf = scratchB;
  const scores: Partial<Record<MethodName, MethodScore>> = {};
  const skipped: Partial<Record<MethodName, string>> = {};
  let best: MethodName | null = null;
  let bestMse = Number.POSITIVE_INFINITY;
  let second: MethodName | null = null;
  let secondMse = Number.POSITIVE_INFINITY;
  // per candidate, the mean squared error at each origin (for the one-standard-error rule)
  const perOrigin: Partial<Record<MethodName, Float64Array>> = {};

  for (const name of candidates) {
    const method = FORECAST_METHODS[name];
    if (first < method.minHistory(m)) {
      skipped[name] = `needs ${method.minHistory(m)} periods before the first origin, has ${first}`;
      continue;
    }
    const params = method.fit(y, first, m);
    if (params === null) {
      skipped[name] = "does not apply to this history";
      continue;
    }
    method.forecastAt(y, params, m, origins, H, current);
    const profiled =
      profile !== null && !UNPROFILED.has(name) && profileHelps(y, origins, H, current, profile);
    if (profiled) applyProfile(profile, origins, H, current);
    let sumAbs = 0;
    let sumSq = 0;
    let sumErr = 0;
    let sumAct = 0;
    let sumApe = 0;
    let apeCount = 0;
    const originMse = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const o = origins[i]!;
      const row = i * H;
      const before = sumSq;
      for (let k = 0; k < H; k++) {
        const a = y[o + k]!;
        const e = current[row + k]! - a;
        const ae = Math.abs(e);
        sumAbs += ae;
        sumSq += e * e;
        sumErr += e;
        sumAct += a;
        if (a !== 0) {
          sumApe += ae / Math.abs(a);
          apeCount++;
        }
      }
      originMse[i] = (sumSq - before) / H;
    }
    const count = N * H;
    const mse = sumSq / count;
    if (!Number.isFinite(mse)) {
      skipped[name] = "produced non-finite forecasts";
      continue;
    }
    const mae = sumAbs / count;
    scores[name] = {
      n: count,
      mae,
      rmse: Math.sqrt(mse),
      mape: apeCount ? sumApe / apeCount : Number.NaN,
      wape: sumAct > 0 ? sumAbs / sumAct : Number.NaN,
      mase: scale.mae > 0 ? mae / scale.mae : Number.NaN,
      rmsse: scale.mse > 0 ? Math.sqrt(mse / scale.mse) : Number.NaN,
      bias: sumAct > 0 ? sumErr / sumAct : Number.NaN,
      sumActual: sumAct,
      sumAbsError: sumAbs,
      sumError: sumErr,
      params,
      profiled,
    };
    perOrigin[name] = originMse;
    // RMSSE shares one scale across candidates, so ranking by MSE is ranking by RMSSE (and stays
    // defined when the scale is 0)
    if (mse < bestMse * (1 - 1e-9) || best === null) {
      second = best;
      secondMse = bestMse;
      best = name;
      bestMse = mse;
      const swap = bestBuf;
      bestBuf = current;
      current = swap;
    } else if (mse < secondMse * (1 - 1e-9) || second === null) {
      second = name;
      secondMse = mse;
    }
  }
  if (best === null) return fallback(y, horizon, lead, "no candidate method could be fitted");

  // one-standard-error rule: the first (simplest) smoothing candidate whose backtest MSE is within one
  // standard error of the lowest, the error taken over the per-origin differences
  const lowest = best;
  for (const name of candidates) {
    const d = perOrigin[name];
    if (name === lowest) break;
    if (d === undefined || UNSMOOTHED.has(name)) continue;
    if (withinOneStandardError(d, perOrigin[lowest]!)) {
      second = lowest;
      best = name;
      const chosen = scores[name]!;
      FORECAST_METHODS[name].forecastAt(y, chosen.params, m, origins, H, bestBuf);
      if (chosen.profiled) applyProfile(profile!, origins, H, bestBuf);
      break;
    }
  }

  // error spread over 1..H steps from the chosen method's backtest
  const cumulativeErrorSd = new Float64Array(lead);
  for (let i = 0; i < N; i++) {
    const o = origins[i]!;
    const row = i * H;
    let c = 0;
    for (let k = 0; k < H; k++) {
      c += bestBuf[row + k]! - y[o + k]!;
      cumulativeErrorSd[k] += c * c;
    }
  }
  for (let k = 0; k < H; k++) cumulativeErrorSd[k] = Math.sqrt(cumulativeErrorSd[k]! / N);
  // forecastability over the whole backtest horizon (the lead time): MAPE of the H-period totals
  let ltApe = 0;
  let ltCount = 0;
  for (let i = 0; i < N; i++) {
    const o = origins[i]!;
    let sf = 0;
    let sa = 0;
    for (let k = 0; k < H; k++) {
      sf += bestBuf[i * H + k]!;
      sa += y[o + k]!;
    }
    if (sa > 0) {
      ltApe += Math.abs(sf - sa) / sa;
      ltCount++;
    }
  }
  const leadTimeMape = ltCount ? ltApe / ltCount : Number.NaN;
  const atH = cumulativeErrorSd[H - 1]!;
  for (let k = H; k < lead; k++) cumulativeErrorSd[k] = atH * Math.sqrt((k + 1) / H);

  // refit on the whole history for the forecast; keep the backtest parameters if the refit fails
  const method = FORECAST_METHODS[best];
  const backtestParams = scores[best]!.params;
  let fittedParams = options.refit === false ? backtestParams : (method.fit(y, n, m) ?? backtestParams);
  const forecast = new Float64Array(horizon);
  const at = Int32Array.of(n);
  method.forecastAt(y, fittedParams, m, at, horizon, forecast);
  if (!allFinite(forecast)) {
    fittedParams = backtestParams;
    method.forecastAt(y, fittedParams, m, at, horizon, forecast);
    if (!allFinite(forecast)) return fallback(y, horizon, lead, `${best} gave a non-finite final forecast`);
  }

  const s = scores[best]!;
  // the profile re-estimated on the whole history with the refit (the backtest's with refit: false)
  const finalProfile = s.profiled
    ? options.refit === false
      ? profile!
      : (seasonProfile(y, n, m) ?? profile!)
    : null;
  if (finalProfile !== null) applyProfile(finalProfile, at, horizon, forecast);
  const score = (x: MethodScore) =>
    (Number.isFinite(x.rmsse) ? `RMSSE ${fmt(x.rmsse)}` : `RMSE ${fmt(x.rmse)}`) +
    (x.profiled ? " with the season profile" : "");
  const margin =
    second === null
      ? ""
      : best === lowest
        ? `; runner-up ${second} at ${score(scores[second]!)}`
        : `, the simplest within one standard error of the lowest: ${second} at ${score(scores[second]!)}`;
  const shortened = H < lead ? ` (lead time ${lead} exceeds what the history can test)` : "";
  return {
    method: best,
    runnerUp: second,
    scores,
    skipped,
    reason: `${best === lowest ? "lowest " : ""}${score(s)} over ${N} rolling origins, 1–${H} periods ahead${shortened}${margin}`,
    fittedParams,
    seasonProfile: finalProfile,
    forecast,
    oneStepErrorSd: cumulativeErrorSd[0]!,
    cumulativeErrorSd,
    leadTimeMape,
    origins: N,
    backtestHorizon: H,
  };
}

/**
 * The fallback: the mean ȳ of the whole history (a moving average over all n periods; for n = 1 the
 * naive forecast). Errors are taken as independent with the sample sd σ of y, and the mean's own
 * estimation error σ²/n is common to all steps (FPP 3rd ed. §5.5, mean method), so the sum of h errors
 * has sd σ·√(h + h²/n). With a single period σ is unknown and taken as ȳ (CV 1).
 */
function fallback(y: Float64Array, horizon: number, lead: number, why: string): ForecastSelection {
  const n = y.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i]!;
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Math.abs(mean);
  const cumulativeErrorSd = new Float64Array(lead);
  for (let h = 1; h <= lead; h++) cumulativeErrorSd[h - 1] = sd * Math.sqrt(h + (n > 0 ? (h * h) / n : 0));
  return {
    method: "moving_average",
    runnerUp: null,
    scores: {},
    skipped: {},
    reason: `${why}; forecasting the mean of all ${n} periods`,
    fittedParams: { window: n },
    seasonProfile: null,
    forecast: new Float64Array(horizon).fill(Math.max(0, mean)),
    oneStepErrorSd: cumulativeErrorSd[0]!,
    cumulativeErrorSd,
    leadTimeMape: Number.NaN,
    origins: 0,
    backtestHorizon: 0,
  };
}

/**
 * True when the mean of the per-origin differences a_i − b_i is at most their standard error
 * sd(a − b) ÷ √N (Breiman et al. 1984, the one-standard-error rule; Hastie, Tibshirani & Friedman,
 * ESL 2nd ed. §7.10). Origins whose horizons overlap are correlated, so this standard error is, if
 * anything, too small: the rule errs toward the lowest-error candidate.
 */
export function withinOneStandardError(a: Float64Array, b: Float64Array): boolean {
  const N = a.length;
  if (N < 2) return false;
  let mean = 0;
  for (let i = 0; i < N; i++) mean += a[i]! - b[i]!;
  mean /= N;
  let ss = 0;
  for (let i = 0; i < N; i++) ss += (a[i]! - b[i]! - mean) ** 2;
  return mean <= Math.sqrt(ss / (N - 1) / N);
}

/**
 * True when scaling the backtest forecasts `f` by `profile` gives a lower sum of squared errors (by more
 * than a relative 1e-9, so ties keep the flat forecast).
 */
function profileHelps(
  y: Float64Array,
  origins: Int32Array,
  H: number,
  f: Float64Array,
  profile: Float64Array,
): boolean {
  const m = profile.length;
  let flat = 0;
  let scaled = 0;
  for (let i = 0; i < origins.length; i++) {
    const o = origins[i]!;
    const row = i * H;
    for (let k = 0; k < H; k++) {
      const a = y[o + k]!;
      const v = f[row + k]!;
      flat += (v - a) ** 2;
      scaled += (v * profile[(o + k) % m]! - a) ** 2;
    }
  }
  return scaled < flat * (1 - 1e-9);
}

function finiteOnly(y: Float64Array): Float64Array {
  if (allFinite(y)) return y;
  return y.map((v) => (Number.isFinite(v) ? v : 0));
}

/** True when every value is finite: v·0 is 0 for finite v and NaN for ±∞ and NaN (branch-free scan). */
function allFinite(a: Float64Array): boolean {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * 0;
  return s === 0;
}

const fmt = (x: number): string => x.toFixed(3);
const finiteOr = (x: number, otherwise: number): number => (Number.isFinite(x) ? x : otherwise);
