import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../calendar.js";
import type { CustomerOrderLine, InventorySnapshot } from "../kpi/records.js";
import type { EpochDay } from "../units.js";
import { episodesFromOrders, episodesFromSnapshots, episodesFromTrace } from "./episodes.js";

const b = epochDayFromParts(2024, 1, 1);
const day = (n: number) => (b + n) as EpochDay;
const snap = (n: number, onHand: number, sku = "a"): InventorySnapshot => ({
  day: day(n),
  sku,
  location: "",
  onHand,
  unitCost: null,
});
const span = (e: { start: number; end: number; durationDays: number; open: boolean }) => [
  e.start - b,
  e.end - b,
  e.durationDays,
  e.open,
];

describe("stockout episodes", () => {
  it("finds runs of zero on hand in daily snapshots", () => {
    const s = [5, 0, 0, 3, 0, 4, 4, 0, 0, 0].map((q, i) => snap(i, q));
    expect(episodesFromSnapshots(s).map(span)).toEqual([
      [1, 2, 2, false],
      [4, 4, 1, false],
      [7, 9, 3, true],
    ]);
    // Still out on asOf day 12: the open episode runs to asOf.
    expect(episodesFromSnapshots(s, day(12)).map(span).at(-1)).toEqual([7, 12, 6, true]);
  });

  it("carries sparse snapshots forward and keeps SKUs apart", () => {
    const s = [snap(10, 2), snap(0, 5), snap(3, 0), snap(4, 0, "b"), snap(6, 1, "b")];
    const e = episodesFromSnapshots(s);
    expect(e.map((x) => [x.sku, ...span(x)])).toEqual([
      ["a", 3, 9, 7, false],
      ["b", 4, 5, 2, false],
    ]);
    expect(e[0]!.source).toBe("snapshot");
  });

  it("merges short-shipped order days into episodes and counts units short", () => {
    const o = (
      n: number,
      qty: number,
      shipped: number,
      promised: number | null = null,
    ): CustomerOrderLine => ({
      orderId: `o${n}`,
      day: day(n),
      sku: "a",
      qty,
      qtyShipped: shipped,
      shipDay: shipped > 0 ? day(n) : null,
      promisedDay: promised === null ? null : day(promised),
    });
    const lines = [o(1, 5, 3), o(0, 4, 0, 2), o(5, 2, 1), o(3, 9, 9)];
    const e = episodesFromOrders(lines);
    expect(e.map((x) => [...span(x), x.unitsShort])).toEqual([
      [1, 2, 2, false, 6],
      [5, 5, 1, false, 1],
    ]);
    expect(episodesFromOrders(lines, 3).map((x) => [...span(x), x.unitsShort])).toEqual([
      [1, 5, 5, false, 7],
    ]);
  });

  it("finds runs in a simulated on-hand trace", () => {
    const e = episodesFromTrace(Float64Array.of(1, 0, -2, 2, 0), b, "a", "dc");
    expect(e.map(span)).toEqual([
      [1, 2, 2, false],
      [4, 4, 1, true],
    ]);
    expect(e[0]!.location).toBe("dc");
    expect(episodesFromTrace(Float64Array.of(1, 2), b, "a")).toEqual([]);
  });
});
