import { formatIsoDate } from "../calendar.js";
import { type EscalationThresholds, evaluateTriggers, type OpenOrder } from "../policy/escalation.js";
import type { OrderConstraints, ReplenishmentRule } from "../policy/rule.js";
import type { EpochDay } from "../units.js";
import type { ExpediteAdvice } from "./expedite-options.js";
import { replenishmentQuantity } from "./order-quantity.js";
import type { OrderingNote } from "./ordering.js";

/**
 * Which signals should be open for one item × location now: the three pre-agreed triggers of
 * docs/policies.md §7, decided by `evaluateTriggers` (src/core/policy/escalation.ts), turned into
 * signals a planner can act on — with a quantity, an order date, a need-by date and an explanation of
 * why each fired. Pure: the caller passes the "as of" day and the state.
 *
 * | trigger | signal | cause key | quantity | need by |
 * |---|---|---|---|---|
 * | position ≤ auto-replenish level | replenishment | `reorder_point` | the rule's (order-quantity.ts) | as of + lead time |
 * | on hand ≤ review level | review | `safety_stock` | none | projected run-out day |
 * | an order late beyond tolerance | review | `late_order:<id>` | its open quantity | as of |
 * | on hand runs out before the next receipt, no open emergency order | emergency | `projected_stockout` | cover × demand to the receipt − available | projected run-out day |
 *
 * Units: quantities in units, demand in units/day, days are epoch days.
 */

export type SignalKind = "replenishment" | "review" | "emergency";

export interface SignalPolicy {
  readonly version: number;
  readonly rule: ReplenishmentRule;
  readonly thresholds: EscalationThresholds;
  readonly constraints: OrderConstraints;
}

/** An open supplier order line: what is still to come and when it is expected. */
export interface OpenSupply {
  readonly id: string;
  /** Units still to receive. */
  readonly quantity: number;
  /** Expected arrival (the ASN's date when there is one, else the promised date). */
  readonly dueDay: EpochDay;
  /**
   * Placed to answer an emergency (expedited, or approved from an emergency signal). While one is open
   * the emergency does not fire again: the planner has chosen the answer, and a new signal would only
   * offer the same options again (the stockout before it lands cannot be avoided by ordering more).
   */
  readonly forEmergency?: boolean;
}

export interface SignalInputs {
  readonly asOf: EpochDay;
  /** On hand may be negative (sold ahead of a late receipt): the shortfall counts as committed. */
  readonly position: { readonly onHand: number; readonly onOrder: number; readonly allocated: number };
  readonly policy: SignalPolicy;
  readonly openOrders: readonly OpenSupply[];
  /** Forecast demand rate, units/day. */
  readonly forecastDailyDemand: number;
}

export interface SignalExplanation {
  readonly asOf: string;
  readonly policyVersion: number;
  readonly rule: ReplenishmentRule;
  readonly position: {
    readonly onHand: number;
    readonly onOrder: number;
    readonly allocated: number;
    /** Allocations plus any negative on hand. */
    readonly committed: number;
    readonly inventoryPosition: number;
  };
  readonly thresholds: {
    readonly autoReplenishAt: number;
    readonly reviewAtOnHand: number;
    readonly lateOrderToleranceDays: number;
    readonly emergencyCoverFactor: number;
    readonly emergencyOnHand: number;
    readonly leadTimeDays: number;
  };
  readonly forecast: {
    readonly dailyDemand: number;
    /** Days the available stock lasts at the forecast rate; null without demand. */
    readonly daysOfCover: number | null;
    readonly daysToNextReceipt: number;
    readonly demandToNextReceipt: number;
  };
  readonly openOrders: readonly {
    readonly id: string;
    readonly quantity: number;
    readonly due: string;
    readonly dueInDays: number;
  }[];
  /** Why this signal fired, in words with the numbers. */
  readonly reasons: readonly string[];
  /** How the quantity was computed, when there is one. */
  readonly quantityBasis?: string;
  /** Emergency signals: what can be done and at what cost (expedite-options.ts), added by the caller. */
  readonly expedite?: ExpediteAdvice;
  /** Replenishment proposals under an automatic policy: whether it was ordered automatically and why (auto-order.ts). */
  readonly ordering?: OrderingNote;
}

export interface DesiredSignal {
  readonly kind: SignalKind;
  /** Identifies the cause: at most one open signal per item × location × kind × cause. */
  readonly causeKey: string;
  readonly quantity: number | null;
  readonly orderDay: EpochDay;
  readonly needByDay: EpochDay;
  readonly explanation: SignalExplanation;
}

export interface SignalEvaluation {
  /** The most severe trigger that fired. */
  readonly level: "none" | "auto_replenish" | "manual_review" | "emergency";
  readonly signals: readonly DesiredSignal[];
  /** Triggers that fired without a signal, and why (e.g. the rule asks for no units). */
  readonly notes: readonly string[];
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Evaluates the triggers on a position; see the module comment. */
export function evaluateSignals(i: SignalInputs): SignalEvaluation {
  const t = i.policy.thresholds;
  const d = Math.max(0, i.forecastDailyDemand);
  const onHand = Math.max(0, i.position.onHand);
  const committed = i.position.allocated + Math.max(0, -i.position.onHand);
  const orders: OpenOrder[] = i.openOrders.map((o) => ({
    id: o.id,
    quantity: o.quantity,
    dueInDays: o.dueDay - i.asOf,
  }));
  const ev = evaluateTriggers({ onHand, backorders: committed, openOrders: orders, meanDailyDemand: d }, t);
  const available = onHand - committed;
  const runOut = (i.asOf +
    (d > 0 ? Math.max(0, Math.floor(available / d)) : Math.ceil(t.leadTimeDays))) as EpochDay;
  const base: Omit<SignalExplanation, "reasons"> = {
    asOf: formatIsoDate(i.asOf),
    policyVersion: i.policy.version,
    rule: i.policy.rule,
    position: {
      onHand: i.position.onHand,
      onOrder: i.position.onOrder,
      allocated: i.position.allocated,
      committed,
      inventoryPosition: ev.inventoryPosition,
    },
    thresholds: {
      autoReplenishAt: t.autoReplenishAt,
      reviewAtOnHand: t.reviewAtOnHand,
      lateOrderToleranceDays: t.lateOrderToleranceDays,
      emergencyCoverFactor: t.emergencyCoverFactor,
      emergencyOnHand: t.emergencyOnHand,
      leadTimeDays: t.leadTimeDays,
    },
    forecast: {
      dailyDemand: d,
      daysOfCover: d > 0 ? round(available / d) : null,
      daysToNextReceipt: ev.daysToNextReceipt,
      demandToNextReceipt: round(ev.demandToNextReceipt),
    },
    openOrders: i.openOrders.map((o) => ({
      id: o.id,
      quantity: o.quantity,
      due: formatIsoDate(o.dueDay),
      dueInDays: o.dueDay - i.asOf,
    })),
  };
  const signals: DesiredSignal[] = [];
  const notes: string[] = [];
  const add = (
    kind: SignalKind,
    causeKey: string,
    quantity: number | null,
    needByDay: number,
    reasons: string[],
    quantityBasis?: string,
  ): void => {
    signals.push({
      kind,
      causeKey,
      quantity,
      orderDay: i.asOf,
      needByDay: needByDay as EpochDay,
      explanation: { ...base, reasons, ...(quantityBasis !== undefined ? { quantityBasis } : {}) },
    });
  };

  // evaluateTriggers lists firings in a fixed order: auto, review on hand, late orders (input order), emergency.
  const reviews = ev.fired.filter((f) => f.trigger === "manual_review").map((f) => f.reason);
  const inSafetyStock = onHand <= t.reviewAtOnHand;
  const late = orders.filter((o) => o.quantity > 0 && -o.dueInDays > t.lateOrderToleranceDays);

  for (const f of ev.fired) {
    if (f.trigger !== "auto_replenish") continue;
    const q = replenishmentQuantity(
      i.policy.rule,
      { onHand, onOrder: ev.inventoryPosition - available, committed },
      i.policy.constraints,
      t.autoReplenishAt,
    );
    if (q.quantity > 0)
      add(
        "replenishment",
        "reorder_point",
        q.quantity,
        i.asOf + Math.ceil(t.leadTimeDays),
        [f.reason],
        q.basis,
      );
    else notes.push(`${f.reason}, but the ${i.policy.rule.kind} rule orders nothing: ${q.basis}`);
  }
  if (inSafetyStock) add("review", "safety_stock", null, runOut, [reviews[0]!]);
  const lateReasons = inSafetyStock ? reviews.slice(1) : reviews;
  late.forEach((o, k) => {
    add("review", `late_order:${o.id}`, o.quantity, i.asOf, [lateReasons[k]!]);
  });
  const answered = i.openOrders.find((o) => o.forEmergency === true && o.quantity > 0);
  for (const f of ev.fired) {
    if (f.trigger !== "emergency") continue;
    if (answered !== undefined) {
      notes.push(
        `${f.reason}, answered by emergency order ${answered.id} (${round(answered.quantity)} due ${formatIsoDate(answered.dueDay)}): no new emergency until it is received`,
      );
      continue;
    }
    const shortfall = Math.ceil(t.emergencyCoverFactor * ev.demandToNextReceipt - available - 1e-9);
    add(
      "emergency",
      "projected_stockout",
      Math.max(0, shortfall),
      runOut,
      [f.reason],
      `cover factor ${t.emergencyCoverFactor} × expected demand ${round(ev.demandToNextReceipt)} until the next receipt − available ${round(available)}`,
    );
  }
  return { level: ev.level, signals, notes };
}
