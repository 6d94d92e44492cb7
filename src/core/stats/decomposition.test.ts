import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { decompositionStrength } from "./decomposition.js";
import { olsSlope } from "./trend.js";

describe("strength of seasonality and trend", () => {
  it("is near 1 for a clean weekly pattern and near 0 for white noise", () => {
    const rng = createRng(1);
    const seasonal = Float64Array.from(
      { length: 700 },
      (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i) / 7) + 0.1 * rng.normal(),
    );
    expect(decompositionStrength(seasonal, 7)!.seasonal).toBeGreaterThan(0.99);
    const noise = Float64Array.from({ length: 700 }, () => 10 + rng.normal());
    const s = decompositionStrength(noise, 7)!;
    expect(s.seasonal).toBeLessThan(0.05);
    expect(s.trend).toBeLessThan(0.3);
  });
  it("sees a strong trend in a ramp with noise, for even and odd periods", () => {
    const rng = createRng(2);
    const ramp = Float64Array.from({ length: 400 }, (_, i) => i * 0.5 + rng.normal());
    expect(decompositionStrength(ramp, 7)!.trend).toBeGreaterThan(0.99);
    expect(decompositionStrength(ramp, 12)!.trend).toBeGreaterThan(0.99);
  });
  it("recovers an even-period (12) season exactly when there is no noise", () => {
    const y = Float64Array.from(
      { length: 120 },
      (_, i) => 50 + 0.3 * i + [3, -1, 4, -1, -5, 9, -2, 6, -5, 3, -5, -6][i % 12]!,
    );
    const s = decompositionStrength(y, 12)!;
    expect(s.seasonal).toBeCloseTo(1, 9);
    expect(s.trend).toBeCloseTo(1, 9);
  });
  it("returns null with fewer than two seasons", () => {
    expect(decompositionStrength(new Float64Array(13), 7)).toBeNull();
  });
  it("OLS slope is exact on a line", () => {
    expect(olsSlope(Float64Array.from({ length: 50 }, (_, i) => 3 + 2 * i))).toBeCloseTo(2, 12);
    expect(olsSlope([1])).toBe(0);
  });
});
