import { describe, expect, it } from "vitest";
import { concentrationReport, hhi, hhiBand, singleSourceSkus, spendShares } from "./concentration.js";
import type { PurchaseOrderLine } from "./purchase-order.js";

function line(supplier: string, sku: string, qty: number, unitCost: number | null): PurchaseOrderLine {
  return {
    poId: `${supplier}-${sku}`,
    supplier,
    sku,
    location: "",
    qtyOrdered: qty,
    unitCost,
    orderDay: null,
    promisedDay: null,
    asnDay: null,
    asnQty: null,
    receivedDay: null,
    qtyReceived: 0,
    qtyRejected: 0,
    mode: "",
    freightCost: null,
    expedited: false,
  };
}

describe("Herfindahl–Hirschman index", () => {
  it("reproduces the 2010 Horizontal Merger Guidelines example (§5.3): 30/30/20/20 → 2 600", () => {
    expect(hhi([30, 30, 20, 20])).toBeCloseTo(2600, 9);
    expect(hhiBand(2600)).toBe("highly-concentrated");
  });
  it("is 10 000 for one supplier and 10 000 ÷ n for n equal ones", () => {
    expect(hhi([5])).toBeCloseTo(10000, 9);
    expect(hhi([1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(1000, 9);
    expect(hhiBand(1000)).toBe("unconcentrated");
    expect(hhiBand(2000)).toBe("moderately-concentrated");
    expect(Number.isNaN(hhi([0, 0]))).toBe(true);
  });
});

describe("concentration report", () => {
  // Spend: S = 100·2 (x) + 50·2 (y) = 300; T = 100·1 (y) = 100; U = 20·5 (z) = 100. Total 500.
  const lines = [
    line("S", "x", 100, 2),
    line("S", "y", 50, 2),
    line("T", "y", 100, 1),
    line("U", "z", 20, 5),
  ];
  const isA = (sku: string) => sku === "x" || sku === "y";

  it("computes spend shares and HHI 60² + 20² + 20² = 4 400", () => {
    const sh = spendShares(lines);
    expect(sh.map((s) => [s.supplier, s.value])).toEqual([
      ["S", 300],
      ["T", 100],
      ["U", 100],
    ]);
    expect(sh[0]!.share).toBeCloseTo(0.6, 12);
    const r = concentrationReport(lines, isA);
    expect(r.spendHhi).toBeCloseTo(4400, 9);
    expect(r.spendHhiBand).toBe("highly-concentrated");
  });

  it("shares of A-item spend: S 300 of 400, T 100 of 400", () => {
    const r = concentrationReport(lines, isA);
    expect(r.aItemShares.map((s) => [s.supplier, s.share])).toEqual([
      ["S", 0.75],
      ["T", 0.25],
    ]);
    expect(r.aItemHhi).toBeCloseTo(75 ** 2 + 25 ** 2, 9);
  });

  it("finds single-sourced SKUs, unless a backup is approved", () => {
    expect(singleSourceSkus(lines)).toEqual([
      { sku: "x", supplier: "S" },
      { sku: "z", supplier: "U" },
    ]);
    const r = concentrationReport(lines, isA, new Map([["z", ["V"]]]));
    expect(r.singleSource).toEqual([{ sku: "x", supplier: "S" }]);
    expect(r.singleSourceA).toEqual([{ sku: "x", supplier: "S" }]);
  });

  it("gives lines without a unit cost no spend", () => {
    expect(spendShares([line("S", "x", 10, null), line("T", "x", 10, 1)]).map((s) => s.share)).toEqual([
      1, 0,
    ]);
  });
});
