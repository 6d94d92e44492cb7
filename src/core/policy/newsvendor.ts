import type { DemandDistribution } from "../distributions/distribution.js";

/**
 * Critical ratio cᵤ / (cᵤ + cₒ) of the newsvendor (single-period) problem: cᵤ the cost of a unit
 * short (lost margin), cₒ the cost of a unit left over (cost − salvage), money per unit
 * (Nahmias, "Production and Operations Analysis", §5.3; Silver, Pyke & Thomas 2017, newsvendor).
 */
export function criticalRatio(underageCost: number, overageCost: number): number {
  if (!(underageCost > 0) || !(overageCost > 0))
    throw new RangeError(`underage and overage costs must be > 0, got ${underageCost}, ${overageCost}`);
  return underageCost / (underageCost + overageCost);
}

/**
 * Newsvendor / base-stock quantity: the smallest Q with F(Q) ≥ cᵤ/(cᵤ + cₒ), units (Nahmias §5.3).
 * The same quantile gives the base-stock level for a cycle service target.
 */
export function newsvendorQuantity(
  demand: DemandDistribution,
  underageCost: number,
  overageCost: number,
): number {
  return demand.quantile(criticalRatio(underageCost, overageCost));
}
