import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { demandEvents } from "./demand-events.js";
import { TSB_ALPHA_RANGE, TSB_BETA_RANGE, tsb, tsbDecayPowers, tsbSse } from "./tsb.js";

/*
 * Reference values: the TSB recursion (Teunter, Syntetos & Babai 2011, §3) written independently in R:
 *   tsb <- function(x, a, b) {
 *     first <- which(x > 0)[1]; z <- x[first]; p <- 1/first
 *     for (t in (first+1):length(x)) { if (x[t] > 0) { p <- p + b*(1-p); z <- z + a*(x[t]-z) } else p <- (1-b)*p }
 *     p*z
 *   }
 *   y <- c(0,0,3,0,0,0,5,2,0,0,4,0,0,1,0,6,0,0,0,2,0,3,0,0)
 *   print(tsb(y, 0.2, 0.1), digits=15)        # 1.01004014321535
 *   print(tsb(y[1:11], 0.3, 0.05), digits=15) # 1.20042055399406
 */
const y = Float64Array.from([0, 0, 3, 0, 0, 0, 5, 2, 0, 0, 4, 0, 0, 1, 0, 6, 0, 0, 0, 2, 0, 3, 0, 0]);

function at(series: Float64Array, alpha: number, beta: number, origin: number): number {
  const out = new Float64Array(2);
  tsb.forecastAt(series, { alpha, beta }, 7, Int32Array.of(origin), 2, out);
  expect(out[1]).toBe(out[0]);
  return out[0]!;
}

function bruteSse(series: Float64Array, alpha: number, beta: number): number {
  let first = 0;
  while (series[first]! <= 0) first++;
  const origins = Int32Array.from({ length: series.length - first - 1 }, (_, i) => first + 1 + i);
  const out = new Float64Array(origins.length);
  tsb.forecastAt(series, { alpha, beta }, 7, origins, 1, out);
  let sse = 0;
  for (let i = 0; i < origins.length; i++) sse += (series[origins[i]!]! - out[i]!) ** 2;
  return sse;
}

describe("TSB", () => {
  it("matches an independent R implementation of the recursion", () => {
    expect(at(y, 0.2, 0.1, 24)).toBeCloseTo(1.01004014321535, 12);
    expect(at(y, 0.3, 0.05, 11)).toBeCloseTo(1.20042055399406, 12);
  });

  it("hand-computed: π = 1/3, z = 3 after the first demand, then π decays by (1 − β) per empty period", () => {
    expect(at(y, 0.2, 0.1, 3)).toBeCloseTo(1, 14);
    expect(at(y, 0.2, 0.1, 6)).toBeCloseTo((1 / 3) * 0.9 ** 3 * 3, 14);
    // demand of 5 at t = 6: π ← π + 0.1(1 − π), z ← 3 + 0.2·2 = 3.4
    const p = (1 / 3) * 0.9 ** 3;
    expect(at(y, 0.2, 0.1, 7)).toBeCloseTo((p + 0.1 * (1 - p)) * 3.4, 14);
    expect(at(y, 0.2, 0.1, 2)).toBe(0);
  });

  it("computes the in-sample SSE in closed form between demands, equal to a period-by-period pass", () => {
    const withReturns = Float64Array.from(y);
    withReturns[9] = -1;
    withReturns[17] = -2;
    for (const series of [y, withReturns]) {
      const ev = demandEvents(series, series.length);
      const pow = new Float64Array(ev.maxGap + 1);
      for (const [a, b] of [
        [0.05, 0.01],
        [0.2, 0.1],
        [0.3, 0.3],
      ] as const) {
        tsbDecayPowers(b, ev.maxGap, pow);
        expect(tsbSse(series, ev, a, b, pow)).toBeCloseTo(bruteSse(series, a, b), 10);
      }
    }
  });

  it("fits (α, β) near the minimum in-sample MSE (checked against a fine grid)", () => {
    const rng = createRng(23);
    const z = Float64Array.from({ length: 500 }, (_, t) =>
      rng.next() < (t < 300 ? 0.25 : 0.08) ? 1 + rng.int(6) : 0,
    );
    const p = tsb.fit(z, z.length, 7)!;
    expect(p.alpha).toBeGreaterThanOrEqual(TSB_ALPHA_RANGE.lo);
    expect(p.alpha).toBeLessThanOrEqual(TSB_ALPHA_RANGE.hi);
    expect(p.beta).toBeGreaterThanOrEqual(TSB_BETA_RANGE.lo);
    expect(p.beta).toBeLessThanOrEqual(TSB_BETA_RANGE.hi);
    const ev = demandEvents(z, z.length); // module scratch: taken after fit() has used it
    const pow = new Float64Array(ev.maxGap + 1);
    const sse = (a: number, b: number) => {
      tsbDecayPowers(b, ev.maxGap, pow);
      return tsbSse(z, ev, a, b, pow);
    };
    let gridMin = Number.POSITIVE_INFINITY;
    for (let a = 0.05; a <= 0.3 + 1e-12; a += 0.005)
      for (let b = 0.01; b <= 0.3 + 1e-12; b += 0.0025) gridMin = Math.min(gridMin, sse(a, b));
    expect(sse(p.alpha!, p.beta!)).toBeLessThanOrEqual(gridMin * 1.001);
    expect(tsb.fit(new Float64Array(5), 5, 7)).toBeNull();
  });
});
