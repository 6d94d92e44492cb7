import { applyOrderConstraints, type OrderConstraints, type ReplenishmentRule } from "../policy/rule.js";

/** Stock figures a replenishment quantity is computed from, units. */
export interface PositionFigures {
  /** Physically on hand (≥ 0). */
  readonly onHand: number;
  /** Ordered, not yet received. */
  readonly onOrder: number;
  /** Committed demand not yet served: allocations and backorders. */
  readonly committed: number;
}

export interface ReplenishmentQuantity {
  /** Units to order, after MOQ and order multiple; 0 when the rule asks for nothing. */
  readonly quantity: number;
  /** How it was computed, in words with the numbers. */
  readonly basis: string;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * The quantity a rule orders once the automatic-replenishment trigger has fired at level `triggerAt`
 * (docs/policies.md §7; the same arithmetic as the simulator, src/core/simulate/engine.ts).
 * Inventory position IP = on hand + on order − committed.
 * - (r, Q): the smallest multiple of Q lifting IP above max(r, trigger level);
 * - min–max: max − IP; periodic (R, S): S − IP; DDMRP: top of green − net flow (IP: the live system
 *   qualifies committed demand, spikes are not known ahead);
 * - kanban: one container per card not in use, cards in use = ⌈on hand / C⌉ + ⌈on order / C⌉.
 * Then MOQ and order multiple (kanban orders whole containers as they are).
 */
export function replenishmentQuantity(
  rule: ReplenishmentRule,
  p: PositionFigures,
  constraints: OrderConstraints,
  triggerAt: number,
): ReplenishmentQuantity {
  const ip = p.onHand + p.onOrder - p.committed;
  const constrained = (raw: number, basis: string): ReplenishmentQuantity => {
    const quantity = applyOrderConstraints(raw, constraints);
    const note =
      quantity > 0 && Math.abs(quantity - raw) > 1e-9
        ? `; rounded for MOQ ${fmt(constraints.moq)} and multiple ${fmt(constraints.orderMultiple)}`
        : "";
    return { quantity, basis: `${basis}${note}` };
  };
  switch (rule.kind) {
    case "reorder_point": {
      const level = Math.max(rule.reorderPoint, triggerAt);
      const n = Math.floor((level - ip) / rule.orderQuantity + 1e-9) + 1;
      return constrained(
        n * rule.orderQuantity,
        `${n} × Q ${fmt(rule.orderQuantity)} lifts the position ${fmt(ip)} above ${fmt(level)}`,
      );
    }
    case "min_max":
      return constrained(rule.max - ip, `max ${fmt(rule.max)} − position ${fmt(ip)}`);
    case "periodic":
      return constrained(rule.orderUpTo - ip, `order-up-to ${fmt(rule.orderUpTo)} − position ${fmt(ip)}`);
    case "ddmrp":
      return constrained(rule.topOfGreen - ip, `top of green ${fmt(rule.topOfGreen)} − net flow ${fmt(ip)}`);
    case "kanban": {
      const c = rule.containerSize;
      const inUse = Math.ceil(p.onHand / c - 1e-9) + Math.ceil(p.onOrder / c - 1e-9);
      const free = Math.max(0, rule.cards - inUse);
      return {
        quantity: free * c,
        basis: `${free} of ${rule.cards} cards returned × container ${fmt(c)} (${inUse} in use)`,
      };
    }
  }
}
