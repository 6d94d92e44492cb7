import type { ReplenishmentRule } from "../policy/rule.js";

/**
 * The inventory position at or below which a rule replenishes: the default automatic-replenishment
 * threshold of a stored policy (docs/policies.md §7). (r, Q): r; min–max: min; kanban: (N − 1)·C,
 * where the last card comes back; DDMRP: top of yellow. Periodic (R, S) reviews on a calendar rather
 * than at a level; its continuous equivalent is S − d·R (safety stock plus lead-time demand), d in
 * units/day.
 */
export function triggerLevel(rule: ReplenishmentRule, meanDailyDemand: number): number {
  switch (rule.kind) {
    case "reorder_point":
      return rule.reorderPoint;
    case "min_max":
      return rule.min;
    case "kanban":
      return Math.max(0, rule.cards - 1) * rule.containerSize;
    case "ddmrp":
      return rule.topOfYellow;
    case "periodic":
      return rule.orderUpTo - Math.max(0, meanDailyDemand) * rule.reviewPeriodDays;
  }
}
