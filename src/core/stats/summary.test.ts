import { describe, expect, it } from "vitest";
import { cv, mean, quantileSorted, RunningStats, sd, variance } from "./summary.js";

describe("summary statistics", () => {
  it("matches a hand computation", () => {
    const x = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean(x)).toBe(5);
    expect(variance(x)).toBeCloseTo(32 / 7, 12); // Σ(x−5)² = 32, n − 1 = 7
    expect(sd(x)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(cv(x)).toBeCloseTo(Math.sqrt(32 / 7) / 5, 12);
    expect(mean(x, 2, 4)).toBe(4);
    expect(Number.isNaN(cv(new Float64Array(3)))).toBe(true);
  });
  it("quantiles follow R's type 7", () => {
    // R: quantile(c(1,2,3,4,10), c(.5,.9)) → 3, 7.6
    const s = Float64Array.from([1, 2, 3, 4, 10]);
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(7.6, 12);
  });
  it("rolling add/remove equals a fresh computation", () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i) * 10 + (i % 7));
    const r = new RunningStats();
    const w = 30;
    for (let i = 0; i < x.length; i++) {
      r.add(x[i]!);
      if (i >= w) r.remove(x[i - w]!);
      if (i >= w - 1) {
        expect(r.mean).toBeCloseTo(mean(x, i - w + 1, i + 1), 9);
        expect(r.variance).toBeCloseTo(variance(x, i - w + 1, i + 1), 8);
      }
    }
  });
});
