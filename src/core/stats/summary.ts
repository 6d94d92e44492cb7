/** Arithmetic mean of `x[from..to)`; NaN when empty. */
export function mean(x: ArrayLike<number>, from = 0, to = x.length): number {
  if (to <= from) return Number.NaN;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]!;
  return s / (to - from);
}

/** Sample variance (divisor n − 1) of `x[from..to)`; 0 for a single value, NaN when empty. Two-pass. */
export function variance(x: ArrayLike<number>, from = 0, to = x.length): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  if (n === 1) return 0;
  const m = mean(x, from, to);
  let s = 0;
  for (let i = from; i < to; i++) {
    const d = x[i]! - m;
    s += d * d;
  }
  return s / (n - 1);
}

export const sd = (x: ArrayLike<number>, from = 0, to = x.length): number => Math.sqrt(variance(x, from, to));

/** Coefficient of variation: sample sd ÷ mean; NaN when the mean is 0. */
export function cv(x: ArrayLike<number>, from = 0, to = x.length): number {
  const m = mean(x, from, to);
  return m === 0 ? Number.NaN : sd(x, from, to) / m;
}

/** Linear-interpolated quantile (R type 7) of a sorted array; p in [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Streaming mean and variance with add and remove (Welford 1962; removal by the inverse update),
 * so rolling statistics cost O(1) per step.
 */
export class RunningStats {
  n = 0;
  private m = 0;
  private s = 0;
  add(x: number): void {
    this.n++;
    const d = x - this.m;
    this.m += d / this.n;
    this.s += d * (x - this.m);
  }
  remove(x: number): void {
    if (this.n <= 1) {
      this.n = 0;
      this.m = 0;
      this.s = 0;
      return;
    }
    const mOld = (this.n * this.m - x) / (this.n - 1);
    this.s -= (x - this.m) * (x - mOld);
    this.m = mOld;
    this.n--;
  }
  get mean(): number {
    return this.n ? this.m : Number.NaN;
  }
  /** Sample variance (n − 1). */
  get variance(): number {
    return this.n > 1 ? Math.max(0, this.s / (this.n - 1)) : this.n === 1 ? 0 : Number.NaN;
  }
}
