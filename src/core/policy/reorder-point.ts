import type { DemandDistribution } from "../distributions/distribution.js";
import type { ServiceType } from "../item.js";

/**
 * Smallest reorder point r ≥ 0 with cycle service level P(X ≤ r) ≥ α, X the lead-time demand
 * (units). The α-quantile of the distribution (integer for count distributions, μ + σ·Φ⁻¹(α) for
 * the normal), floored at 0 (Silver, Pyke & Thomas 2017, "specified probability of no stockout per
 * replenishment cycle" P1; Nahmias, "Production and Operations Analysis", type 1 service).
 */
export function reorderPointForCycleService(dist: DemandDistribution, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`cycle service target must be in (0, 1), got ${alpha}`);
  return Math.max(0, dist.quantile(alpha));
}

/**
 * Smallest reorder point r ≥ 0 with fill rate β(r) = 1 − E[(X − r)+] / Q ≥ β (the standard
 * backorder approximation: expected shortage per replenishment cycle over the order quantity Q;
 * Silver, Pyke & Thomas 2017, P2 service "fraction of demand satisfied routinely from shelf";
 * Nahmias type 2 service n(R) = (1 − β)Q). X is lead-time demand (units), Q > 0 units.
 * Count distributions: integer search (doubling, then bisection) on the decreasing loss.
 * Continuous distributions: bisection on r to 1e-9 relative, returning the end of the bracket that
 * meets the target.
 */
export function reorderPointForFillRate(
  dist: DemandDistribution,
  orderQuantity: number,
  beta: number,
): number {
  if (!(beta > 0 && beta < 1)) throw new RangeError(`fill-rate target must be in (0, 1), got ${beta}`);
  if (!(orderQuantity > 0)) throw new RangeError(`order quantity must be > 0, got ${orderQuantity}`);
  const g = (1 - beta) * orderQuantity;
  if (dist.loss(0) <= g) return 0;
  const step = Math.max(1, Math.sqrt(dist.variance), dist.mean);
  let lo = 0;
  let hi = Math.max(1, dist.mean);
  while (dist.loss(hi) > g) {
    lo = hi;
    hi += step;
    if (hi > 1e15) throw new RangeError("fill-rate target not reachable");
  }
  if (dist.discrete) {
    let a = Math.floor(lo);
    let b = Math.ceil(hi);
    // Invariant: loss(a) > g (or a = 0 with loss(0) > g), loss(b) ≤ g.
    while (b - a > 1) {
      const m = Math.floor((a + b) / 2);
      if (dist.loss(m) <= g) b = m;
      else a = m;
    }
    return b;
  }
  while (hi - lo > 1e-9 * Math.max(1, hi)) {
    const m = 0.5 * (lo + hi);
    if (dist.loss(m) <= g) hi = m;
    else lo = m;
  }
  return hi;
}

export interface ReorderPointResult {
  /** Units. */
  readonly reorderPoint: number;
  /** P(X ≤ r) achieved. */
  readonly cycleServiceLevel: number;
  /** 1 − E[(X − r)+]/Q achieved (NaN when Q = 0). */
  readonly fillRate: number;
  /** E[(X − r)+], units per cycle. */
  readonly expectedShortage: number;
  readonly method: string;
}

/**
 * Reorder point (or order-up-to level) for a service target of either type, with the achieved
 * cycle service and fill rate at the chosen level. `orderQuantity` is Q for (r, Q), or the expected
 * demand per review period for (R, S).
 */
export function reorderPointFor(
  dist: DemandDistribution,
  serviceType: ServiceType,
  target: number,
  orderQuantity: number,
): ReorderPointResult {
  const r =
    serviceType === "cycle"
      ? reorderPointForCycleService(dist, target)
      : reorderPointForFillRate(dist, orderQuantity, target);
  const method =
    serviceType === "cycle"
      ? dist.kind === "normal"
        ? "r = μ + σ·Φ⁻¹(α) (normal quantile, AS 241)"
        : `r = smallest value with P(X ≤ r) ≥ α (${dist.kind} quantile)`
      : dist.discrete
        ? `smallest integer r with E[(X − r)+] ≤ (1 − β)·Q (${dist.kind} loss, integer search)`
        : `smallest r with E[(X − r)+] ≤ (1 − β)·Q (${dist.kind} loss, bisection)`;
  const shortage = dist.loss(r);
  return {
    reorderPoint: r,
    cycleServiceLevel: dist.cdf(r),
    fillRate: orderQuantity > 0 ? 1 - shortage / orderQuantity : Number.NaN,
    expectedShortage: shortage,
    method,
  };
}

/**
 * Min–max levels from a reorder point and order quantity: s = r, S = r + Q (units)
 * (Silver, Pyke & Thomas 2017, (s, S) with S = s + Q as the usual practical choice).
 */
export function minMaxLevels(reorderPoint: number, orderQuantity: number): { min: number; max: number } {
  return { min: reorderPoint, max: reorderPoint + orderQuantity };
}
