import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../calendar.js";
import type { PurchaseOrderLine } from "../supplier/purchase-order.js";
import type { EpochDay } from "../units.js";
import { positionTrace, triggerDays } from "./trigger-days.js";

const b = epochDayFromParts(2024, 3, 4);
const day = (n: number) => (b + n) as EpochDay;
const rel = (days: readonly number[]) => days.map((d) => d - b);

function po(p: Partial<PurchaseOrderLine>): PurchaseOrderLine {
  return {
    poId: "P1",
    supplier: "S",
    sku: "a",
    location: "",
    qtyOrdered: 0,
    unitCost: 1,
    orderDay: null,
    promisedDay: null,
    asnDay: null,
    asnQty: null,
    receivedDay: null,
    qtyReceived: 0,
    qtyRejected: 0,
    mode: "Truck",
    freightCost: null,
    expedited: false,
    ...p,
  };
}

const outflow = (perDay: number, days: number) => ({
  start: day(0),
  values: new Float64Array(days).fill(perDay),
});

describe("triggerDays", () => {
  it("rolls on hand forward with receipts and sales, re-anchors on counts, one day per crossing", () => {
    // ROP 50. Counted 100 on day 0, then 10 sold a day. On hand 90, 80, 70, 60, 50 on days 1–5: the
    // position falls to the ROP on day 5 (post(4) = 60 > 50 ≥ pre(5) = 50) → trigger 5. 80 units ordered
    // on day 5 (post(5) = 130) and received on day 8 (on hand 30 + 80 − 10 = 100, nothing on order).
    // Day 10 counts 75 (the roll says 80: 5 short). 65, 55, 45 on days 11–13 → trigger 13; the position
    // stays below (35, 25) without re-firing.
    const input = {
      snapshots: [
        { day: day(0), onHand: 100 },
        { day: day(10), onHand: 75 },
      ],
      purchaseLines: [po({ qtyOrdered: 80, orderDay: day(5), receivedDay: day(8), qtyReceived: 80 })],
      reorderPoint: 50,
      outflow: outflow(10, 30),
      to: day(15),
    };
    const t = positionTrace(input)!;
    expect(t.start).toBe(day(0));
    expect([...t.onHand]).toEqual([100, 90, 80, 70, 60, 50, 40, 30, 100, 90, 75, 65, 55, 45, 35, 25]);
    expect([...t.pre]).toEqual([100, 90, 80, 70, 60, 50, 120, 110, 100, 90, 75, 65, 55, 45, 35, 25]);
    expect(t.post[5]).toBe(130);
    expect(rel(triggerDays(input))).toEqual([5, 13]);
  });

  it("without sales, carries counts forward flat and adds accepted receipts (no false dip)", () => {
    // ROP 50; weekly counts 100 (day 0), 40 (day 7), 30 (day 14). 60 ordered on day 9, 60 received on
    // day 12 with 10 rejected. Day 7: 40 → trigger. Days 10–11: 40 + 60 on order = 100. Day 12: on hand
    // 40 + 50 accepted = 90, nothing on order (without the receipt the position would drop to 40 and fire).
    // Day 14: counted 30 → trigger.
    const input = {
      snapshots: [
        { day: day(14), onHand: 30 },
        { day: day(0), onHand: 100 },
        { day: day(7), onHand: 40 },
      ],
      purchaseLines: [
        po({ qtyOrdered: 60, orderDay: day(9), receivedDay: day(12), qtyReceived: 60, qtyRejected: 10 }),
      ],
      reorderPoint: 50,
    };
    const t = positionTrace(input)!;
    expect([...t.pre].slice(7)).toEqual([40, 40, 40, 100, 100, 90, 90, 30]);
    expect([...t.post].slice(7)).toEqual([40, 40, 100, 100, 100, 90, 90, 30]);
    expect(rel(triggerDays(input))).toEqual([7, 14]);
  });

  it("re-arms after an order lifts the position above the ROP, even for a day", () => {
    // Counted 60 on day 0, 10 sold a day, ROP 50: day 1 on hand 50 → trigger. 5 units ordered on day 1
    // (post 55 > 50, never received); day 2: 40 + 5 = 45 → fires again. Day 3: 35, stays below.
    const input = {
      snapshots: [{ day: day(0), onHand: 60 }],
      purchaseLines: [po({ qtyOrdered: 5, orderDay: day(1) })],
      reorderPoint: 50,
      outflow: outflow(10, 10),
      to: day(3),
    };
    expect(rel(triggerDays(input))).toEqual([1, 2]);
  });

  it("counts only what it knows: no order day, days before the first count, sales past the stock", () => {
    const t = positionTrace({
      snapshots: [
        { day: day(2), onHand: 5 },
        { day: day(2), onHand: 8 },
      ],
      purchaseLines: [
        // Never on order (order day unknown); its receipt on day 3 still counts: 8 + 20 − 10 = 18.
        po({ qtyOrdered: 20, receivedDay: day(3), qtyReceived: 20, qtyRejected: null }),
        // Ordered before the trace and open throughout.
        po({ qtyOrdered: 7, orderDay: day(0) }),
      ],
      reorderPoint: 0,
      outflow: outflow(10, 10),
      to: day(5),
    })!;
    expect(t.start).toBe(day(2));
    // The later row of day 2 counts; on hand never goes below 0 by sales.
    expect([...t.onHand]).toEqual([8, 18, 8, 0]);
    expect([...t.pre]).toEqual([15, 25, 15, 7]);
    expect(triggerDays({ snapshots: [], purchaseLines: [], reorderPoint: 10 })).toEqual([]);
    expect(
      positionTrace({
        snapshots: [{ day: day(5), onHand: 1 }],
        purchaseLines: [],
        reorderPoint: 0,
        to: day(4),
      }),
    ).toBe(null);
  });
});
