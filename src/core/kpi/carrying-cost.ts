/**
 * Carrying (holding) cost components. Each is either a rate a year on the average inventory value
 * (capital cost, insurance premium as a rate, …) or an amount a year in money (warehouse rent,
 * write-offs), which is allocated to groups pro rata to their average inventory value.
 */
export type CostComponent = { readonly annualRate: number } | { readonly amountPerYear: number };

export interface CarryingCostComponents {
  /** Cost of the capital tied up (opportunity cost / WACC). */
  readonly capital: CostComponent;
  /** Warehousing: space, handling, utilities. */
  readonly storage: CostComponent;
  /** Insurance and taxes on stock. */
  readonly insurance: CostComponent;
  /** Obsolescence, shrinkage, spoilage. */
  readonly obsolescence: CostComponent;
}

/**
 * Defaults summing to 23 % a year (capital 10 %, storage 6 %, insurance 2 %, obsolescence 5 %), inside
 * the 20–30 % a year that docs/suppliers-and-kpis.md quotes as typical; set them from the company's own figures.
 */
export const DEFAULT_CARRYING_COST: CarryingCostComponents = {
  capital: { annualRate: 0.1 },
  storage: { annualRate: 0.06 },
  insurance: { annualRate: 0.02 },
  obsolescence: { annualRate: 0.05 },
};

/**
 * Carrying cost of a group over `days` days: Σ rate × average value × days ÷ 365 + Σ amount ×
 * (group value ÷ total value) × days ÷ 365, in money; and the annual carrying cost % = cost ÷ average
 * value × 365 ÷ days (a fraction a year). NaN % when the group holds no value.
 */
export function carryingCost(
  components: CarryingCostComponents,
  groupAverageValue: number,
  totalAverageValue: number,
  days: number,
): { cost: number; annualPct: number } {
  let perYear = 0;
  for (const c of [components.capital, components.storage, components.insurance, components.obsolescence]) {
    if ("annualRate" in c) perYear += c.annualRate * groupAverageValue;
    else if (totalAverageValue > 0) perYear += (c.amountPerYear * groupAverageValue) / totalAverageValue;
  }
  return {
    cost: (perYear * days) / 365,
    annualPct: groupAverageValue > 0 ? perYear / groupAverageValue : Number.NaN,
  };
}
