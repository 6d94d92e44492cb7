import type { Rng } from "../core/random.js";

/**
 * Random draws the demo generator needs, on top of `createRng` (uniform and standard normal).
 * All are exact samplers except where noted; each is tested against its theoretical moments.
 */

/**
 * A seed for stream `index` derived from a base seed, so that series `i` depends only on
 * (seed, i): the first 10 series of a 30 000-series run equal a 10-series run. SplitMix32-style
 * finaliser (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators") over
 * seed and index; an unsigned 32-bit integer.
 */
export function streamSeed(seed: number, index: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b9) ^ Math.imul((index + 1) >>> 0, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d);
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Means at or above this use the transformed-rejection sampler in `poisson`. */
export const POISSON_PTRS_FROM = 10;

/**
 * A Poisson(mean) count, exact. Below POISSON_PTRS_FROM: inversion by sequential search (one
 * uniform, O(mean) steps; Devroye 1986, "Non-Uniform Random Variate Generation", §X.3.3). From there
 * on: Hörmann's PTRS transformed rejection (Hörmann 1993, "The transformed rejection method for
 * generating Poisson random variables", Insurance: Mathematics and Economics 12:39–45), O(1)
 * expected, as numpy's `random_poisson_ptrs`.
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= POISSON_PTRS_FROM) return poissonPtrs(rng, mean);
  let p = Math.exp(-mean);
  let f = p;
  let k = 0;
  const u = rng.next();
  while (u > f) {
    k++;
    p *= mean / k;
    f += p;
    if (p < 1e-300 && k > mean) break; // tail exhausted by rounding
  }
  return k;
}

function poissonPtrs(rng: Rng, mu: number): number {
  const slam = Math.sqrt(mu);
  const loglam = Math.log(mu);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mu + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mu + k * loglam - logFactorial(k))
      return k;
  }
}

const LOG_FACTORIAL = (() => {
  const t = new Float64Array(256);
  for (let k = 2; k < 256; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();

/**
 * ln k!: a table below 256, then Stirling's series to the k⁻⁵ term (Abramowitz & Stegun 6.1.41),
 * relative error below 1e-15 there.
 */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL[k]!;
  const x = k + 1;
  const x2 = x * x;
  return (
    (x - 0.5) * Math.log(x) -
    x +
    0.5 * Math.log(2 * Math.PI) +
    (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x
  );
}

/**
 * A Gamma(shape, 1) draw by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3):363–372; shape < 1 by their boost Gamma(a) = Gamma(a + 1)·U^(1/a).
 * Mean = variance = shape.
 */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) return 0;
  if (shape < 1) return gamma(rng, shape + 1) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A negative binomial count with the given mean and shape r (size): Poisson(Gamma(r)·mean/r), so
 * variance = mean + mean²/r (Greenwood & Yule 1920's gamma–Poisson mixture). The sum of N independent
 * draws with shape r and mean m is one draw with shape N·r and mean N·m.
 */
export function negativeBinomial(rng: Rng, mean: number, shape: number): number {
  if (!(mean > 0)) return 0;
  return poisson(rng, (gamma(rng, shape) * mean) / shape);
}

/**
 * A Binomial(n, p) count. n ≤ 64: n Bernoulli trials. Larger n with n·p < 30: exact inversion
 * of the pmf by its recurrence P(k+1) = P(k)·(n−k)/(k+1)·p/(1−p). Otherwise the normal
 * approximation round(np + √(np(1−p))·Z) clamped to [0, n].
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  const mean = n * p;
  if (mean < 30) {
    let pk = (1 - p) ** n;
    let f = pk;
    let k = 0;
    const u = rng.next();
    const r = p / (1 - p);
    while (u > f && k < n) {
      pk *= ((n - k) / (k + 1)) * r;
      k++;
      f += pk;
    }
    return k;
  }
  const k = Math.round(mean + Math.sqrt(mean * (1 - p)) * rng.normal());
  return Math.min(Math.max(k, 0), n);
}

/**
 * A geometric count on {0, 1, 2, …} with the given mean m: P(G = g) = (1 − q)·q^g, q = m/(1 + m),
 * so E[G] = m and Var[G] = m(1 + m). Drawn by inversion, ⌊ln U / ln q⌋.
 */
export function geometric(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  const q = mean / (1 + mean);
  const u = 1 - rng.next(); // (0, 1]
  return Math.floor(Math.log(u) / Math.log(q));
}

/** Uniform in [lo, hi). */
export const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();

/** Log-uniform in [lo, hi): uniform on the log scale, for rates and prices spanning decades. */
export const logUniform = (rng: Rng, lo: number, hi: number): number =>
  Math.exp(uniform(rng, Math.log(lo), Math.log(hi)));

/** An element of `xs` chosen uniformly. */
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

/** true with probability p. */
export const chance = (rng: Rng, p: number): boolean => rng.next() < p;

/** Fisher–Yates shuffle in place (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P). */
export function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = xs[i]!;
    xs[i] = xs[j]!;
    xs[j] = t;
  }
  return xs;
}
