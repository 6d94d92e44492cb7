import { type Frequency, SEASON_PERIOD } from "../series.js";

/**
 * Classical additive decomposition and the strength of seasonality and trend.
 *
 * Decomposition (Hyndman & Athanasopoulos, FPP3 §3.4 "Classical decomposition"; R's
 * `decompose(type = "additive")`): y = T + S + R with
 * - T the centred moving average of order m (the period); for even m the 2×m MA, weights
 *   (½, 1, …, 1, ½) ÷ m; undefined for the first and last ⌊m/2⌋ periods;
 * - S the seasonal indices: the mean of y − T at each position i mod m (position 0 = the first
 *   period of the series), over the periods where T is defined, then shifted to sum to zero;
 * - R = y − T − S.
 *
 * Strength (Wang, Smith & Hyndman 2006, Data Mining and Knowledge Discovery 13:335–364; FPP3 §4.3):
 * F_S = max(0, 1 − Var(R) ÷ Var(S + R)), F_T = max(0, 1 − Var(R) ÷ Var(T + R)), the variances taken
 * over the periods where T is defined. Both are in [0, 1]; near 1 the component dominates the noise.
 * Where Var(S + R) (or Var(T + R)) is zero up to rounding (below 1e−10 of Var(y)), there is nothing to
 * explain and the strength is 0.
 */
export interface DecompositionStrength {
  /** F_S, dimensionless in [0, 1]. */
  readonly seasonal: number;
  /** F_T, dimensionless in [0, 1]. */
  readonly trend: number;
}

export interface AdditiveDecomposition {
  readonly period: number;
  /** Centred moving average, units per period; NaN where it is undefined (the ends). */
  readonly trend: Float64Array;
  /** Seasonal index for each position 0 … period − 1 (position = index mod period), summing to 0. */
  readonly seasonalIndex: Float64Array;
}

/** Share of Var(y) under which a variance counts as zero (rounding noise of the decomposition). */
const ZERO_VARIANCE_SHARE = 1e-10;

/**
 * Classical additive decomposition (as R's `decompose`, FPP3 §3.4): centred moving-average trend
 * (2×m MA for even m) and zero-sum seasonal indices. Null when the period is below 2 or the series
 * is shorter than two full periods. O(n) with a running window sum.
 */
export function decomposeAdditive(y: ArrayLike<number>, period: number): AdditiveDecomposition | null {
  const d = decompose(y, period);
  return d === null ? null : { period, trend: d.trend, seasonalIndex: d.seasonalIndex };
}

/** The decomposition plus the sums over the span where T is defined that the strengths need. */
interface DecompositionWithSums extends AdditiveDecomposition {
  /** Number of periods with T defined at each seasonal position. */
  readonly counts: Int32Array;
  /** Σ y over the span where T is defined. */
  readonly sumY: number;
  /** Σ (y − T) over that span. */
  readonly sumDetrended: number;
}

function decompose(y: ArrayLike<number>, period: number): DecompositionWithSums | null {
  const n = y.length;
  if (!Number.isInteger(period) || period < 2 || n < 2 * period) return null;
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  const trend = new Float64Array(n);
  trend.fill(Number.NaN, 0, half);
  trend.fill(Number.NaN, n - half);
  // s holds the sum of y[lo .. lo + period), lo = c − half: the window of the moving average at c.
  let s = 0;
  for (let i = 0; i < period; i++) s += y[i]!;
  if (even) {
    // 2×m MA: (½ y[lo] + y[lo+1 .. lo+period−1] + ½ y[lo+period]) ÷ m
    for (let lo = 0; lo + period < n; lo++) {
      const head = y[lo]!;
      const next = y[lo + period]!;
      trend[lo + half] = (s - 0.5 * head + 0.5 * next) / period;
      s += next - head;
    }
  } else {
    for (let lo = 0; ; lo++) {
      trend[lo + half] = s / period;
      if (lo + period >= n) break;
      s += y[lo + period]! - y[lo]!;
    }
  }
  // Seasonal means of y − T by position i mod m (a running position avoids a division per element).
  const seasonalIndex = new Float64Array(period);
  const counts = new Int32Array(period);
  let sumY = 0;
  for (let i = half, k = half % period; i + half < n; i++) {
    sumY += y[i]!;
    seasonalIndex[k] += y[i]! - trend[i]!;
    counts[k]++;
    if (++k === period) k = 0;
  }
  let sumDetrended = 0;
  let total = 0;
  for (let k = 0; k < period; k++) {
    sumDetrended += seasonalIndex[k]!;
    seasonalIndex[k] /= counts[k]!;
    total += seasonalIndex[k]!;
  }
  const shift = total / period;
  for (let k = 0; k < period; k++) seasonalIndex[k] -= shift;
  return { period, trend, seasonalIndex, counts, sumY, sumDetrended };
}

/**
 * Strength of seasonality F_S and of trend F_T of `y` for a seasonal period (Wang, Smith & Hyndman 2006;
 * FPP3 §4.3), from the classical additive decomposition. Null when the series is shorter than two
 * periods. Dimensionless, in [0, 1].
 */
export function decompositionStrength(y: ArrayLike<number>, period: number): DecompositionStrength | null {
  const d = decompose(y, period);
  if (d === null) return null;
  const { trend, seasonalIndex, counts } = d;
  const half = Math.floor(period / 2);
  const from = half;
  const to = y.length - half; // T is defined on [from, to)
  const m = to - from;
  // Means over the span, from the decomposition's sums: S + R = y − T and T + R = y − S.
  let sumS = 0;
  for (let k = 0; k < period; k++) sumS += counts[k]! * seasonalIndex[k]!;
  const my = d.sumY / m;
  const msr = d.sumDetrended / m;
  const ms = sumS / m;
  const mr = msr - ms;
  const mtr = my - ms;
  // One pass: sums of squared deviations (the common divisor cancels in the ratios).
  let vy = 0;
  let vr = 0;
  let vsr = 0;
  let vtr = 0;
  for (let i = from, k = from % period; i < to; i++) {
    const t = trend[i]!;
    const sk = seasonalIndex[k]!;
    if (++k === period) k = 0;
    const r = y[i]! - t - sk;
    const dy = y[i]! - my;
    const dr = r - mr;
    const dsr = sk + r - msr;
    const dtr = t + r - mtr;
    vy += dy * dy;
    vr += dr * dr;
    vsr += dsr * dsr;
    vtr += dtr * dtr;
  }
  const zero = ZERO_VARIANCE_SHARE * vy;
  const strength = (v: number) => (v <= zero ? 0 : Math.max(0, 1 - vr / v));
  return { seasonal: strength(vsr), trend: strength(vtr) };
}

/**
 * Weekly totals of a daily series, aligned on its most recent day: week k sums days
 * [off + 7k, off + 7k + 7) with off = n mod 7, so the oldest n mod 7 days (a partial week) are dropped.
 * Units per week.
 */
export function weeklyTotals(daily: ArrayLike<number>): Float64Array {
  const weeks = Math.floor(daily.length / 7);
  const off = daily.length - weeks * 7;
  const out = new Float64Array(weeks);
  for (let k = 0; k < weeks; k++) {
    let t = 0;
    const start = off + 7 * k;
    for (let d = start; d < start + 7; d++) t += daily[d]!;
    out[k] = t;
  }
  return out;
}

/** Days of daily history needed before the yearly cycle is measured: two full years. */
export const MIN_DAYS_FOR_YEARLY = 2 * 365;

/** Seasonality and trend strengths of one history at its natural seasons. */
export interface SeasonalityStrengths {
  /** F_S of the weekly cycle (period 7) for daily data; null for other frequencies or under 14 days. */
  readonly weekly: number | null;
  /** F_S of the yearly cycle, or null with under two full years of history. */
  readonly yearly: number | null;
  /** F_T from the decomposition on the natural season (7 for daily, 52 weekly, 12 monthly), or null. */
  readonly trend: number | null;
}

/**
 * Seasonality and trend strengths (Wang, Smith & Hyndman 2006; FPP3 §4.3) at the natural seasons:
 * - daily data: weekly F_S and F_T on period 7; yearly F_S on weekly totals (`weeklyTotals`) with period
 *   52, only with at least two full years (730 days);
 * - weekly data: yearly F_S and F_T on period 52 (at least 104 weeks);
 * - monthly data: yearly F_S and F_T on period 12 (at least 24 months).
 */
export function seasonalityStrengths(q: ArrayLike<number>, frequency: Frequency): SeasonalityStrengths {
  const period = SEASON_PERIOD[frequency];
  const natural = decompositionStrength(q, period);
  if (frequency !== "day")
    return { weekly: null, yearly: natural?.seasonal ?? null, trend: natural?.trend ?? null };
  const yearly = q.length >= MIN_DAYS_FOR_YEARLY ? decompositionStrength(weeklyTotals(q), 52) : null;
  return {
    weekly: natural?.seasonal ?? null,
    yearly: yearly?.seasonal ?? null,
    trend: natural?.trend ?? null,
  };
}
