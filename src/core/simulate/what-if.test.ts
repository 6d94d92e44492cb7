import { describe, expect, it } from "vitest";
import type { ReplenishmentRule } from "../policy/rule.js";
import { createRng } from "../random.js";
import { scaleBuffer, whatIfBufferScales } from "./what-if.js";

// Independent Poisson reference (see simulate-long-run.test.ts for the derivation): for (r, Q) with
// Poisson(λ) daily demand, fixed lead time L and backorders, the inventory position after review is
// uniform on r+1 … r+Q (Zipkin 2000, ch. 6) and
// fill = 1 − (1/Q) Σ_y [G_L(y) − G_{L−1}(y)] / λ, G_m(y) = E[(Poisson(λm) − y)⁺].
function poissonPmf(k: number, mean: number): number {
  let logFact = 0;
  for (let i = 2; i <= k; i++) logFact += Math.log(i);
  return Math.exp(-mean + k * Math.log(mean) - logFact);
}
function poissonLoss(y: number, mean: number): number {
  let s = 0;
  for (let k = y + 1; k <= 200; k++) s += (k - y) * poissonPmf(k, mean);
  return s;
}
function exactFillRate(r: number, Q: number, lambda: number, L: number): number {
  let loss = 0;
  for (let y = r + 1; y <= r + Q; y++) loss += poissonLoss(y, lambda * L) - poissonLoss(y, lambda * (L - 1));
  return 1 - loss / Q / lambda;
}
function poissonDemand(days: number, lambda: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(days);
  for (let t = 0; t < days; t++) {
    const u = rng.next();
    let k = 0;
    let p = Math.exp(-lambda);
    let c = p;
    while (u > c) {
      k++;
      p *= lambda / k;
      c += p;
    }
    out[t] = k;
  }
  return out;
}

describe("scaleBuffer", () => {
  it("moves every level down by (1 − scale)·SS", () => {
    expect(scaleBuffer({ kind: "reorder_point", reorderPoint: 30, orderQuantity: 12 }, 10, 0.7)).toEqual({
      kind: "reorder_point",
      reorderPoint: 27,
      orderQuantity: 12,
    });
    expect(scaleBuffer({ kind: "min_max", min: 20, max: 50 }, 8, 0.5)).toEqual({
      kind: "min_max",
      min: 16,
      max: 46,
    });
    expect(
      scaleBuffer({ kind: "periodic", reviewPeriodDays: 7, reviewOffsetDays: 2, orderUpTo: 90 }, 20, 0.9),
    ).toEqual({ kind: "periodic", reviewPeriodDays: 7, reviewOffsetDays: 2, orderUpTo: 88 });
    // DDMRP with SS = red zone 12: red 12 → 6, yellow (18) and green (25) kept.
    expect(
      scaleBuffer(
        {
          kind: "ddmrp",
          topOfRed: 12,
          topOfYellow: 30,
          topOfGreen: 55,
          spikeThreshold: 6,
          spikeHorizonDays: 5,
        },
        12,
        0.5,
      ),
    ).toEqual({
      kind: "ddmrp",
      topOfRed: 6,
      topOfYellow: 24,
      topOfGreen: 49,
      spikeThreshold: 6,
      spikeHorizonDays: 5,
    });
    // Kanban 6 cards × 10 = 60 units, SS 25 at 0.8 → 55 units → ⌈5.5⌉ = 6; at 0.5 → 47.5 → 5; at 0 → 35 → 4.
    const k: ReplenishmentRule = { kind: "kanban", cards: 6, containerSize: 10 };
    expect(scaleBuffer(k, 25, 0.8)).toEqual({ kind: "kanban", cards: 6, containerSize: 10 });
    expect(scaleBuffer(k, 25, 0.5)).toEqual({ kind: "kanban", cards: 5, containerSize: 10 });
    expect(scaleBuffer(k, 25, 0)).toEqual({ kind: "kanban", cards: 4, containerSize: 10 });
    expect(scaleBuffer({ kind: "kanban", cards: 1, containerSize: 10 }, 25, 0)).toEqual({
      kind: "kanban",
      cards: 1,
      containerSize: 10,
    });
    expect(scaleBuffer(k, 25, 1)).toEqual(k);
    expect(() => scaleBuffer(k, -1, 0.5)).toThrow(RangeError);
    expect(() => scaleBuffer(k, 1, -0.5)).toThrow(RangeError);
  });
});

describe("whatIfBufferScales", () => {
  it("picks the smallest scale meeting the fill-rate target, agreeing with the exact Poisson fill rates", () => {
    // λ = 3, L = 4, Q = 10, r = μL + SS = 12 + 10; scales 1 … 0 in steps of 0.2 give r = 22, 20, …, 12.
    const lambda = 3;
    const L = 4;
    const Q = 10;
    const demand = poissonDemand(100_000, lambda, 99);
    const base: ReplenishmentRule = { kind: "reorder_point", reorderPoint: 22, orderQuantity: Q };
    const scales = [0, 0.2, 0.4, 0.6, 0.8, 1];
    const target = 0.98;
    const out = whatIfBufferScales(
      demand,
      { base, safetyStock: 10 },
      { leadTime: L, scales, fillRateTarget: target },
    );
    expect(out.rows.map((r) => r.scale)).toEqual([1, 0.8, 0.6, 0.4, 0.2, 0]);
    let expectedChoice: number | null = null;
    for (const row of out.rows) {
      const r = Math.round(12 + 10 * row.scale);
      expect(row.rule).toEqual({
        kind: "reorder_point",
        reorderPoint: expect.closeTo(r, 9),
        orderQuantity: Q,
      });
      const exact = exactFillRate(r, Q, lambda, L);
      expect(Math.abs(row.result.fillRate - exact)).toBeLessThan(0.01);
      if (exact >= target && (expectedChoice === null || row.scale < expectedChoice))
        expectedChoice = row.scale;
    }
    // Exact fills: r = 16 → 0.990, r = 14 → 0.9705: the choice is 0.4, and 0.2 is the failing evidence.
    expect(expectedChoice).toBe(0.4);
    expect(out.smallestScaleMeetingTarget).toBe(0.4);
    expect(out.evidence.map((r) => [r.scale, r.meetsTarget])).toEqual([
      [0.4, true],
      [0.2, false],
    ]);
  });

  it("stops at the first failure walking down, and returns null when the full buffer fails", () => {
    const demand = new Float64Array(60).fill(2);
    // A scenario function: a generous rule at 1 and 0.8, a starved one at 0.9.
    const generous: ReplenishmentRule = { kind: "min_max", min: 10, max: 20 };
    const starved: ReplenishmentRule = { kind: "min_max", min: -50, max: -40 };
    const out = whatIfBufferScales(demand, (s) => (s === 0.9 ? starved : generous), {
      leadTime: 2,
      scales: [1, 0.9, 0.8],
      fillRateTarget: 0.95,
    });
    expect(out.rows.map((r) => r.meetsTarget)).toEqual([true, false, true]);
    expect(out.smallestScaleMeetingTarget).toBe(1);
    expect(out.evidence.map((r) => r.scale)).toEqual([1, 0.9]);
    const none = whatIfBufferScales(demand, () => starved, { leadTime: 2, fillRateTarget: 0.95 });
    expect(none.smallestScaleMeetingTarget).toBeNull();
    expect(none.rows.map((r) => r.scale)).toEqual([1, 0.9, 0.8, 0.7]);
    expect(none.evidence.map((r) => r.scale)).toEqual([1]);
    // Every tried scale meets it: the smallest one is chosen and is the only evidence row.
    const all = whatIfBufferScales(demand, () => generous, { leadTime: 2, fillRateTarget: 0.95 });
    expect(all.smallestScaleMeetingTarget).toBe(0.7);
    expect(all.evidence.map((r) => r.scale)).toEqual([0.7]);
  });

  it("rejects bad targets and scales", () => {
    const d = new Float64Array(3).fill(1);
    const s = { base: { kind: "min_max", min: 1, max: 4 } as ReplenishmentRule, safetyStock: 1 };
    expect(() => whatIfBufferScales(d, s, { leadTime: 1, fillRateTarget: 0 })).toThrow(RangeError);
    expect(() => whatIfBufferScales(d, s, { leadTime: 1, fillRateTarget: 0.9, scales: [] })).toThrow(
      RangeError,
    );
    expect(() => whatIfBufferScales(d, s, { leadTime: 1, fillRateTarget: 0.9, scales: [1, 1] })).toThrow(
      RangeError,
    );
  });
});
