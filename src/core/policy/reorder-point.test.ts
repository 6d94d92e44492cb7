import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DemandDistribution } from "../distributions/distribution.js";
import { negativeBinomial } from "../distributions/negative-binomial.js";
import { normal, normalLossInverse, normalQuantile } from "../distributions/normal.js";
import { poisson } from "../distributions/poisson.js";
import { createRng } from "../random.js";
import {
  minMaxLevels,
  reorderPointFor,
  reorderPointForCycleService,
  reorderPointForFillRate,
} from "./reorder-point.js";

describe("Harvey's Specialty Shop (Nahmias, Production and Operations Analysis, 6th ed., Examples 5.4–5.7)", () => {
  // Lead-time demand normal, μ = 100 jars, σ = 25; Q = EOQ = 100.
  const ltd = normal(100, 25);

  it("type 1 service 98 %: z = 2.05, R = 100 + 25·2.05 ≈ 151", () => {
    const r = reorderPointForCycleService(ltd, 0.98);
    expect(r).toBeCloseTo(100 + 25 * normalQuantile(0.98), 10);
    expect(Math.round(r)).toBe(151);
  });

  it("type 2 service 98 %: n(R) = (1 − β)Q = 2, L(z) = 0.08, z ≈ 1.02, R ≈ 126", () => {
    const r = reorderPointForFillRate(ltd, 100, 0.98);
    expect(Math.ceil(r)).toBe(126); // book: z = 1.02 → 125.5 → 126
    expect(Math.abs(r - 125.5)).toBeLessThan(0.1);
    expect(ltd.loss(r)).toBeCloseTo(2, 7);
  });

  it("the expected shortage at R is confirmed by Monte Carlo (seed 3, 400 000 draws, 2 % tolerance)", () => {
    const r = reorderPointForFillRate(ltd, 100, 0.98);
    const rng = createRng(3);
    let s = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) s += Math.max(0, 100 + 25 * rng.normal() - r);
    expect(Math.abs(s / n / 2 - 1)).toBeLessThan(0.02);
  });
});

describe("reorderPointForFillRate", () => {
  it("normal: bisection agrees with the closed form μ + σ·G⁻¹((1 − β)Q/σ)", () => {
    for (const [mu, sd, q, beta] of [
      [50, 12, 40, 0.95],
      [500, 80, 300, 0.99],
      [20, 9, 5, 0.9],
    ] as const) {
      const r = reorderPointForFillRate(normal(mu, sd), q, beta);
      expect(r).toBeCloseTo(mu + sd * normalLossInverse(((1 - beta) * q) / sd), 6);
    }
  });

  it("discrete: equals a brute-force scan for the smallest integer meeting the target", () => {
    const cases: [DemandDistribution, number, number][] = [
      [poisson(4), 6, 0.95],
      [poisson(12.5), 20, 0.98],
      [negativeBinomial(3.5, 40), 10, 0.9],
      [negativeBinomial(12, 30), 8, 0.99],
    ];
    for (const [d, q, beta] of cases) {
      let brute = 0;
      while (d.loss(brute) > (1 - beta) * q) brute++;
      expect(reorderPointForFillRate(d, q, beta)).toBe(brute);
    }
  });

  it("returns 0 when even r = 0 meets the target (large Q)", () => {
    expect(reorderPointForFillRate(poisson(2), 1000, 0.9)).toBe(0);
    expect(reorderPointForFillRate(normal(10, 2), 1000, 0.9)).toBe(0);
  });

  it("is monotone in the target (property)", () => {
    const dists: DemandDistribution[] = [normal(40, 15), poisson(6), negativeBinomial(5, 19)];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.double({ min: 1, max: 80, noNaN: true }),
        (i, a, b, q) => {
          const d = dists[i]!;
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          return reorderPointForFillRate(d, q, lo) <= reorderPointForFillRate(d, q, hi);
        },
      ),
    );
  });

  it("rejects targets outside (0, 1) and Q ≤ 0", () => {
    expect(() => reorderPointForFillRate(poisson(2), 5, 1)).toThrow(RangeError);
    expect(() => reorderPointForFillRate(poisson(2), 0, 0.9)).toThrow(RangeError);
  });
});

/**
 * Event simulation of a continuous-review (r, Q) system with unit Poisson demand (rate λ per day),
 * constant lead time L and backorders. Returns the fraction of demands filled from stock.
 */
function simulateFillRate(
  lambda: number,
  L: number,
  r: number,
  Q: number,
  demands: number,
  seed: number,
): number {
  const rng = createRng(seed);
  let onHand = r + Q;
  let ip = r + Q;
  const arrivals: number[] = [];
  let t = 0;
  let filled = 0;
  for (let i = 0; i < demands; i++) {
    t += -Math.log(1 - rng.next()) / lambda;
    while (arrivals.length > 0 && arrivals[0]! <= t) {
      arrivals.shift();
      onHand += Q;
    }
    if (onHand > 0) filled++;
    onHand--;
    ip--;
    if (ip <= r) {
      ip += Q;
      arrivals.push(t + L);
    }
  }
  return filled / demands;
}

describe("fill rate vs a Monte Carlo of the (r, Q) system (seed 9)", () => {
  // Poisson demand 2/day, L = 5 days → LTD ~ Poisson(10); Q = 15.
  const ltd = poisson(10);
  const Q = 15;
  const r = reorderPointForFillRate(ltd, Q, 0.95);

  it("the exact backorder fill rate 1 − [E(X−r)+ − E(X−r−Q)+]/Q matches simulation to 0.5 %", () => {
    const exact = 1 - (ltd.loss(r) - ltd.loss(r + Q)) / Q;
    const sim = simulateFillRate(2, 5, r, Q, 400_000, 9);
    expect(Math.abs(sim - exact)).toBeLessThan(0.005);
    // The approximation used for the target is conservative: achieved ≥ target.
    expect(sim).toBeGreaterThanOrEqual(0.95 - 0.005);
    expect(exact).toBeGreaterThanOrEqual(1 - ltd.loss(r) / Q);
  });
});

describe("reorderPointFor", () => {
  it("reports achieved service at the chosen level", () => {
    const res = reorderPointFor(poisson(4), "cycle", 0.95, 6);
    expect(res.reorderPoint).toBe(8); // R: qpois(0.95, 4)
    expect(res.cycleServiceLevel).toBeCloseTo(0.9786365655120158, 12); // R: ppois(8, 4)
    expect(res.fillRate).toBeCloseTo(1 - 0.033626987267516055 / 6, 12);
    expect(res.method).toMatch(/quantile/);
  });

  it("min–max: s = r, S = r + Q", () => {
    expect(minMaxLevels(30, 45)).toEqual({ min: 30, max: 75 });
  });
});
