/**
 * KPIs of a group of item × locations over one period of days, from what a ledger records: units
 * sold (demand served) and the end-of-day on hand. Pure; used by the pilot comparison
 * (app/live/pilot.ts) for the pilot scope and its control group, before and after activation.
 */

/** One item × location over the period: one entry per day. */
export interface PositionDays {
  /** Money per unit (the items master's currency). */
  readonly unitCost: number;
  /** Units sold or consumed each day. */
  readonly sold: Float64Array;
  /** On hand at the end of each day, units (≤ 0 = out of stock). */
  readonly endOnHand: Float64Array;
}

export interface PeriodKpis {
  readonly positions: number;
  readonly days: number;
  readonly unitsSold: number;
  /** Σ units sold × unit cost, money. */
  readonly costOfGoodsSold: number;
  /** Σ over positions of the mean end-of-day on hand (floored at 0) × unit cost, money. */
  readonly averageInventoryValue: number;
  /** (COGS ÷ days × 365) ÷ average inventory value, per year; NaN when both are 0, +∞ when only stock is. */
  readonly inventoryTurns: number;
  /** Position-days ending with nothing on hand. */
  readonly stockoutDays: number;
  /** Runs of consecutive stockout days (a run already going on the first day counts once). */
  readonly stockoutEpisodes: number;
  /** 1 − stockout days ÷ position-days; NaN without days. */
  readonly inStockRate: number;
}

const DAYS_PER_YEAR = 365;

/**
 * Inventory turns as the weekly KPI table defines them (COGS ÷ average inventory value,
 * docs/suppliers-and-kpis.md), annualised from the period's days; stockout frequency as episodes and
 * days; the in-stock rate as the share of position-days ending with stock. Every position must have
 * `days` entries in both arrays.
 */
export function periodKpis(positions: readonly PositionDays[], days: number): PeriodKpis {
  let unitsSold = 0;
  let cogs = 0;
  let value = 0;
  let stockoutDays = 0;
  let episodes = 0;
  for (const p of positions) {
    if (p.sold.length !== days || p.endOnHand.length !== days)
      throw new RangeError(
        `every position needs ${days} days, got ${p.sold.length} and ${p.endOnHand.length}`,
      );
    let onHandSum = 0;
    let out = false;
    for (let t = 0; t < days; t++) {
      const s = p.sold[t]!;
      unitsSold += s;
      cogs += s * p.unitCost;
      const h = p.endOnHand[t]!;
      onHandSum += Math.max(h, 0);
      if (h <= 0) {
        stockoutDays++;
        if (!out) episodes++;
        out = true;
      } else out = false;
    }
    if (days > 0) value += (onHandSum / days) * p.unitCost;
  }
  const annualCogs = days > 0 ? (cogs / days) * DAYS_PER_YEAR : 0;
  const slots = positions.length * days;
  return {
    positions: positions.length,
    days,
    unitsSold,
    costOfGoodsSold: cogs,
    averageInventoryValue: value,
    inventoryTurns:
      value === 0 ? (annualCogs > 0 ? Number.POSITIVE_INFINITY : Number.NaN) : annualCogs / value,
    stockoutDays,
    stockoutEpisodes: episodes,
    inStockRate: slots > 0 ? 1 - stockoutDays / slots : Number.NaN,
  };
}
