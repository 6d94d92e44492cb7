import type { EpochDay } from "../units.js";
import type { DesiredSignal, SignalEvaluation } from "./evaluate.js";
import type { OrderingMode, OrderingNote } from "./ordering.js";

export type { OrderingMode, OrderingNote } from "./ordering.js";

/**
 * Whether a replenishment proposal is ordered automatically (issue 6: "policies in automatic mode
 * create them directly"), decided from the policy's ordering mode, the level the evaluation reached,
 * the item × location's primary supply lane and the policy's value limit. Pure.
 *
 * | condition | outcome |
 * |---|---|
 * | mode `approval` | no decision: the proposal waits for a planner, as always |
 * | the trigger did not come from an inventory event or a policy activation | proposal (a person decides) |
 * | no primary supply lane | proposal: nothing to order on |
 * | a limit is set and the lane has no unit cost | proposal: the value cannot be checked |
 * | value = quantity × unit cost > limit | proposal, the value and the limit given |
 * | otherwise | purchase order on the primary lane: the proposal's quantity (MOQ and multiple applied), ordered on its order day, due on its need-by day |
 *
 * The review and emergency tiers are never ordered automatically: when the same evaluation also
 * reached them, the replenishment order is still placed (it is needed whatever is decided about the
 * gap) and the note says the review or emergency signal raised with it is a person's (an emergency
 * keeps its expedite options and approval).
 *
 * Money in the lane's currency (unit cost per unit); quantities in units.
 */

export interface OrderingPolicy {
  readonly version: number;
  readonly mode: OrderingMode;
  /** Highest value (quantity × unit cost) an automatic order may have; null: no limit. */
  readonly maxValue: number | null;
}

/** The primary supply lane an automatic order is placed on. */
export interface OrderLane {
  readonly supplier: string;
  /** Money per unit; null when unknown. */
  readonly unitCost: number | null;
}

export interface AutoOrderInputs {
  readonly policy: OrderingPolicy;
  /** The evaluation's most severe level (evaluateSignals): named in the note when above replenishment. */
  readonly level: SignalEvaluation["level"];
  /** The replenishment proposal that just opened. */
  readonly signal: DesiredSignal;
  /** The item × location's primary lane, or null when it has none. */
  readonly lane: OrderLane | null;
  /** What fired the trigger: false when it was neither an inventory event nor a policy activation. */
  readonly fromEvent: boolean;
}

export type AutoOrderDecision =
  | {
      readonly placed: true;
      readonly supplier: string;
      readonly quantity: number;
      readonly unitCost: number | null;
      readonly orderDay: EpochDay;
      readonly dueDay: EpochDay;
      readonly note: OrderingNote;
    }
  | { readonly placed: false; readonly note: OrderingNote };

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The decision for an opened replenishment proposal; null in approval mode or for other kinds. */
export function decideAutoOrder(i: AutoOrderInputs): AutoOrderDecision | null {
  const p = i.policy;
  const s = i.signal;
  if (p.mode !== "automatic" || s.kind !== "replenishment" || s.quantity === null || !(s.quantity > 0))
    return null;
  const quantity = s.quantity;
  const unitCost = i.lane?.unitCost ?? null;
  const value = unitCost === null ? null : round(quantity * unitCost);
  const note = (placed: boolean, reason: string): OrderingNote => ({
    mode: "automatic",
    policyVersion: p.version,
    placed,
    supplier: i.lane?.supplier ?? null,
    quantity,
    unitCost,
    value,
    limit: p.maxValue,
    poNumber: null,
    reason,
  });
  const declined = (reason: string): AutoOrderDecision => ({
    placed: false,
    note: note(false, `not ordered automatically: ${reason}; a planner approves or dismisses it`),
  });
  if (!i.fromEvent)
    return declined(
      "automatic orders are placed when an inventory event or a policy activation fires the trigger",
    );
  if (i.lane === null) return declined("no primary supply lane to order on");
  if (p.maxValue !== null && value === null)
    return declined(
      `the primary lane (${i.lane.supplier}) has no unit cost, so the value cannot be checked against the limit ${p.maxValue}`,
    );
  if (p.maxValue !== null && value !== null && value > p.maxValue + 1e-9)
    return declined(
      `value ${value} (${quantity} × ${unitCost}) is above the automatic-order limit ${p.maxValue}`,
    );
  const valueText =
    value === null ? "value unknown (no unit cost)" : `value ${value} (${quantity} × ${unitCost})`;
  const limitText = p.maxValue === null ? "no limit" : `≤ limit ${p.maxValue}`;
  return {
    placed: true,
    supplier: i.lane.supplier,
    quantity,
    unitCost,
    orderDay: s.orderDay,
    dueDay: s.needByDay,
    note: note(
      true,
      `placed automatically by policy v${p.version}, mode automatic, on ${i.lane.supplier}: ${valueText}, ${limitText}${
        i.level === "emergency"
          ? "; the emergency raised with it is a person's (expedite options)"
          : i.level === "manual_review"
            ? "; the review raised with it is a person's"
            : ""
      }`,
    ),
  };
}
