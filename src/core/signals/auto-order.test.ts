import { describe, expect, it } from "vitest";
import type { EpochDay } from "../units.js";
import { type AutoOrderInputs, decideAutoOrder } from "./auto-order.js";
import type { DesiredSignal } from "./evaluate.js";

const proposal = (quantity: number | null, kind: DesiredSignal["kind"] = "replenishment"): DesiredSignal => ({
  kind,
  causeKey: "reorder_point",
  quantity,
  orderDay: 100 as EpochDay,
  needByDay: 105 as EpochDay,
  explanation: {} as DesiredSignal["explanation"],
});

const inputs = (over: Partial<AutoOrderInputs> = {}): AutoOrderInputs => ({
  policy: { version: 3, mode: "automatic", maxValue: 500 },
  level: "auto_replenish",
  signal: proposal(100),
  lane: { supplier: "S1", unitCost: 4 },
  fromEvent: true,
  ...over,
});

describe("decideAutoOrder", () => {
  it("orders the proposal on the primary lane within the limit: its quantity, order day and need-by day", () => {
    const d = decideAutoOrder(inputs());
    expect(d).toEqual({
      placed: true,
      supplier: "S1",
      quantity: 100,
      unitCost: 4,
      orderDay: 100,
      dueDay: 105,
      note: {
        mode: "automatic",
        policyVersion: 3,
        placed: true,
        supplier: "S1",
        quantity: 100,
        unitCost: 4,
        value: 400,
        limit: 500,
        poNumber: null,
        reason: "placed automatically by policy v3, mode automatic, on S1: value 400 (100 × 4), ≤ limit 500",
      },
    });
  });

  it("a value equal to the limit passes; one unit of money above it does not", () => {
    expect(
      decideAutoOrder(inputs({ policy: { version: 3, mode: "automatic", maxValue: 400 } }))?.placed,
    ).toBe(true);
    const over = decideAutoOrder(inputs({ policy: { version: 3, mode: "automatic", maxValue: 399 } }));
    expect(over?.placed).toBe(false);
    expect(over?.note.reason).toBe(
      "not ordered automatically: value 400 (100 × 4) is above the automatic-order limit 399; a planner approves or dismisses it",
    );
  });

  it("without a limit, orders even when the lane has no unit cost (value unknown)", () => {
    const d = decideAutoOrder(
      inputs({
        policy: { version: 1, mode: "automatic", maxValue: null },
        lane: { supplier: "S9", unitCost: null },
      }),
    );
    expect(d?.placed).toBe(true);
    expect(d?.note).toMatchObject({ value: null, limit: null });
    expect(d?.note.reason).toBe(
      "placed automatically by policy v1, mode automatic, on S9: value unknown (no unit cost), no limit",
    );
  });

  it("falls back to the proposal, saying why: no lane, unknown cost under a limit, not an event", () => {
    const why = (over: Partial<AutoOrderInputs>) => {
      const d = decideAutoOrder(inputs(over));
      expect(d?.placed).toBe(false);
      return d!.note.reason;
    };
    expect(why({ lane: null })).toContain("no primary supply lane to order on");
    expect(why({ lane: { supplier: "S1", unitCost: null } })).toContain(
      "the primary lane (S1) has no unit cost, so the value cannot be checked against the limit 500",
    );
    expect(why({ fromEvent: false })).toContain(
      "when an inventory event or a policy activation fires the trigger",
    );
  });

  it("still orders the replenishment beside a review or an emergency, which stay a person's", () => {
    expect(decideAutoOrder(inputs({ level: "emergency" }))?.note.reason).toBe(
      "placed automatically by policy v3, mode automatic, on S1: value 400 (100 × 4), ≤ limit 500; the emergency raised with it is a person's (expedite options)",
    );
    expect(decideAutoOrder(inputs({ level: "manual_review" }))?.note.reason).toBe(
      "placed automatically by policy v3, mode automatic, on S1: value 400 (100 × 4), ≤ limit 500; the review raised with it is a person's",
    );
  });

  it("decides nothing in approval mode, for review and emergency signals, or without a quantity", () => {
    expect(decideAutoOrder(inputs({ policy: { version: 1, mode: "approval", maxValue: null } }))).toBeNull();
    expect(decideAutoOrder(inputs({ signal: proposal(10, "emergency") }))).toBeNull();
    expect(decideAutoOrder(inputs({ signal: proposal(null, "review") }))).toBeNull();
    expect(decideAutoOrder(inputs({ signal: proposal(0) }))).toBeNull();
  });
});
