/**
 * Linear trend of a demand history by ordinary least squares against the period index t = 0 … n − 1.
 * slope = Σ(t − t̄)(y − ȳ) ÷ Σ(t − t̄)², with Σ(t − t̄)² = n(n² − 1) ÷ 12 in closed form
 * (e.g. Montgomery, Peck & Vining, "Introduction to Linear Regression Analysis", §2.2).
 */

/** OLS fit y ≈ intercept + slope·t, t = 0 … n − 1. */
export interface OlsLine {
  /** Fitted value at t = 0, units per period. */
  readonly intercept: number;
  /** Change in demand per period, units per period per period. */
  readonly slope: number;
}

/**
 * OLS line of `y` against t = 0 … n − 1 (two passes, no allocation). Slope in units per period per
 * period; with n < 2 the slope is 0 and the intercept is the single value (NaN when empty).
 */
export function olsLine(y: ArrayLike<number>): OlsLine {
  const n = y.length;
  if (n === 0) return { intercept: Number.NaN, slope: 0 };
  let s = 0;
  for (let i = 0; i < n; i++) s += y[i]!;
  const ym = s / n;
  if (n < 2) return { intercept: ym, slope: 0 };
  const tm = (n - 1) / 2;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (i - tm) * (y[i]! - ym);
  const slope = sxy / ((n * (n * n - 1)) / 12);
  return { intercept: ym - slope * tm, slope };
}

/** OLS slope of `y` against the period index: units per period per period; 0 when n < 2. */
export function olsSlope(y: ArrayLike<number>): number {
  return olsLine(y).slope;
}

/**
 * Trend as a fraction of mean demand per year: slope × periods per year ÷ mean
 * (0.10 = demand grows by 10 % of its mean level each year). `slopePerPeriod` in units per period per
 * period, `meanPerPeriod` in units per period, `periodsPerYear` e.g. 365, 52 or 12 (PERIODS_PER_YEAR).
 * 0 when the mean is not positive (no demand: no trend to speak of).
 */
export function trendFractionPerYear(
  slopePerPeriod: number,
  meanPerPeriod: number,
  periodsPerYear: number,
): number {
  return meanPerPeriod > 0 ? (slopePerPeriod * periodsPerYear) / meanPerPeriod : 0;
}
