import type { DemandDistribution } from "./distribution.js";

export interface EmpiricalDistribution extends DemandDistribution {
  readonly kind: "empirical";
  /** The samples, sorted ascending (a private copy). */
  readonly sorted: Float64Array;
}

/**
 * The empirical distribution of a sample (e.g. bootstrapped lead-time demand), units as the samples.
 * - cdf(x) = #{xᵢ ≤ x} / n;
 * - quantile(p) = x₍⌈n·p⌉₎, the smallest sample value with cdf ≥ p (Hyndman & Fan 1996 type 1, the
 *   inverse of the empirical cdf), x₍₁₎ at p = 0;
 * - loss(r) = (1/n)·Σ (xᵢ − r)+, the expected shortage;
 * - variance with divisor n (the variance of the empirical measure itself).
 * Throws RangeError on an empty sample or non-finite values.
 */
export function empirical(samples: ArrayLike<number>): EmpiricalDistribution {
  const n = samples.length;
  if (n === 0) throw new RangeError("empirical distribution needs at least one sample");
  const sorted = Float64Array.from(samples);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i]!)) throw new RangeError(`sample ${i} is not finite: ${sorted[i]}`);
  }
  sorted.sort();
  return ofSorted(sorted);
}

/**
 * The same distribution from samples already sorted ascending, taking ownership of the array (no
 * copy, no sort): for callers that build the sample in order, e.g. the lead-time bootstrap. Throws
 * RangeError on an empty sample, a non-finite value or a value below its predecessor.
 */
export function empiricalSorted(sorted: Float64Array): EmpiricalDistribution {
  const n = sorted.length;
  if (n === 0) throw new RangeError("empirical distribution needs at least one sample");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i]!)) throw new RangeError(`sample ${i} is not finite: ${sorted[i]}`);
    if (i > 0 && sorted[i]! < sorted[i - 1]!)
      throw new RangeError(`samples must be sorted ascending: sample ${i} (${sorted[i]}) < sample ${i - 1}`);
  }
  return ofSorted(sorted);
}

function ofSorted(sorted: Float64Array): EmpiricalDistribution {
  const n = sorted.length;
  // suffix[i] = Σ_{j ≥ i} x₍ⱼ₎, summed from the top.
  const suffix = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + sorted[i]!;
  const mean = suffix[0]! / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2;
  /** Number of samples ≤ x (upper bound binary search). */
  const countAtMost = (x: number): number => {
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >> 1;
      if (sorted[m]! <= x) a = m + 1;
      else b = m;
    }
    return a;
  };
  return {
    kind: "empirical",
    discrete: false,
    mean,
    variance: ss / n,
    sorted,
    cdf: (x) => countAtMost(x) / n,
    quantile(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
      const k = Math.max(1, Math.ceil(n * p - 1e-12));
      return sorted[Math.min(k, n) - 1]!;
    },
    loss(r) {
      const i = countAtMost(r);
      return (suffix[i]! - (n - i) * r) / n;
    },
  };
}
