import { applyOrderConstraints, type OrderConstraints } from "./rule.js";

/**
 * Number of kanban cards N = ⌈D·L·(1 + α) / C⌉ (Toyota's formula as given by Monden, "Toyota
 * Production System", 1983/2012, ch. on kanban; Heizer & Render, "Operations Management", JIT
 * chapter: N = (demand during lead time + safety stock) / container size). D demand per day (units),
 * L replenishment lead time (days), α safety factor (fraction ≥ 0), C units per container (> 0).
 * Returns 0 at zero demand and at least 1 otherwise.
 */
export function kanbanCards(
  dailyDemand: number,
  leadTimeDays: number,
  alpha: number,
  containerSize: number,
): number {
  if (!(containerSize > 0)) throw new RangeError(`container size must be > 0, got ${containerSize}`);
  if (!(alpha >= 0)) throw new RangeError(`safety factor α must be ≥ 0, got ${alpha}`);
  if (!(dailyDemand > 0) || !(leadTimeDays >= 0)) return 0;
  const n = Math.ceil((dailyDemand * leadTimeDays * (1 + alpha)) / containerSize - 1e-9);
  return Math.max(1, n);
}

/**
 * The default kanban safety factor: α = SS / (D·L), so that D·L·(1 + α) = D·L + SS, the policy's
 * reorder point (Heizer & Render's "demand during lead time + safety stock"). Floored at 0; falls
 * back to `fallback` (Toyota practice: ≤ 10 %) when D·L = 0.
 */
export function kanbanSafetyFactor(
  safetyStock: number,
  dailyDemand: number,
  leadTimeDays: number,
  fallback = 0.1,
): number {
  const dl = dailyDemand * leadTimeDays;
  if (!(dl > 0)) return fallback;
  return Math.max(0, safetyStock / dl);
}

/**
 * The safety factor at which the Toyota formula's loop protects a service target like an (r, Q = C)
 * policy: a card returns only when its container is empty, so N cards of C units reorder when the
 * inventory position reaches (N − 1)·C; meeting a reorder point r needs (N − 1)·C ≥ r, i.e.
 * D·L·(1 + α) = r + C: α = (r + C)/(D·L) − 1, floored at 0. `reorderPoint` is the reorder point for
 * the service target with order quantity C (units); falls back to `fallback` when D·L = 0.
 */
export function kanbanSafetyFactorForService(
  reorderPoint: number,
  containerSize: number,
  dailyDemand: number,
  leadTimeDays: number,
  fallback = 0.1,
): number {
  const dl = dailyDemand * leadTimeDays;
  if (!(dl > 0)) return fallback;
  return Math.max(0, (reorderPoint + containerSize) / dl - 1);
}

/**
 * Container size when the items master has none: `coverDays` of demand (default 1 day, the usual
 * JIT lot), rounded up for MOQ and order multiple; at least 1 unit (the MOQ when there is no demand).
 */
export function derivedContainerSize(
  dailyDemand: number,
  coverDays: number,
  constraints: OrderConstraints,
): number {
  const c = applyOrderConstraints(Math.max(0, dailyDemand) * coverDays, constraints);
  return c > 0 ? c : Math.max(1, constraints.moq);
}
