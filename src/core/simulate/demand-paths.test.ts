import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import {
  censoredNormalLocations,
  censoredNormalMoments,
  type DemandModel,
  describeDemandModel,
  drawDemandPaths,
  fitDemandModel,
  gammaVariate,
  poissonVariate,
} from "./demand-paths.js";

/** Sample mean and variance (divisor n − 1). */
function moments(x: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  const mean = s / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - mean) ** 2;
  return { mean, variance: ss / (x.length - 1) };
}

const flat = (mu: number, days: number) => new Float64Array(days).fill(mu);

// Tolerance used throughout: 5 standard errors of the sample mean (√(Var/n)) for means, and a relative
// 4 % (Poisson, normal) or 6 % (negative binomial, bootstrap: heavier tails) for variances, over
// 200 000 – 400 000 daily draws. Seeds are fixed, so the tests are deterministic; the tolerances say
// how far an unlucky seed could be.
const N = 20_000;

describe("variates", () => {
  it("Poisson: mean = variance = λ, in the inversion (λ < 10) and PTRS (λ ≥ 10) ranges", () => {
    for (const lambda of [0.05, 0.7, 4, 9.9, 10, 25, 400]) {
      const rng = createRng(3);
      const x = new Float64Array(200_000);
      for (let i = 0; i < x.length; i++) x[i] = poissonVariate(rng, lambda);
      const m = moments(x);
      expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / x.length));
      expect(m.variance / lambda).toBeGreaterThan(0.96);
      expect(m.variance / lambda).toBeLessThan(1.04);
      for (let i = 0; i < 1000; i++) expect(Number.isInteger(x[i]!) && x[i]! >= 0).toBe(true);
    }
    expect(poissonVariate(createRng(1), 0)).toBe(0);
  });

  it("gamma(shape, 1): mean = variance = shape, below and above shape 1", () => {
    for (const shape of [0.3, 1, 4.5]) {
      const rng = createRng(5);
      const x = new Float64Array(200_000);
      for (let i = 0; i < x.length; i++) x[i] = gammaVariate(rng, shape);
      const m = moments(x);
      expect(Math.abs(m.mean - shape)).toBeLessThan(5 * Math.sqrt(shape / x.length));
      expect(m.variance / shape).toBeGreaterThan(0.95);
      expect(m.variance / shape).toBeLessThan(1.05);
    }
  });
});

describe("drawDemandPaths: moments of the draws", () => {
  it("Poisson paths: mean = variance = μ, and a weekly mean profile is followed day by day", () => {
    const profile = [1, 2, 3, 4, 5, 12, 0.5];
    const mean = Float64Array.from({ length: 70 }, (_, t) => profile[t % 7]!);
    const x = drawDemandPaths({ kind: "poisson" }, mean, 3000, 11);
    for (let d = 0; d < 7; d++) {
      const v: number[] = [];
      for (let i = d; i < x.length; i += 7) v.push(x[i]!);
      const m = moments(v);
      const mu = profile[d]!;
      expect(Math.abs(m.mean - mu)).toBeLessThan(5 * Math.sqrt(mu / v.length));
      expect(m.variance / mu).toBeGreaterThan(0.96);
      expect(m.variance / mu).toBeLessThan(1.04);
    }
  });

  it("negative binomial: mean μ, variance μ + μ²/k, with k fitted from the plan's variance", () => {
    const fitted = fitDemandModel({
      distribution: "negative_binomial",
      meanDailyDemand: 3,
      dailyVariance: 3 + 9 / 0.8, // k = 0.8
      history: new Float64Array(0),
    });
    expect(fitted.model).toEqual({ kind: "negative_binomial", size: expect.closeTo(0.8, 12) });
    for (const mu of [3, 0.4, 40]) {
      const x = drawDemandPaths(fitted.model, flat(mu, 100), 4000, 17);
      const m = moments(x);
      const v = mu + (mu * mu) / 0.8;
      expect(Math.abs(m.mean - mu)).toBeLessThan(5 * Math.sqrt(v / x.length));
      expect(m.variance / v).toBeGreaterThan(0.94);
      expect(m.variance / v).toBeLessThan(1.06);
    }
  });

  it("negative binomial: L independent days have the plan's lead-time demand variance L·v", () => {
    const d = 2;
    const v = 6; // k = 1
    const { model } = fitDemandModel({
      distribution: "negative_binomial",
      meanDailyDemand: d,
      dailyVariance: v,
      history: new Float64Array(0),
    });
    const L = 5;
    const x = drawDemandPaths(model, flat(d, L), 40_000, 2);
    const sums = new Float64Array(40_000);
    for (let p = 0; p < sums.length; p++) for (let t = 0; t < L; t++) sums[p] += x[p * L + t]!;
    const m = moments(sums);
    expect(Math.abs(m.mean - d * L)).toBeLessThan(5 * Math.sqrt((L * v) / sums.length));
    expect(m.variance / (L * v)).toBeGreaterThan(0.95);
    expect(m.variance / (L * v)).toBeLessThan(1.05);
  });

  it("normal censored at 0: the mean stays the forecast; variance = the censored normal's", () => {
    for (const [mu, sd] of [
      [50, 5],
      [2, 3],
      [0.5, 2],
    ] as const) {
      const model: DemandModel = { kind: "normal", sd };
      const x = drawDemandPaths(model, flat(mu, 100), N / 100, 23);
      const big = drawDemandPaths(model, flat(mu, 100), 2000, 29);
      const m = moments(big);
      const loc = new Float64Array(1);
      censoredNormalLocations(flat(mu, 1), sd, loc);
      const exact = censoredNormalMoments(loc[0]!, sd);
      expect(exact.mean).toBeCloseTo(mu, 9);
      expect(Math.abs(m.mean - mu)).toBeLessThan(5 * Math.sqrt(exact.variance / big.length));
      expect(m.variance / exact.variance).toBeGreaterThan(0.96);
      expect(m.variance / exact.variance).toBeLessThan(1.04);
      if (mu >= 6 * sd) expect(exact.variance).toBeCloseTo(sd * sd, 6);
      else expect(exact.variance).toBeLessThan(sd * sd);
      for (const v of x) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it("renewal bootstrap: mean μ_t, demand on 1/E[I] of the days, sizes scaled from the history's", () => {
    // Demands of 2, 6 or 10 units every 3 or 5 days (E[I] = 4, E[S] = 6, rate 1.5 a day).
    const h = new Float64Array(400);
    const gaps = [3, 5, 5, 3];
    const sizes = [2, 6, 10, 6, 2, 10];
    for (let t = 2, i = 0; t < h.length; t += gaps[i % 4]!, i++) h[t] = sizes[i % 6]!;
    const fitted = fitDemandModel({
      distribution: "empirical",
      meanDailyDemand: 1.5,
      dailyVariance: 99,
      history: h,
    });
    const model = fitted.model;
    if (model.kind !== "bootstrap") throw new Error(fitted.reason);
    const events = model.sizes.length;
    let sumS = 0;
    let sumS2 = 0;
    for (const s of model.sizes) {
      sumS += s;
      sumS2 += s * s;
    }
    let sumI = 0;
    for (const g of model.intervals) sumI += g;
    const EI = sumI / model.intervals.length;
    expect(model.rate).toBeCloseTo(sumS / events / EI, 12);
    for (const mu of [1.5, 0.3]) {
      const c = mu / model.rate;
      const x = drawDemandPaths(model, flat(mu, 200), 2000, 31);
      const m = moments(x);
      // stationary renewal reward: P(demand on a day) = 1/E[I], E[D] = c·E[S]/E[I] = μ,
      // Var[D] = c²·E[S²]/E[I] − μ²
      const v = (c * c * (sumS2 / events)) / EI - mu * mu;
      expect(Math.abs(m.mean - mu)).toBeLessThan(5 * Math.sqrt(v / x.length));
      expect(m.variance / v).toBeGreaterThan(0.94);
      expect(m.variance / v).toBeLessThan(1.06);
      let nonZero = 0;
      for (const d of x) if (d > 0) nonZero++;
      expect(nonZero / x.length).toBeCloseTo(1 / EI, 2);
      // the first day is not special: demand there as often as on any day
      let first = 0;
      for (let p = 0; p < 2000; p++) if (x[p * 200]! > 0) first++;
      expect(Math.abs(first / 2000 - 1 / EI)).toBeLessThan(5 * Math.sqrt(0.25 / 2000));
    }
  });
});

describe("drawDemandPaths: determinism and fallbacks", () => {
  const mean = Float64Array.from({ length: 30 }, (_, t) => 2 + (t % 7));
  const models: DemandModel[] = [
    { kind: "normal", sd: 2 },
    { kind: "poisson" },
    { kind: "negative_binomial", size: 1.5 },
  ];
  it("same seed → same paths; the first path does not depend on how many are drawn; seeds differ", () => {
    for (const model of models) {
      const a = drawDemandPaths(model, mean, 5, 42);
      expect(drawDemandPaths(model, mean, 5, 42)).toEqual(a);
      expect(drawDemandPaths(model, mean, 1, 42)).toEqual(a.subarray(0, 30));
      expect(drawDemandPaths(model, mean, 5, 43)).not.toEqual(a);
    }
  });

  it("zero mean gives zero demand; bad means and path counts throw", () => {
    for (const model of models)
      expect(drawDemandPaths(model, flat(0, 10), 3, 1).every((v) => v === 0)).toBe(true);
    expect(() => drawDemandPaths({ kind: "poisson" }, Float64Array.of(1, -1), 1, 1)).toThrow(RangeError);
    expect(() => drawDemandPaths({ kind: "poisson" }, flat(1, 3), 0, 1)).toThrow(RangeError);
  });

  it("falls back to Poisson without over-dispersion, and from bootstrap when the history is too thin", () => {
    const base = { meanDailyDemand: 2, history: new Float64Array(0) };
    expect(fitDemandModel({ ...base, distribution: "negative_binomial", dailyVariance: 1.5 }).model).toEqual({
      kind: "poisson",
    });
    const thin = fitDemandModel({
      ...base,
      distribution: "empirical",
      dailyVariance: 6,
      history: Float64Array.of(0, 4, 0, 0, 5, 0, 6),
    });
    expect(thin.model.kind).toBe("negative_binomial");
    expect(thin.reason).toMatch(/bootstrap impossible \(3 days with demand/);
    expect(describeDemandModel(thin.model)).toBe("negative_binomial k=1");
    expect(fitDemandModel({ ...base, distribution: "normal", dailyVariance: 4 }).model).toEqual({
      kind: "normal",
      sd: 2,
    });
  });
});
