import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { empirical, empiricalSorted } from "./empirical.js";

describe("empirical", () => {
  // Hand-computed on the sample {0, 0, 2, 3, 5, 8, 8, 10, 12, 20} (n = 10, sum 68).
  const d = empirical(new Float64Array([8, 0, 20, 3, 0, 10, 2, 12, 5, 8]));

  it("sorts a private copy and gives mean and divisor-n variance", () => {
    expect(Array.from(d.sorted)).toEqual([0, 0, 2, 3, 5, 8, 8, 10, 12, 20]);
    expect(d.mean).toBeCloseTo(6.8, 12);
    // Σx² = 0+0+4+9+25+64+64+100+144+400 = 810; 810/10 − 6.8² = 81 − 46.24 = 34.76
    expect(d.variance).toBeCloseTo(34.76, 12);
  });

  it("cdf counts samples ≤ x", () => {
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(0)).toBe(0.2);
    expect(d.cdf(8)).toBe(0.7);
    expect(d.cdf(7.99)).toBe(0.5);
    expect(d.cdf(20)).toBe(1);
  });

  it("quantile is the type-1 inverse cdf x₍⌈np⌉₎", () => {
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(0.2)).toBe(0);
    expect(d.quantile(0.21)).toBe(2);
    expect(d.quantile(0.7)).toBe(8);
    expect(d.quantile(0.95)).toBe(20);
    expect(d.quantile(0.9)).toBe(12);
  });

  it("loss is the mean shortage (1/n)Σ(xᵢ − r)+", () => {
    // r = 8: (10−8)+(12−8)+(20−8) = 18 → 1.8; r = 9.5: 0.5+2.5+10.5 = 13.5 → 1.35
    expect(d.loss(8)).toBeCloseTo(1.8, 12);
    expect(d.loss(9.5)).toBeCloseTo(1.35, 12);
    expect(d.loss(-2)).toBeCloseTo(8.8, 12);
    expect(d.loss(25)).toBe(0);
  });

  it("agrees with brute force on random samples", () => {
    const rng = createRng(7);
    const xs = new Float64Array(257);
    for (let i = 0; i < xs.length; i++) xs[i] = Math.floor(rng.next() * 40) * (rng.next() < 0.4 ? 0 : 1);
    const e = empirical(xs);
    for (let r = -3; r <= 45; r += 0.75) {
      let s = 0;
      let c = 0;
      for (const x of xs) {
        s += Math.max(0, x - r);
        if (x <= r) c++;
      }
      expect(e.loss(r)).toBeCloseTo(s / xs.length, 10);
      expect(e.cdf(r)).toBeCloseTo(c / xs.length, 14);
    }
  });

  it("rejects empty and non-finite samples", () => {
    expect(() => empirical(new Float64Array(0))).toThrow(RangeError);
    expect(() => empirical([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("empiricalSorted", () => {
  it("equals empirical() on the same sample, without copying; rejects unsorted or non-finite samples", () => {
    const rng = createRng(4);
    for (let t = 0; t < 20; t++) {
      const xs = Float64Array.from({ length: 1 + rng.int(500) }, () => rng.int(40) * 1.5);
      const a = empirical(xs);
      const sorted = xs.slice().sort();
      const b = empiricalSorted(sorted);
      expect(b.sorted).toBe(sorted);
      expect(Array.from(b.sorted)).toEqual(Array.from(a.sorted));
      expect(b.mean).toBe(a.mean);
      expect(b.variance).toBe(a.variance);
      for (const p of [0, 0.1, 0.5, 0.9, 0.95, 0.99, 1]) expect(b.quantile(p)).toBe(a.quantile(p));
      for (const x of [-1, 0, 3, 7.5, 30, 100]) {
        expect(b.cdf(x)).toBe(a.cdf(x));
        expect(b.loss(x)).toBe(a.loss(x));
      }
    }
    expect(() => empiricalSorted(Float64Array.of(1, 3, 2))).toThrow(/sorted ascending/);
    expect(() => empiricalSorted(Float64Array.of(1, Number.NaN))).toThrow(/not finite/);
    expect(() => empiricalSorted(new Float64Array(0))).toThrow(RangeError);
  });
});
