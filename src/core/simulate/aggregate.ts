import type { SimulationResult } from "./types.js";

const DAYS_PER_YEAR = 365;

/** Catalogue totals over per-SKU replays. Units summed across SKUs; money in one currency. */
export interface CatalogueTotals {
  readonly skus: number;
  /** Σ days replayed (SKU-days). */
  readonly skuDays: number;
  readonly totalDemand: number;
  readonly servedFromStock: number;
  readonly servedLate: number;
  readonly lostSales: number;
  readonly shortageUnits: number;
  /** Units-weighted fill rate Σ servedFromStock ÷ Σ demand (NaN without demand). */
  readonly fillRate: number;
  /** Unweighted mean of the SKU fill rates, over SKUs with demand (NaN when none). */
  readonly meanSkuFillRate: number;
  /** SKUs with demand whose fill rate is below the target (0 when no target is given). */
  readonly skusBelowTarget: number;
  /** SKUs with at least one stockout day. */
  readonly skusWithStockout: number;
  readonly stockoutDays: number;
  readonly stockoutEpisodes: number;
  /** Σ average on-hand value, money. */
  readonly averageOnHandValue: number;
  /** Σ consumed value over each SKU's replay, money. */
  readonly consumedValue: number;
  /** Value turns per year: Σ (consumed value ÷ days × 365) ÷ Σ average on-hand value. */
  readonly inventoryTurns: number;
  /** Σ average on-hand value ÷ Σ (consumed value ÷ days), days. */
  readonly daysOfInventory: number;
  readonly orders: number;
  readonly holdingCost: number;
  readonly orderingCost: number;
  readonly shortageCost: number;
  readonly totalCost: number;
}

/**
 * Totals across a catalogue of SKU replays. Fill rate is units-weighted (the catalogue's share of
 * units served from stock), with the unweighted SKU mean alongside; turns and days of inventory are
 * value-based (units of different SKUs are not commensurable): annual cost of goods consumed ÷
 * average inventory value (the KPI table's COGS ÷ average inventory, docs/suppliers-and-kpis.md). SKUs replayed
 * over different horizons contribute their own daily rates. `fillRateTarget` (fraction) counts SKUs
 * below it.
 */
export function aggregateResults(
  results: readonly SimulationResult[],
  fillRateTarget?: number,
): CatalogueTotals {
  let skuDays = 0;
  let totalDemand = 0;
  let servedFromStock = 0;
  let servedLate = 0;
  let lostSales = 0;
  let shortageUnits = 0;
  let fillSum = 0;
  let withDemand = 0;
  let below = 0;
  let withStockout = 0;
  let stockoutDays = 0;
  let stockoutEpisodes = 0;
  let onHandValue = 0;
  let consumedValue = 0;
  let dailyConsumedValue = 0;
  let orders = 0;
  let holdingCost = 0;
  let orderingCost = 0;
  let shortageCost = 0;
  for (const r of results) {
    skuDays += r.days;
    totalDemand += r.totalDemand;
    servedFromStock += r.servedFromStock;
    servedLate += r.servedLate;
    lostSales += r.lostSales;
    shortageUnits += r.shortageUnits;
    if (r.totalDemand > 0) {
      withDemand++;
      fillSum += r.fillRate;
      if (fillRateTarget !== undefined && r.fillRate < fillRateTarget) below++;
    }
    if (r.stockoutDays > 0) withStockout++;
    stockoutDays += r.stockoutDays;
    stockoutEpisodes += r.stockoutEpisodes;
    if (r.days > 0) {
      onHandValue += r.averageOnHandValue;
      dailyConsumedValue += r.consumedValue / r.days;
    }
    consumedValue += r.consumedValue;
    orders += r.orders;
    holdingCost += r.holdingCost;
    orderingCost += r.orderingCost;
    shortageCost += r.shortageCost;
  }
  return {
    skus: results.length,
    skuDays,
    totalDemand,
    servedFromStock,
    servedLate,
    lostSales,
    shortageUnits,
    fillRate: totalDemand > 0 ? servedFromStock / totalDemand : Number.NaN,
    meanSkuFillRate: withDemand > 0 ? fillSum / withDemand : Number.NaN,
    skusBelowTarget: below,
    skusWithStockout: withStockout,
    stockoutDays,
    stockoutEpisodes,
    averageOnHandValue: onHandValue,
    consumedValue,
    inventoryTurns: ratio(dailyConsumedValue * DAYS_PER_YEAR, onHandValue),
    daysOfInventory: ratio(onHandValue, dailyConsumedValue),
    orders,
    holdingCost,
    orderingCost,
    shortageCost,
    totalCost: holdingCost + orderingCost + shortageCost,
  };
}

function ratio(a: number, b: number): number {
  if (b === 0) return a > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  return a / b;
}
