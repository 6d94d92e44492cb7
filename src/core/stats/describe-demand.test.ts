import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { describeDemand } from "./describe-demand.js";

describe("describeDemand", () => {
  it("profiles a hand-made series", () => {
    const p = describeDemand(Float64Array.from([0, 2, 0, 0, 4, 0, 4, 0, 6, 0]), "day");
    expect(p.totalUnits).toBe(16);
    expect(p.mean).toBe(1.6);
    expect(p.zeroShare).toBe(0.6);
    expect(p.adi).toBe(2.5);
    expect(p.pattern).toBe("intermittent");
    // sample sd: Σ(x−1.6)² = 6·2.56 + 0.16 + 5.76·2 + 19.36 = 46.4 → √(46.4/9)
    expect(p.sd).toBeCloseTo(Math.sqrt(46.4 / 9), 12);
    expect(p.weeklySeasonality).toBeNull();
  });
  it("finds weekly and yearly cycles and the trend in three years of daily data", () => {
    const rng = createRng(3);
    const n = 3 * 364;
    const q = Float64Array.from({ length: n }, (_, i) => {
      const week = [1, 1.1, 1.2, 1.1, 1.4, 1.8, 0.4][i % 7]!;
      const year = 1 + 0.5 * Math.sin((2 * Math.PI * i) / 364);
      return Math.max(0, 20 * week * year * (1 + i / n) + rng.normal());
    });
    const p = describeDemand(q, "day");
    expect(p.pattern).toBe("smooth");
    expect(p.weeklySeasonality!).toBeGreaterThan(0.6);
    expect(p.yearlySeasonality!).toBeGreaterThan(0.8);
    expect(p.trendPerYear).toBeGreaterThan(0.08);
    expect(p.trendPerYear).toBeLessThan(0.35);
  });
});
