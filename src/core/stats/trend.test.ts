import { describe, expect, it } from "vitest";
import { olsLine, olsSlope, trendFractionPerYear } from "./trend.js";

describe("OLS trend", () => {
  it("is exact on a linear series", () => {
    const y = Float64Array.from({ length: 1095 }, (_, t) => 12.5 + 0.04 * t);
    const f = olsLine(y);
    expect(f.slope).toBeCloseTo(0.04, 12);
    expect(f.intercept).toBeCloseTo(12.5, 10);
    expect(olsSlope(Float64Array.from({ length: 50 }, (_, t) => 3 - 2 * t))).toBeCloseTo(-2, 12);
  });

  it("matches R's lm on a noisy series", () => {
    // R: t <- 0:99; y <- 5 + 0.3*t + ((t*7) %% 11) - 5; coef(lm(y ~ t)); mean(y)
    //    → intercept 5.03821782178217159, slope 0.29821782178217821, mean 19.8
    //    coef(lm(y ~ t))[2] * 365 / mean(y) → 5.4974497449744968
    const y = Float64Array.from({ length: 100 }, (_, t) => 5 + 0.3 * t + ((t * 7) % 11) - 5);
    const f = olsLine(y);
    expect(f.slope).toBeCloseTo(0.2982178217821782, 12);
    expect(f.intercept).toBeCloseTo(5.038217821782172, 11);
    expect(trendFractionPerYear(f.slope, 19.8, 365)).toBeCloseTo(5.497449744974497, 10);
  });

  it("handles n < 2 and a zero mean", () => {
    expect(olsLine(Float64Array.of(7))).toEqual({ intercept: 7, slope: 0 });
    expect(olsSlope(new Float64Array(0))).toBe(0);
    expect(trendFractionPerYear(0, 0, 365)).toBe(0);
    // +1 unit a week on a mean of 52 a week: +100 % of the mean per year
    expect(trendFractionPerYear(1, 52, 52)).toBe(1);
  });
});
