import { applyOrderConstraints, type OrderConstraints } from "./rule.js";

/**
 * Economic order quantity Q* = √(2·D·K / h) (Harris 1913; Silver, Pyke & Thomas 2017 ch. on the
 * EOQ; Nahmias, "Production and Operations Analysis", §4.5). D annual demand (units/year), K fixed
 * cost per order (money), h holding cost per unit per year (money/unit/year) = holding rate × unit
 * cost. Returns 0 when D = 0; throws RangeError when h ≤ 0 or K < 0.
 */
export function economicOrderQuantity(
  annualDemand: number,
  orderingCost: number,
  holdingCostPerUnitYear: number,
): number {
  if (!(holdingCostPerUnitYear > 0))
    throw new RangeError(`holding cost must be > 0, got ${holdingCostPerUnitYear}`);
  if (!(orderingCost >= 0)) throw new RangeError(`ordering cost must be ≥ 0, got ${orderingCost}`);
  if (!(annualDemand > 0)) return 0;
  return Math.sqrt((2 * annualDemand * orderingCost) / holdingCostPerUnitYear);
}

/**
 * Annual cost of ordering Q at a time: purchase D·c + ordering D·K/Q + holding h·Q/2 (money/year),
 * h = holding rate × c (Nahmias §4.7, all-units discounts: G_j(Q) = λc_j + λK/Q + I·c_j·Q/2).
 */
export function annualCost(
  orderQuantity: number,
  annualDemand: number,
  orderingCost: number,
  holdingRate: number,
  unitCost: number,
): number {
  return (
    annualDemand * unitCost +
    (annualDemand * orderingCost) / orderQuantity +
    (holdingRate * unitCost * orderQuantity) / 2
  );
}

/** An all-units price break: every unit costs `unitCost` when the order is at least `minQuantity`. */
export interface PriceBreak {
  readonly minQuantity: number;
  readonly unitCost: number;
}

export interface DiscountChoice {
  readonly orderQuantity: number;
  readonly unitCost: number;
  readonly annualCost: number;
  /** Every candidate evaluated: the realizable EOQ or the break point of each price region. */
  readonly candidates: readonly { orderQuantity: number; unitCost: number; annualCost: number }[];
}

/**
 * All-units quantity discount (Nahmias §4.7; Silver, Pyke & Thomas 2017, quantity discounts): for
 * each price region [b_j, b_{j+1}) compute EOQ_j = √(2DK / (I·c_j)); if EOQ_j lies in the region it
 * is a candidate, if it lies below, the break b_j is; if above, the region is dominated by the next,
 * cheaper one. The candidate with the least annual cost (purchase + ordering + holding) wins.
 * D units/year, K money/order, I holding rate per year; breaks need not be sorted; the first
 * region must start at or below 1 unit for small orders to be priced (otherwise orders start at
 * the smallest break).
 */
export function allUnitsDiscount(
  annualDemand: number,
  orderingCost: number,
  holdingRate: number,
  breaks: readonly PriceBreak[],
): DiscountChoice {
  if (breaks.length === 0) throw new RangeError("at least one price break is needed");
  if (!(annualDemand > 0)) throw new RangeError(`annual demand must be > 0, got ${annualDemand}`);
  const sorted = [...breaks].sort((a, b) => a.minQuantity - b.minQuantity);
  const candidates: { orderQuantity: number; unitCost: number; annualCost: number }[] = [];
  for (let j = 0; j < sorted.length; j++) {
    const br = sorted[j]!;
    const next = j + 1 < sorted.length ? sorted[j + 1]!.minQuantity : Number.POSITIVE_INFINITY;
    const eoq = economicOrderQuantity(annualDemand, orderingCost, holdingRate * br.unitCost);
    if (eoq >= next) continue;
    const q = Math.max(eoq, br.minQuantity);
    candidates.push({
      orderQuantity: q,
      unitCost: br.unitCost,
      annualCost: annualCost(q, annualDemand, orderingCost, holdingRate, br.unitCost),
    });
  }
  let best = candidates[0]!;
  for (const c of candidates) if (c.annualCost < best.annualCost) best = c;
  return { ...best, candidates };
}

export interface OrderQuantityResult {
  /** √(2DK/h), units. */
  readonly eoq: number;
  /** After any quantity discount, units. */
  readonly beforeConstraints: number;
  /** After MOQ and order multiple, units. */
  readonly orderQuantity: number;
  /** Unit cost paid at that quantity. */
  readonly unitCost: number;
  /** Q / d, days between orders on average (Infinity at zero demand). */
  readonly cycleDays: number;
}

/**
 * The order quantity a policy uses: EOQ with D = 365·d, h = holding rate × unit cost; the
 * all-units discount choice when breaks are given; then MOQ and order multiple
 * (applyOrderConstraints). At zero demand the quantity is 0 (nothing to order).
 */
export function orderQuantity(args: {
  readonly meanDailyDemand: number;
  readonly orderingCost: number;
  readonly holdingRate: number;
  readonly unitCost: number;
  readonly constraints: OrderConstraints;
  readonly priceBreaks?: readonly PriceBreak[];
}): OrderQuantityResult {
  const D = 365 * Math.max(0, args.meanDailyDemand);
  const eoq = economicOrderQuantity(D, args.orderingCost, args.holdingRate * args.unitCost);
  let q = eoq;
  let unitCost = args.unitCost;
  if (args.priceBreaks !== undefined && args.priceBreaks.length > 0 && D > 0) {
    const choice = allUnitsDiscount(D, args.orderingCost, args.holdingRate, args.priceBreaks);
    q = choice.orderQuantity;
    unitCost = choice.unitCost;
  }
  const constrained = applyOrderConstraints(q, args.constraints);
  return {
    eoq,
    beforeConstraints: q,
    orderQuantity: constrained,
    unitCost,
    cycleDays: args.meanDailyDemand > 0 ? constrained / args.meanDailyDemand : Number.POSITIVE_INFINITY,
  };
}
