import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import { DEFAULT_KPI_THRESHOLDS, type Light, lightFor } from "../../core/kpi/traffic-light.js";
import {
  abcClasses,
  alertQueue,
  overviewCounts,
  QUEUE_SORTS,
  type QueueSort,
  queueFacets,
  searchSkus,
  signalQueue,
  skuDetail,
  type WeekFigures,
  weeklyFigures,
} from "../../db/dashboard-store.js";
import { principal } from "../auth.js";
import type { RouteContext } from "../context.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { pageBody } from "../pagination.js";
import { PageQuery } from "../validation.js";
import { FIGURE_REFRESH, RefreshingFigure, refreshWithApp } from "./dashboard-cache.js";

const READ = ["admin", "planner", "viewer"] as const;
const ALL = ["admin", "planner", "viewer", "supplier"] as const;

const QueueQuery = z.strictObject({
  ...PageQuery,
  tier: z.enum(["replenishment", "review", "emergency"]).optional().describe("the signal's kind"),
  status: z
    .enum(["open", "approved", "dismissed", "closed"])
    .optional()
    .describe("default open (the work queue)"),
  supplier: z.string().min(1).optional().describe("the item × location's primary supplier"),
  abc: z.enum(["A", "B", "C"]).optional().describe("ABC class by consumption value, last 365 days"),
  location: z.string().min(1).optional(),
  sku: z.string().min(1).optional(),
  sort: z
    .enum(Object.keys(QUEUE_SORTS) as [QueueSort, ...QueueSort[]])
    .default("tier")
    .describe("sort key (then signal id)"),
  desc: z.enum(["true", "false"]).default("false").describe("descending"),
});
const AlertsQuery = z.strictObject({
  ...PageQuery,
  status: z
    .enum(["unresolved", "open", "acknowledged", "escalated", "resolved"])
    .default("unresolved")
    .describe("unresolved = open, acknowledged or escalated"),
  severity: z.enum(["info", "warning", "critical"]).optional(),
  kind: z.enum(["stockout", "late_order", "emergency", "supplier_performance", "data_quality"]).optional(),
  supplier: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
});
const SkusQuery = z.strictObject({
  ...PageQuery,
  q: z.string().min(1).max(100).optional().describe("part of the SKU or its name"),
});
const SkuParams = z.strictObject({ location: z.string().min(1), sku: z.string().min(1) });

/** A KPI tile: this week's value, last week's, the change and the light (none when not rated). */
export interface KpiTile {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly value: number | null;
  readonly previous: number | null;
  /** (value − previous) ÷ |previous|; null when either is unknown or previous is 0. */
  readonly change: number | null;
  readonly light: Light;
  /** One value per week, oldest first (null where the week has nothing to rate). */
  readonly series: (number | null)[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The overview's KPI tiles from the weekly figures: inventory value at week end; days of inventory
 * (DIO = value ÷ demand value per day in the week); annualised turnover (demand value × 52 ÷ value);
 * stockouts started; supplier on-time rate (receipts on or before the line's due day ÷ receipts).
 * Lights use the core's default thresholds (src/core/kpi/traffic-light.ts); stockouts started per
 * position-month is the stockoutFrequency KPI.
 */
export function kpiTiles(weeks: readonly WeekFigures[], positions: number): KpiTile[] {
  const tile = (
    key: string,
    label: string,
    unit: string,
    f: (w: WeekFigures) => number,
    light: (v: number) => Light,
  ): KpiTile => {
    const series = weeks.map((w) => finite(f(w)));
    const value = series.at(-1) ?? null;
    const previous = series.at(-2) ?? null;
    return {
      key,
      label,
      unit,
      value,
      previous,
      change:
        value !== null && previous !== null && previous !== 0
          ? (value - previous) / Math.abs(previous)
          : null,
      light: value === null ? "none" : light(value),
      series,
    };
  };
  const per = (w: WeekFigures) =>
    positions > 0 ? (w.stockoutsStarted / positions) * (30.4375 / 7) : Number.NaN;
  return [
    tile(
      "inventory_value",
      "Inventory value",
      "currency",
      (w) => w.inventoryValue,
      () => "none",
    ),
    tile(
      "dio",
      "Days of inventory",
      "days",
      (w) => (w.demandValue > 0 ? w.inventoryValue / (w.demandValue / 7) : Number.NaN),
      (v) => lightFor(v, DEFAULT_KPI_THRESHOLDS.dio),
    ),
    tile(
      "turnover",
      "Turnover (annualised)",
      "turns/yr",
      (w) => (w.inventoryValue > 0 ? (w.demandValue * 52) / w.inventoryValue : Number.NaN),
      (v) => lightFor(v, DEFAULT_KPI_THRESHOLDS.turnoverAnnualised),
    ),
    tile(
      "stockouts",
      "Stockouts started",
      "episodes",
      (w) => w.stockoutsStarted,
      (v) => {
        const w = weeks.at(-1);
        return w === undefined
          ? "none"
          : lightFor(per({ ...w, stockoutsStarted: v }), DEFAULT_KPI_THRESHOLDS.stockoutFrequency);
      },
    ),
    tile(
      "on_time",
      "Supplier on-time",
      "fraction",
      (w) => (w.receipts > 0 ? w.receiptsOnTime / w.receipts : Number.NaN),
      (v) => lightFor(v, DEFAULT_KPI_THRESHOLDS.supplierOnTimeRate),
    ),
    tile(
      "demand",
      "Units demanded",
      "units",
      (w) => w.demandUnits,
      () => "none",
    ),
  ];
}

/**
 * Projected on hand for `days` days after asOf: on hand − allocated, minus the planning level of
 * demand (units a day, the policy's mean daily demand) each day, plus each open line's units on its due
 * day (lines already overdue on the first day). Element i is the end of day asOf + 1 + i. Negative
 * values are projected shortfalls.
 */
export function projectOnHand(
  onHand: number,
  allocated: number,
  dailyDemand: number,
  lines: readonly { open: number; dueDay: number }[],
  asOf: number,
  days: number,
): number[] {
  const out = new Array<number>(days);
  let level = onHand - allocated;
  for (let i = 0; i < days; i++) {
    const d = asOf + 1 + i;
    for (const l of lines) if (l.dueDay === d || (i === 0 && l.dueDay < d)) level += l.open;
    level -= dailyDemand;
    out[i] = Math.round(level * 1e4) / 1e4;
  }
  return out;
}

/**
 * The band drawn around the planning level on the SKU page: level ± z·σ, σ the sample standard
 * deviation (n − 1) of the last `window` days of daily demand, z = 1.2816 for a central 80 % band
 * under a normal approximation (lower bound floored at 0). This is the recent day-to-day spread around
 * the stored level, not the backtested method's own prediction interval (the planning job does not
 * store one).
 */
export function demandBand(
  units: readonly number[],
  level: number,
  window = 56,
): { level: number; sd: number; lower: number; upper: number; z: number } | null {
  const xs = units.slice(-window);
  if (xs.length < 2) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  const z = 1.2816;
  return { level, sd, lower: Math.max(0, level - z * sd), upper: level + z * sd, z };
}

/**
 * The dashboard's read endpoints (src/web): who am I, the overview, the signal work queue, SKU search
 * and one SKU × location. Aggregated and paged in SQL (src/db/dashboard-store.ts). Suppliers:
 * dashboard-suppliers.ts; the page files themselves: dashboard-assets.ts.
 */
export function dashboardRoutes(app: FastifyInstance, { db, today, now }: RouteContext): void {
  const day = () => String(today());
  const onError = (err: unknown) => app.log.warn({ err }, "dashboard figure: background computation failed");
  /** The overview's figures (weekly series over 8 weeks of ledger, what is open, readiness split). */
  const overview = new RefreshingFigure(
    day,
    async (k) => {
      const asOf = Number(k);
      const weeks = await weeklyFigures(db, asOf);
      return { asOf, weeks, counts: await overviewCounts(db) };
    },
    { ...FIGURE_REFRESH, onError },
  );
  /** ABC classes (a year of ledger): they move slowly, recomputed every 10 minutes and each new day. */
  const abc = new RefreshingFigure(day, (k) => abcClasses(db, Number(k)), {
    ...FIGURE_REFRESH,
    refreshEveryMs: 10 * 60_000,
    onError,
  });
  refreshWithApp(app, [
    { figure: overview, onWrite: true },
    { figure: abc, onWrite: false },
  ]);
  app.get(
    "/dashboard/me",
    {
      config: { roles: [...ALL] },
      schema: doc({ summary: "The caller: role, supplier (supplier tokens), name", tags: ["dashboard"] }),
    },
    async (request) => {
      const p = principal(request);
      return { ok: true, role: p.role, supplier: p.supplier, name: p.name, today: formatIsoDate(today()) };
    },
  );

  app.get(
    "/dashboard/overview",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "KPI tiles with lights and weekly series, open signals and alerts, readiness split",
        tags: ["dashboard"],
      }),
    },
    async () => {
      const { asOf, weeks: w, counts: c } = await overview.get();
      return {
        ok: true,
        asOf: formatIsoDate(asOf),
        weeks: w.weeks.map((x) => formatIsoDate(x.endDay)),
        tiles: kpiTiles(w.weeks, w.positions),
        positions: w.positions,
        inventoryValue: w.inventoryValue,
        ...c,
      };
    },
  );

  app.get(
    "/dashboard/queue",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "The signal work queue: filter by tier, supplier, ABC, location; sort; paged",
        tags: ["dashboard"],
        querystring: QueueQuery,
      }),
    },
    async (request) => {
      const q = request.query as z.output<typeof QueueQuery>;
      const slice = await signalQueue(db, await abc.get(), q, q.sort, q.desc === "true", q, now());
      return pageBody(request, q, slice);
    },
  );

  app.get(
    "/dashboard/alerts",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "Escalations (alerts): most severe and most escalated first; filters; paged",
        tags: ["dashboard"],
        querystring: AlertsQuery,
      }),
    },
    async (request) => {
      const q = request.query as z.output<typeof AlertsQuery>;
      return pageBody(request, q, await alertQueue(db, q, q, now()));
    },
  );

  app.get(
    "/dashboard/facets",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "Suppliers and locations for the filter menus", tags: ["dashboard"] }),
    },
    async () => ({ ok: true, ...(await queueFacets(db)) }),
  );

  app.get(
    "/dashboard/skus",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "Search SKU × locations (paged)", tags: ["dashboard"], querystring: SkusQuery }),
    },
    async (request) => {
      const q = request.query as z.output<typeof SkusQuery>;
      return pageBody(request, q, await searchSkus(db, q.q, q));
    },
  );

  app.get(
    "/dashboard/skus/:location/:sku",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "One SKU × location: demand history, policy and derivation, open orders, stockouts",
        tags: ["dashboard"],
        params: SkuParams,
      }),
    },
    async (request) => {
      const { location, sku } = request.params as z.output<typeof SkuParams>;
      const asOf = today();
      const d = await skuDetail(db, sku, location, asOf);
      if (d === null) throw notFound("item × location", "sku", `${sku} at ${location}`);
      const policy = d.active ?? d.proposed;
      const level = policy?.meanDailyDemand ?? null;
      const horizon = Math.max(28, Math.ceil(2 * (policy?.leadTimeDays ?? d.lane?.leadTimeDays ?? 0)));
      return {
        ok: true,
        asOf: formatIsoDate(asOf),
        ...d,
        demand: { start: formatIsoDate(d.demand.startDay), units: d.demand.units },
        forecast: level === null ? null : demandBand(d.demand.units, level),
        projection:
          level === null
            ? null
            : {
                start: formatIsoDate(asOf + 1),
                onHand: projectOnHand(
                  d.position.onHand,
                  d.position.allocated,
                  level,
                  d.openLines.map((l) => ({ open: l.open, dueDay: parseIsoDate(l.dueOn)! })),
                  asOf,
                  horizon,
                ),
              },
      };
    },
  );
}
