import { describe, expect, it } from "vitest";
import { accuracy, naiveScale } from "../accuracy/metrics.js";
import { createRng } from "../random.js";
import { FORECAST_METHODS } from "./methods.js";
import { seasonProfile } from "./season-profile.js";
import { MAX_ORIGINS, planBacktest, selectForecast, withinOneStandardError } from "./select.js";

const rng = createRng(21);
const WEEK = [10, 0, -5, 5, 15, -12, -13];
const seasonal = Float64Array.from({ length: 730 }, (_, i) =>
  Math.max(0, 40 + WEEK[i % 7]! + 3 * rng.normal()),
);
const intermittent = Float64Array.from({ length: 730 }, () => (rng.next() < 0.15 ? 1 + rng.int(6) : 0));

describe("planBacktest", () => {
  it("spaces MAX_ORIGINS origins 8 days apart on three years of daily data (hand-computed)", () => {
    const p = planBacktest(1095, 7, 14)!;
    expect(p.step).toBe(8);
    expect(p.horizon).toBe(14);
    expect(p.origins.length).toBe(MAX_ORIGINS);
    expect(p.origins[MAX_ORIGINS - 1]).toBe(1095 - 14);
    expect(p.origins[0]).toBe(1095 - 14 - (MAX_ORIGINS - 1) * 8);
  });
  it("uses every period for long seasons and shrinks on short histories", () => {
    const w = planBacktest(156, 52, 4)!;
    expect([w.step, w.horizon, w.origins.length, w.origins[0]]).toEqual([
      1,
      4,
      MAX_ORIGINS,
      156 - 4 - (MAX_ORIGINS - 1),
    ]);
    // 30 days, lead 14: minimum training 14 → step 1, horizon 30 − 14 − 3 = 13, origins 14..17
    const s = planBacktest(30, 7, 14)!;
    expect([s.step, s.horizon, Array.from(s.origins)]).toEqual([1, 13, [14, 15, 16, 17]]);
    expect(planBacktest(17, 7, 14)).toBeNull();
  });
});

describe("selectForecast", () => {
  it("picks seasonal naive for an exact weekly pattern, with zero error spread (hand-computed)", () => {
    const y = Float64Array.from({ length: 120 }, (_, i) => 20 + WEEK[i % 7]!);
    const s = selectForecast(y, {
      seasonPeriod: 7,
      horizon: 9,
      leadTimePeriods: 5,
      candidates: ["naive", "seasonal_naive"],
    });
    expect(s.method).toBe("seasonal_naive");
    expect(s.runnerUp).toBe("naive");
    expect(Array.from(s.forecast)).toEqual(Array.from({ length: 9 }, (_, k) => 20 + WEEK[(120 + k) % 7]!));
    expect(Array.from(s.cumulativeErrorSd)).toEqual([0, 0, 0, 0, 0]);
    expect(s.scores.seasonal_naive!.rmsse).toBe(0);
  });

  it("picks a seasonal method for noisy weekly demand and explains the choice", () => {
    const s = selectForecast(seasonal, {
      seasonPeriod: 7,
      horizon: 28,
      leadTimePeriods: 14,
      pattern: "smooth",
    });
    expect(["hw_additive", "hw_multiplicative", "seasonal_naive"]).toContain(s.method);
    expect(s.reason).toMatch(/RMSSE/);
    expect(s.forecast.length).toBe(28);
    expect(s.origins).toBe(MAX_ORIGINS);
    expect(s.cumulativeErrorSd.length).toBe(14);
    for (const sc of Object.values(s.scores)) expect(s.scores[s.method]!.rmsse).toBeLessThanOrEqual(sc.rmsse);
    const rest = Object.entries(s.scores).filter(([k]) => k !== s.method);
    const runnerUp = rest.reduce((a, b) => (b[1].rmsse < a[1].rmsse ? b : a));
    expect(s.runnerUp).toBe(runnerUp[0]);
  });

  it("scores equal an independent recomputation: refit before the first origin, forecast from truncated histories", () => {
    const n = seasonal.length;
    const plan = planBacktest(n, 7, 10)!;
    const first = plan.origins[0]!;
    const s = selectForecast(seasonal, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 10,
      candidates: ["ses", "moving_average"],
    });
    for (const name of ["ses", "moving_average"] as const) {
      const method = FORECAST_METHODS[name];
      const p = method.fit(seasonal, first, 7)!;
      expect(s.scores[name]!.params).toEqual(p);
      // a strong weekday pattern under a flat forecast: both candidates keep the profile as of the first origin
      expect(s.scores[name]!.profiled).toBe(true);
      const profile = seasonProfile(seasonal, first, 7)!;
      const actual: number[] = [];
      const forecast: number[] = [];
      const sq = new Float64Array(10);
      for (const o of plan.origins) {
        const f = new Float64Array(10);
        method.forecastAt(seasonal.slice(0, o), p, 7, Int32Array.of(o), 10, f); // cannot see y[o..]
        let c = 0;
        for (let k = 0; k < 10; k++) {
          actual.push(seasonal[o + k]!);
          const scaled = f[k]! * profile[(o + k) % 7]!;
          forecast.push(scaled);
          c += scaled - seasonal[o + k]!;
          sq[k] += c * c;
        }
      }
      const ref = accuracy(actual, forecast, naiveScale(seasonal, 0, first));
      for (const key of ["rmsse", "mase", "wape", "mape", "bias"] as const) {
        expect(s.scores[name]![key]).toBeCloseTo(ref[key], 10);
      }
      if (s.method === name) {
        // lead-time MAPE: APE of the 10-period totals, averaged over origins (recomputed from the same forecasts)
        let ape = 0;
        for (let i = 0; i < forecast.length / 10; i++) {
          let sf = 0;
          let sa = 0;
          for (let k = 0; k < 10; k++) {
            sf += forecast[i * 10 + k]!;
            sa += actual[i * 10 + k]!;
          }
          ape += Math.abs(sf - sa) / sa;
        }
        expect(s.leadTimeMape).toBeCloseTo(ape / (forecast.length / 10), 10);
        for (let k = 0; k < 10; k++)
          expect(s.cumulativeErrorSd[k]).toBeCloseTo(Math.sqrt(sq[k]! / MAX_ORIGINS), 10);
        expect(s.oneStepErrorSd).toBe(s.cumulativeErrorSd[0]);
        expect(s.fittedParams).toEqual(method.fit(seasonal, n, 7));
        // the final forecast: the refitted method's, scaled by the profile re-estimated on the whole history
        const final = seasonProfile(seasonal, n, 7)!;
        expect(Array.from(s.seasonProfile!)).toEqual(Array.from(final));
        const flat = new Float64Array(7);
        method.forecastAt(seasonal, s.fittedParams, 7, Int32Array.of(n), 7, flat);
        for (let k = 0; k < 7; k++) expect(s.forecast[k]).toBeCloseTo(flat[k]! * final[(n + k) % 7]!, 12);
        expect(s.reason).toMatch(/with the season profile/);
      }
    }
    const kept = selectForecast(seasonal, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 10,
      candidates: ["ses", "moving_average"],
      refit: false,
    });
    expect(kept.fittedParams).toEqual(kept.scores[kept.method]!.params);
    expect(Array.from(kept.seasonProfile!)).toEqual(
      Array.from(seasonProfile(seasonal, plan.origins[0]!, 7)!),
    );
    expect(Array.from(kept.cumulativeErrorSd)).toEqual(Array.from(s.cumulativeErrorSd));
  });

  it("keeps the season profile only where the backtest says it helps, and never for naive or seasonal methods", () => {
    // a weekday pattern before the first origin (385: 800 − 7 − 51·8) that is gone after it
    const noise = createRng(5);
    const y = Float64Array.from(
      { length: 800 },
      (_, t) => 30 + (t < 385 ? WEEK[t % 7]! : 0) + 2 * noise.normal(),
    );
    expect(planBacktest(800, 7, 7)!.origins[0]).toBe(385);
    expect(seasonProfile(y, 385, 7)).not.toBeNull();
    const s = selectForecast(y, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 7,
      candidates: ["naive", "seasonal_naive", "ses"],
    });
    expect(s.method).toBe("ses");
    for (const name of ["naive", "seasonal_naive", "ses"] as const)
      expect(s.scores[name]!.profiled).toBe(false);
    expect(s.seasonProfile).toBeNull();
    const flat = new Float64Array(7);
    FORECAST_METHODS.ses.forecastAt(y, s.fittedParams, 7, Int32Array.of(800), 7, flat);
    expect(Array.from(s.forecast)).toEqual(Array.from(flat));
    // with the pattern throughout, SES keeps the profile and naive stays the flat benchmark
    const w = selectForecast(seasonal, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 7,
      candidates: ["naive", "ses"],
    });
    expect([w.scores.ses!.profiled, w.scores.naive!.profiled]).toEqual([true, false]);
    // monthly data: no profile at all
    const monthly = selectForecast(seasonal.subarray(0, 120), {
      seasonPeriod: 12,
      horizon: 3,
      leadTimePeriods: 3,
    });
    expect(monthly.seasonProfile).toBeNull();
    for (const sc of Object.values(monthly.scores)) expect(sc.profiled).toBe(false);
  });

  it("takes the simplest candidate within one standard error of the lowest MSE (recomputed from truncated histories)", () => {
    const noise = createRng(3);
    const y = Float64Array.from({ length: 500 }, () => Math.max(0, 20 + 6 * noise.normal()));
    const candidates = ["naive", "moving_average", "ses", "holt_damped"] as const;
    const s = selectForecast(y, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 7,
      candidates: [...candidates],
    });
    const plan = planBacktest(500, 7, 7)!;
    const first = plan.origins[0]!;
    const perOrigin: Record<string, number[]> = {};
    for (const name of candidates) {
      expect(s.scores[name]!.profiled).toBe(false);
      const method = FORECAST_METHODS[name];
      const p = method.fit(y, first, 7)!;
      perOrigin[name] = Array.from(plan.origins, (o) => {
        const f = new Float64Array(7);
        method.forecastAt(y.slice(0, o), p, 7, Int32Array.of(o), 7, f);
        let sq = 0;
        for (let k = 0; k < 7; k++) sq += (f[k]! - y[o + k]!) ** 2;
        return sq / 7;
      });
    }
    const mse = (name: string) => perOrigin[name]!.reduce((a, b) => a + b, 0) / MAX_ORIGINS;
    // SES has the lowest backtest MSE; the moving average (earlier in the list) is within one standard error
    expect(mse("ses")).toBeLessThan(mse("moving_average"));
    expect(Math.min(mse("naive"), mse("holt_damped"))).toBeGreaterThan(mse("ses"));
    const d = perOrigin.moving_average!.map((v, i) => v - perOrigin.ses![i]!);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1));
    expect(mean).toBeLessThanOrEqual(sd / Math.sqrt(d.length));
    expect(s.method).toBe("moving_average");
    expect(s.runnerUp).toBe("ses");
    expect(s.reason).toMatch(/simplest within one standard error of the lowest: ses at RMSSE/);
    // the error spread is the chosen method's
    let c1 = 0;
    for (const o of plan.origins) {
      const f = new Float64Array(1);
      FORECAST_METHODS.moving_average.forecastAt(
        y,
        s.scores.moving_average!.params,
        7,
        Int32Array.of(o),
        1,
        f,
      );
      c1 += (f[0]! - y[o]!) ** 2;
    }
    expect(s.oneStepErrorSd).toBeCloseTo(Math.sqrt(c1 / MAX_ORIGINS), 10);
  });

  it("withinOneStandardError: mean of the differences against sd ÷ √N (hand-computed)", () => {
    // d = 1, 2, 1, 2: mean 1.5, sd √(1/3), standard error 0.2887 → no
    expect(withinOneStandardError(Float64Array.of(3, 5, 4, 6), Float64Array.of(2, 3, 3, 4))).toBe(false);
    // d = 1, −2, 1, 1: mean 0.25, sd √(6.75/3) = 1.5, standard error 0.75 → yes
    expect(withinOneStandardError(Float64Array.of(3, 1, 4, 2), Float64Array.of(2, 3, 3, 1))).toBe(true);
    expect(withinOneStandardError(Float64Array.of(1), Float64Array.of(1))).toBe(false);
  });

  it("does not choose a zero-leaning forecast on intermittent demand", () => {
    const s = selectForecast(intermittent, {
      seasonPeriod: 7,
      horizon: 7,
      leadTimePeriods: 7,
      pattern: "intermittent",
    });
    expect(s.method).not.toBe("naive");
    expect(Object.keys(s.scores).sort()).toEqual(["croston", "moving_average", "naive", "sba", "ses", "tsb"]);
    const mean = intermittent.reduce((a, b) => a + b, 0) / intermittent.length;
    expect(s.forecast[0]!).toBeGreaterThan(mean * 0.5);
    expect(s.forecast[0]!).toBeLessThan(mean * 1.6);
    // errors of independent periods add up: the 7-period spread is ≈ √7 × the one-period spread
    const ratio = s.cumulativeErrorSd[6]! / s.cumulativeErrorSd[0]!;
    expect(ratio).toBeGreaterThan(Math.sqrt(7) * 0.6);
    expect(ratio).toBeLessThan(Math.sqrt(7) * 1.4);
  });

  it("falls back to the mean on a short history with σ√(h + h²/n) (hand-computed)", () => {
    // 1, 3, 5: mean 3, sample sd 2; h = 2: 2·√(2 + 4/3)
    const s = selectForecast(Float64Array.of(1, 3, 5), { seasonPeriod: 7, horizon: 2, leadTimePeriods: 2 });
    expect(s.method).toBe("moving_average");
    expect(s.reason).toMatch(/too short/);
    expect(Array.from(s.forecast)).toEqual([3, 3]);
    expect(s.cumulativeErrorSd[1]).toBeCloseTo(2 * Math.sqrt(2 + 4 / 3), 14);
    expect(s.oneStepErrorSd).toBeCloseTo(2 * Math.sqrt(1 + 1 / 3), 14);
  });

  it("never returns NaN, whatever the input", () => {
    const inputs = [
      Float64Array.of(3),
      Float64Array.of(0, 0, 0),
      new Float64Array(0),
      new Float64Array(400),
      Float64Array.from({ length: 20 }, (_, i) => i % 4),
      Float64Array.from({ length: 60 }, (_, i) => (i === 59 ? 5 : 0)),
      Float64Array.from({ length: 200 }, (_, i) => (i % 50 === 0 ? Number.NaN : i % 3)),
      Float64Array.from({ length: 300 }, (_, i) => (i % 2 ? -1 : 2)),
      Float64Array.from({ length: 300 }, () => 7),
    ];
    for (const y of inputs) {
      for (const pattern of [undefined, "smooth", "lumpy", "no_demand"] as const) {
        const s = selectForecast(y, {
          seasonPeriod: 7,
          horizon: 5,
          leadTimePeriods: 10,
          ...(pattern ? { pattern } : {}),
        });
        for (const v of s.forecast) expect(Number.isFinite(v) && v >= 0).toBe(true);
        for (const v of s.cumulativeErrorSd) expect(Number.isFinite(v)).toBe(true);
        expect(Number.isFinite(s.oneStepErrorSd)).toBe(true);
        expect(s.cumulativeErrorSd.length).toBe(10);
      }
    }
    const odd = selectForecast(seasonal, {
      seasonPeriod: Number.NaN,
      horizon: Number.NaN,
      leadTimePeriods: 0,
    });
    expect(odd.forecast.length).toBe(0);
    expect(odd.cumulativeErrorSd.length).toBe(1);
    expect(Number.isFinite(odd.oneStepErrorSd)).toBe(true);
  });

  it("extends the spread as √(h/H) when the lead time is longer than the history can test", () => {
    const y = Float64Array.from({ length: 40 }, (_, i) => 5 + (i % 3));
    const s = selectForecast(y, { seasonPeriod: 7, horizon: 3, leadTimePeriods: 30, candidates: ["naive"] });
    const H = s.backtestHorizon;
    expect(H).toBe(40 - 14 - 3);
    expect(s.cumulativeErrorSd[29]).toBeCloseTo(s.cumulativeErrorSd[H - 1]! * Math.sqrt(30 / H), 12);
    expect(s.reason).toMatch(/exceeds/);
  });
});
