import { describe, expect, it } from "vitest";
import { periodKpis } from "./period-kpis.js";

describe("periodKpis", () => {
  it("sums a group's sales, stock value, turns and stockouts (worked by hand)", () => {
    // A: cost 2, sells 3/day, on hand 10, 4, 0, 0, 6 → mean (10+4+6)/5 = 4 units = 8 money; one episode of 2 days.
    // B: cost 5, sells 1 on day 1 only, on hand 0 then 2 … → one episode (day 0), mean (0+2+2+2+2)/5 = 1.6 = 8 money.
    const k = periodKpis(
      [
        { unitCost: 2, sold: Float64Array.of(3, 3, 3, 3, 3), endOnHand: Float64Array.of(10, 4, 0, 0, 6) },
        { unitCost: 5, sold: Float64Array.of(0, 1, 0, 0, 0), endOnHand: Float64Array.of(0, 2, 2, 2, 2) },
      ],
      5,
    );
    expect(k).toMatchObject({
      positions: 2,
      days: 5,
      unitsSold: 16,
      costOfGoodsSold: 35,
      stockoutDays: 3,
      stockoutEpisodes: 2,
    });
    expect(k.averageInventoryValue).toBeCloseTo(16, 12);
    // (35 / 5 × 365) / 16 = 159.6875 turns a year.
    expect(k.inventoryTurns).toBeCloseTo(159.6875, 10);
    expect(k.inStockRate).toBeCloseTo(1 - 3 / 10, 12);
  });

  it("is NaN where a ratio has nothing to divide, and refuses ragged days", () => {
    const none = periodKpis([], 0);
    expect(none.inStockRate).toBeNaN();
    expect(none.inventoryTurns).toBeNaN();
    const noStock = periodKpis([{ unitCost: 1, sold: Float64Array.of(1), endOnHand: Float64Array.of(0) }], 1);
    expect(noStock.inventoryTurns).toBe(Number.POSITIVE_INFINITY);
    expect(() =>
      periodKpis([{ unitCost: 1, sold: Float64Array.of(1), endOnHand: new Float64Array(0) }], 1),
    ).toThrow(RangeError);
  });
});
