import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { METHOD_NAMES } from "./method.js";
import { forecastsAtOrigins } from "./origin-forecasts.js";

const rng = createRng(5);
const WEEK = [10, 0, -5, 5, 15, -12, -13];
const y = Float64Array.from({ length: 300 }, (_, i) => Math.max(1, 40 + WEEK[i % 7]! + 3 * rng.normal()));
// Eight weekly origins, the last week ending with the history.
const origins = Int32Array.from({ length: 8 }, (_, w) => 300 - 56 + 7 * w);

describe("forecastsAtOrigins", () => {
  it("never sees the origin's period or later: changing y from origin k on leaves forecasts ≤ k alone", () => {
    for (const method of METHOD_NAMES)
      for (const refitEachOrigin of [false, true]) {
        const base = forecastsAtOrigins(y, origins, 7, { method, seasonPeriod: 7, refitEachOrigin });
        expect(base.every(Number.isFinite), method).toBe(true);
        for (let k = 0; k < origins.length; k++) {
          const z = y.slice();
          for (let t = origins[k]!; t < z.length; t++) z[t] = 500 + 50 * rng.next();
          const f = forecastsAtOrigins(z, origins, 7, { method, seasonPeriod: 7, refitEachOrigin });
          // Week k's forecasts (and earlier weeks') are made before the change.
          expect(Array.from(f.subarray(0, 7 * (k + 1))), `${method} week ${k}`).toEqual(
            Array.from(base.subarray(0, 7 * (k + 1))),
          );
        }
      }
  });

  it("does not see a jump that starts exactly at the last origin", () => {
    const level = new Float64Array(200).fill(10);
    for (let t = 193; t < 200; t++) level[t] = 100; // the last week jumps tenfold
    const at = Int32Array.of(179, 186, 193);
    for (const method of ["ses", "naive", "moving_average", "holt"] as const) {
      const f = forecastsAtOrigins(level, at, 7, { method, seasonPeriod: 7 });
      for (const v of f.subarray(14)) expect(v, method).toBeCloseTo(10, 6);
    }
  });

  it("forecasts the mean of everything before each origin for the fallback; NaN where it cannot", () => {
    const z = Float64Array.of(2, 4, 6, 8, 10, 12);
    const f = forecastsAtOrigins(z, Int32Array.of(-1, 0, 2, 5, 9), 2, {
      method: "moving_average",
      seasonPeriod: 7,
      fallback: true,
    });
    // Origins −1, 0 (nothing before) and 9 (beyond the history) give NaN; 2 → mean(2, 4); 5 → mean(2..10).
    expect(Array.from(f)).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      3,
      3,
      6,
      6,
      Number.NaN,
      Number.NaN,
    ]);
    // Holt–Winters needs two seasons before the first usable origin.
    const hw = forecastsAtOrigins(y, Int32Array.of(5, 100), 1, { method: "hw_additive", seasonPeriod: 7 });
    expect(Number.isNaN(hw[0]!)).toBe(true);
    expect(Number.isFinite(hw[1]!)).toBe(true);
  });
});
