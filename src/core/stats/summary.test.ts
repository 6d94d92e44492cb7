import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { cv, mean, quantileSorted, RunningStats, sd, summarize, variance } from "./summary.js";

/** Independent two-pass reference: mean, then Σ(x − mean)² ÷ (n − 1). */
function twoPassVariance(x: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]!;
  const m = s / (to - from);
  let ss = 0;
  for (let i = from; i < to; i++) ss += (x[i]! - m) ** 2;
  return ss / (to - from - 1);
}

describe("summary statistics", () => {
  // Hand computation, checked with R 4.x:
  //   x <- c(2,4,4,4,5,5,7,9); c(mean(x), var(x), sd(x), sd(x)/mean(x))
  //   → 5, 4.571428571428571, 2.138089935299395, 0.427617987059879
  // Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, sample variance 32 ÷ 7.
  const x = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);

  it("matches the hand-computed mean, sample variance (n − 1), sd and CV", () => {
    expect(mean(x)).toBe(5);
    expect(variance(x)).toBeCloseTo(32 / 7, 14);
    expect(sd(x)).toBeCloseTo(2.138089935299395, 14);
    expect(cv(x)).toBeCloseTo(0.427617987059879, 14);
    const s = summarize(x);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.variance).toBeCloseTo(32 / 7, 14);
  });

  it("works on a sub-range and on the edge cases n = 0 and n = 1", () => {
    expect(mean(x, 1, 4)).toBe(4);
    expect(variance(x, 1, 4)).toBe(0);
    expect(variance(x, 6, 8)).toBeCloseTo(2, 14); // (7, 9): Σ(x−8)² = 2, n − 1 = 1
    expect(Number.isNaN(mean(x, 3, 3))).toBe(true);
    expect(Number.isNaN(variance(new Float64Array(0)))).toBe(true);
    expect(variance(Float64Array.of(7))).toBe(0);
    expect(Number.isNaN(cv(new Float64Array(3)))).toBe(true); // mean 0
  });

  it("keeps precision when the mean is huge against the spread (Welford)", () => {
    // R: var(1e9 + c(2,4,4,4,5,5,7,9)) → 4.571428571428571
    const shifted = x.map((v) => 1e9 + v);
    expect(variance(shifted)).toBeCloseTo(32 / 7, 6);
  });

  it("quantiles follow R's type 7", () => {
    // R: quantile(c(1,2,3,4,10), c(0, .25, .5, .9, 1)) → 1, 2, 3, 7.6, 10
    const s = Float64Array.from([1, 2, 3, 4, 10]);
    expect([0, 0.25, 0.5, 1].map((p) => quantileSorted(s, p))).toEqual([1, 2, 3, 10]);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(7.6, 12);
    expect(Number.isNaN(quantileSorted(new Float64Array(0), 0.5))).toBe(true);
  });
});

describe("RunningStats (rolling add/remove)", () => {
  it("equals a fresh two-pass computation at every step of a rolling window", () => {
    const rng = createRng(11);
    const y = Float64Array.from({ length: 500 }, (_, i) => 100 + 20 * Math.sin(i / 9) + 5 * rng.normal());
    const r = new RunningStats();
    const w = 28;
    for (let i = 0; i < y.length; i++) {
      r.add(y[i]!);
      if (i >= w) r.remove(y[i - w]!);
      const from = Math.max(0, i - w + 1);
      expect(r.n).toBe(i + 1 - from);
      expect(r.mean).toBeCloseTo(mean(y, from, i + 1), 9);
      if (r.n > 1) expect(r.variance).toBeCloseTo(twoPassVariance(y, from, i + 1), 8);
    }
  });

  it("handles the empty and single-value states", () => {
    const r = new RunningStats();
    expect(Number.isNaN(r.mean)).toBe(true);
    expect(Number.isNaN(r.variance)).toBe(true);
    r.add(4);
    expect(r.mean).toBe(4);
    expect(r.variance).toBe(0);
    r.add(8);
    expect(r.variance).toBe(8); // (4, 8): Σ(x−6)² = 8, n − 1 = 1
    expect(r.sd).toBeCloseTo(Math.sqrt(8), 14);
    r.remove(4);
    expect(r.mean).toBe(8);
    expect(r.variance).toBe(0);
    r.remove(8);
    expect(r.n).toBe(0);
    expect(Number.isNaN(r.mean)).toBe(true);
  });
});
