import { describe, expect, it } from "vitest";
import type { ReplenishmentRule } from "../policy/rule.js";
import { createRng } from "../random.js";
import { simulate } from "./simulate.js";

/**
 * Long-run agreement with exact stationary results for Poisson daily demand (rate λ), fixed lead time
 * L days and backorders, computed here independently of src/core/distributions.
 *
 * Under the simulator's day sequence an order placed at the end of day t is on hand at the start of
 * day t + L, and the inventory position after the review at the end of day t, Y_t, is independent of
 * later demand. Hence net inventory at the end of day t + L is Y_t − D_L and at the start of that day
 * (after receipts) Y_t − D_{L−1}, where D_m ~ Poisson(λm) is m days of demand. With
 * G_m(y) = E[(D_m − y)⁺] (the Poisson loss function), the expected new shortage on a day is
 * E[G_L(Y) − G_{L−1}(Y)], so
 *   fill rate = 1 − E[G_L(Y) − G_{L−1}(Y)] / λ,
 *   P(no stockout on a day) = P(net inventory at end of day ≥ 0) = E[P(D_L ≤ Y)],
 *   E[on hand at end of day] = E[E[(Y − D_L)⁺]].
 * For (r, Q) with ordering in multiples of Q (the rule's "smallest multiple of Q that lifts IP above
 * r") Y is uniform on r+1 … r+Q (Hadley & Whitin 1963, "Analysis of Inventory Systems"; Zipkin, "Foundations of Inventory
 * Management", 2000, ch. 6, for integer demand). Base stock S is (r, Q) = (S − 1, 1).
 * For (R, S) periodic review Y = S at each review, and day j = 0 … R−1 after the receipt sees
 * D_{L+j}: fill = 1 − [G_{L+R−1}(S) − G_{L−1}(S)] / (λR) by telescoping, and a cycle (receipt to
 * next receipt, R days) is free of stockouts iff D_{L+R−1} ≤ S (Zipkin 2000, ch. 6 / Silver, Pyke &
 * Thomas 2017, (R, S) systems: the protection interval is review period + lead time, which under
 * this timing, with the order usable on day t + L, spans the R + L − 1 days t+1 … t+R+L−1).
 * Simulation: 200 000 days, fixed seed; tolerance ±0.01 on service figures, ±2 % on mean on hand.
 */

function poissonPmf(k: number, mean: number): number {
  if (mean === 0) return k === 0 ? 1 : 0;
  let logFact = 0;
  for (let i = 2; i <= k; i++) logFact += Math.log(i);
  return Math.exp(-mean + k * Math.log(mean) - logFact);
}

/** P(D ≤ y), D ~ Poisson(mean). */
function poissonCdf(y: number, mean: number): number {
  let s = 0;
  for (let k = 0; k <= y; k++) s += poissonPmf(k, mean);
  return s;
}

/** E[(D − y)⁺], D ~ Poisson(mean), summed to far in the tail (mean + 40 sd). */
function poissonLoss(y: number, mean: number): number {
  const top = Math.ceil(mean + 40 * Math.sqrt(mean) + 40);
  let s = 0;
  for (let k = Math.max(0, Math.floor(y) + 1); k <= top; k++) s += (k - y) * poissonPmf(k, mean);
  return s;
}

/** E[(y − D)⁺] = y − mean + E[(D − y)⁺]. */
function poissonOnHand(y: number, mean: number): number {
  return y - mean + poissonLoss(y, mean);
}

/** Daily Poisson demand by inversion of the cdf with the project's seeded generator. */
function poissonDemand(days: number, lambda: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(days);
  const p0 = Math.exp(-lambda);
  for (let t = 0; t < days; t++) {
    const u = rng.next();
    let k = 0;
    let p = p0;
    let c = p0;
    while (u > c && k < 1000) {
      k++;
      p *= lambda / k;
      c += p;
    }
    out[t] = k;
  }
  return out;
}

const DAYS = 200_000;
const lambda = 3;
const demand = poissonDemand(DAYS, lambda, 7);

describe("simulate: long-run agreement with exact Poisson results (backorders, fixed lead time)", () => {
  it("the demand generator has mean and variance λ", () => {
    let s = 0;
    let s2 = 0;
    for (const v of demand) {
      s += v;
      s2 += v * v;
    }
    const mean = s / DAYS;
    expect(Math.abs(mean - lambda)).toBeLessThan(0.02);
    expect(Math.abs(s2 / DAYS - mean * mean - lambda)).toBeLessThan(0.05);
  });

  it("(r, Q) = (13, 10), L = 4: fill rate, no-stockout days and on hand", () => {
    const r = 13;
    const Q = 10;
    const L = 4;
    let fillLoss = 0;
    let noStockout = 0;
    let onHand = 0;
    for (let y = r + 1; y <= r + Q; y++) {
      fillLoss += poissonLoss(y, lambda * L) - poissonLoss(y, lambda * (L - 1));
      noStockout += poissonCdf(y, lambda * L);
      onHand += poissonOnHand(y, lambda * L);
    }
    const fill = 1 - fillLoss / Q / lambda; // ≈ 0.952
    const pNoStockout = noStockout / Q; // ≈ 0.937
    const rule: ReplenishmentRule = { kind: "reorder_point", reorderPoint: r, orderQuantity: Q };
    const sim = simulate(demand, rule, { leadTime: L });
    expect(Math.abs(sim.fillRate - fill)).toBeLessThan(0.01);
    expect(Math.abs(1 - sim.stockoutDays / DAYS - pNoStockout)).toBeLessThan(0.01);
    expect(Math.abs(sim.averageOnHand / (onHand / Q) - 1)).toBeLessThan(0.02);
  });

  it("base stock S = 15, L = 4 as (r, Q) = (14, 1)", () => {
    const S = 15;
    const L = 4;
    const fill = 1 - (poissonLoss(S, lambda * L) - poissonLoss(S, lambda * (L - 1))) / lambda; // ≈ 0.880
    const pNoStockout = poissonCdf(S, lambda * L); // ≈ 0.844
    const sim = simulate(
      demand,
      { kind: "reorder_point", reorderPoint: S - 1, orderQuantity: 1 },
      { leadTime: L },
    );
    expect(Math.abs(sim.fillRate - fill)).toBeLessThan(0.01);
    expect(Math.abs(1 - sim.stockoutDays / DAYS - pNoStockout)).toBeLessThan(0.01);
    expect(Math.abs(sim.averageOnHand / poissonOnHand(S, lambda * L) - 1)).toBeLessThan(0.02);
    // The same policy as min–max (S − 1, S) is identical for integer demand.
    const mm = simulate(demand, { kind: "min_max", min: S - 1, max: S }, { leadTime: L });
    expect(mm.fillRate).toBe(sim.fillRate);
  });

  it("periodic (R, S) = (5, 30), L = 4: fill rate, no-stockout days and cycle service level", () => {
    const R = 5;
    const S = 30;
    const L = 4;
    const fill = 1 - (poissonLoss(S, lambda * (L + R - 1)) - poissonLoss(S, lambda * (L - 1))) / (lambda * R); // ≈ 0.980
    let noStockout = 0;
    for (let j = 0; j < R; j++) noStockout += poissonCdf(S, lambda * (L + j));
    const pNoStockout = noStockout / R; // ≈ 0.975
    const csl = poissonCdf(S, lambda * (L + R - 1)); // ≈ 0.904
    const rule: ReplenishmentRule = {
      kind: "periodic",
      reviewPeriodDays: R,
      reviewOffsetDays: 0,
      orderUpTo: S,
    };
    const sim = simulate(demand, rule, { leadTime: L });
    expect(Math.abs(sim.fillRate - fill)).toBeLessThan(0.01);
    expect(Math.abs(1 - sim.stockoutDays / DAYS - pNoStockout)).toBeLessThan(0.01);
    expect(Math.abs(sim.cycleServiceLevel - csl)).toBeLessThan(0.01);
    // One order per review, so about DAYS / R cycles.
    expect(Math.abs(sim.cycles - DAYS / R)).toBeLessThan(3);
  });

  it("the analytical figures discriminate: one day more lead time misses by more than the tolerance", () => {
    const sim = simulate(
      demand,
      { kind: "reorder_point", reorderPoint: 13, orderQuantity: 10 },
      { leadTime: 5 },
    );
    let fillLoss = 0;
    for (let y = 14; y <= 23; y++) fillLoss += poissonLoss(y, lambda * 4) - poissonLoss(y, lambda * 3);
    expect(Math.abs(sim.fillRate - (1 - fillLoss / 10 / lambda))).toBeGreaterThan(0.05);
  });
});
