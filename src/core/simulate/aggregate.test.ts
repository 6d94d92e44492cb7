import { describe, expect, it } from "vitest";
import { aggregateResults } from "./aggregate.js";
import { simulate } from "./simulate.js";

// Two hand-checked replays from simulate.test.ts:
// A: (r, Q) = (5, 10), 6 days, demand 27, 23 from stock, 4 late, on hand 5 1 5 0 1 1 (Σ 13), unit cost 2,
//    3 orders, 1 stockout day.
// B: kanban 2 × 5, 6 days, demand 18, 10 from stock, 8 late, on hand 4 0 0 0 2 2 (Σ 8), unit cost 5,
//    3 orders, 3 stockout days in 1 episode.
// C: a SKU with no demand over 4 days, 7 on hand, unit cost 1.
const a = simulate(
  Float64Array.from([3, 4, 6, 9, 5, 0]),
  { kind: "reorder_point", reorderPoint: 5, orderQuantity: 10 },
  { leadTime: 2, initialOnHand: 8, unitCost: 2, orderingCost: 10 },
);
const b = simulate(
  Float64Array.from([6, 6, 6, 0, 0, 0]),
  { kind: "kanban", cards: 2, containerSize: 5 },
  { leadTime: 3, unitCost: 5, orderingCost: 10 },
);
const c = simulate(new Float64Array(4), { kind: "min_max", min: 0, max: 7 }, { leadTime: 1 });

describe("aggregateResults", () => {
  it("sums units and values and weights the fill rate by units", () => {
    const t = aggregateResults([a, b, c], 0.8);
    expect(t.skus).toBe(3);
    expect(t.skuDays).toBe(16);
    expect(t.totalDemand).toBe(45);
    expect(t.servedFromStock).toBe(33);
    expect(t.servedLate).toBe(12);
    expect(t.fillRate).toBeCloseTo(33 / 45, 12);
    expect(t.meanSkuFillRate).toBeCloseTo((23 / 27 + 10 / 18) / 2, 12);
    expect(t.skusBelowTarget).toBe(1); // B at 0.56; A at 0.85 and C (no demand) are not counted
    expect(t.skusWithStockout).toBe(2);
    expect(t.stockoutDays).toBe(4);
    expect(t.stockoutEpisodes).toBe(2);
    // Average on-hand value: A 13/6 × 2, B 8/6 × 5, C 7 × 1.
    const value = (13 / 6) * 2 + (8 / 6) * 5 + 7;
    expect(t.averageOnHandValue).toBeCloseTo(value, 12);
    // Consumed value: A 27 × 2 = 54 over 6 days, B 18 × 5 = 90 over 6 days, C 0.
    expect(t.consumedValue).toBeCloseTo(144, 12);
    const daily = 54 / 6 + 90 / 6;
    expect(t.inventoryTurns).toBeCloseTo((daily * 365) / value, 9);
    expect(t.daysOfInventory).toBeCloseTo(value / daily, 12);
    expect(t.orders).toBe(6);
    expect(t.orderingCost).toBe(60);
    expect(t.totalCost).toBeCloseTo(t.holdingCost + 60, 12);
  });

  it("is NaN-safe on an empty catalogue", () => {
    const t = aggregateResults([]);
    expect(t.skus).toBe(0);
    expect(t.fillRate).toBeNaN();
    expect(t.inventoryTurns).toBeNaN();
    expect(t.skusBelowTarget).toBe(0);
  });
});
