import { describe, expect, it } from "vitest";
import { DEFAULT_ITEM } from "../core/item.js";
import { createRng } from "../core/random.js";
import { replenish, roundOrder, SERVICE_Z, serviceZ } from "./replenish.js";
import { DEMO_SUPPLIERS, type DemoSupplier } from "./suppliers.js";

/** Φ(z) − 0.5 by composite Simpson's rule on the normal density (independent of any quantile code). */
function phiMinusHalf(z: number): number {
  const n = 20_000;
  const h = z / n;
  const f = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let s = f(0) + f(z);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}

describe("service z", () => {
  it("Φ(z) equals each tabulated target (Simpson integration, 1e-12)", () => {
    for (const [p, z] of Object.entries(SERVICE_Z)) expect(0.5 + phiMinusHalf(z)).toBeCloseTo(Number(p), 12);
  });
  it("refuses an untabulated target", () => {
    expect(serviceZ(0.95)).toBe(SERVICE_Z["0.95"]);
    expect(() => serviceZ(0.96)).toThrow(RangeError);
  });
});

describe("roundOrder", () => {
  it("rounds up to the multiple and to at least the MOQ", () => {
    expect(roundOrder(13, 1, 12)).toBe(24);
    expect(roundOrder(5, 30, 12)).toBe(36);
    expect(roundOrder(0, 1, 1)).toBe(1);
    expect(roundOrder(7.2, 1, 1)).toBe(8);
  });
});

const perfect: DemoSupplier = {
  ...DEMO_SUPPLIERS[0]!,
  behaviour: {
    ...DEMO_SUPPLIERS[0]!.behaviour,
    onTimeProb: 1,
    shortShipProb: 0,
    rejectionRate: 0,
  },
};

describe("replenish", () => {
  const n = 400;
  const demand = new Int32Array(n);
  const rng = createRng(5);
  for (let i = 0; i < n; i++) demand[i] = rng.int(21); // uniform 0…20, mean 10, variance 36.67
  const params = { ...DEFAULT_ITEM, unitCost: 4, leadTimeDays: 5, reviewPeriodDays: 1, serviceTarget: 0.99 };

  for (const supplier of [perfect, DEMO_SUPPLIERS[1]!]) {
    it(`balances stock and never sells more than demand (${supplier.supplier})`, () => {
      const res = replenish({
        rng: createRng(9),
        start: 20_000,
        endDay: 20_000 + n - 1,
        demand,
        orders: null,
        params: { ...params, leadTimeDays: supplier.quotedLeadTimeDays },
        supplier,
        priorMean: 10,
        priorVariance: 36.67,
      });
      let sold = 0;
      for (let i = 0; i < n; i++) {
        expect(res.sales[i]).toBeLessThanOrEqual(demand[i]!);
        expect(res.onHand[i]).toBeGreaterThanOrEqual(0);
        sold += res.sales[i]!;
      }
      let accepted = 0;
      for (const po of res.purchaseOrders) {
        if (po.receivedDay !== null) accepted += po.qtyReceived - po.qtyRejected;
        expect(po.qtyReceived).toBeLessThanOrEqual(po.qtyOrdered);
        expect(po.qtyRejected).toBeLessThanOrEqual(po.qtyReceived);
        expect(po.promisedDay).toBeGreaterThan(po.orderDay);
        if (po.receivedDay !== null) expect(po.receivedDay).toBeGreaterThan(po.orderDay);
      }
      // Opening stock + accepted receipts − sales = closing stock.
      expect(res.openingStock + accepted - sold).toBe(res.onHand[n - 1]);
    });
  }

  it("with a perfect supplier and a 99 % target, serves at least 99 % of demand", () => {
    const res = replenish({
      rng: createRng(9),
      start: 20_000,
      endDay: 20_000 + n - 1,
      demand,
      orders: null,
      params,
      supplier: perfect,
      priorMean: 10,
      priorVariance: 36.67,
    });
    let d = 0;
    let s = 0;
    for (let i = 0; i < n; i++) {
      d += demand[i]!;
      s += res.sales[i]!;
    }
    expect(s / d).toBeGreaterThanOrEqual(0.99);
    expect(res.purchaseOrders.every((p) => !p.expedited)).toBe(true);
    // The reorder point in force at the end: s = d̂·(L + R) + z·√((L + R)·σ̂²) with d̂ ≈ 10, σ̂² ≈ 36.67,
    // L + R = 6, z = 2.326: 60 + 2.326 · 14.83 ≈ 94.5, from the EWMA estimates, rounded up.
    expect(Number.isInteger(res.reorderPoint)).toBe(true);
    expect(res.reorderPoint).toBeGreaterThan(75);
    expect(res.reorderPoint).toBeLessThan(115);
  });
});
