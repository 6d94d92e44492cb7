import { describe, expect, it } from "vitest";
import { defaultThresholds, evaluateTriggers } from "./escalation.js";

const t = defaultThresholds({ reorderPoint: 60, safetyStock: 20, meanDailyDemand: 8, leadTimeDays: 5 });

describe("defaultThresholds", () => {
  it("derives from the policy: auto at r, review at SS, emergency at d·L", () => {
    expect(t.autoReplenishAt).toBe(60);
    expect(t.reviewAtOnHand).toBe(20);
    expect(t.emergencyOnHand).toBe(40);
    expect(t.lateOrderToleranceDays).toBe(0);
  });
  it("each is overridable; a negative safety stock reviews at 0", () => {
    const o = defaultThresholds(
      { reorderPoint: 60, safetyStock: -3, meanDailyDemand: 8, leadTimeDays: 5 },
      { autoReplenishAt: 70, emergencyCoverFactor: 1.5 },
    );
    expect(o.autoReplenishAt).toBe(70);
    expect(o.reviewAtOnHand).toBe(0);
    expect(o.emergencyOnHand).toBe(60);
  });
});

describe("evaluateTriggers", () => {
  it("nothing fires above the reorder point", () => {
    const e = evaluateTriggers({ onHand: 100, backorders: 0, openOrders: [], meanDailyDemand: 8 }, t);
    expect(e.level).toBe("none");
    expect(e.fired).toEqual([]);
  });

  it("auto replenishment when the position reaches r", () => {
    const e = evaluateTriggers({ onHand: 55, backorders: 0, openOrders: [], meanDailyDemand: 8 }, t);
    expect(e.level).toBe("auto_replenish");
    expect(e.inventoryPosition).toBe(55);
    expect(e.fired[0]!.reason).toMatch(/55 ≤ reorder point 60/);
  });

  it("manual review when on hand is in the safety stock or an order is late", () => {
    const inSs = evaluateTriggers(
      { onHand: 18, backorders: 0, openOrders: [{ quantity: 100, dueInDays: 1 }], meanDailyDemand: 8 },
      t,
    );
    expect(inSs.level).toBe("manual_review");
    const late = evaluateTriggers(
      {
        onHand: 90,
        backorders: 0,
        openOrders: [{ quantity: 100, dueInDays: -2, id: "PO-7" }],
        meanDailyDemand: 8,
      },
      t,
    );
    expect(late.level).toBe("manual_review");
    expect(late.fired.map((f) => f.reason).join()).toMatch(/PO-7 of 100 is 2 days late/);
  });

  it("emergency when on hand runs out before the next receipt", () => {
    // 30 on hand, 8/day → 3.75 days; next receipt in 6 days → emergency.
    const e = evaluateTriggers(
      { onHand: 30, backorders: 0, openOrders: [{ quantity: 100, dueInDays: 6 }], meanDailyDemand: 8 },
      t,
    );
    expect(e.level).toBe("emergency");
    expect(e.daysToNextReceipt).toBe(6);
    expect(e.demandToNextReceipt).toBe(48);
    // Same stock with a receipt in 3 days is not an emergency.
    const ok = evaluateTriggers(
      { onHand: 30, backorders: 0, openOrders: [{ quantity: 100, dueInDays: 3 }], meanDailyDemand: 8 },
      t,
    );
    expect(ok.fired.some((f) => f.trigger === "emergency")).toBe(false);
  });

  it("with nothing on order, the next receipt is a new order's lead time", () => {
    const e = evaluateTriggers({ onHand: 39, backorders: 0, openOrders: [], meanDailyDemand: 8 }, t);
    expect(e.daysToNextReceipt).toBe(5);
    expect(e.level).toBe("emergency");
  });

  it("backorders reduce the position", () => {
    const e = evaluateTriggers(
      { onHand: 0, backorders: 10, openOrders: [{ quantity: 50, dueInDays: 0 }], meanDailyDemand: 8 },
      t,
    );
    expect(e.inventoryPosition).toBe(40);
  });
});
