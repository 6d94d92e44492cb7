import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { demandPattern } from "./demand-pattern.js";
import { describeDemand } from "./describe-demand.js";
import { seasonalityStrengths } from "./seasonality.js";
import { summarize } from "./summary.js";
import { olsSlope } from "./trend.js";

describe("describeDemand", () => {
  it("profiles a hand-worked series", () => {
    const p = describeDemand(Float64Array.from([0, 2, 0, 0, 4, 0, 4, 0, 6, 0]), "day");
    expect(p.periods).toBe(10);
    expect(p.totalUnits).toBe(16);
    expect(p.nonZeroPeriods).toBe(4);
    expect(p.mean).toBe(1.6);
    // Σ(x − 1.6)² = 6·2.56 + 0.16 + 2·5.76 + 19.36 = 46.4; sample sd √(46.4/9)
    expect(p.sd).toBeCloseTo(Math.sqrt(46.4 / 9), 12);
    expect(p.cv).toBeCloseTo(Math.sqrt(46.4 / 9) / 1.6, 12);
    expect(p.zeroShare).toBeCloseTo(0.6, 14);
    expect(p.adi).toBe(2.5);
    expect(p.cv2).toBeCloseTo(1 / 6, 14); // sizes 2, 4, 4, 6: (8/3) / 4²
    expect(p.pattern).toBe("intermittent");
    // Σ(t − 4.5)·y = −3.5·2 − 0.5·4 + 1.5·4 + 3.5·6 = 18; Σ(t − 4.5)² = 10·99/12 = 82.5
    expect(p.trendSlopePerPeriod).toBeCloseTo(18 / 82.5, 14);
    expect(p.trendPerYear).toBeCloseTo(((18 / 82.5) * 365) / 1.6, 12);
    expect(p.weeklySeasonality).toBeNull(); // under two weeks
    expect(p.yearlySeasonality).toBeNull();
    expect(p.trendStrength).toBeNull();
  });

  it("agrees with the separate helpers on a random three-year daily series", () => {
    const rng = createRng(5);
    const q = Float64Array.from({ length: 1095 }, (_, i) =>
      rng.next() < 0.3 ? 0 : Math.round(8 + 3 * Math.sin(i / 10) + 4 * rng.next()),
    );
    const p = describeDemand(q, "day");
    const s = summarize(q);
    const pat = demandPattern(q);
    const st = seasonalityStrengths(q, "day");
    expect(p.mean).toBeCloseTo(s.mean, 12);
    expect(p.sd).toBeCloseTo(s.sd, 10);
    expect(p.cv).toBeCloseTo(s.cv, 10);
    expect(p.adi).toBe(pat.adi);
    expect(p.cv2).toBeCloseTo(pat.cv2, 12);
    expect(p.pattern).toBe(pat.pattern);
    expect(p.trendSlopePerPeriod).toBeCloseTo(olsSlope(q), 14);
    expect(p.weeklySeasonality).toBe(st.weekly);
    expect(p.yearlySeasonality).toBe(st.yearly);
    expect(p.trendStrength).toBe(st.trend);
  });

  it("finds the weekly and yearly cycles and the trend in three years of daily data", () => {
    const rng = createRng(3);
    const n = 3 * 364;
    const week = [1, 1.1, 1.2, 1.1, 1.4, 1.8, 0.4];
    const signal = (i: number) =>
      20 * week[i % 7]! * (1 + 0.5 * Math.sin((2 * Math.PI * i) / 364)) * (1 + i / n);
    const q = Float64Array.from({ length: n }, (_, i) => Math.max(0, signal(i) + rng.normal()));
    const p = describeDemand(q, "day");
    expect(p.pattern).toBe("smooth");
    expect(p.weeklySeasonality!).toBeGreaterThan(0.6);
    expect(p.yearlySeasonality!).toBeGreaterThan(0.8);
    // Independent reference: the normal equations on the noise-free signal,
    // slope = (nΣty − ΣtΣy) ÷ (nΣt² − (Σt)²). Unit noise moves the slope by about
    // 1/√(Σ(t − t̄)²) ≈ 1e−4 a day, ≈ 0.001 of the mean a year: tolerance 0.005.
    let st = 0;
    let stt = 0;
    let sy = 0;
    let sty = 0;
    for (let t = 0; t < n; t++) {
      const y = signal(t);
      st += t;
      stt += t * t;
      sy += y;
      sty += t * y;
    }
    const slope = (n * sty - st * sy) / (n * stt - st * st);
    expect(Math.abs(p.trendPerYear - (slope * 365) / (sy / n))).toBeLessThan(0.005);
    expect(p.trendPerYear).toBeGreaterThan(0.05);
  });

  it("reads a linear daily series exactly: slope, yearly trend, no weekly cycle", () => {
    const q = Float64Array.from({ length: 730 }, (_, t) => 10 + 0.01 * t);
    const p = describeDemand(q, "day");
    expect(p.trendSlopePerPeriod).toBeCloseTo(0.01, 12);
    expect(p.mean).toBeCloseTo(10 + 0.01 * 364.5, 10);
    expect(p.trendPerYear).toBeCloseTo(3.65 / (10 + 3.645), 10);
    expect(p.weeklySeasonality).toBe(0);
    expect(p.trendStrength).toBe(1);
    expect(p.yearlySeasonality).toBe(0);
  });

  it("uses the yearly season for weekly and monthly histories", () => {
    const weekly = Float64Array.from({ length: 104 }, (_, t) => 100 + 30 * Math.sin((2 * Math.PI * t) / 52));
    const w = describeDemand(weekly, "week");
    expect(w.weeklySeasonality).toBeNull();
    expect(w.yearlySeasonality).toBeCloseTo(1, 9);
    const monthly = Float64Array.from({ length: 24 }, (_, t) => 50 + (t % 12 === 11 ? 40 : 0) + 2 * t);
    const m = describeDemand(monthly, "month");
    expect(m.yearlySeasonality).toBeCloseTo(1, 9);
    expect(m.trendStrength).toBeCloseTo(1, 9);
  });

  it("handles no demand and an empty history", () => {
    const z = describeDemand(new Float64Array(60), "day");
    expect(z.pattern).toBe("no_demand");
    expect(z.zeroShare).toBe(1);
    expect(z.mean).toBe(0);
    expect(Number.isNaN(z.cv)).toBe(true);
    expect(z.trendPerYear).toBe(0);
    expect(z.weeklySeasonality).toBe(0);
    const e = describeDemand(new Float64Array(0), "day");
    expect(e.periods).toBe(0);
    expect(e.pattern).toBe("no_demand");
    expect(Number.isNaN(e.mean)).toBe(true);
  });

  it("honours configured pattern cut-offs", () => {
    const q = Float64Array.from([0, 2, 0, 0, 4, 0, 4, 0, 6, 0]); // ADI 2.5, CV² 1/6
    expect(describeDemand(q, "day", { patternCutoffs: { adi: 3, cv2: 0.1 } }).pattern).toBe("erratic");
  });
});
