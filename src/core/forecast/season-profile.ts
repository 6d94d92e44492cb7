/**
 * A multiplicative season profile (the day-of-week profile of daily data) for the flat methods, shrunk
 * toward flat by how far the observed weekday differences exceed what noise alone would give.
 *
 * The flat methods (moving average, SES, damped Holt, Croston, SBA, TSB) forecast a level per period
 * and ignore the weekday mix; Holt–Winters models it but is fitted only on strongly seasonal series
 * and, on sparse data, not at all. The profile scales a flat forecast by a factor per phase of the
 * season (mean 1, so the forecast's total over a season is unchanged). `selectForecast` scores every
 * flat candidate with and without it and keeps the profile only where the backtest says it helps.
 * See docs/forecasting.md, "Season profile".
 */

/** Longest season the profile is estimated for: short seasons only (7 = days of the week). */
export const MAX_PROFILE_SEASON = 7;
/** The profile is estimated on at most this many most recent periods (52 weeks of daily data). */
export const PROFILE_WINDOW = 364;
/** Fewest whole seasons the profile is estimated on (4 weeks of daily data). */
export const MIN_PROFILE_SEASONS = 4;

/**
 * The shrunk profile of y[0..to) for season m, indexed by period index modulo m (`f[t % m]` scales the
 * forecast of y[t]); null when there is none to apply: m outside [2, MAX_PROFILE_SEASON], fewer than
 * MIN_PROFILE_SEASONS whole seasons, a mean ≤ 0, or weekday differences no larger than noise.
 *
 * On the last c = ⌊min(to, PROFILE_WINDOW) ÷ m⌋ whole seasons (k = c·m periods, each phase c times):
 * - raw index r_d = (mean of phase d) ÷ ȳ, mean 1 over the phases;
 * - noise: with no weekday effect each phase mean is a mean of c periods, so Var(r_d) ≈ s² ÷ (c·ȳ²),
 *   s² the sample variance of those k periods;
 * - observed spread V = (1/m)·Σ_d (r_d − 1)²;
 * - weight w = max(0, 1 − s²/(c·ȳ²) ÷ V) (positive-part empirical-Bayes shrinkage, the method-of-moments
 *   form of James–Stein: the share of the spread that is signal);
 * - factor f_d = 1 + w·(r_d − 1), so mean 1 and never negative.
 * Null when w = 0. Pure: reads y, allocates only the result.
 */
export function seasonProfile(y: Float64Array, to: number, m: number): Float64Array | null {
  if (!Number.isInteger(m) || m < 2 || m > MAX_PROFILE_SEASON) return null;
  const c = Math.floor(Math.min(to, PROFILE_WINDOW) / m);
  if (c < MIN_PROFILE_SEASONS) return null;
  const k = c * m;
  const from = to - k;
  const phase = new Float64Array(m);
  let sum = 0;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    phase[t % m]! += v;
    sum += v;
  }
  const mean = sum / k;
  if (!(mean > 0)) return null;
  let ss = 0;
  for (let t = from; t < to; t++) ss += (y[t]! - mean) ** 2;
  const noise = ss / (k - 1) / (c * mean * mean);
  let spread = 0;
  for (let d = 0; d < m; d++) {
    phase[d] = phase[d]! / c / mean;
    spread += (phase[d]! - 1) ** 2;
  }
  spread /= m;
  if (!(spread > noise)) return null;
  const w = 1 - noise / spread;
  for (let d = 0; d < m; d++) phase[d] = 1 + w * (phase[d]! - 1);
  return phase;
}

/**
 * Scales, in place, forecasts laid out as `forecastAt` writes them (`out[i·h + k]` = the (k+1)-step
 * forecast at origin `origins[i]`, i.e. of y[origins[i] + k]) by `profile[(origins[i] + k) mod m]`.
 */
export function applyProfile(
  profile: Float64Array,
  origins: Int32Array,
  horizon: number,
  out: Float64Array,
): void {
  const m = profile.length;
  for (let i = 0; i < origins.length; i++) {
    const o = origins[i]!;
    const row = i * horizon;
    for (let k = 0; k < horizon; k++) out[row + k] = out[row + k]! * profile[(o + k) % m]!;
  }
}
