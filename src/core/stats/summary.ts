/**
 * Descriptive statistics over numeric series (typed arrays or any array-like of numbers).
 *
 * Conventions (see docs/demand-analytics.md):
 * - variance and standard deviation are the *sample* statistics, divisor n − 1 (R's `var`/`sd`);
 *   a single value has variance 0, an empty range NaN;
 * - every helper takes an optional half-open range `[from, to)` and makes one pass over it, using
 *   Welford's update (Welford 1962, Technometrics 4:419–420), which does not lose precision when the
 *   mean is large against the spread, as the textbook Σx² − (Σx)²/n formula does.
 */

/** Count, mean, sample variance, sample sd and CV of a range, from one pass. */
export interface Summary {
  readonly n: number;
  /** Arithmetic mean, in the series' units; NaN when n = 0. */
  readonly mean: number;
  /** Sample variance, divisor n − 1, in units²; 0 when n = 1, NaN when n = 0. */
  readonly variance: number;
  /** √variance, in units. */
  readonly sd: number;
  /** Coefficient of variation sd ÷ mean (dimensionless); NaN when the mean is 0 or n = 0. */
  readonly cv: number;
}

/**
 * One-pass summary of `x[from..to)` by Welford's algorithm (Welford 1962; Knuth, TAOCP vol. 2, §4.2.2):
 * mean_k = mean_{k−1} + (x_k − mean_{k−1}) ÷ k, M2_k = M2_{k−1} + (x_k − mean_{k−1})(x_k − mean_k),
 * sample variance = M2 ÷ (n − 1).
 */
export function summarize(x: ArrayLike<number>, from = 0, to: number = x.length): Summary {
  let n = 0;
  let m = 0;
  let m2 = 0;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    n++;
    const d = v - m;
    m += d / n;
    m2 += d * (v - m);
  }
  if (n === 0) return { n, mean: Number.NaN, variance: Number.NaN, sd: Number.NaN, cv: Number.NaN };
  const variance = n > 1 ? Math.max(0, m2 / (n - 1)) : 0;
  const sd = Math.sqrt(variance);
  return { n, mean: m, variance, sd, cv: m === 0 ? Number.NaN : sd / m };
}

/** Arithmetic mean Σx ÷ n of `x[from..to)` (units of x); NaN when the range is empty. One pass. */
export function mean(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  if (to <= from) return Number.NaN;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]!;
  return s / (to - from);
}

/** Sample variance Σ(x − x̄)² ÷ (n − 1) of `x[from..to)` (units²); 0 for one value, NaN when empty. */
export function variance(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  return summarize(x, from, to).variance;
}

/** Sample standard deviation √(Σ(x − x̄)² ÷ (n − 1)) of `x[from..to)` (units of x). */
export function sd(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  return summarize(x, from, to).sd;
}

/**
 * Coefficient of variation: sample sd ÷ mean (dimensionless), the measure behind XYZ classification.
 * NaN when the mean is 0.
 */
export function cv(x: ArrayLike<number>, from = 0, to: number = x.length): number {
  return summarize(x, from, to).cv;
}

/**
 * Quantile of an ascending-sorted array by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7; R's default `quantile(type = 7)`): h = (n − 1)p,
 * Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). p in [0, 1]; NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Streaming mean and sample variance with `add` and `remove`, so a rolling window costs O(1) per step.
 * `add` is Welford's update; `remove` is its exact inverse (the "downdate"):
 * mean' = (n·mean − x) ÷ (n − 1), M2' = M2 − (x − mean)(x − mean').
 * Removing a value that was never added gives meaningless results; rounding error grows slowly over very
 * long runs, so callers rolling over millions of steps should re-seed from a fresh pass now and then.
 */
export class RunningStats {
  #n = 0;
  #mean = 0;
  #m2 = 0;

  /** Number of values currently in the window. */
  get n(): number {
    return this.#n;
  }

  add(x: number): void {
    this.#n++;
    const d = x - this.#mean;
    this.#mean += d / this.#n;
    this.#m2 += d * (x - this.#mean);
  }

  remove(x: number): void {
    if (this.#n <= 1) {
      this.reset();
      return;
    }
    const meanAfter = (this.#n * this.#mean - x) / (this.#n - 1);
    this.#m2 -= (x - this.#mean) * (x - meanAfter);
    this.#mean = meanAfter;
    this.#n--;
  }

  reset(): void {
    this.#n = 0;
    this.#mean = 0;
    this.#m2 = 0;
  }

  /** Mean of the values in the window; NaN when empty. */
  get mean(): number {
    return this.#n > 0 ? this.#mean : Number.NaN;
  }

  /** Sample variance (n − 1) of the window; 0 with one value, NaN when empty. */
  get variance(): number {
    if (this.#n === 0) return Number.NaN;
    return this.#n > 1 ? Math.max(0, this.#m2 / (this.#n - 1)) : 0;
  }

  /** Sample standard deviation of the window. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }
}
