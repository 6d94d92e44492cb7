/**
 * A replenishment rule: what the policy engine recommends and what the simulator and the live
 * service execute. All quantities in units, periods in days. Inventory position (IP) =
 * on hand + on order − backorders.
 */
export type ReplenishmentRule =
  /** (r, Q): when IP ≤ r, order the smallest multiple of Q that lifts IP above r. */
  | { readonly kind: "reorder_point"; readonly reorderPoint: number; readonly orderQuantity: number }
  /** (s, S) / min–max: when IP ≤ min, order up to max. */
  | { readonly kind: "min_max"; readonly min: number; readonly max: number }
  /** (R, S): every `reviewPeriodDays` (first review on day `reviewOffsetDays`), order up to S. */
  | {
      readonly kind: "periodic";
      readonly reviewPeriodDays: number;
      readonly reviewOffsetDays: number;
      readonly orderUpTo: number;
    }
  /** Kanban: N cards of C units; every emptied container (card returned) is reordered. */
  | { readonly kind: "kanban"; readonly cards: number; readonly containerSize: number }
  /**
   * DDMRP buffer: when net flow position ≤ top of yellow, order up to top of green.
   * Net flow = on hand + on order − qualified demand (today's demand and spikes within the horizon).
   */
  | {
      readonly kind: "ddmrp";
      readonly topOfRed: number;
      readonly topOfYellow: number;
      readonly topOfGreen: number;
      /** A single day's demand above this is a spike and counts as qualified demand ahead of time. */
      readonly spikeThreshold: number;
      /** Days ahead in which spikes are qualified (usually the decoupled lead time). */
      readonly spikeHorizonDays: number;
    };

/** Supplier order constraints applied after a rule computes a raw quantity. */
export interface OrderConstraints {
  /** Minimum order quantity, units (≥ 1). */
  readonly moq: number;
  /** Orders are whole multiples of this, units (≥ 1). */
  readonly orderMultiple: number;
}

/** Rounds a raw need up to respect MOQ and order multiple; 0 stays 0. */
export function applyOrderConstraints(raw: number, c: OrderConstraints): number {
  if (!(raw > 0)) return 0;
  const q = Math.max(raw, c.moq);
  const m = c.orderMultiple > 0 ? c.orderMultiple : 1;
  return Math.ceil(q / m - 1e-9) * m;
}
