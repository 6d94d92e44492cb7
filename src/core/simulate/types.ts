import type { OrderConstraints } from "../policy/rule.js";

/**
 * Options of a daily replay (docs/simulation.md). Quantities in units, lead times in days, money in
 * the items master's currency, the holding-cost rate a fraction of unit cost per year (365 days).
 */
export interface SimulateOptions {
  /**
   * Lead time: a fixed number of days, or a recorded sample of lead times (days) from which each
   * order draws one value uniformly with replacement (seeded by `seed`). Every lead time is rounded
   * to whole days and lifted to ≥ 1 day.
   */
  readonly leadTime: number | Float64Array;
  /** Seed of the lead-time draws (default 1). */
  readonly seed?: number;
  /** What happens to demand not served from stock (default "backorder"). */
  readonly unmetDemand?: "backorder" | "lost_sales";
  /** On hand at the start of the first day, before its receipts (default: the rule's top level). */
  readonly initialOnHand?: number;
  /** Backorders outstanding at the start (default 0; ignored under lost sales). */
  readonly initialBackorders?: number;
  /** Open orders: `initialPipeline[i]` units are received at the start of day i of the replay. */
  readonly initialPipeline?: Float64Array;
  /** MOQ and order multiple applied to every order except kanban cards (default 1 and 1). */
  readonly constraints?: OrderConstraints;
  /** Unit cost, money per unit (default 1). */
  readonly unitCost?: number;
  /** Holding cost, fraction of unit cost per unit per year (default 0.25). */
  readonly holdingCostRate?: number;
  /** Cost per order placed, money (default 0). */
  readonly orderingCost?: number;
  /** Cost per unit short (backordered or lost), charged once per unit (default 0). */
  readonly shortageCostPerUnit?: number;
  /**
   * DDMRP only: the known order book, same indexing as the demand series. Spikes (a day's known
   * orders above the rule's spike threshold) within the spike horizon are qualified demand. Without
   * it no future demand is known and only backorders are qualified.
   */
  readonly knownOrders?: Float64Array;
  /** Calendar day of demand[0] for the periodic-review schedule (default 0). */
  readonly firstDay?: number;
  /** Record the daily trace (default false). */
  readonly trace?: boolean;
}

/** The state between two days: what the next day starts with, before its receipts. */
export interface SimulationState {
  /** Units on hand. */
  readonly onHand: number;
  /** Units backordered (0 under lost sales). */
  readonly backorders: number;
  /** `pipeline[i]` units are received at the start of the i-th next day. */
  readonly pipeline: Float64Array;
}

/** Daily series, one entry per replayed day, all in units, values at the end of the day. */
export interface SimulationTrace {
  readonly onHand: Float64Array;
  /** Open orders after the day's review. */
  readonly onOrder: Float64Array;
  readonly backorders: Float64Array;
  /** Quantity ordered at the day's review (0 when none). */
  readonly ordersPlaced: Float64Array;
  /** Quantity received at the start of the day. */
  readonly receipts: Float64Array;
  /** Part of the day's demand served from stock the same day. */
  readonly servedFromStock: Float64Array;
  /** Earlier backorders served that day. */
  readonly servedLate: Float64Array;
  /** Part of the day's demand not served from stock (backordered or lost). */
  readonly short: Float64Array;
}

/** Outcome of a replay. Units, days and money as in SimulateOptions; ratios are fractions. */
export interface SimulationResult {
  readonly days: number;
  readonly totalDemand: number;
  /** Units of demand served from stock on the day they were demanded. */
  readonly servedFromStock: number;
  /** Backordered units served on a later day. */
  readonly servedLate: number;
  /** Units lost (lost-sales mode). */
  readonly lostSales: number;
  /** Units not served from stock on their day (backordered + lost). */
  readonly shortageUnits: number;
  readonly backordersAtEnd: number;
  /** servedFromStock ÷ totalDemand; NaN with no demand. */
  readonly fillRate: number;
  /** Replenishment cycles: runs of days from one receipt to the day before the next (see docs). */
  readonly cycles: number;
  readonly cyclesWithStockout: number;
  /** 1 − cyclesWithStockout ÷ cycles; NaN with no days. */
  readonly cycleServiceLevel: number;
  /** Days ending with unmet demand: backorders outstanding, or units lost that day. */
  readonly stockoutDays: number;
  /** Maximal runs of consecutive stockout days. */
  readonly stockoutEpisodes: number;
  /** stockoutDays ÷ stockoutEpisodes, days (0 without episodes). */
  readonly meanStockoutEpisodeDays: number;
  /** Mean end-of-day on hand, units. */
  readonly averageOnHand: number;
  /** averageOnHand × unit cost. */
  readonly averageOnHandValue: number;
  readonly averageBackorders: number;
  readonly averageOnOrder: number;
  /** Units shipped: servedFromStock + servedLate. */
  readonly unitsConsumed: number;
  /** unitsConsumed × unit cost. */
  readonly consumedValue: number;
  /** (unitsConsumed ÷ days × 365) ÷ averageOnHand, per year; +∞ / NaN when average on hand is 0. */
  readonly inventoryTurns: number;
  /** averageOnHand ÷ (unitsConsumed ÷ days), days. */
  readonly daysOfInventory: number;
  readonly orders: number;
  readonly unitsOrdered: number;
  readonly unitsReceived: number;
  /** Mean lead time of the orders placed, days (NaN without orders). */
  readonly meanLeadTimeDays: number;
  /** Σ end-of-day on hand × unit cost × holding rate ÷ 365. */
  readonly holdingCost: number;
  /** orders × ordering cost. */
  readonly orderingCost: number;
  /** shortageUnits × shortage cost per unit. */
  readonly shortageCost: number;
  readonly totalCost: number;
  /** State after the last day, to continue a replay. */
  readonly final: SimulationState;
  /** Daily series when `trace` was requested, else null. */
  readonly trace: SimulationTrace | null;
}
