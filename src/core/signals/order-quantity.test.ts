import { describe, expect, it } from "vitest";
import { replenishmentQuantity } from "./order-quantity.js";

const none = { moq: 1, orderMultiple: 1 };
const at = (onHand: number, onOrder = 0, committed = 0) => ({ onHand, onOrder, committed });

describe("replenishmentQuantity", () => {
  it("(r, Q): the smallest multiple of Q lifting the position above the trigger level", () => {
    const rule = { kind: "reorder_point" as const, reorderPoint: 50, orderQuantity: 30 };
    expect(replenishmentQuantity(rule, at(50), none, 50).quantity).toBe(30);
    expect(replenishmentQuantity(rule, at(10, 5, 5), none, 50).quantity).toBe(60); // IP 10 → 70
    expect(replenishmentQuantity(rule, at(55), none, 60).quantity).toBe(30); // overridden higher level
  });
  it("min–max, periodic and DDMRP order up to their top", () => {
    expect(replenishmentQuantity({ kind: "min_max", min: 20, max: 90 }, at(15, 10), none, 20).quantity).toBe(
      65,
    );
    const periodic = { kind: "periodic" as const, reviewPeriodDays: 7, reviewOffsetDays: 0, orderUpTo: 120 };
    expect(replenishmentQuantity(periodic, at(30, 0, 10), none, 40).quantity).toBe(100);
    const ddmrp = {
      kind: "ddmrp" as const,
      topOfRed: 30,
      topOfYellow: 70,
      topOfGreen: 110,
      spikeThreshold: 15,
      spikeHorizonDays: 7,
    };
    const r = replenishmentQuantity(ddmrp, at(40, 20, 5), { moq: 1, orderMultiple: 10 }, 70);
    expect(r.quantity).toBe(60); // 110 − 55 = 55 → multiple of 10
    expect(r.basis).toBe("top of green 110 − net flow 55; rounded for MOQ 1 and multiple 10");
  });
  it("kanban: whole containers for the cards not in use", () => {
    const rule = { kind: "kanban" as const, cards: 4, containerSize: 25 };
    expect(replenishmentQuantity(rule, at(30, 25), none, 75).quantity).toBe(25); // 2 + 1 in use
    expect(replenishmentQuantity(rule, at(0), none, 75).quantity).toBe(100);
  });
  it("nothing to order stays 0", () => {
    expect(replenishmentQuantity({ kind: "min_max", min: 20, max: 90 }, at(95), none, 20).quantity).toBe(0);
  });
});
