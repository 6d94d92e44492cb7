/**
 * Safety stock SS = r − E[X], units: the reorder point (or order-up-to level) minus the mean demand
 * over the protection interval (Silver, Pyke & Thomas 2017; Nahmias). Can be negative when a low
 * fill-rate target with a large Q puts r below the mean.
 */
export function safetyStock(reorderPoint: number, meanProtectionDemand: number): number {
  return reorderPoint - meanProtectionDemand;
}

/**
 * Safety factor k = SS / σ (dimensionless), the number of standard deviations of protection-interval
 * demand held as safety stock; NaN when σ = 0.
 */
export function safetyFactor(safetyStockUnits: number, sd: number): number {
  return sd > 0 ? safetyStockUnits / sd : Number.NaN;
}

/**
 * Normal-model safety stock for a cycle service level α: SS = Φ⁻¹(α)·σ, with σ of demand over the
 * lead time = √(L·σd² + d²·σL²) (units; L, σL in days, d, σd per day). Given here for reference and
 * tests; the policy engine uses the search in reorder-point.ts for every distribution.
 */
export function normalSafetyStock(
  z: number,
  meanDaily: number,
  sdDaily: number,
  leadDays: number,
  leadSdDays: number,
): number {
  return z * Math.sqrt(leadDays * sdDaily * sdDaily + meanDaily * meanDaily * leadSdDays * leadSdDays);
}
