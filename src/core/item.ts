/**
 * Planning parameters of one SKU × location, as the items master gives them.
 * Units: days for lead times and review periods, units for quantities, money in the items
 * master's currency, `holdingCostRate` as a fraction of unit cost per year, `serviceTarget` a
 * fraction in (0, 1). Where the master is silent, DEFAULT_ITEM applies and the field is listed in
 * `defaulted` so reports can say so.
 */
export type ServiceType = "cycle" | "fill_rate";

export interface ItemParams {
  readonly unitCost: number;
  readonly unitPrice: number;
  readonly leadTimeDays: number;
  readonly leadTimeSdDays: number;
  readonly moq: number;
  readonly orderMultiple: number;
  readonly orderingCost: number;
  readonly holdingCostRate: number;
  readonly serviceTarget: number;
  readonly serviceType: ServiceType;
  readonly reviewPeriodDays: number;
  /** Units per kanban container; 0 = derive from the order quantity. */
  readonly containerSize: number;
  readonly supplier: string;
  readonly category: string;
}

export type ItemField = keyof ItemParams;

/**
 * Documented defaults (docs/conventions.md). Unit cost, when absent, is derived from the selling
 * price at the default cost ratio (DEFAULT_COST_RATIO) and, failing that, is 1.
 */
export const DEFAULT_ITEM: ItemParams = {
  unitCost: 1,
  unitPrice: 1,
  leadTimeDays: 7,
  leadTimeSdDays: 0,
  moq: 1,
  orderMultiple: 1,
  orderingCost: 50,
  holdingCostRate: 0.25,
  serviceTarget: 0.95,
  serviceType: "fill_rate",
  reviewPeriodDays: 7,
  containerSize: 0,
  supplier: "",
  category: "",
};

/** Unit cost as a share of selling price when only the price is known (a 30 % gross margin). */
export const DEFAULT_COST_RATIO = 0.7;

export interface ResolvedItem {
  readonly params: ItemParams;
  /** Fields that came from defaults (or were derived), not from the items master. */
  readonly defaulted: readonly ItemField[];
}

/**
 * Completes a partial items-master row. `observedPrice` is the mean selling price seen in the demand
 * file, used for price and cost when the master has none.
 */
export function resolveItem(given: Partial<ItemParams>, observedPrice: number | null): ResolvedItem {
  const defaulted: ItemField[] = [];
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(DEFAULT_ITEM) as ItemField[]) {
    const v = given[field];
    if (v !== undefined) out[field] = v;
    else {
      defaulted.push(field);
      out[field] = DEFAULT_ITEM[field];
    }
  }
  if (given.unitPrice === undefined && observedPrice !== null && observedPrice > 0)
    out.unitPrice = observedPrice;
  if (given.unitCost === undefined) {
    const price = out.unitPrice as number;
    if (given.unitPrice !== undefined || (observedPrice !== null && observedPrice > 0))
      out.unitCost = price * DEFAULT_COST_RATIO;
  }
  return { params: out as unknown as ItemParams, defaulted };
}

/** The items-master column of a field (unitCost → unit_cost), as planners see it in their files. */
export const itemColumnName = (field: ItemField): string =>
  field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
