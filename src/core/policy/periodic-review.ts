import type { DemandDistribution } from "../distributions/distribution.js";
import type { ServiceType } from "../item.js";
import { type ReorderPointResult, reorderPointFor } from "./reorder-point.js";

export interface PeriodicReviewResult extends ReorderPointResult {
  /** S, units. */
  readonly orderUpTo: number;
  /** S − d·(R + L), units. */
  readonly safetyStock: number;
  /** d·(R + L), units. */
  readonly meanProtectionDemand: number;
  /** d·R, the expected order per review, units (the Q of the fill-rate formula). */
  readonly expectedOrderPerReview: number;
}

/**
 * Order-up-to level S of an (R, S) periodic-review policy: every R days order up to S, which must
 * cover demand over the protection interval R + L (Silver, Pyke & Thomas 2017, (R, S) system:
 * S = x̂_{R+L} + k·σ_{R+L}). `protectionDemand` is the distribution of demand over R + L days
 * (leadTimeDemand with extraDays = R). For a fill-rate target the shortage per review cycle is
 * compared with the expected demand per cycle d·R: β = 1 − E[(X_{R+L} − S)+] / (d·R).
 * Units: quantities in units, R in days, d units/day.
 */
export function orderUpToLevel(
  protectionDemand: DemandDistribution,
  serviceType: ServiceType,
  target: number,
  meanDailyDemand: number,
  reviewPeriodDays: number,
): PeriodicReviewResult {
  if (!(reviewPeriodDays > 0))
    throw new RangeError(`review period must be > 0 days, got ${reviewPeriodDays}`);
  const perReview = meanDailyDemand * reviewPeriodDays;
  const res = reorderPointFor(protectionDemand, serviceType, target, perReview);
  const meanProtection = protectionDemand.mean;
  return {
    ...res,
    orderUpTo: res.reorderPoint,
    safetyStock: res.reorderPoint - meanProtection,
    meanProtectionDemand: meanProtection,
    expectedOrderPerReview: perReview,
  };
}
