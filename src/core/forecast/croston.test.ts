import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { CROSTON_ALPHA_RANGE, croston, crostonSse, sba } from "./croston.js";
import { demandEvents } from "./demand-events.js";
import type { ForecastMethod } from "./method.js";

/*
 * Reference values from R 4.x, forecast 8.20:
 *   library(forecast)
 *   y <- c(0,0,3,0,0,0,5,2,0,0,4,0,0,1,0,6,0,0,0,2,0,3,0,0)
 *   print(croston(y, alpha=0.1, h=2)$mean, digits=15)        # 1.09704593044396
 *   print(croston(y, alpha=0.25, h=2)$mean, digits=15)       # 1.1503956600686
 *   print(croston(y[1:11], alpha=0.25, h=2)$mean, digits=15) # 1.2090395480226
 *   print(croston(y, alpha=0.1)$fitted, digits=15)           # R_FITTED below (fitted[1] is NA)
 */
const y = Float64Array.from([0, 0, 3, 0, 0, 0, 5, 2, 0, 0, 4, 0, 0, 1, 0, 6, 0, 0, 0, 2, 0, 3, 0, 0]);
const R_FITTED = [
  0, 0, 1, 1, 1, 1, 1.03225806451613, 1.06574394463668, 1.06574394463668, 1.06574394463668, 1.0934160634264,
  1.0934160634264, 1.0934160634264, 1.01508124634993, 1.01508124634993, 1.15586511147914, 1.15586511147914,
  1.15586511147914, 1.15586511147914, 1.06656582122377, 1.06656582122377, 1.09704593044396, 1.09704593044396,
];

function at(m: ForecastMethod, series: Float64Array, alpha: number, origin: number): number {
  const out = new Float64Array(3);
  m.forecastAt(series, { alpha }, 7, Int32Array.of(origin), 3, out);
  expect(out[1]).toBe(out[0]);
  return out[0]!;
}

/** Brute force: the one-step forecast before every period after the first demand, from the method itself. */
function bruteSse(m: ForecastMethod, series: Float64Array, alpha: number): number {
  const n = series.length;
  let first = 0;
  while (series[first]! <= 0) first++;
  const origins = Int32Array.from({ length: n - first - 1 }, (_, i) => first + 1 + i);
  const out = new Float64Array(origins.length);
  m.forecastAt(series, { alpha }, 7, origins, 1, out);
  let sse = 0;
  for (let i = 0; i < origins.length; i++) sse += (series[origins[i]!]! - out[i]!) ** 2;
  return sse;
}

describe("Croston", () => {
  it("matches R's forecast::croston final forecasts", () => {
    expect(at(croston, y, 0.1, 24)).toBeCloseTo(1.09704593044396, 12);
    expect(at(croston, y, 0.25, 24)).toBeCloseTo(1.1503956600686, 12);
    expect(at(croston, y, 0.25, 11)).toBeCloseTo(1.2090395480226, 12);
  });

  it("matches R's in-sample fitted values at every origin in one pass", () => {
    const origins = Int32Array.from({ length: 23 }, (_, i) => i + 1);
    const out = new Float64Array(23);
    croston.forecastAt(y, { alpha: 0.1 }, 7, origins, 1, out);
    for (let i = 0; i < 23; i++) expect(out[i]).toBeCloseTo(R_FITTED[i]!, 12);
  });

  it("hand-computed: sizes 3, 5 and intervals 3, 4 at α = 0.1 give (3 + 0.2) ÷ (3 + 0.1)", () => {
    expect(at(croston, y, 0.1, 7)).toBeCloseTo(3.2 / 3.1, 14);
    expect(at(croston, y, 0.1, 2)).toBe(0);
  });

  it("computes the in-sample SSE in closed form between demands, equal to a period-by-period pass", () => {
    const withReturns = Float64Array.from(y);
    withReturns[9] = -1;
    withReturns[17] = -2;
    for (const series of [y, withReturns]) {
      const ev = demandEvents(series, series.length);
      for (const a of [0.05, 0.17, 0.3]) {
        expect(crostonSse(ev, a, false)).toBeCloseTo(bruteSse(croston, series, a), 10);
        expect(crostonSse(ev, a, true)).toBeCloseTo(bruteSse(sba, series, a), 10);
      }
    }
  });

  it("fits α to the minimum in-sample MSE on [0.05, 0.3] (checked against a fine grid)", () => {
    const rng = createRng(17);
    const z = Float64Array.from({ length: 400 }, (_, t) =>
      rng.next() < 0.2 ? 1 + rng.int(5) + (t > 200 ? 4 : 0) : 0,
    );
    for (const [m, isSba] of [
      [croston, false],
      [sba, true],
    ] as const) {
      const alpha = m.fit(z, z.length, 7)!.alpha!;
      const ev = demandEvents(z, z.length); // module scratch: taken after fit() has used it
      expect(alpha).toBeGreaterThanOrEqual(CROSTON_ALPHA_RANGE.lo);
      expect(alpha).toBeLessThanOrEqual(CROSTON_ALPHA_RANGE.hi);
      let gridMin = Number.POSITIVE_INFINITY;
      for (let a = 0.05; a <= 0.3 + 1e-12; a += 0.0005) gridMin = Math.min(gridMin, crostonSse(ev, a, isSba));
      expect(crostonSse(ev, alpha, isSba)).toBeLessThanOrEqual(gridMin * (1 + 1e-6));
    }
  });

  it("refuses a history without demand and uses α = 0.1 with a single demand", () => {
    expect(croston.fit(new Float64Array(10), 10, 7)).toBeNull();
    expect(croston.fit(Float64Array.of(0, 0, 4, 0), 4, 7)).toEqual({ alpha: 0.1 });
    // one demand of 4 at position 3 (counted from 1): rate 4/3
    expect(at(croston, Float64Array.of(0, 0, 4, 0), 0.1, 4)).toBeCloseTo(4 / 3, 14);
  });
});

describe("SBA", () => {
  it("is Croston × (1 − α/2) (Syntetos & Boylan 2005)", () => {
    expect(at(sba, y, 0.1, 24)).toBeCloseTo(1.09704593044396 * 0.95, 12);
    expect(at(sba, y, 0.25, 24)).toBeCloseTo(1.1503956600686 * 0.875, 12);
  });
});
