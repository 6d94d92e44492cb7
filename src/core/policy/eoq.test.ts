import { describe, expect, it } from "vitest";
import { allUnitsDiscount, annualCost, economicOrderQuantity, orderQuantity } from "./eoq.js";

describe("economicOrderQuantity", () => {
  // Nahmias, Production and Operations Analysis (6th ed.), §4.5 example: pencils at the campus
  // bookstore, 60 per week (λ = 3120/year), K = $12, cost 2¢, I = 25 % → h = $0.005; Q* = 3,870.
  it("Nahmias's pencil example: Q* ≈ 3,870", () => {
    const q = economicOrderQuantity(3120, 12, 0.25 * 0.02);
    expect(Math.round(q)).toBe(3870);
  });

  it("is the minimiser of ordering + holding cost (independent scan) with the two equal at Q*", () => {
    const D = 3120;
    const K = 12;
    const h = 0.005;
    const q = economicOrderQuantity(D, K, h);
    let best = 1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let x = 1; x < 20000; x++) {
      const c = (D * K) / x + (h * x) / 2;
      if (c < bestCost) {
        bestCost = c;
        best = x;
      }
    }
    expect(Math.abs(best - q)).toBeLessThan(1);
    expect((D * K) / q).toBeCloseTo((h * q) / 2, 9);
  });

  it("is 0 at zero demand and rejects h ≤ 0", () => {
    expect(economicOrderQuantity(0, 50, 1)).toBe(0);
    expect(() => economicOrderQuantity(100, 50, 0)).toThrow(RangeError);
  });
});

describe("allUnitsDiscount", () => {
  // Nahmias (6th ed.) §4.7 example, Weighty Trash Bag Company: λ = 600/year, K = $8, I = 20 %;
  // all-units prices $0.3 (< 500), $0.29 (500–999), $0.28 (≥ 1000). EOQ(0.3) = 400 is realizable,
  // the others are not; G(400) = $204, G(500) = $198.1, G(1000) = $200.8 → order 500.
  const breaks = [
    { minQuantity: 0, unitCost: 0.3 },
    { minQuantity: 500, unitCost: 0.29 },
    { minQuantity: 1000, unitCost: 0.28 },
  ];
  it("chooses 500 units at $0.29 with the book's annual costs", () => {
    const c = allUnitsDiscount(600, 8, 0.2, breaks);
    expect(c.orderQuantity).toBe(500);
    expect(c.unitCost).toBe(0.29);
    expect(c.annualCost).toBeCloseTo(198.1, 6);
    const byQ = new Map(c.candidates.map((x) => [Math.round(x.orderQuantity), x.annualCost]));
    expect(byQ.get(400)).toBeCloseTo(204, 6);
    expect(byQ.get(1000)).toBeCloseTo(200.8, 6);
  });

  it("agrees with a brute-force scan of every integer quantity", () => {
    for (const [D, K, I] of [
      [600, 8, 0.2],
      [5000, 40, 0.25],
      [200, 100, 0.3],
    ] as const) {
      let best = 0;
      let bestCost = Number.POSITIVE_INFINITY;
      for (let q = 1; q <= 5000; q++) {
        const price = q >= 1000 ? 0.28 : q >= 500 ? 0.29 : 0.3;
        const c = annualCost(q, D, K, I, price);
        if (c < bestCost) {
          bestCost = c;
          best = q;
        }
      }
      const ch = allUnitsDiscount(D, K, I, breaks);
      expect(ch.annualCost).toBeLessThanOrEqual(bestCost + 1e-9);
      expect(Math.abs(ch.orderQuantity - best)).toBeLessThanOrEqual(1);
    }
  });
});

describe("orderQuantity", () => {
  it("applies MOQ and the order multiple after the EOQ", () => {
    // d = 2/day → D = 730; K = 50; h = 0.25·10 = 2.5 → EOQ = √(2·730·50/2.5) = √29 200 = 170.88
    const r = orderQuantity({
      meanDailyDemand: 2,
      orderingCost: 50,
      holdingRate: 0.25,
      unitCost: 10,
      constraints: { moq: 1, orderMultiple: 25 },
    });
    expect(r.eoq).toBeCloseTo(Math.sqrt(29200), 10);
    expect(r.orderQuantity).toBe(175);
    expect(r.cycleDays).toBeCloseTo(87.5, 10);
    const m = orderQuantity({
      meanDailyDemand: 2,
      orderingCost: 50,
      holdingRate: 0.25,
      unitCost: 10,
      constraints: { moq: 400, orderMultiple: 1 },
    });
    expect(m.orderQuantity).toBe(400);
  });

  it("uses the discount choice when price breaks are given", () => {
    const r = orderQuantity({
      meanDailyDemand: 600 / 365,
      orderingCost: 8,
      holdingRate: 0.2,
      unitCost: 0.3,
      constraints: { moq: 1, orderMultiple: 1 },
      priceBreaks: [
        { minQuantity: 0, unitCost: 0.3 },
        { minQuantity: 500, unitCost: 0.29 },
      ],
    });
    expect(r.orderQuantity).toBe(500);
    expect(r.unitCost).toBe(0.29);
  });

  it("orders nothing at zero demand", () => {
    const r = orderQuantity({
      meanDailyDemand: 0,
      orderingCost: 50,
      holdingRate: 0.25,
      unitCost: 10,
      constraints: { moq: 10, orderMultiple: 1 },
    });
    expect(r.orderQuantity).toBe(0);
  });
});
