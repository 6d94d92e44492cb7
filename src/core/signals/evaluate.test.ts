import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../calendar.js";
import { defaultThresholds } from "../policy/escalation.js";
import type { EpochDay } from "../units.js";
import { evaluateSignals, type SignalInputs, type SignalPolicy } from "./evaluate.js";

const day = (s: string): EpochDay => parseIsoDate(s)!;
const asOf = day("2026-03-02");

// (r, Q) = (60, 100); safety stock 20; d = 8/day; L = 5 days → auto at 60, review at 20, emergency d·L = 40.
const policy: SignalPolicy = {
  version: 3,
  rule: { kind: "reorder_point", reorderPoint: 60, orderQuantity: 100 },
  thresholds: defaultThresholds({ reorderPoint: 60, safetyStock: 20, meanDailyDemand: 8, leadTimeDays: 5 }),
  constraints: { moq: 1, orderMultiple: 1 },
};

const inputs = (over: Partial<SignalInputs> & { onHand: number; allocated?: number }): SignalInputs => ({
  asOf,
  policy,
  openOrders: [],
  forecastDailyDemand: 8,
  ...over,
  position: {
    onHand: over.onHand,
    onOrder: (over.openOrders ?? []).reduce((s, o) => s + o.quantity, 0),
    allocated: over.allocated ?? 0,
  },
});

describe("evaluateSignals: worked examples (docs/policies.md §7)", () => {
  it("nothing is open above the reorder point with stock to the next receipt", () => {
    const e = evaluateSignals(inputs({ onHand: 100 }));
    expect(e.level).toBe("none");
    expect(e.signals).toEqual([]);
  });

  it("replenishment at the reorder point: one Q, ordered today, needed a lead time later", () => {
    const e = evaluateSignals(inputs({ onHand: 55 }));
    expect(e.level).toBe("auto_replenish");
    expect(e.signals).toHaveLength(1);
    const s = e.signals[0]!;
    expect(s).toMatchObject({ kind: "replenishment", causeKey: "reorder_point", quantity: 100 });
    expect(s.orderDay).toBe(day("2026-03-02"));
    expect(s.needByDay).toBe(day("2026-03-07"));
    expect(s.explanation.reasons).toEqual(["inventory position 55 ≤ reorder point 60"]);
    expect(s.explanation.position).toEqual({
      onHand: 55,
      onOrder: 0,
      allocated: 0,
      committed: 0,
      inventoryPosition: 55,
    });
    expect(s.explanation.forecast).toEqual({
      dailyDemand: 8,
      daysOfCover: 6.875,
      daysToNextReceipt: 5,
      demandToNextReceipt: 40,
    });
    expect(s.explanation.quantityBasis).toBe("1 × Q 100 lifts the position 55 above 60");
  });

  it("emergency when on hand runs out before the open order arrives", () => {
    // 30 on hand at 8/day lasts 3.75 days; PO-1 arrives in 6 days: short 48 − 30 = 18 units.
    const e = evaluateSignals(
      inputs({ onHand: 30, openOrders: [{ id: "PO-1", quantity: 100, dueDay: day("2026-03-08") }] }),
    );
    expect(e.level).toBe("emergency");
    expect(e.signals.map((s) => s.kind)).toEqual(["emergency"]);
    const s = e.signals[0]!;
    expect(s.causeKey).toBe("projected_stockout");
    expect(s.quantity).toBe(18);
    expect(s.needByDay).toBe(day("2026-03-05"));
    expect(s.explanation.forecast.daysOfCover).toBe(3.75);
    expect(s.explanation.openOrders).toEqual([
      { id: "PO-1", quantity: 100, due: "2026-03-08", dueInDays: 6 },
    ]);
    expect(s.explanation.reasons[0]).toMatch(/covers 3\.8 days but the next receipt is 6 days away/);
  });

  it("review when on hand is in the safety stock, and one per late order", () => {
    const e = evaluateSignals(
      inputs({
        onHand: 18,
        openOrders: [
          { id: "PO-7", quantity: 100, dueDay: day("2026-02-28") },
          { id: "PO-8", quantity: 40, dueDay: day("2026-03-09") },
        ],
      }),
    );
    expect(e.level).toBe("manual_review");
    expect(e.signals.map((s) => [s.kind, s.causeKey, s.quantity])).toEqual([
      ["review", "safety_stock", null],
      ["review", "late_order:PO-7", 100],
    ]);
    expect(e.signals[0]!.needByDay).toBe(day("2026-03-04")); // 18 / 8 → runs out in 2 days
    expect(e.signals[1]!.explanation.reasons).toEqual(["supplier order PO-7 of 100 is 2 days late"]);
  });

  it("several Q when the position is far below, then MOQ and multiple", () => {
    const far = { ...policy, rule: { kind: "reorder_point" as const, reorderPoint: 60, orderQuantity: 20 } };
    const e = evaluateSignals({ ...inputs({ onHand: 45 }), policy: far });
    expect(e.signals.find((s) => s.kind === "replenishment")!.quantity).toBe(20);
    const low = evaluateSignals({ ...inputs({ onHand: 5 }), policy: far });
    expect(low.signals.find((s) => s.kind === "replenishment")!.quantity).toBe(60); // 3 × 20 → 65 > 60
    const moq = evaluateSignals({
      ...inputs({ onHand: 5 }),
      policy: { ...far, constraints: { moq: 50, orderMultiple: 25 } },
    });
    expect(moq.signals.find((s) => s.kind === "replenishment")!.quantity).toBe(75);
  });

  it("allocations and a negative on hand count as committed demand", () => {
    const e = evaluateSignals(inputs({ onHand: -4, allocated: 6 }));
    const s = e.signals.find((x) => x.kind === "replenishment")!;
    expect(s.explanation.position).toMatchObject({ committed: 10, inventoryPosition: -10 });
    expect(s.quantity).toBe(100); // −10 + 100 = 90 > 60
    expect(e.signals.find((x) => x.kind === "emergency")!.quantity).toBe(50); // 40 − (0 − 10)
  });

  it("kanban: one container per returned card; a trigger with nothing to order is a note", () => {
    const kanban: SignalPolicy = {
      ...policy,
      rule: { kind: "kanban", cards: 5, containerSize: 20 },
      thresholds: { ...policy.thresholds, autoReplenishAt: 80 },
    };
    const e = evaluateSignals({
      ...inputs({ onHand: 35, openOrders: [{ id: "K1", quantity: 20, dueDay: day("2026-03-04") }] }),
      policy: kanban,
    });
    expect(e.signals.find((s) => s.kind === "replenishment")!.quantity).toBe(40);
    const full = evaluateSignals({
      ...inputs({ onHand: 50 }),
      policy: { ...kanban, rule: { kind: "kanban", cards: 3, containerSize: 20 } },
    });
    expect(full.signals.some((s) => s.kind === "replenishment")).toBe(false);
    expect(full.notes[0]).toMatch(/kanban rule orders nothing: 0 of 3 cards returned/);
  });

  it("without forecast demand there is no emergency", () => {
    const e = evaluateSignals({ ...inputs({ onHand: 10 }), forecastDailyDemand: 0 });
    expect(e.signals.map((s) => s.kind)).toEqual(["replenishment", "review"]);
    expect(e.signals[0]!.explanation.forecast.daysOfCover).toBeNull();
  });

  it("an emergency answered by an open emergency order does not fire again until that order arrives", () => {
    // 4 on hand at 8/day lasts half a day; the expedited SIG-9 (36 units) lands tomorrow — nothing can
    // land sooner, so the stockout stands, but the planner has answered it: no new emergency signal.
    const expedited = { id: "SIG-9/1", quantity: 36, dueDay: day("2026-03-03"), forEmergency: true };
    const e = evaluateSignals(inputs({ onHand: 4, openOrders: [expedited] }));
    expect(e.level).toBe("emergency");
    // position 4 + 36 = 40 ≤ 60 still asks for Q; on hand 4 is in the safety stock
    expect(e.signals.map((s) => s.kind)).toEqual(["replenishment", "review"]);
    expect(e.notes).toEqual([
      "on hand 4 covers 0.5 days but the next receipt is 1 days away (expected demand 8), answered by emergency order SIG-9/1 (36 due 2026-03-03): no new emergency until it is received",
    ]);
    // the same order placed as an ordinary one leaves the emergency to a planner
    const plain = evaluateSignals(inputs({ onHand: 4, openOrders: [{ ...expedited, forEmergency: false }] }));
    expect(plain.signals.map((s) => s.kind)).toEqual(["replenishment", "review", "emergency"]);
  });
});
