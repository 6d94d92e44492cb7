import { describe, expect, it } from "vitest";
import { createRng } from "../core/random.js";
import {
  binomial,
  gamma,
  geometric,
  logFactorial,
  negativeBinomial,
  POISSON_PTRS_FROM,
  poisson,
  shuffle,
  streamSeed,
} from "./sampling.js";

/** Sample mean and variance (divisor n − 1) of n draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = draw();
    s += xs[i]!;
  }
  const mean = s / n;
  for (let i = 0; i < n; i++) s2 += (xs[i]! - mean) ** 2;
  return { mean, variance: s2 / (n - 1) };
}

// Tolerances: 5 standard errors of the sample mean (σ/√n) and a relative 4 % on the variance
// (its standard error is about σ²·√(2/n)·√(1 + excess kurtosis/2), under 1 % at n = 200 000 here).
const N = 200_000;

describe("poisson", () => {
  for (const mean of [0.3, 4, POISSON_PTRS_FROM - 0.5, POISSON_PTRS_FROM, 25, 120]) {
    it(`has mean = variance = ${mean}`, () => {
      const rng = createRng(11);
      const m = moments(N, () => poisson(rng, mean));
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(mean / N));
      expect(m.variance / mean).toBeGreaterThan(0.96);
      expect(m.variance / mean).toBeLessThan(1.04);
    });
  }
  it("matches the pmf at mean 25 (PTRS branch): P(X = 25) = e^−25·25^25/25!", () => {
    const rng = createRng(5);
    let hits = 0;
    for (let i = 0; i < N; i++) if (poisson(rng, 25) === 25) hits++;
    let p = Math.exp(-25);
    for (let i = 1; i <= 25; i++) p *= 25 / i; // e^−25·25^25/25!, by direct product
    expect(Math.exp(-25 + 25 * Math.log(25) - logFactorial(25)) / p).toBeCloseTo(1, 12);
    expect(Math.abs(hits / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
  });
  it("returns 0 for a zero or negative mean", () => {
    const rng = createRng(1);
    expect(poisson(rng, 0)).toBe(0);
    expect(poisson(rng, -1)).toBe(0);
  });
});

describe("binomial", () => {
  for (const [n, p] of [
    [10, 0.3],
    [1000, 0.01],
    [500, 0.5],
  ] as const) {
    it(`Binomial(${n}, ${p}) has mean np and variance np(1−p)`, () => {
      const rng = createRng(3);
      const m = moments(N, () => binomial(rng, n, p));
      const v = n * p * (1 - p);
      expect(Math.abs(m.mean - n * p)).toBeLessThan(5 * Math.sqrt(v / N));
      expect(m.variance / v).toBeGreaterThan(0.96);
      expect(m.variance / v).toBeLessThan(1.04);
    });
  }
  it("stays within [0, n]", () => {
    const rng = createRng(4);
    for (let i = 0; i < 10_000; i++) {
      const k = binomial(rng, 100, 0.9);
      expect(k >= 0 && k <= 100).toBe(true);
    }
  });
});

describe("geometric, gamma, negative binomial", () => {
  it("geometric with mean m has variance m(1 + m)", () => {
    const rng = createRng(6);
    const m = moments(N, () => geometric(rng, 3));
    expect(Math.abs(m.mean - 3)).toBeLessThan(5 * Math.sqrt(12 / N));
    expect(m.variance / 12).toBeGreaterThan(0.96);
    expect(m.variance / 12).toBeLessThan(1.04);
  });
  for (const shape of [0.3, 1, 4.5]) {
    it(`Gamma(${shape}) has mean = variance = shape`, () => {
      const rng = createRng(8);
      const m = moments(N, () => gamma(rng, shape));
      expect(Math.abs(m.mean - shape)).toBeLessThan(5 * Math.sqrt(shape / N));
      expect(m.variance / shape).toBeGreaterThan(0.95);
      expect(m.variance / shape).toBeLessThan(1.05);
    });
  }
  it("NegBin(mean 6, shape 0.5) has variance mean + mean²/shape = 78", () => {
    const rng = createRng(9);
    const m = moments(N, () => negativeBinomial(rng, 6, 0.5));
    expect(Math.abs(m.mean - 6)).toBeLessThan(5 * Math.sqrt(78 / N));
    // Heavy tail (excess kurtosis ≈ 6/r = 12): allow 8 %.
    expect(m.variance / 78).toBeGreaterThan(0.92);
    expect(m.variance / 78).toBeLessThan(1.08);
  });
});

describe("logFactorial", () => {
  it("equals Σ ln i on both sides of the table (independent summation)", () => {
    let s = 0;
    for (let k = 1; k <= 1000; k++) {
      s += Math.log(k);
      if (k === 10 || k === 255 || k === 256 || k === 300 || k === 1000)
        expect(Math.abs(logFactorial(k) - s) / s).toBeLessThan(1e-13);
    }
    expect(logFactorial(0)).toBe(0);
  });
});

describe("streamSeed and shuffle", () => {
  it("gives distinct seeds per index and per base seed", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(streamSeed(42, i));
    expect(seen.size).toBe(10_000);
    expect(streamSeed(42, 0)).not.toBe(streamSeed(43, 0));
    expect(streamSeed(42, 7)).toBe(streamSeed(42, 7));
  });
  it("shuffle is a permutation", () => {
    const xs = shuffle(
      createRng(1),
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(xs).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
