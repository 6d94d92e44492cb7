/**
 * The contract every lead-time-demand distribution meets, so that the reorder-point search and the
 * fill-rate formulas work the same way whatever distribution the policy engine chose.
 * Units: quantities in stock-keeping units.
 */
export type DistributionKind = "normal" | "poisson" | "negative_binomial" | "empirical";

export interface DemandDistribution {
  readonly kind: DistributionKind;
  /** True when the support is the non-negative integers (search integer reorder points). */
  readonly discrete: boolean;
  /** E[X], units. */
  readonly mean: number;
  /** Var[X], units². */
  readonly variance: number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The smallest x in the support with P(X ≤ x) ≥ p, for p in [0, 1]. */
  quantile(p: number): number;
  /** Expected shortage E[(X − r)+], units: the first-order loss function at r. */
  loss(r: number): number;
}
