import { describe, expect, it } from "vitest";
import { croston, sba, tsb } from "./intermittent.js";

const y = Float64Array.from([0, 0, 3, 0, 0, 0, 5, 2, 0, 0, 4, 0, 0, 1, 0, 6]);
const at = (m: typeof croston, p: Record<string, number>, origin: number) => {
  const out = new Float64Array(2);
  m.forecastAt(y, p, 7, Int32Array.of(origin), 2, out);
  return out[0]!;
};

describe("intermittent-demand methods", () => {
  it("Croston matches R's forecast::croston", () => {
    // R: croston(c(0,0,3,0,0,0,5,2,0,0,4,0,0,1,0,6), alpha = 0.1, h = 2)$mean → 1.15586511147914
    // By hand: sizes 3,5,2,4,1,6 smooth to 3.25932; intervals 3,4,1,3,3,2 smooth to 2.81981.
    expect(at(croston, { alpha: 0.1 }, 16)).toBeCloseTo(1.15586511147914, 12);
  });
  it("SBA is Croston × (1 − α/2)", () => {
    expect(at(sba, { alpha: 0.1 }, 16)).toBeCloseTo(1.15586511147914 * 0.95, 12);
  });
  it("TSB follows its recursion (hand-computed)", () => {
    // first demand at t = 2: z = 3, π = 1/3; then every period π ← π + 0.2(1[y>0] − π), z ← z + 0.5(y − z) on demand
    let p = 1 / 3;
    let z = 3;
    for (let t = 3; t < 16; t++) {
      p += 0.2 * ((y[t]! > 0 ? 1 : 0) - p);
      if (y[t]! > 0) z += 0.5 * (y[t]! - z);
    }
    expect(at(tsb, { alpha: 0.5, beta: 0.2 }, 16)).toBeCloseTo(p * z, 12);
  });
  it("forecasts made at earlier origins see only the past, and zero before any demand", () => {
    expect(at(croston, { alpha: 0.1 }, 2)).toBe(0);
    // at origin 7 the demands seen are 3 (interval 3) and 5 (interval 4)
    expect(at(croston, { alpha: 0.1 }, 7)).toBeCloseTo((3 + 0.1 * 2) / (3 + 0.1 * 1), 12);
    const many = new Float64Array(6);
    croston.forecastAt(y, { alpha: 0.1 }, 7, Int32Array.of(2, 7, 16), 2, many);
    expect(many[0]).toBe(0);
    expect(many[2]).toBeCloseTo(at(croston, { alpha: 0.1 }, 7), 12);
    expect(many[4]).toBeCloseTo(1.15586511147914, 12);
  });
  it("fits smoothing constants inside their bounds, and refuses a series without demand", () => {
    const p = croston.fit(y, y.length, 7)!;
    expect(p.alpha).toBeGreaterThanOrEqual(0.02);
    expect(p.alpha).toBeLessThanOrEqual(0.5);
    const q = tsb.fit(y, y.length, 7)!;
    expect(q.beta).toBeGreaterThanOrEqual(0.01);
    expect(croston.fit(new Float64Array(10), 10, 7)).toBeNull();
  });
});
