import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../calendar.js";
import type { CustomerOrderLine, InventorySnapshot } from "../kpi/records.js";
import type { PurchaseOrderLine } from "../supplier/purchase-order.js";
import type { EpochDay } from "../units.js";
import { agingReport } from "./aging-report.js";
import { fifoAgeBuckets } from "./fifo-buckets.js";
import { consumptionFromOrders, receiptsFromPurchaseLines, type StockMovement } from "./movements.js";

const b = epochDayFromParts(2024, 1, 1);
const day = (n: number) => (b + n) as EpochDay;
const asOf = day(100);

describe("FIFO age buckets", () => {
  // Receipts (age on day 100): day 95 × 10 (5 days), day 60 × 20 (40), day 20 × 30 (80), day 0 × 50 (100).
  const receipts = [
    { day: day(0), qty: 50 },
    { day: day(60), qty: 20 },
    { day: day(95), qty: 10 },
    { day: day(20), qty: 30 },
    { day: day(101), qty: 999 }, // after asOf: ignored
  ];

  it("matches 45 on hand to the newest receipts: 10 | 20 | 15 | 0", () => {
    const a = fifoAgeBuckets(45, receipts, asOf, 2);
    expect(a.buckets.map((x) => [x.label, x.qty, x.value])).toEqual([
      ["0–30", 10, 20],
      ["31–60", 20, 40],
      ["61–90", 15, 30],
      ["90+", 0, 0],
    ]);
    expect(a.unattributedQty).toBe(0);
    expect(a.oldestTracedAgeDays).toBe(80);
  });

  it("puts stock older than the receipts history in the last bucket", () => {
    const a = fifoAgeBuckets(120, receipts, asOf, 2);
    expect(a.buckets.map((x) => x.qty)).toEqual([10, 20, 30, 60]);
    expect(a.unattributedQty).toBe(10);
    expect(a.buckets[3]!.value).toBe(120);
  });

  it("uses inclusive bucket edges: ages 30 | 31, 60 | 61, 90 | 91", () => {
    const edge = (age: number) =>
      fifoAgeBuckets(1, [{ day: day(100 - age), qty: 1 }], asOf, null).buckets.findIndex((x) => x.qty === 1);
    expect([30, 31, 60, 61, 90, 91].map(edge)).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it("ages nothing when nothing is on hand", () => {
    const a = fifoAgeBuckets(0, receipts, asOf, 2);
    expect(a.buckets.every((x) => x.qty === 0)).toBe(true);
    expect(a.oldestTracedAgeDays).toBeNull();
  });
});

describe("movements from records", () => {
  it("receipts are accepted units received by asOf; consumption is units shipped by asOf", () => {
    const po = (receivedDay: number | null, qtyReceived: number, qtyRejected: number): PurchaseOrderLine => ({
      poId: "p",
      supplier: "S",
      sku: "a",
      location: "",
      qtyOrdered: 10,
      unitCost: 1,
      orderDay: null,
      promisedDay: null,
      asnDay: null,
      asnQty: null,
      receivedDay: receivedDay === null ? null : day(receivedDay),
      qtyReceived,
      qtyRejected,
      mode: "",
      freightCost: null,
      expedited: false,
    });
    expect(
      receiptsFromPurchaseLines([po(5, 10, 3), po(null, 0, 0), po(101, 10, 0), po(6, 4, 4)], asOf),
    ).toEqual([{ day: day(5), sku: "a", location: "", qty: 7 }]);
    const co = (shipDay: number | null, qty: number, qtyShipped: number): CustomerOrderLine => ({
      orderId: "o",
      day: day(0),
      sku: "a",
      location: "s1",
      qty,
      qtyShipped,
      shipDay: shipDay === null ? null : day(shipDay),
      promisedDay: null,
    });
    expect(consumptionFromOrders([co(3, 5, 7), co(null, 5, 0), co(200, 5, 5)], asOf)).toEqual([
      { day: day(3), sku: "a", location: "s1", qty: 5 },
    ]);
  });
});

describe("aging report: slow-moving and dead stock", () => {
  const snap = (n: number, sku: string, onHand: number, unitCost: number | null): InventorySnapshot => ({
    day: day(n),
    sku,
    location: "",
    onHand,
    unitCost,
  });
  const mv = (n: number, sku: string, qty: number): StockMovement => ({
    day: day(n),
    sku,
    location: "",
    qty,
  });
  const snapshots = [
    snap(100, "fresh", 10, 1),
    snap(90, "slow", 100, 3), // latest snapshot on or before asOf
    snap(105, "slow", 0, 3), // after asOf: ignored
    snap(100, "idle", 20, 5),
    snap(-100, "dead", 7, 10),
    snap(100, "dead", 7, null),
    snap(100, "zero", 0, 4),
  ];
  const receipts = [mv(95, "fresh", 10), mv(0, "slow", 200), mv(0, "idle", 20)];
  const consumption = [mv(50, "slow", 10), mv(5, "idle", 3), mv(99, "zero", 4)];
  const r = agingReport(snapshots, receipts, consumption, asOf, {
    unitCost: (sku) => (sku === "dead" ? 10 : null),
  });
  const row = (sku: string) => r.rows.find((x) => x.sku === sku)!;

  it("new stock not yet consumed is active (idle 5 days)", () => {
    expect(row("fresh").flag).toBe("active");
    expect(row("fresh").idleDays).toBe(5);
    expect(row("fresh").daysSinceReceipt).toBe(5);
    expect(row("fresh").daysSinceConsumption).toBeNull();
    expect(row("fresh").daysOfCover).toBe(Number.POSITIVE_INFINITY);
  });

  it("slow-moving by cover: 100 on hand at 10/90 a day = 900 days > 180", () => {
    const s = row("slow");
    expect(s.onHand).toBe(100);
    expect(s.averageDailyUsage).toBeCloseTo(10 / 90, 12);
    expect(s.daysOfCover).toBeCloseTo(900, 9);
    expect(s.idleDays).toBe(50);
    expect(s.flag).toBe("slow-moving");
    expect(s.buckets.map((x) => x.qty)).toEqual([0, 0, 0, 100]);
  });

  it("slow-moving by idleness: last consumed 95 days ago (≥ 90, < 180)", () => {
    expect(row("idle").daysSinceConsumption).toBe(95);
    expect(row("idle").flag).toBe("slow-moving");
  });

  it("dead: never received or consumed, first seen 200 days ago; valued at the looked-up cost", () => {
    const d = row("dead");
    expect(d.idleDays).toBe(200);
    expect(d.flag).toBe("dead");
    expect(d.value).toBe(70);
    expect(d.unattributedQty).toBe(7);
  });

  it("sums the flagged value and the bucket totals", () => {
    expect(row("zero").flag).toBe("no-stock");
    expect(r.slowMovingValue).toBe(300 + 100);
    expect(r.deadValue).toBe(70);
    // fresh 10 (0–30); slow 100 + idle 20 + dead 7 (90+).
    expect(r.bucketTotals.map((x) => x.qty)).toEqual([10, 0, 0, 127]);
    expect(r.bucketTotals.map((x) => x.value)).toEqual([10, 0, 0, 300 + 100 + 70]);
  });

  it("honours custom thresholds", () => {
    const strict = agingReport(snapshots, receipts, consumption, asOf, { thresholds: { deadIdleDays: 90 } });
    expect(strict.rows.find((x) => x.sku === "idle")!.flag).toBe("dead");
  });
});
