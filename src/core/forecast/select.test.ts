import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { holdoutForecast } from "./holdout.js";
import { FORECAST_METHODS } from "./methods.js";
import { selectForecast } from "./select.js";

const rng = createRng(21);
const seasonal = Float64Array.from({ length: 730 }, (_, i) =>
  Math.max(0, 40 + [10, 0, -5, 5, 15, -12, -13][i % 7]! + 3 * rng.normal()),
);
const intermittent = Float64Array.from({ length: 730 }, () => (rng.next() < 0.15 ? 1 + rng.int(6) : 0));

describe("selectForecast", () => {
  it("picks a seasonal method for strongly weekly demand and explains the choice", () => {
    const s = selectForecast(seasonal, {
      seasonPeriod: 7,
      horizon: 28,
      leadTimePeriods: 14,
      pattern: "smooth",
    });
    expect(["hw_additive", "hw_multiplicative", "seasonal_naive"]).toContain(s.method);
    expect(s.runnerUp).not.toBeNull();
    expect(s.reason).toMatch(/RMSSE/);
    expect(s.forecast.length).toBe(28);
    expect(s.scores[s.method]!.rmsse).toBeLessThanOrEqual(s.scores.naive!.rmsse);
    expect(s.origins).toBe(182);
  });
  it("does not choose a zero forecast on intermittent demand", () => {
    const s = selectForecast(intermittent, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 7,
      pattern: "intermittent",
    });
    expect(s.method).not.toBe("naive");
    const mean = intermittent.reduce((a, b) => a + b, 0) / intermittent.length;
    expect(s.forecast[0]!).toBeGreaterThan(mean * 0.5);
    expect(s.forecast[0]!).toBeLessThan(mean * 1.6);
  });
  it("cumulative error sd equals an independent recomputation for the chosen method", () => {
    const s = selectForecast(seasonal, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 7,
      candidates: ["ses"],
    });
    const n = seasonal.length;
    const first = n - 7 - 182 + 1;
    const p = FORECAST_METHODS.ses.fit(seasonal, first, 7)!;
    let sq = 0;
    for (let o = first; o < first + 182; o++) {
      const f = new Float64Array(7);
      FORECAST_METHODS.ses.forecastAt(seasonal.subarray(0, o), p, 7, Int32Array.of(o), 7, f);
      let c = 0;
      for (let k = 0; k < 7; k++) c += f[k]! - seasonal[o + k]!;
      sq += c * c;
    }
    expect(s.cumulativeErrorSd[6]).toBeCloseTo(Math.sqrt(sq / 182), 9);
    // on SES the weekly pattern's errors cancel over a whole week; on independent demand they add up (≈ √h)
    expect(s.cumulativeErrorSd[6]!).toBeLessThan(s.cumulativeErrorSd[0]! * 2);
    const i = selectForecast(intermittent, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 7,
      candidates: ["ses"],
    });
    expect(i.cumulativeErrorSd[6]! / i.cumulativeErrorSd[0]!).toBeGreaterThan(Math.sqrt(7) * 0.7);
    expect(i.cumulativeErrorSd[6]! / i.cumulativeErrorSd[0]!).toBeLessThan(Math.sqrt(7) * 1.3);
  });
  it("falls back to the mean on a short history and never returns NaN", () => {
    for (const y of [
      Float64Array.of(3),
      Float64Array.of(0, 0, 0),
      Float64Array.from({ length: 20 }, (_, i) => i % 4),
    ]) {
      const s = selectForecast(y, { seasonPeriod: 7, horizon: 5, leadTimePeriods: 10 });
      for (const v of s.forecast) expect(Number.isFinite(v)).toBe(true);
      for (const v of s.cumulativeErrorSd) expect(Number.isFinite(v)).toBe(true);
      expect(s.cumulativeErrorSd.length).toBeGreaterThanOrEqual(10);
    }
  });
});

describe("holdoutForecast", () => {
  it("forecasts the held-out tail from the history before it and scores it", () => {
    const r = holdoutForecast(seasonal, 28, { seasonPeriod: 7, leadTimePeriods: 7, pattern: "smooth" })!;
    expect(r.forecast.length).toBe(28);
    expect(Array.from(r.actual)).toEqual(Array.from(seasonal.subarray(702)));
    expect(r.scores.rmsse).toBeLessThan(1);
    expect(r.scores.n).toBe(28);
  });
});
