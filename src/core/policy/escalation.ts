/**
 * The three pre-agreed escalation triggers of a JIT replenishment process (docs/policies.md):
 * 1. automatic replenishment when the inventory position falls to the reorder point;
 * 2. manual review when on hand falls into the safety stock or a supplier order is late;
 * 3. emergency procurement when on hand is projected to run out before the next expected receipt.
 * Units: quantities in units, times in days, demand in units/day.
 */
export interface EscalationThresholds {
  /** Inventory position ≤ this fires automatic replenishment (the reorder point / min / TOY), units. */
  readonly autoReplenishAt: number;
  /** On hand ≤ this calls for a manual review (default: the safety stock, at least 0), units. */
  readonly reviewAtOnHand: number;
  /** An open order overdue by more than this many days calls for a review. */
  readonly lateOrderToleranceDays: number;
  /**
   * Emergency when on hand < coverFactor × expected demand until the next receipt
   * (1 = run out exactly at arrival; > 1 adds a margin).
   */
  readonly emergencyCoverFactor: number;
  /** Days until a receipt when nothing is on order: a new order's lead time, days. */
  readonly leadTimeDays: number;
  /**
   * The static emergency level shown to planners: coverFactor × d × L, the on-hand below which an
   * order placed now arrives after the stock has run out, units.
   */
  readonly emergencyOnHand: number;
}

export interface ThresholdBasis {
  readonly reorderPoint: number;
  readonly safetyStock: number;
  readonly meanDailyDemand: number;
  readonly leadTimeDays: number;
}

/**
 * Default thresholds derived from a policy, each overridable: auto at the reorder point, review
 * at max(0, safety stock) on hand or any order more than 0 days late, emergency with cover factor 1.
 */
export function defaultThresholds(
  basis: ThresholdBasis,
  overrides: Partial<EscalationThresholds> = {},
): EscalationThresholds {
  const coverFactor = overrides.emergencyCoverFactor ?? 1;
  const lead = overrides.leadTimeDays ?? basis.leadTimeDays;
  return {
    autoReplenishAt: basis.reorderPoint,
    reviewAtOnHand: Math.max(0, basis.safetyStock),
    lateOrderToleranceDays: 0,
    emergencyCoverFactor: coverFactor,
    leadTimeDays: lead,
    emergencyOnHand: coverFactor * Math.max(0, basis.meanDailyDemand) * lead,
    ...overrides,
  };
}

export interface OpenOrder {
  /** Units still to receive. */
  readonly quantity: number;
  /** Days from today until the promised receipt; negative = overdue by that many days. */
  readonly dueInDays: number;
  readonly id?: string;
}

export interface InventoryState {
  readonly onHand: number;
  readonly backorders: number;
  readonly openOrders: readonly OpenOrder[];
  /** Forecast demand per day, units/day. */
  readonly meanDailyDemand: number;
}

export type TriggerKind = "auto_replenish" | "manual_review" | "emergency";

export interface TriggerFiring {
  readonly trigger: TriggerKind;
  readonly reason: string;
}

export interface TriggerEvaluation {
  readonly inventoryPosition: number;
  /** Days until the next expected receipt (the lead time when nothing is open). */
  readonly daysToNextReceipt: number;
  /** Expected demand until that receipt, units. */
  readonly demandToNextReceipt: number;
  readonly fired: readonly TriggerFiring[];
  /** The most severe trigger fired, or "none". */
  readonly level: TriggerKind | "none";
}

/**
 * Evaluates the three triggers on a state. Inventory position = on hand + open orders − backorders.
 * Next receipt = the earliest open order (an overdue order counts as due today, 0 days); with no
 * open order, the lead time of an order placed now. Pure: the live service calls it.
 */
export function evaluateTriggers(state: InventoryState, t: EscalationThresholds): TriggerEvaluation {
  let onOrder = 0;
  let next = Number.POSITIVE_INFINITY;
  const late: OpenOrder[] = [];
  for (const o of state.openOrders) {
    if (!(o.quantity > 0)) continue;
    onOrder += o.quantity;
    next = Math.min(next, Math.max(0, o.dueInDays));
    if (-o.dueInDays > t.lateOrderToleranceDays) late.push(o);
  }
  const ip = state.onHand + onOrder - state.backorders;
  const daysToNext = Number.isFinite(next) ? next : t.leadTimeDays;
  const d = Math.max(0, state.meanDailyDemand);
  const need = d * daysToNext;
  const fired: TriggerFiring[] = [];
  if (ip <= t.autoReplenishAt)
    fired.push({
      trigger: "auto_replenish",
      reason: `inventory position ${fmt(ip)} ≤ reorder point ${fmt(t.autoReplenishAt)}`,
    });
  if (state.onHand <= t.reviewAtOnHand)
    fired.push({
      trigger: "manual_review",
      reason: `on hand ${fmt(state.onHand)} is in the safety stock (≤ ${fmt(t.reviewAtOnHand)})`,
    });
  for (const o of late)
    fired.push({
      trigger: "manual_review",
      reason: `supplier order${o.id !== undefined ? ` ${o.id}` : ""} of ${fmt(o.quantity)} is ${fmt(-o.dueInDays)} days late`,
    });
  const available = state.onHand - state.backorders;
  if (d > 0 && available < t.emergencyCoverFactor * need)
    fired.push({
      trigger: "emergency",
      reason: `on hand ${fmt(available)} covers ${fmt(available / d)} days but the next receipt is ${fmt(daysToNext)} days away (expected demand ${fmt(need)})`,
    });
  const level: TriggerKind | "none" = fired.some((f) => f.trigger === "emergency")
    ? "emergency"
    : fired.some((f) => f.trigger === "manual_review")
      ? "manual_review"
      : fired.length > 0
        ? "auto_replenish"
        : "none";
  return { inventoryPosition: ip, daysToNextReceipt: daysToNext, demandToNextReceipt: need, fired, level };
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
