import type { DemandDistribution, DistributionKind } from "./distribution.js";

/**
 * Shared machinery for count distributions on {0, 1, 2, …}: the probability mass is tabulated once
 * from the mode outwards with the distribution's ratio p(k+1)/p(k) (so nothing underflows even for
 * large means), until the neglected tails are below 1e-20 by a geometric bound. Prefix sums give
 * P(X ≤ k); suffix sums of p(k) and k·p(k) give the loss E[(X − r)+] = Σ_{k>r} k·p(k) − r·P(X > r)
 * without cancellation in the upper tail, which is where fill-rate targets live.
 */
export interface CountModel {
  readonly kind: DistributionKind;
  readonly mean: number;
  readonly variance: number;
  /** A mode of the distribution. */
  readonly mode: number;
  /** ln p(k). */
  logPmf(k: number): number;
  /** p(k+1) / p(k). */
  ratio(k: number): number;
  /** sup of ratio(k) as k → ∞ (bounds the neglected upper tail geometrically). */
  readonly limitRatio: number;
}

/** Neglected tail mass bound of a table. */
export const TAIL = 1e-20;
/** Most terms walked on either side of the mode before a distribution is refused as too wide. */
export const MAX_SPAN = 200_000;

export interface TabulatedCount extends DemandDistribution {
  /** p(k), the probability mass at k (0 outside the tabulated range). */
  pmf(k: number): number;
  /** First and last tabulated k. */
  readonly lo: number;
  readonly hi: number;
}

// The walk's relative masses, reused across calls (one per thread) and doubled when a walk needs more.
let downScratch: Float64Array = new Float64Array(1024);
let upScratch: Float64Array = new Float64Array(1024);
const grown = (a: Float64Array): Float64Array => {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
};

export function tabulate(model: CountModel): TabulatedCount {
  const mode = model.mode;
  const pm = Math.exp(model.logPmf(mode));
  // Downward from the mode, relative to p(mode), into reused scratch (typed arrays: a walk can run to
  // MAX_SPAN terms before a too-wide distribution is refused).
  let down = downScratch;
  let nd = 0;
  let q = 1;
  for (let k = mode; k > 0; k--) {
    q /= model.ratio(k - 1);
    if (!(q > 0) || !Number.isFinite(q)) break;
    if (nd === down.length) down = downScratch = grown(down);
    down[nd++] = q;
    if (q < TAIL && k - 1 < model.mean) break;
    if (nd > MAX_SPAN) throw new RangeError("distribution too wide to tabulate");
  }
  let up = upScratch;
  let nu = 0;
  q = 1;
  for (let k = mode; ; k++) {
    const r = model.ratio(k);
    q *= r;
    if (!(q > 0)) break;
    if (nu === up.length) up = upScratch = grown(up);
    up[nu++] = q;
    const bound = Math.max(r, model.limitRatio);
    if (k + 1 > model.mean && bound < 1 && (q * bound) / (1 - bound) < TAIL) break;
    if (nu > MAX_SPAN) throw new RangeError("distribution too wide to tabulate");
  }
  const lo = mode - nd;
  const hi = mode + nu;
  const n = hi - lo + 1;
  const p = new Float64Array(n);
  for (let i = 0; i < nd; i++) p[nd - 1 - i] = down[i]! * pm;
  p[nd] = pm;
  for (let i = 0; i < nu; i++) p[nd + 1 + i] = up[i]! * pm;
  const prefix = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += p[i]!;
    prefix[i] = s;
  }
  // Suffix sums (index i = mass at k ≥ lo + i), summed from the small end of the tail.
  const s0 = new Float64Array(n + 1);
  const s1 = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    s0[i] = s0[i + 1]! + p[i]!;
    s1[i] = s1[i + 1]! + (lo + i) * p[i]!;
  }
  const tableMean = s1[0]!;
  return {
    kind: model.kind,
    discrete: true,
    mean: model.mean,
    variance: model.variance,
    lo,
    hi,
    pmf(k) {
      if (!Number.isInteger(k) || k < lo || k > hi) return 0;
      return p[k - lo]!;
    },
    cdf(x) {
      if (x < lo) return 0;
      if (x >= hi) return 1;
      return prefix[Math.floor(x) - lo]!;
    },
    quantile(prob) {
      if (!(prob >= 0 && prob <= 1)) throw new RangeError(`probability must be in [0, 1], got ${prob}`);
      if (prob === 0) return Math.max(0, lo);
      // Binary search for the first prefix ≥ prob.
      let a = 0;
      let b = n - 1;
      if (prefix[b]! < prob) return hi;
      while (a < b) {
        const m = (a + b) >> 1;
        if (prefix[m]! >= prob) b = m;
        else a = m + 1;
      }
      return lo + a;
    },
    loss(r) {
      if (r < lo) return tableMean - r;
      const i = Math.floor(r) + 1 - lo;
      if (i >= n) return 0;
      return s1[i]! - r * s0[i]!;
    },
  };
}
