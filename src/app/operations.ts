import { join } from "node:path";
import { type AgingReport, agingReport, DEFAULT_AGING_THRESHOLDS } from "../core/aging/aging-report.js";
import { receiptsFromPurchaseLines, type StockMovement } from "../core/aging/movements.js";
import { epochDayFromParts, formatIsoDate, isoWeekday, partsFromEpochDay } from "../core/calendar.js";
import { type AbcClass, classifyAbc } from "../core/classify/abc.js";
import { DEFAULT_ITEM } from "../core/item.js";
import { computeKpis, type KpiInputs, kpisByWeek, prepareKpiInputs } from "../core/kpi/compute.js";
import { groupByLocation, groupBySku } from "../core/kpi/group-by.js";
import { addMonths, isoWeekStart, type Period, periodOf, trailingMonths } from "../core/kpi/period.js";
import { playbooksFor } from "../core/kpi/playbooks.js";
import type {
  CustomerOrderLine,
  ForecastActual,
  GroupKeyFn,
  InventorySnapshot,
  ItemRef,
} from "../core/kpi/records.js";
import { itemKey } from "../core/kpi/records.js";
import { type KpiName, kpiLights } from "../core/kpi/traffic-light.js";
import { weekOverWeek } from "../core/kpi/week-over-week.js";
import type { SupplierStats } from "../core/policy/plan-policy.js";
import {
  attributeStockout,
  type DailySeries,
  type RootCauseContext,
  type StockoutCause,
} from "../core/root-cause/attribute.js";
import {
  episodesFromOrders,
  episodesFromSnapshots,
  type StockoutEpisode,
} from "../core/root-cause/episodes.js";
import { paretoOfCauses } from "../core/root-cause/pareto.js";
import { triggerDays } from "../core/root-cause/trigger-days.js";
import { quantileSorted } from "../core/stats/summary.js";
import { type ConcentrationReport, concentrationReport } from "../core/supplier/concentration.js";
import { leadTimeStats } from "../core/supplier/lead-time-stats.js";
import { dueDay, type PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import {
  leadTimeSamples,
  type SupplierScore,
  scoreSuppliers,
  supplierScorecard,
} from "../core/supplier/scorecard.js";
import type { EpochDay } from "../core/units.js";
import { type Cell, writeCsv } from "../io/csv-writer.js";
import {
  KPI_DIMENSIONS,
  type KpiDimension,
  type KpiGroupRow,
  type KpiGroups,
  type KpiSection,
  type OperationsReportModel,
  type StockoutSection,
  type SupplierSection,
} from "../report/operations-report.js";

/**
 * The operations part of `takt analyze` (issue 5): supplier scorecards, concentration, weekly KPIs
 * with traffic lights and playbooks, stockout root cause and aging, from optional purchase-order
 * lines, inventory snapshots and customer orders, plus what the plan knows per series. Every section
 * is null when its inputs are missing, and `missing` says what would fill it (docs/operations-inputs.md).
 */

/** The operational records given to `takt analyze`; each kind is optional. */
export interface OperationsData {
  readonly purchaseLines?: readonly PurchaseOrderLine[];
  readonly snapshots?: readonly InventorySnapshot[];
  readonly customerOrders?: readonly CustomerOrderLine[];
}

/** What the plan knows about one SKU × location, for root cause, aging and concentration. */
export interface SeriesFacts {
  readonly sku: string;
  readonly location: string;
  /** Lead time the plan used, days. */
  readonly leadTimeDays: number;
  /** Recommended safety stock and reorder point, units. */
  readonly safetyStock: number;
  readonly reorderPoint: number;
  /** Planned mean demand, units/day. */
  readonly meanDailyDemand: number;
  /** Daily demand history (sales), when the history is daily. */
  readonly demand?: DailySeries;
  readonly abc?: AbcClass;
}

/** Complete ISO weeks of KPIs, and of forecasts scored against them (the planner makes them). */
export const DEFAULT_KPI_WEEKS = 8;
/** The shorter trailing window of the KPIs by group, weeks (the longer is the whole KPI window). */
export const GROUP_TRAILING_WEEKS = 4;
/** The group of records whose attribute (category, ABC class, supplier, location) is unknown. */
export const NO_GROUP = "(none)";

export interface OperationsOptions {
  /** The day the analysis is drawn up; default the last day of any record (operationsAsOf). */
  readonly asOf?: number;
  /** Complete ISO weeks of KPIs (default DEFAULT_KPI_WEEKS). */
  readonly kpiWeeks?: number;
  /** Months of the monthly scorecard and the trailing window (default 12). */
  readonly months?: number;
  /** Episodes listed in detail (most recent first, default 50). */
  readonly episodeLimit?: number;
  readonly plan?: readonly SeriesFacts[];
  /** Unit cost per SKU × location (items master or plan), money per unit. */
  readonly unitCost?: (sku: string, location: string) => number | null;
  /** Suppliers the items master names per SKU (a qualified second source is no single source). */
  readonly approvedSuppliers?: ReadonlyMap<string, readonly string[]>;
  /** The items master's category and supplier per SKU × location, for the KPIs by group. */
  readonly itemGroups?: (
    sku: string,
    location: string,
  ) => { readonly category?: string | undefined; readonly supplier?: string | undefined };
  /**
   * Forecasts of the KPI weeks' days made before each week, with their actuals (MAPE, WAPE);
   * undefined = no demand history.
   */
  readonly forecasts?: readonly ForecastActual[];
  /**
   * The reorder setting in force in the company's own system per SKU × location (items master), for
   * the root-cause checks `process` and `threshold-too-low`; null when the master gives no reorder point.
   */
  readonly reorderInForce?: (sku: string, location: string) => ReorderInForce | null;
}

/** What the company's system replenishes with: an observed setting, not the plan's recommendation. */
export interface ReorderInForce {
  /** The reorder point in force (items master `reorder_point`), units. */
  readonly reorderPoint: number;
  /**
   * Days between reviews (items master `review_period_days`, else the default): an order is expected
   * within max(1, this) days of the trigger firing.
   */
  readonly reviewPeriodDays: number;
}

/** The result: the report's model (src/report/operations-report.ts), sections null when inputs lack. */
export type OperationsAnalysis = OperationsReportModel;

/**
 * The last day anything happened in the records: order, receipt, snapshot, customer order or
 * shipment (promised days are intentions, not events, and are left out). Null without records.
 */
export function operationsAsOf(data: OperationsData): EpochDay | null {
  let last = Number.NEGATIVE_INFINITY;
  const see = (d: number | null): void => {
    if (d !== null && d > last) last = d;
  };
  for (const l of data.purchaseLines ?? []) {
    see(l.orderDay);
    see(l.receivedDay);
  }
  for (const s of data.snapshots ?? []) see(s.day);
  for (const o of data.customerOrders ?? []) {
    see(o.day);
    see(o.shipDay);
  }
  return Number.isFinite(last) ? (last as EpochDay) : null;
}

/** The last day of the latest complete ISO week on or before `asOf` (a Sunday). */
export const lastCompleteWeekEnd = (asOf: number): number =>
  isoWeekday(asOf) === 7 ? asOf : isoWeekStart(asOf) - 1;

/** The last day of the latest complete calendar month on or before `asOf`. */
function lastCompleteMonthEnd(asOf: number): number {
  if (partsFromEpochDay(asOf + 1).day === 1) return asOf;
  const { year, month } = partsFromEpochDay(asOf);
  return epochDayFromParts(year, month, 1) - 1;
}

/** Supply facts for one series, for the planner: observed lead times and the supplier's record. */
export interface SeriesSupply {
  readonly supplier: string | null;
  /** Lead-time samples, days: this supplier × location × SKU when it has ≥ minSamples, else the supplier's. */
  readonly leadTimeSamples?: Float64Array;
  readonly samplesScope?: "series" | "supplier";
  readonly supplierStats?: SupplierStats;
}

/**
 * Per series, the supplier (the items master's, else the one with most PO lines for the SKU ×
 * location, else for the SKU) and its observed lead times over the `months` months ending on asOf:
 * the series' own receipts when there are at least `minSamples` (default 3, the policy engine's
 * threshold), else all the supplier's receipts. The supplier's trailing on-time rate and lead-time CV
 * go with them.
 */
export function seriesSupply(
  lines: readonly PurchaseOrderLine[],
  series: readonly { readonly sku: string; readonly location: string }[],
  opts: {
    readonly asOf: number;
    readonly months?: number;
    readonly minSamples?: number;
    readonly supplierOf?: (sku: string, location: string) => string | null;
  },
): SeriesSupply[] {
  const window = trailingMonths(opts.asOf, opts.months ?? 12);
  const min = opts.minSamples ?? 3;
  const perSeries = new Map<string, Map<string, number[]>>();
  const countsSeries = new Map<string, Map<string, number>>();
  const countsSku = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, k: string, s: string): void => {
    const c = m.get(k) ?? new Map<string, number>();
    c.set(s, (c.get(s) ?? 0) + 1);
    m.set(k, c);
  };
  const inWindow = lines
    .filter((l) => l.receivedDay !== null && l.receivedDay >= window.start && l.receivedDay <= opts.asOf)
    .sort((a, b) => a.receivedDay! - b.receivedDay!);
  for (const l of lines) {
    bump(countsSeries, itemKey(l.sku, l.location), l.supplier);
    bump(countsSku, l.sku, l.supplier);
  }
  for (const l of inWindow) {
    if (l.orderDay === null) continue;
    const k = itemKey(l.sku, l.location);
    const bySup = perSeries.get(k) ?? new Map<string, number[]>();
    const a = bySup.get(l.supplier) ?? [];
    a.push(l.receivedDay! - l.orderDay);
    bySup.set(l.supplier, a);
    perSeries.set(k, bySup);
  }
  const bySupplier = leadTimeSamples(lines, { asOf: opts.asOf, from: window.start }).bySupplier;
  const scores = new Map(scoreSuppliers(lines, window, { asOf: opts.asOf }).map((s) => [s.supplier, s]));
  const most = (c: Map<string, number> | undefined): string | null =>
    c === undefined ? null : [...c].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  return series.map(({ sku, location }) => {
    const k = itemKey(sku, location);
    const supplier =
      opts.supplierOf?.(sku, location) ?? most(countsSeries.get(k)) ?? most(countsSku.get(sku));
    if (supplier === null) return { supplier: null };
    const own = perSeries.get(k)?.get(supplier);
    const score = scores.get(supplier);
    const stats: { onTimeRate?: number; leadTimeCv?: number } = {};
    if (score && Number.isFinite(score.onTimeRate)) stats.onTimeRate = score.onTimeRate;
    if (score && Number.isFinite(score.leadTime.cv)) stats.leadTimeCv = score.leadTime.cv;
    const withStats = Object.keys(stats).length > 0 ? { supplierStats: stats as SupplierStats } : {};
    if (own !== undefined && own.length >= min)
      return { supplier, leadTimeSamples: Float64Array.from(own), samplesScope: "series", ...withStats };
    const sup = bySupplier.get(supplier);
    if (sup !== undefined && sup.length > 0)
      return { supplier, leadTimeSamples: sup, samplesScope: "supplier", ...withStats };
    return { supplier, ...withStats };
  });
}

const median = (xs: readonly number[]): number => quantileSorted(Float64Array.from(xs).sort(), 0.5);

/**
 * Runs every operations section that its inputs allow (docs/operations-inputs.md):
 * - suppliers (needs PO lines): trailing scorecard as of asOf, complete months for escalation, lead
 *   time per supplier × mode; concentration over lines due in the window (A items from the plan's ABC,
 *   else ABC by PO spend per SKU);
 * - KPIs (need any record): the last `kpiWeeks` complete ISO weeks, lights and playbooks;
 * - stockouts (need snapshots, else customer orders): episodes starting in the window, attributed
 *   with the plan's lead time, safety stock, reorder point and demand history, and the reorder point
 *   in force (threshold check; its trigger days replayed from snapshots and PO lines: process check);
 * - aging (needs snapshots): receipts from PO lines, consumption from the demand history, else
 *   customer orders.
 */
export function analyzeOperations(data: OperationsData, opts: OperationsOptions = {}): OperationsAnalysis {
  const cost = opts.unitCost;
  // Lines without a unit cost take the items master's, for value shares and spend.
  const po = (data.purchaseLines ?? []).map((l) =>
    l.unitCost === null && cost ? { ...l, unitCost: cost(l.sku, l.location) } : l,
  );
  const snaps = data.snapshots ?? [];
  const orders = data.customerOrders ?? [];
  const asOf = (opts.asOf ?? operationsAsOf(data)) as EpochDay | null;
  const missing: string[] = [];
  if (po.length === 0)
    missing.push(
      "Supplier scorecards and concentration need purchase-order lines (supplier, sku, qty_ordered, order / promised / received dates).",
    );
  if (snaps.length === 0 && orders.length === 0)
    missing.push(
      "Stockout root cause needs inventory snapshots (date, sku, on_hand) or customer order lines (order_id, date, sku, qty, qty_shipped, ship_date).",
    );
  if (snaps.length === 0)
    missing.push("Aging needs inventory snapshots (date, sku, location, on_hand, unit_cost).");
  if (asOf === null) {
    missing.unshift("Weekly KPIs need purchase-order lines, inventory snapshots or customer orders.");
    return {
      asOf: null,
      missing,
      suppliers: null,
      concentration: null,
      kpis: null,
      stockouts: null,
      aging: null,
    };
  }
  const months = opts.months ?? 12;
  const window = trailingMonths(asOf, months);
  const facts = new Map((opts.plan ?? []).map((f) => [itemKey(f.sku, f.location), f]));

  let suppliers: SupplierSection | null = null;
  let concentration: ConcentrationReport | null = null;
  if (po.length > 0) {
    const monthEnd = lastCompleteMonthEnd(asOf);
    const card = supplierScorecard(po, {
      asOf,
      kind: "month",
      from: addMonths(monthEnd, -(months - 1)),
      to: monthEnd,
      trailingMonths: months,
    });
    const lt = leadTimeSamples(po, { asOf, from: window.start });
    suppliers = {
      window,
      trailing: [...card.trailing.values()].sort(
        (a, b) => b.linesScored - a.linesScored || a.supplier.localeCompare(b.supplier),
      ),
      months: card.periods,
      monthly: card.bySupplier,
      escalation: card.escalation,
      leadTimeByMode: [...lt.bySupplierMode].flatMap(([supplier, m]) =>
        [...m].map(([mode, samples]) => ({ supplier, mode, stats: leadTimeStats(samples) })),
      ),
    };
    const due = po.filter((l) => {
      const d = dueDay(l);
      return d !== null && d >= window.start && d <= asOf;
    });
    concentration = concentrationReport(due, isAFunction(due, opts.plan), opts.approvedSuppliers);
  }

  const kpiInputs: KpiInputs = {
    snapshots: snaps,
    customerOrders: orders,
    purchaseLines: po,
    ...(opts.unitCost ? { unitCost: opts.unitCost } : {}),
    ...(opts.forecasts ? { forecasts: opts.forecasts } : {}),
  };
  const weekEnd = lastCompleteWeekEnd(asOf);
  const nWeeks = opts.kpiWeeks ?? DEFAULT_KPI_WEEKS;
  const kpiStart = weekEnd - 7 * nWeeks + 1;
  const rows = kpisByWeek(kpiInputs, kpiStart, weekEnd, { asOf });
  const changes = weekOverWeek(rows);
  const weeks = rows.map((row, i) => ({ row, lights: kpiLights(row.values), change: changes[i]! }));
  const latest = weeks[weeks.length - 1];
  const red = latest ? playbooksFor(latest.lights, "red").map((p) => ({ ...p, level: "red" as const })) : [];
  const yellowOnly = latest
    ? playbooksFor(latest.lights, "yellow")
        .filter((p) => !red.some((r) => r.playbook === p.playbook))
        .map((p) => ({ ...p, level: "yellow" as const }))
    : [];
  const notMeasured = [
    ...(po.length === 0 ? ["purchase-order lines (supplier on time, lead-time sd, emergency freight)"] : []),
    ...(snaps.length === 0
      ? ["inventory snapshots (inventory value, turns, DIO, carrying cost, stockouts)"]
      : []),
    ...(orders.length === 0 ? ["customer orders (COGS, order fulfilment, unit fill rate)"] : []),
    ...(opts.forecasts === undefined
      ? ["a demand history (MAPE, WAPE of the forecasts made before each week)"]
      : opts.forecasts.some((f) => f.day >= kpiStart && f.day <= weekEnd)
        ? []
        : ["forecasts of these weeks (MAPE, WAPE: the history is not daily or does not reach them)"]),
  ];
  const byGroup =
    weeks.length > 0 ? kpisByGroup(kpiInputs, asOf, weekEnd, nWeeks, groupKeys(po, opts)) : null;
  const kpis: KpiSection = { weeks, byGroup, playbooks: [...red, ...yellowOnly], notMeasured };

  const stockouts =
    snaps.length > 0 || orders.length > 0
      ? stockoutSection(po, snaps, orders, asOf, window, facts, opts)
      : null;

  let aging: AgingReport | null = null;
  if (snaps.length > 0) {
    const consumption = consumptionMovements(snaps, orders, facts, asOf);
    aging = agingReport(snaps, receiptsFromPurchaseLines(po, asOf), consumption, asOf, {
      ...(opts.unitCost ? { unitCost: opts.unitCost } : {}),
    });
  }
  return { asOf, missing, suppliers, concentration, kpis, stockouts, aging };
}

/**
 * The group key of every dimension of the KPIs by group; unknown attributes go to NO_GROUP.
 * - category: the items master's, per SKU × location;
 * - abc: the plan's class of the SKU × location, else the SKU's best class at any location;
 * - supplier: a purchase-order line's own; other records the items master's supplier, else the one with
 *   most PO lines for the SKU × location, else for the SKU (as seriesSupply picks it);
 * - location: "" (no location column) is NO_GROUP.
 */
function groupKeys(
  po: readonly PurchaseOrderLine[],
  opts: OperationsOptions,
): Record<KpiDimension, GroupKeyFn> {
  const cached = (f: (sku: string, location: string) => string | null | undefined): GroupKeyFn => {
    const cache = new Map<string, string>();
    return (r: ItemRef) => {
      const k = `${r.sku}\u0000${r.location}`;
      let g = cache.get(k);
      if (g === undefined) {
        g = f(r.sku, r.location) || NO_GROUP;
        cache.set(k, g);
      }
      return g;
    };
  };
  const abcSeries = new Map<string, AbcClass>();
  const abcSku = new Map<string, AbcClass>();
  for (const f of opts.plan ?? []) {
    if (f.abc === undefined) continue;
    abcSeries.set(itemKey(f.sku, f.location), f.abc);
    const best = abcSku.get(f.sku);
    if (best === undefined || f.abc < best) abcSku.set(f.sku, f.abc);
  }
  const counts = (key: (l: PurchaseOrderLine) => string) => {
    const m = new Map<string, Map<string, number>>();
    for (const l of po) {
      const c = m.get(key(l)) ?? new Map<string, number>();
      c.set(l.supplier, (c.get(l.supplier) ?? 0) + 1);
      m.set(key(l), c);
    }
    return (k: string): string | undefined => {
      const c = m.get(k);
      return c && [...c].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    };
  };
  const bySeries = counts((l) => itemKey(l.sku, l.location));
  const bySku = counts((l) => l.sku);
  const itemSupplier = cached(
    (sku, location) =>
      opts.itemGroups?.(sku, location).supplier || bySeries(itemKey(sku, location)) || bySku(sku),
  );
  return {
    sku: groupBySku,
    category: cached((sku, location) => opts.itemGroups?.(sku, location).category),
    abc: cached((sku, location) => abcSeries.get(itemKey(sku, location)) ?? abcSku.get(sku)),
    supplier: (r) => r.supplier || itemSupplier(r),
    location: (r) => groupByLocation(r) || NO_GROUP,
  };
}

/**
 * The KPIs of every dimension's groups over the latest complete week and the trailing windows ending
 * with it (GROUP_TRAILING_WEEKS weeks and the whole KPI window), with lights. Dimensions where no
 * record has a known group (no items master, no plan, one location) are left out.
 */
function kpisByGroup(
  inputs: KpiInputs,
  asOf: number,
  weekEnd: number,
  nWeeks: number,
  keys: Record<KpiDimension, GroupKeyFn>,
): KpiGroups {
  const trailing = [...new Set([GROUP_TRAILING_WEEKS, nWeeks])].filter((n) => n > 1).sort((a, b) => a - b);
  const periods: Period[] = [
    periodOf(weekEnd, "week"),
    ...trailing.map((n) => ({
      key: `T${n}W@${formatIsoDate(weekEnd)}`,
      start: (weekEnd - 7 * n + 1) as EpochDay,
      end: weekEnd as EpochDay,
    })),
  ];
  const prep = prepareKpiInputs(inputs, asOf);
  const rows: KpiGroupRow[] = [];
  const dimensions: KpiDimension[] = [];
  for (const dimension of KPI_DIMENSIONS) {
    const dim: KpiGroupRow[] = [];
    for (const period of periods)
      for (const [group, values] of computeKpis(prep, period, { asOf, groupBy: keys[dimension] })) {
        const lights = kpiLights(values);
        const reds = Object.values(lights).filter((l) => l === "red").length;
        dim.push({ dimension, group, period, values, lights, reds });
      }
    if (!dim.some((r) => r.group !== NO_GROUP)) continue;
    dimensions.push(dimension);
    rows.push(...dim);
  }
  const focus = periods.find((p) => p.key.startsWith(`T${GROUP_TRAILING_WEEKS}W`)) ?? periods.at(-1)!;
  return { periods, focus, dimensions, rows };
}

/** A SKU is A when the plan classes it A at any location; without a plan, ABC by PO spend per SKU. */
function isAFunction(
  po: readonly PurchaseOrderLine[],
  plan: readonly SeriesFacts[] | undefined,
): (sku: string) => boolean {
  const a = new Set<string>();
  const classed = plan?.filter((f) => f.abc !== undefined) ?? [];
  if (classed.length > 0) {
    for (const f of classed) if (f.abc === "A") a.add(f.sku);
  } else {
    const spend = new Map<string, number>();
    for (const l of po)
      spend.set(l.sku, (spend.get(l.sku) ?? 0) + (l.unitCost === null ? 0 : l.qtyOrdered * l.unitCost));
    const skus = [...spend.keys()];
    const classes = classifyAbc(Float64Array.from(skus, (s) => spend.get(s)!));
    skus.forEach((s, i) => {
      if (classes[i] === "A") a.add(s);
    });
  }
  return (sku) => a.has(sku);
}

function stockoutSection(
  po: readonly PurchaseOrderLine[],
  snaps: readonly InventorySnapshot[],
  orders: readonly CustomerOrderLine[],
  asOf: number,
  window: Period,
  facts: ReadonlyMap<string, SeriesFacts>,
  opts: OperationsOptions,
): StockoutSection {
  const source = snaps.length > 0 ? "snapshots" : "customer orders";
  const all: StockoutEpisode[] =
    snaps.length > 0
      ? episodesFromSnapshots(
          snaps.filter((s) => s.day <= asOf),
          asOf,
        )
      : episodesFromOrders(orders.filter((o) => o.day <= asOf));
  const episodes = all.filter((e) => e.start >= window.start && e.start <= asOf);
  const poBySeries = new Map<string, PurchaseOrderLine[]>();
  for (const l of po) {
    const k = itemKey(l.sku, l.location);
    const a = poBySeries.get(k) ?? [];
    a.push(l);
    poBySeries.set(k, a);
  }
  const snapsBySeries = new Map<string, InventorySnapshot[]>();
  for (const s of snaps) {
    if (s.day > asOf) continue;
    const k = itemKey(s.sku, s.location);
    const a = snapsBySeries.get(k) ?? [];
    a.push(s);
    snapsBySeries.set(k, a);
  }
  const triggersBySeries = new Map<string, readonly number[]>();
  const attributions = episodes.map((ep) => {
    const k = itemKey(ep.sku, ep.location);
    const f = facts.get(k);
    const lines = poBySeries.get(k) ?? [];
    const inForce = opts.reorderInForce?.(ep.sku, ep.location) ?? null;
    const check = reorderChecks(k, inForce, f, lines, snapsBySeries.get(k), asOf, triggersBySeries);
    const observed = lines.filter(
      (l) => l.orderDay !== null && l.receivedDay !== null && l.receivedDay < ep.start,
    );
    const leadTimeDays = Math.max(
      1,
      Math.round(
        f?.leadTimeDays ??
          (observed.length > 0
            ? median(observed.map((l) => l.receivedDay! - l.orderDay!))
            : DEFAULT_ITEM.leadTimeDays),
      ),
    );
    const flat = f?.demand
      ? { start: f.demand.start, values: new Float64Array(f.demand.values.length).fill(f.meanDailyDemand) }
      : undefined;
    return attributeStockout(ep, {
      purchaseLines: lines,
      leadTimeDays,
      ...(f?.demand && flat ? { demand: f.demand, forecast: flat, bufferUnits: f.safetyStock } : {}),
      ...(f ? { reorderPointRecommended: f.reorderPoint } : {}),
      ...check,
    });
  });
  const byMonth = paretoOfCauses(attributions, "month");
  const totals = new Map<StockoutCause, { episodes: number; days: number }>();
  for (const a of attributions) {
    const t = totals.get(a.primary) ?? { episodes: 0, days: 0 };
    t.episodes++;
    t.days += a.episode.durationDays;
    totals.set(a.primary, t);
  }
  let cum = 0;
  const n = attributions.length;
  const pareto = [...totals]
    .sort((a, b) => b[1].episodes - a[1].episodes || b[1].days - a[1].days)
    .map(([cause, t]) => {
      cum += t.episodes;
      return { cause, episodes: t.episodes, days: t.days, share: t.episodes / n, cumulativeShare: cum / n };
    });
  const notChecked = new Map<string, number>();
  for (const a of attributions) for (const c of a.notChecked) notChecked.set(c, (notChecked.get(c) ?? 0) + 1);
  const recent = [...attributions]
    .sort((a, b) => b.episode.start - a.episode.start)
    .slice(0, opts.episodeLimit ?? 50);
  return {
    source,
    window,
    episodes: n,
    attributions: recent,
    pareto,
    byMonth,
    notChecked: [...notChecked].map(([check, episodes]) => ({ check, episodes })),
  };
}

/** Notes for the checks that cannot run (RootCauseContext.notCheckedWhy). */
export const NO_REORDER_POINT_IN_FORCE = "no reorder point in force (items master reorder_point)";
export const NO_SNAPSHOTS_FOR_TRIGGERS = "no inventory snapshots to replay the trigger from";
export const NO_PO_LINES_FOR_TRIGGERS = "no purchase-order lines of the SKU × location";
export const NO_PLAN_REORDER_POINT = "no recommended reorder point (the plan needs a demand history)";

/**
 * The root-cause inputs about the reorder setting of one SKU × location:
 * - threshold-too-low: the reorder point in force (items master) against the plan's;
 * - process: the days its trigger fired, replayed (triggerDays) from the series' snapshots up to asOf,
 *   rolled forward with the accepted receipts of its PO lines and, with a daily demand history, its
 *   daily sales; on order = its PO lines ordered and not yet received. Needs the reorder point in
 *   force, a snapshot and at least one PO line of the series (without any line the PO export may
 *   simply not cover it, so "never ordered" is not claimed). Orders are expected within the review
 *   period (at least 1 day). Trigger days are computed once per series (`cache`).
 */
function reorderChecks(
  key: string,
  inForce: ReorderInForce | null,
  f: SeriesFacts | undefined,
  lines: readonly PurchaseOrderLine[],
  snaps: readonly InventorySnapshot[] | undefined,
  asOf: number,
  cache: Map<string, readonly number[]>,
): Partial<RootCauseContext> {
  const why: Record<string, string> = {};
  if (f === undefined) why["threshold-too-low"] = NO_PLAN_REORDER_POINT;
  if (inForce === null) {
    why.process = NO_REORDER_POINT_IN_FORCE;
    why["threshold-too-low"] = NO_REORDER_POINT_IN_FORCE;
    return { notCheckedWhy: why };
  }
  let triggers = cache.get(key);
  if (triggers === undefined && snaps !== undefined && lines.length > 0) {
    triggers = triggerDays({
      snapshots: snaps,
      purchaseLines: lines,
      reorderPoint: inForce.reorderPoint,
      ...(f?.demand ? { outflow: f.demand } : {}),
      to: asOf,
    });
    cache.set(key, triggers);
  }
  if (triggers === undefined)
    why.process = snaps === undefined ? NO_SNAPSHOTS_FOR_TRIGGERS : NO_PO_LINES_FOR_TRIGGERS;
  return {
    reorderPointInForce: inForce.reorderPoint,
    ...(triggers ? { triggerDays: triggers, orderGraceDays: Math.max(1, inForce.reviewPeriodDays) } : {}),
    ...(Object.keys(why).length > 0 ? { notCheckedWhy: why } : {}),
  };
}

/**
 * Units consumed per SKU × location with a snapshot: the daily demand history where the plan has
 * one (the last 90 days and the last day with a sale, which is all aging reads), else shipped
 * customer-order lines.
 */
function consumptionMovements(
  snaps: readonly InventorySnapshot[],
  orders: readonly CustomerOrderLine[],
  facts: ReadonlyMap<string, SeriesFacts>,
  asOf: number,
): StockMovement[] {
  const keys = new Set(snaps.map((s) => itemKey(s.sku, s.location)));
  const out: StockMovement[] = [];
  const fromHistory = new Set<string>();
  const windowStart = asOf - DEFAULT_AGING_THRESHOLDS.usageWindowDays + 1;
  for (const k of keys) {
    const f = facts.get(k);
    if (!f?.demand) continue;
    fromHistory.add(k);
    const { start, values } = f.demand;
    const last = Math.min(values.length - 1, asOf - start);
    let inWindow = 0;
    for (let i = Math.max(0, windowStart - start); i <= last; i++) {
      if (values[i]! > 0) {
        out.push({ day: (start + i) as EpochDay, sku: f.sku, location: f.location, qty: values[i]! });
        inWindow++;
      }
    }
    if (inWindow > 0) continue;
    for (let i = Math.min(last, windowStart - start - 1); i >= 0; i--) {
      if (values[i]! > 0) {
        out.push({ day: (start + i) as EpochDay, sku: f.sku, location: f.location, qty: values[i]! });
        break;
      }
    }
  }
  for (const o of orders) {
    const location = o.location ?? "";
    if (fromHistory.has(itemKey(o.sku, location)) || o.shipDay === null || o.shipDay > asOf) continue;
    const qty = Math.min(o.qtyShipped, o.qty);
    if (qty > 0) out.push({ day: o.shipDay, sku: o.sku, location, qty });
  }
  return out;
}

/** Columns of suppliers.csv: one row per supplier and period (the trailing window, then each month). */
export const SUPPLIER_COLUMNS = [
  "supplier",
  "period",
  "start",
  "end",
  "lines_scored",
  "lines_received",
  "lines_overdue",
  "lines_open",
  "on_time_rate",
  "in_full_rate",
  "otif_rate",
  "lead_time_n",
  "lead_time_mean_days",
  "lead_time_sd_days",
  "lead_time_cv",
  "lead_time_p50_days",
  "lead_time_p90_days",
  "lead_time_p95_days",
  "units_received",
  "units_rejected",
  "rejection_rate",
  "ppm",
  "asn_coverage",
  "asn_accuracy",
  "units_ordered",
  "value_ordered",
  "volume_share",
  "value_share",
  "light_on_time",
  "light_lead_time_cv",
  "light_rejection",
  "light_asn_accuracy",
  "standing",
  "escalation",
] as const;

const KPI_NAMES: readonly KpiName[] = [
  "turnoverAnnualised",
  "dio",
  "orderFulfilmentRate",
  "unitFillRate",
  "supplierOnTimeRate",
  "stockoutFrequency",
  "stockoutMeanDurationDays",
  "carryingCostPct",
  "leadTimeSdDays",
  "mape",
  "wape",
  "emergencyFreightShare",
];

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Columns of kpis_by_group.csv: one row per dimension × group × period, then as kpis.csv. */
export const KPI_GROUP_COLUMNS = [
  "dimension",
  "group",
  "period",
  "start",
  "end",
  "days",
  "average_inventory_value",
  "cogs",
  ...KPI_NAMES.flatMap((k) => [snake(k), `light_${snake(k)}`]),
] as const;

/** Columns of kpis.csv: one row per ISO week, each KPI's value and light. */
export const KPI_COLUMNS = [
  "week",
  "start",
  "end",
  "days",
  "average_inventory_value",
  "cogs",
  ...KPI_NAMES.flatMap((k) => [snake(k), `light_${snake(k)}`]),
] as const;

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function supplierRow(s: SupplierScore, escalation: string): Cell[] {
  return [
    s.supplier,
    s.period.key,
    formatIsoDate(s.period.start),
    formatIsoDate(s.period.end),
    s.linesScored,
    s.linesReceived,
    s.linesOverdue,
    s.linesOpen,
    finite(s.onTimeRate),
    finite(s.inFullRate),
    finite(s.otifRate),
    s.leadTime.n,
    finite(s.leadTime.mean),
    finite(s.leadTime.sd),
    finite(s.leadTime.cv),
    finite(s.leadTime.p50),
    finite(s.leadTime.p90),
    finite(s.leadTime.p95),
    s.unitsReceived,
    s.unitsRejected,
    finite(s.rejectionRate),
    finite(s.ppm),
    finite(s.asnCoverage),
    finite(s.asnAccuracy),
    s.unitsOrdered,
    s.valueOrdered,
    finite(s.volumeShare),
    finite(s.valueShare),
    s.lights.onTime,
    s.lights.leadTimeCv,
    s.lights.rejection,
    s.lights.asnAccuracy,
    s.standing,
    escalation,
  ];
}

/**
 * Writes suppliers.csv (trailing window and monthly scores), kpis.csv (weekly KPIs and lights) and
 * kpis_by_group.csv (the same by dimension and group) into
 * `outDir` for the sections that exist; returns the paths written. Rates are fractions, days days,
 * money the input's currency; empty cells are "nothing to measure".
 */
export async function writeOperationsCsv(outDir: string, a: OperationsAnalysis): Promise<string[]> {
  const files: string[] = [];
  if (a.suppliers !== null) {
    const s = a.suppliers;
    const rows: Cell[][] = [];
    for (const t of s.trailing) {
      rows.push(supplierRow(t, s.escalation.get(t.supplier)?.step ?? "none"));
      for (const m of s.monthly.get(t.supplier) ?? []) if (m !== null) rows.push(supplierRow(m, ""));
    }
    const path = join(outDir, "suppliers.csv");
    await writeCsv(path, SUPPLIER_COLUMNS, rows);
    files.push(path);
  }
  if (a.kpis !== null && a.kpis.weeks.length > 0) {
    const rows = a.kpis.weeks.map((w) => {
      const v = w.row.values;
      return [
        w.row.period.key,
        formatIsoDate(w.row.period.start),
        formatIsoDate(w.row.period.end),
        v.days,
        finite(v.averageInventoryValue),
        finite(v.cogs),
        ...KPI_NAMES.flatMap((k) => [finite(v[k]), w.lights[k]]),
      ];
    });
    const path = join(outDir, "kpis.csv");
    await writeCsv(path, KPI_COLUMNS, rows);
    files.push(path);
  }
  if (a.kpis?.byGroup && a.kpis.byGroup.rows.length > 0) {
    const rows = a.kpis.byGroup.rows.map((r) => {
      const v = r.values;
      return [
        r.dimension,
        r.group,
        r.period.key,
        formatIsoDate(r.period.start),
        formatIsoDate(r.period.end),
        v.days,
        finite(v.averageInventoryValue),
        finite(v.cogs),
        ...KPI_NAMES.flatMap((k) => [finite(v[k]), r.lights[k]]),
      ];
    });
    const path = join(outDir, "kpis_by_group.csv");
    await writeCsv(path, KPI_GROUP_COLUMNS, rows);
    files.push(path);
  }
  return files;
}
