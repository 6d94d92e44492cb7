import { episodesFromSnapshots, type StockoutEpisode } from "../root-cause/episodes.js";
import { sd } from "../stats/summary.js";
import {
  classifyLine,
  type DeliveryTerms,
  dueDay,
  type PurchaseOrderLine,
  resolveTerms,
} from "../supplier/purchase-order.js";
import { type CarryingCostComponents, carryingCost, DEFAULT_CARRYING_COST } from "./carrying-cost.js";
import { mapeWape } from "./forecast-accuracy.js";
import { getOrInsert } from "./get-or-insert.js";
import { groupAll } from "./group-by.js";
import { type Period, periodsBetween, trailingDays, trailingMonths } from "./period.js";
import type { CustomerOrderLine, ForecastActual, GroupKeyFn, InventorySnapshot } from "./records.js";
import { itemKey } from "./records.js";
import type { KpiName } from "./traffic-light.js";

/** Everything the weekly KPIs are computed from. */
export interface KpiInputs {
  readonly snapshots: readonly InventorySnapshot[];
  readonly customerOrders: readonly CustomerOrderLine[];
  readonly purchaseLines: readonly PurchaseOrderLine[];
  /** Forecast/actual pairs for MAPE and WAPE (forecasts are made elsewhere; here they are inputs). */
  readonly forecasts?: readonly ForecastActual[];
  /** Unit cost when a snapshot carries none, and for valuing shipments at cost (COGS). */
  readonly unitCost?: (sku: string, location: string) => number | null;
}

export interface KpiOptions {
  /** Data after this day is ignored and periods are cut at it. */
  readonly asOf: number;
  /** Group key per record (default: everything in "all"). */
  readonly groupBy?: GroupKeyFn;
  readonly carrying?: CarryingCostComponents;
  readonly terms?: Partial<DeliveryTerms>;
}

/** KPI values of one group over one period. Rates are fractions; NaN = nothing to measure. */
export interface KpiValues extends Record<KpiName, number> {
  /** Days measured: the period cut at asOf. */
  readonly days: number;
  /** Cost of goods shipped: Σ min(qtyShipped, qty) × unit cost over lines shipped in the period. */
  readonly cogs: number;
  /** Mean over the period's days of Σ on hand × unit cost (snapshots carried forward). */
  readonly averageInventoryValue: number;
  /** COGS ÷ average inventory value, turns in the period. */
  readonly turnover: number;
  /** turnover × 365 ÷ days, turns a year. */
  readonly turnoverAnnualised: number;
  /** Days inventory outstanding: average inventory value ÷ COGS × days. */
  readonly dio: number;
  /** Orders due in the period (an order's due day is the latest promised day of its lines). */
  readonly orders: number;
  readonly ordersOnTimeInFull: number;
  /** ordersOnTimeInFull ÷ orders. */
  readonly orderFulfilmentRate: number;
  readonly unitsOrdered: number;
  /** Units shipped on or before their line's due day. */
  readonly unitsFilled: number;
  /** unitsFilled ÷ unitsOrdered. */
  readonly unitFillRate: number;
  readonly supplierLinesRated: number;
  readonly supplierLinesOnTime: number;
  /** supplierLinesOnTime ÷ supplierLinesRated (lines due in the period, as in the scorecard). */
  readonly supplierOnTimeRate: number;
  /** Episodes (from snapshots) starting in the period. */
  readonly stockoutEpisodes: number;
  /** SKU × locations with a snapshot on or before the period's end. */
  readonly skuLocations: number;
  /** Episodes ÷ (skuLocations × days ÷ 30.4375): episodes per SKU-month. */
  readonly stockoutFrequency: number;
  /** Mean duration (days) of those episodes, observed up to asOf. */
  readonly stockoutMeanDurationDays: number;
  /** Carrying cost over the period, money. */
  readonly carryingCost: number;
  /** Annual carrying cost ÷ average inventory value (fraction a year). */
  readonly carryingCostPct: number;
  /** Lead-time samples: PO lines received in the period with an order day. */
  readonly leadTimeSamples: number;
  readonly leadTimeMeanDays: number;
  /** Sample standard deviation of those lead times, days. */
  readonly leadTimeSdDays: number;
  readonly forecastPoints: number;
  readonly mape: number;
  readonly wape: number;
  /** Freight of expedited PO lines received (else promised, else ordered) in the period, money. */
  readonly emergencyFreight: number;
  /** Freight of all such lines with a freight cost, money. */
  readonly totalFreight: number;
  /** emergencyFreight ÷ the freight of lines that record whether they were expedited (NaN when none do). */
  readonly emergencyFreightShare: number;
}

/** Average days in a month (365.25 ÷ 12), the unit of "per SKU-month". */
export const DAYS_PER_MONTH = 30.4375;

const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);

interface Acc {
  invValueDays: number;
  cogs: number;
  orders: number;
  ordersOk: number;
  unitsOrdered: number;
  unitsFilled: number;
  supRated: number;
  supOnTime: number;
  episodes: number;
  episodeDays: number;
  series: number;
  leadTimes: number[];
  fActual: number[];
  fForecast: number[];
  emergencyFreight: number;
  totalFreight: number;
  freightExpediteKnown: number;
}

const newAcc = (): Acc => ({
  invValueDays: 0,
  cogs: 0,
  orders: 0,
  ordersOk: 0,
  unitsOrdered: 0,
  unitsFilled: 0,
  supRated: 0,
  supOnTime: 0,
  episodes: 0,
  episodeDays: 0,
  series: 0,
  leadTimes: [],
  fActual: [],
  fForecast: [],
  emergencyFreight: 0,
  totalFreight: 0,
  freightExpediteKnown: 0,
});

/** Snapshots grouped per SKU × location, sorted by day, built once and reused across periods. */
export interface PreparedKpiInputs extends KpiInputs {
  readonly series: ReadonlyMap<string, readonly InventorySnapshot[]>;
  readonly episodes: readonly StockoutEpisode[];
  readonly asOf: number;
}

/** Groups and sorts the snapshots and detects stockout episodes once (as of `asOf`). */
export function prepareKpiInputs(inputs: KpiInputs, asOf: number): PreparedKpiInputs {
  const series = new Map<string, InventorySnapshot[]>();
  for (const s of inputs.snapshots) {
    if (s.day > asOf) continue;
    const k = itemKey(s.sku, s.location);
    const a = getOrInsert(series, k, () => []);
    a.push(s);
  }
  for (const a of series.values()) a.sort((x, y) => x.day - y.day);
  const kept = [...series.values()].flat();
  return { ...inputs, series, episodes: episodesFromSnapshots(kept, asOf), asOf };
}

/**
 * Unit cost on `day`: the latest snapshot on or before it that carries a cost, else the lookup, else
 * the earliest later snapshot with a cost; null when none is known.
 */
function costAt(
  rows: readonly InventorySnapshot[] | undefined,
  day: number,
  lookup: number | null,
): number | null {
  let before: number | null = null;
  let after: number | null = null;
  for (const r of rows ?? []) {
    if (r.unitCost === null) continue;
    if (r.day <= day) before = r.unitCost;
    else if (after === null) after = r.unitCost;
  }
  return before ?? lookup ?? after;
}

/**
 * All KPIs per group over one period (cut at asOf). Definitions and units on each KpiValues field;
 * formulas from docs/suppliers-and-kpis.md's KPI table. Pass PreparedKpiInputs when computing many periods.
 */
export function computeKpis(
  inputs: KpiInputs | PreparedKpiInputs,
  period: Period,
  opts: KpiOptions,
): Map<string, KpiValues> {
  const prep = "series" in inputs && inputs.asOf === opts.asOf ? inputs : prepareKpiInputs(inputs, opts.asOf);
  const groupBy = opts.groupBy ?? groupAll;
  const terms = resolveTerms(opts.terms);
  const s = period.start;
  const e = Math.min(period.end, opts.asOf);
  const days = e - s + 1;
  const accs = new Map<string, Acc>();
  const acc = (g: string): Acc => {
    const a = getOrInsert(accs, g, () => newAcc());
    return a;
  };
  const lookup = inputs.unitCost ?? (() => null);
  if (days <= 0) return new Map();

  // Inventory value (carried forward day by day) and the SKU × locations present.
  for (const rows of prep.series.values()) {
    const { sku, location } = rows[0]!;
    const g = groupBy({ sku, location });
    if (g === null || rows[0]!.day > e) continue;
    const a = acc(g);
    a.series++;
    const fallback = lookup(sku, location);
    let i = -1;
    let cost: number | null = null;
    for (let d = s; d <= e; d++) {
      while (i + 1 < rows.length && rows[i + 1]!.day <= d) {
        i++;
        const c = rows[i]!.unitCost ?? fallback;
        if (c !== null) cost = c;
      }
      if (i >= 0 && cost !== null) a.invValueDays += Math.max(0, rows[i]!.onHand) * cost;
    }
  }

  // COGS, order fulfilment and unit fill rate.
  const orders = new Map<string, { g: string; due: number; ok: boolean }>();
  for (const l of inputs.customerOrders) {
    const location = l.location ?? "";
    const g = groupBy({ sku: l.sku, location });
    if (g === null) continue;
    const shipped = Math.min(Math.max(0, l.qtyShipped), l.qty);
    if (l.shipDay !== null && l.shipDay >= s && l.shipDay <= e && shipped > 0) {
      const c = costAt(prep.series.get(itemKey(l.sku, location)), l.shipDay, lookup(l.sku, location));
      if (c !== null) acc(g).cogs += shipped * c;
    }
    const due = l.promisedDay ?? l.day;
    const onTime = l.shipDay !== null && l.shipDay <= due && l.shipDay <= opts.asOf;
    const lineOk = onTime && l.qtyShipped >= l.qty;
    const key = `${g}\u0000${l.orderId}`;
    const o = orders.get(key);
    if (o) {
      o.due = Math.max(o.due, due);
      o.ok &&= lineOk;
    } else orders.set(key, { g, due, ok: lineOk });
    if (due >= s && due <= e) {
      const a = acc(g);
      a.unitsOrdered += l.qty;
      if (onTime) a.unitsFilled += shipped;
    }
  }
  for (const o of orders.values()) {
    if (o.due < s || o.due > e) continue;
    const a = acc(o.g);
    a.orders++;
    if (o.ok) a.ordersOk++;
  }

  // Supplier on time, lead times, freight.
  for (const l of inputs.purchaseLines) {
    const g = groupBy({ sku: l.sku, location: l.location, supplier: l.supplier });
    if (g === null) continue;
    const due = dueDay(l);
    if (due !== null && due >= s && due <= e) {
      const o = classifyLine(l, opts.asOf, terms);
      if (o.onTime !== null) {
        const a = acc(g);
        a.supRated++;
        if (o.onTime) a.supOnTime++;
      }
    }
    if (l.receivedDay !== null && l.orderDay !== null && l.receivedDay >= s && l.receivedDay <= e) {
      acc(g).leadTimes.push(l.receivedDay - l.orderDay);
    }
    const freightDay = l.receivedDay ?? l.promisedDay ?? l.orderDay;
    if (l.freightCost !== null && freightDay !== null && freightDay >= s && freightDay <= e) {
      const a = acc(g);
      a.totalFreight += l.freightCost;
      if (l.expedited !== null) a.freightExpediteKnown += l.freightCost;
      if (l.expedited === true) a.emergencyFreight += l.freightCost;
    }
  }

  // Stockout episodes starting in the period.
  for (const ep of prep.episodes) {
    if (ep.start < s || ep.start > e) continue;
    const g = groupBy({ sku: ep.sku, location: ep.location });
    if (g === null) continue;
    const a = acc(g);
    a.episodes++;
    a.episodeDays += ep.durationDays;
  }

  // Forecast accuracy.
  for (const f of inputs.forecasts ?? []) {
    if (f.day < s || f.day > e) continue;
    const g = groupBy({ sku: f.sku, location: f.location });
    if (g === null) continue;
    const a = acc(g);
    a.fActual.push(f.actual);
    a.fForecast.push(f.forecast);
  }

  let totalAvg = 0;
  for (const a of accs.values()) totalAvg += a.invValueDays / days;
  const carrying = opts.carrying ?? DEFAULT_CARRYING_COST;
  const out = new Map<string, KpiValues>();
  for (const g of [...accs.keys()].sort()) {
    const a = accs.get(g)!;
    const avgInv = a.invValueDays / days;
    const turnover = ratio(a.cogs, avgInv);
    const cc = carryingCost(carrying, avgInv, totalAvg, days);
    const fa = mapeWape(a.fActual, a.fForecast);
    out.set(g, {
      days,
      cogs: a.cogs,
      averageInventoryValue: avgInv,
      turnover,
      turnoverAnnualised: (turnover * 365) / days,
      dio: a.cogs > 0 ? (avgInv / a.cogs) * days : Number.NaN,
      orders: a.orders,
      ordersOnTimeInFull: a.ordersOk,
      orderFulfilmentRate: ratio(a.ordersOk, a.orders),
      unitsOrdered: a.unitsOrdered,
      unitsFilled: a.unitsFilled,
      unitFillRate: ratio(a.unitsFilled, a.unitsOrdered),
      supplierLinesRated: a.supRated,
      supplierLinesOnTime: a.supOnTime,
      supplierOnTimeRate: ratio(a.supOnTime, a.supRated),
      stockoutEpisodes: a.episodes,
      skuLocations: a.series,
      stockoutFrequency: ratio(a.episodes, (a.series * days) / DAYS_PER_MONTH),
      stockoutMeanDurationDays: ratio(a.episodeDays, a.episodes),
      carryingCost: cc.cost,
      carryingCostPct: cc.annualPct,
      leadTimeSamples: a.leadTimes.length,
      leadTimeMeanDays: ratio(
        a.leadTimes.reduce((x, y) => x + y, 0),
        a.leadTimes.length,
      ),
      leadTimeSdDays: a.leadTimes.length > 0 ? sd(a.leadTimes) : Number.NaN,
      forecastPoints: fa.n,
      mape: fa.mape,
      wape: fa.wape,
      emergencyFreight: a.emergencyFreight,
      totalFreight: a.totalFreight,
      // Over the freight of lines that say whether they were expedited (none say → NaN, not 0).
      emergencyFreightShare: ratio(a.emergencyFreight, a.freightExpediteKnown),
    });
  }
  return out;
}

/** KPI values of one group in one period. */
export interface KpiRow {
  readonly period: Period;
  readonly group: string;
  readonly values: KpiValues;
}

/** KPIs per ISO week from the week holding `from` to the week holding `to` (cut at asOf), per group. */
export function kpisByWeek(inputs: KpiInputs, from: number, to: number, opts: KpiOptions): KpiRow[] {
  const prep = prepareKpiInputs(inputs, opts.asOf);
  const rows: KpiRow[] = [];
  for (const p of periodsBetween(from, Math.min(to, opts.asOf), "week")) {
    for (const [group, values] of computeKpis(prep, p, opts)) rows.push({ period: p, group, values });
  }
  return rows;
}

/** KPIs over a trailing window ending on asOf: `{ months }` calendar months or `{ days }` days. */
export function kpisTrailing(
  inputs: KpiInputs,
  window: { readonly months: number } | { readonly days: number },
  opts: KpiOptions,
): KpiRow[] {
  const p =
    "months" in window ? trailingMonths(opts.asOf, window.months) : trailingDays(opts.asOf, window.days);
  return [...computeKpis(inputs, p, opts)].map(([group, values]) => ({ period: p, group, values }));
}
