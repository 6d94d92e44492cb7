import type { Queryable } from "./db.js";
import type { PageRequest, Slice } from "./read-models.js";

/**
 * Read queries behind the dashboard (src/http/routes/dashboard*.ts): every figure is aggregated in SQL
 * so a page never downloads a table (30,000 SKU × locations stay one small answer). Days are epoch
 * days; `asOf` is the last day counted (the service's today, or the demo's simulated day).
 */

const DAY_MS = 86_400_000;
/** Start of the day after `asOf` (UTC), the exclusive end of every window here. */
const endOf = (asOf: number): Date => new Date((asOf + 1) * DAY_MS);

const DEMAND_KINDS = "('sale', 'consumption')";

// ---------------------------------------------------------------- ABC (SQL, same convention as core)

/** The A and B items by consumption value (every other item is C). */
export interface AbcClasses {
  readonly a: string[];
  readonly b: string[];
}

/**
 * ABC classes by consumption value over the 365 days to `asOf`, in one SQL pass over the ledger:
 * value = units sold or consumed × unit cost; items ranked by value, descending (SKU breaks ties);
 * A when the cumulative value of the items ranked before it is below 80 % of the total, B below 95 %,
 * else C (src/core/classify/abc.ts's convention). Items without demand or cost are C. Only A and B
 * items are returned.
 */
export async function abcClasses(q: Queryable, asOf: number): Promise<AbcClasses> {
  const end = endOf(asOf);
  const r = await q.query<{ sku: string; abc: "A" | "B" }>(
    `WITH usage AS (
       SELECT l.sku, sum(-l.qty) * coalesce(i.unit_cost, 0) AS value
       FROM inventory_ledger l JOIN items i ON i.sku = l.sku
       WHERE l.kind IN ${DEMAND_KINDS} AND l.occurred_at >= $1 AND l.occurred_at < $2
       GROUP BY l.sku, i.unit_cost),
     ranked AS (
       SELECT sku, value,
         sum(value) OVER (ORDER BY value DESC, sku ROWS UNBOUNDED PRECEDING) - value AS before,
         sum(value) OVER () AS total
       FROM usage WHERE value > 0)
     SELECT sku, CASE WHEN before < 0.8 * total - 1e-9 THEN 'A' ELSE 'B' END AS abc
     FROM ranked WHERE before < 0.95 * total - 1e-9`,
    [new Date(end.getTime() - 365 * DAY_MS), end],
  );
  return {
    a: r.rows.filter((x) => x.abc === "A").map((x) => x.sku),
    b: r.rows.filter((x) => x.abc === "B").map((x) => x.sku),
  };
}

// ---------------------------------------------------------------- overview

export interface WeekFigures {
  /** Weeks back from asOf: 0 = the 7 days ending on asOf. */
  readonly week: number;
  /** Last day of the week (epoch day). */
  readonly endDay: number;
  /** Inventory value (on hand × unit cost) at the end of the week, reconstructed from the ledger. */
  readonly inventoryValue: number;
  /** Units sold or consumed in the week, and their value at unit cost. */
  readonly demandUnits: number;
  readonly demandValue: number;
  /** Stockout episodes that started in the week. */
  readonly stockoutsStarted: number;
  /** Receipts booked against purchase-order lines in the week, and those on or before the line's due day. */
  readonly receipts: number;
  readonly receiptsOnTime: number;
}

export interface WeeklyFigures {
  readonly positions: number;
  /** On hand × unit cost now. */
  readonly inventoryValue: number;
  /** Oldest first. */
  readonly weeks: WeekFigures[];
}

export interface OverviewCounts {
  readonly openSignals: { kind: string; count: number }[];
  readonly alerts: { severity: string; status: string; count: number }[];
  readonly openStockouts: number;
  readonly readiness: { readiness: string; positions: number; inventoryValue: number }[];
}

/**
 * The overview's weekly series: `weeks` weeks ending on asOf, each with its end-of-week inventory value
 * (today's value minus the ledger movements after the week's end), demand, stockouts started and
 * receipts on time. One pass over the weeks' ledger lines.
 */
export async function weeklyFigures(q: Queryable, asOf: number, weeks = 8): Promise<WeeklyFigures> {
  const end = endOf(asOf);
  const start = new Date(end.getTime() - weeks * 7 * DAY_MS);
  const now = await q.query<{ positions: number; value: number | null }>(
    `SELECT count(*)::int AS positions, sum(p.on_hand * coalesce(i.unit_cost, 0)) AS value
     FROM positions p JOIN items i ON i.sku = p.sku`,
  );
  // Movements per week bucket (-1 = after asOf): value and demand.
  const moves = await q.query<{ wk: number; value: number; demand_units: number; demand_value: number }>(
    `SELECT CASE WHEN l.occurred_at >= $1 THEN -1
                 ELSE floor(extract(epoch FROM ($1::timestamptz - l.occurred_at)) / (7 * 86400))::int END AS wk,
       sum(l.qty * coalesce(i.unit_cost, 0)) AS value,
       coalesce(sum(-l.qty) FILTER (WHERE l.kind IN ${DEMAND_KINDS}), 0) AS demand_units,
       coalesce(sum(-l.qty * coalesce(i.unit_cost, 0)) FILTER (WHERE l.kind IN ${DEMAND_KINDS}), 0) AS demand_value
     FROM inventory_ledger l JOIN items i ON i.sku = l.sku
     WHERE l.occurred_at >= $2
     GROUP BY 1`,
    [end, start],
  );
  const stockouts = await q.query<{ wk: number; n: number }>(
    `SELECT floor(extract(epoch FROM ($1::timestamptz - started_at)) / (7 * 86400))::int AS wk, count(*)::int AS n
     FROM stockout_episodes WHERE started_at >= $2 AND started_at < $1 GROUP BY 1`,
    [end, start],
  );
  const receipts = await q.query<{ wk: number; n: number; on_time: number }>(
    `SELECT floor(extract(epoch FROM ($1::timestamptz - r.received_at)) / (7 * 86400))::int AS wk,
       count(*)::int AS n,
       count(*) FILTER (WHERE (r.received_at AT TIME ZONE 'UTC')::date <= pl.due_on)::int AS on_time
     FROM receipts r
     JOIN purchase_order_lines pl
       ON pl.location_id = r.location_id AND pl.po_number = r.po_number AND pl.line_no = r.line_no
     WHERE r.received_at >= $2 AND r.received_at < $1 GROUP BY 1`,
    [end, start],
  );
  const byWeek = <T extends { wk: number }>(rows: T[]) => new Map(rows.map((r) => [r.wk, r]));
  const m = byWeek(moves.rows);
  const s = byWeek(stockouts.rows);
  const r = byWeek(receipts.rows);
  const valueNow = Number(now.rows[0]?.value ?? 0);
  let after = Number(m.get(-1)?.value ?? 0);
  const out: WeekFigures[] = [];
  for (let w = 0; w < weeks; w++) {
    const mv = m.get(w);
    out.push({
      week: w,
      endDay: asOf - 7 * w,
      inventoryValue: valueNow - after,
      demandUnits: Number(mv?.demand_units ?? 0),
      demandValue: Number(mv?.demand_value ?? 0),
      stockoutsStarted: s.get(w)?.n ?? 0,
      receipts: r.get(w)?.n ?? 0,
      receiptsOnTime: r.get(w)?.on_time ?? 0,
    });
    after += Number(mv?.value ?? 0);
  }
  return { positions: now.rows[0]?.positions ?? 0, inventoryValue: valueNow, weeks: out.reverse() };
}

/** What is open now: signals by kind, unresolved alerts, stockouts, and the readiness split with its value. */
export async function overviewCounts(q: Queryable): Promise<OverviewCounts> {
  const signals = await q.query<{ kind: string; count: number }>(
    `SELECT kind, count(*)::int AS count FROM signals WHERE status = 'open' GROUP BY kind ORDER BY kind`,
  );
  const alerts = await q.query<{ severity: string; status: string; count: number }>(
    `SELECT severity, status, count(*)::int AS count FROM alerts WHERE status <> 'resolved'
     GROUP BY severity, status ORDER BY severity, status`,
  );
  const open = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM stockout_episodes WHERE ended_at IS NULL",
  );
  const readiness = await q.query<{ readiness: string; positions: number; value: number | null }>(
    `WITH live AS (
       SELECT DISTINCT ON (location_id, sku) location_id, sku, explanation->>'readiness' AS readiness
       FROM policies WHERE status <> 'retired'
       ORDER BY location_id, sku, (status = 'active') DESC, version DESC)
     SELECT coalesce(live.readiness, 'unplanned') AS readiness, count(*)::int AS positions,
       sum(p.on_hand * coalesce(i.unit_cost, 0)) AS value
     FROM positions p JOIN items i ON i.sku = p.sku
     LEFT JOIN live ON live.location_id = p.location_id AND live.sku = p.sku
     GROUP BY 1 ORDER BY 1`,
  );
  return {
    openSignals: signals.rows,
    alerts: alerts.rows,
    openStockouts: open.rows[0]?.n ?? 0,
    readiness: readiness.rows.map((x) => ({
      readiness: x.readiness,
      positions: x.positions,
      inventoryValue: Number(x.value ?? 0),
    })),
  };
}

// ---------------------------------------------------------------- the signal queue

export interface QueueFilter {
  readonly tier?: string | undefined;
  readonly status?: string | undefined;
  readonly supplier?: string | undefined;
  readonly abc?: string | undefined;
  readonly location?: string | undefined;
  readonly sku?: string | undefined;
}

/** Sort keys of the queue, as SQL over signals s, their primary lane l and item i. */
export const QUEUE_SORTS = {
  need_by: "s.need_by",
  order_on: "s.order_on",
  value: "s.quantity * coalesce(l.unit_cost, i.unit_cost)",
  sku: "s.sku",
  tier: "CASE s.kind WHEN 'emergency' THEN 0 WHEN 'review' THEN 1 ELSE 2 END",
  opened: "s.opened_at",
} as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

const PRIMARY_LANE =
  "LEFT JOIN supply_lanes l ON l.location_id = s.location_id AND l.sku = s.sku AND l.role = 'primary'";

export interface QueueRow {
  readonly signalId: number;
  readonly location: string;
  readonly sku: string;
  readonly itemName: string;
  readonly tier: string;
  readonly status: string;
  readonly quantity: number | null;
  /** quantity × unit cost (null when either is unknown). */
  readonly value: number | null;
  readonly orderOn: string;
  readonly needBy: string;
  readonly supplier: string | null;
  readonly abc: string;
  readonly onHand: number | null;
  readonly reasons: string[];
  readonly acknowledgedBy: string | null;
  readonly assignedTo: string | null;
  /** Snoozed until (then back in the open queue); null when not snoozed. */
  readonly snoozedUntil: Date | null;
  readonly openedAt: Date;
}

/**
 * The signal work queue: filters ANDed, one page sorted by `sort` (then signal id). `classes` are the
 * ABC classes (abcClasses, which the route keeps for the day: one pass over a year of ledger). Open
 * signals snoozed past `now` (the app's clock) are left out of it until then. The page is chosen from
 * the signals alone (joined to the lane and item only when the supplier filter or the value sort needs
 * them; the default sort reads migration 007's index), then only its rows are joined to the item, lane
 * and position: a page costs its `limit` rows, not the whole open queue.
 */
export async function signalQueue(
  q: Queryable,
  classes: AbcClasses,
  f: QueueFilter,
  sort: QueueSort,
  descending: boolean,
  p: PageRequest,
  now?: Date,
): Promise<Slice<QueueRow>> {
  const params: unknown[] = [classes.a, classes.b];
  const where: string[] = [];
  const add = (clause: string, v: string | Date | undefined) => {
    if (v === undefined) return;
    params.push(v);
    where.push(clause.replace("?", `$${params.length}`));
  };
  add("s.status = ?", f.status ?? "open");
  if ((f.status ?? "open") === "open") add("(s.snoozed_until IS NULL OR s.snoozed_until <= ?)", now);
  add("s.kind = ?", f.tier);
  add("l.supplier_id = ?", f.supplier);
  if (f.abc === "A") where.push("s.sku = ANY($1::text[])");
  else if (f.abc === "B") where.push("s.sku = ANY($2::text[])");
  else if (f.abc === "C") where.push("NOT (s.sku = ANY($1::text[]) OR s.sku = ANY($2::text[]))");
  add("s.location_id = ?", f.location);
  add("s.sku = ?", f.sku);
  params.push(p.limit + 1, p.offset);
  const dir = descending ? "DESC" : "ASC";
  const key = QUEUE_SORTS[sort];
  const r = await q.query<{
    signal_id: number;
    location_id: string;
    sku: string;
    name: string;
    kind: string;
    status: string;
    quantity: number | null;
    value: number | null;
    order_on: string;
    need_by: string;
    supplier_id: string | null;
    abc: string;
    on_hand: number | null;
    reasons: string[] | null;
    acknowledged_by: string | null;
    assigned_to: string | null;
    snoozed_until: Date | null;
    opened_at: Date;
  }>(
    `WITH page AS (
       SELECT s.location_id, s.signal_id, ${key} AS sort_key
       FROM signals s
       ${sort === "value" ? "JOIN items i ON i.sku = s.sku" : ""}
       ${sort === "value" || f.supplier !== undefined ? PRIMARY_LANE : ""}
       ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY ${key} ${dir} NULLS LAST, s.signal_id
       LIMIT $${params.length - 1} OFFSET $${params.length})
     SELECT s.signal_id, s.location_id, s.sku, i.name, s.kind, s.status, s.quantity,
       s.quantity * coalesce(l.unit_cost, i.unit_cost) AS value, s.order_on, s.need_by, l.supplier_id,
       CASE WHEN s.sku = ANY($1::text[]) THEN 'A' WHEN s.sku = ANY($2::text[]) THEN 'B' ELSE 'C' END AS abc,
       pos.on_hand, s.explanation->'reasons' AS reasons, s.acknowledged_by, s.assigned_to, s.snoozed_until,
       s.opened_at
     FROM page
     JOIN signals s ON s.location_id = page.location_id AND s.signal_id = page.signal_id
     JOIN items i ON i.sku = s.sku
     ${PRIMARY_LANE}
     LEFT JOIN positions pos ON pos.location_id = s.location_id AND pos.sku = s.sku
     ORDER BY page.sort_key ${dir} NULLS LAST, s.signal_id`,
    params,
  );
  return {
    rows: r.rows.slice(0, p.limit).map((x) => ({
      signalId: x.signal_id,
      location: x.location_id,
      sku: x.sku,
      itemName: x.name,
      tier: x.kind,
      status: x.status,
      quantity: x.quantity,
      value: x.value === null ? null : Math.round(Number(x.value) * 100) / 100,
      orderOn: x.order_on,
      needBy: x.need_by,
      supplier: x.supplier_id,
      abc: x.abc,
      onHand: x.on_hand,
      reasons: Array.isArray(x.reasons) ? x.reasons : [],
      acknowledgedBy: x.acknowledged_by,
      assignedTo: x.assigned_to,
      snoozedUntil: x.snoozed_until,
      openedAt: x.opened_at,
    })),
    more: r.rows.length > p.limit,
  };
}

/** Distinct values for the queue's filter menus (small: suppliers and locations are reference tables). */
export async function queueFacets(q: Queryable): Promise<{ suppliers: string[]; locations: string[] }> {
  const s = await q.query<{ id: string }>("SELECT supplier_id AS id FROM suppliers ORDER BY 1");
  const l = await q.query<{ id: string }>("SELECT location_id AS id FROM locations ORDER BY 1");
  return { suppliers: s.rows.map((x) => x.id), locations: l.rows.map((x) => x.id) };
}

// ---------------------------------------------------------------- SKU × location

export interface SkuRow {
  readonly sku: string;
  readonly name: string;
  readonly location: string;
  readonly onHand: number;
  readonly inventoryPosition: number;
  readonly openSignals: number;
}

/**
 * SKU × locations matching `search` (SKU or name, case-insensitive prefix/substring), paged in SKU
 * order (migration 007's index), with the open signals counted for the page's rows only.
 */
export async function searchSkus(
  q: Queryable,
  search: string | undefined,
  p: PageRequest,
): Promise<Slice<SkuRow>> {
  const params: unknown[] = [];
  let where = "";
  if (search !== undefined) {
    params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where = "WHERE p.sku ILIKE $1 OR i.name ILIKE $1";
  }
  params.push(p.limit + 1, p.offset);
  const r = await q.query<{
    sku: string;
    name: string;
    location_id: string;
    on_hand: number;
    inventory_position: number;
    open_signals: number;
  }>(
    `WITH page AS (
       SELECT p.sku, i.name, p.location_id, p.on_hand, p.inventory_position
       FROM positions p JOIN items i ON i.sku = p.sku ${where}
       ORDER BY p.sku, p.location_id LIMIT $${params.length - 1} OFFSET $${params.length}),
     open AS (
       SELECT s.location_id, s.sku, count(*)::int AS n
       FROM page JOIN signals s ON s.location_id = page.location_id AND s.sku = page.sku AND s.status = 'open'
       GROUP BY 1, 2)
     SELECT page.*, coalesce(open.n, 0) AS open_signals
     FROM page LEFT JOIN open ON open.location_id = page.location_id AND open.sku = page.sku
     ORDER BY page.sku, page.location_id`,
    params,
  );
  return {
    rows: r.rows.slice(0, p.limit).map((x) => ({
      sku: x.sku,
      name: x.name,
      location: x.location_id,
      onHand: x.on_hand,
      inventoryPosition: x.inventory_position,
      openSignals: x.open_signals,
    })),
    more: r.rows.length > p.limit,
  };
}

export interface SkuPolicy {
  readonly version: number;
  readonly status: string;
  readonly ruleKind: string;
  readonly reorderPoint: number | null;
  readonly orderQuantity: number | null;
  readonly safetyStock: number;
  readonly meanDailyDemand: number;
  readonly leadTimeDays: number;
  readonly topOfRed: number | null;
  readonly topOfYellow: number | null;
  readonly topOfGreen: number | null;
  readonly autoReplenishAt: number;
  readonly reviewAtOnHand: number;
  /** approval | automatic (migration 006), with the automatic orders' value limit (null: none). */
  readonly orderingMode: string;
  readonly autoOrderMaxValue: number | null;
  readonly explanation: unknown;
  readonly proposedAt: Date;
}

export interface SkuDetailFigures {
  readonly sku: string;
  readonly name: string;
  readonly category: string | null;
  readonly unitCost: number | null;
  readonly location: string;
  readonly position: { onHand: number; onOrder: number; allocated: number; inventoryPosition: number };
  /** Units sold or consumed per day, oldest first, `days` days ending on asOf (zeros included). */
  readonly demand: { startDay: number; units: number[] };
  /** The active policy, and the newest proposal when it is newer than the active one. */
  readonly active: SkuPolicy | null;
  readonly proposed: SkuPolicy | null;
  readonly openLines: { poNumber: string; lineNo: number; supplier: string; open: number; dueOn: string }[];
  readonly stockouts: {
    startedAt: Date;
    endedAt: Date | null;
    rootCause: string | null;
    note: string | null;
  }[];
  readonly lane: { supplier: string; leadTimeDays: number; leadTimeSdDays: number; mode: string } | null;
}

/** One SKU × location for its page; null when the position does not exist. */
export async function skuDetail(
  q: Queryable,
  sku: string,
  location: string,
  asOf: number,
  days = 182,
): Promise<SkuDetailFigures | null> {
  const head = await q.query<{
    name: string;
    category: string | null;
    unit_cost: number | null;
    on_hand: number;
    on_order: number;
    allocated: number;
    inventory_position: number;
  }>(
    `SELECT i.name, i.category, i.unit_cost, p.on_hand, p.on_order, p.allocated, p.inventory_position
     FROM positions p JOIN items i ON i.sku = p.sku WHERE p.location_id = $1 AND p.sku = $2`,
    [location, sku],
  );
  const h = head.rows[0];
  if (h === undefined) return null;
  const startDay = asOf - days + 1;
  const demand = await q.query<{ day: number; units: number }>(
    `SELECT floor(extract(epoch FROM occurred_at) / 86400)::int AS day, sum(-qty) AS units
     FROM inventory_ledger
     WHERE location_id = $1 AND sku = $2 AND kind IN ${DEMAND_KINDS} AND occurred_at >= $3 AND occurred_at < $4
     GROUP BY 1`,
    [location, sku, new Date(startDay * DAY_MS), endOf(asOf)],
  );
  const units = new Array<number>(days).fill(0);
  for (const d of demand.rows) {
    const i = d.day - startDay;
    if (i >= 0 && i < days) units[i] = Number(d.units);
  }
  const pol = await q.query<{
    version: number;
    status: string;
    rule_kind: string;
    reorder_point: number | null;
    order_quantity: number | null;
    safety_stock: number;
    mean_daily_demand: number;
    lead_time_days: number;
    top_of_red: number | null;
    top_of_yellow: number | null;
    top_of_green: number | null;
    auto_replenish_at: number;
    review_at_on_hand: number;
    ordering_mode: string;
    auto_order_max_value: number | null;
    explanation: unknown;
    proposed_at: Date;
  }>(
    `SELECT version, status, rule_kind, reorder_point, order_quantity, safety_stock, mean_daily_demand,
       lead_time_days, top_of_red, top_of_yellow, top_of_green, auto_replenish_at, review_at_on_hand,
       ordering_mode, auto_order_max_value, explanation, proposed_at
     FROM policies WHERE location_id = $1 AND sku = $2 AND status <> 'retired' ORDER BY version DESC LIMIT 5`,
    [location, sku],
  );
  const toPolicy = (x: (typeof pol.rows)[number]): SkuPolicy => ({
    version: x.version,
    status: x.status,
    ruleKind: x.rule_kind,
    reorderPoint: x.reorder_point,
    orderQuantity: x.order_quantity,
    safetyStock: x.safety_stock,
    meanDailyDemand: x.mean_daily_demand,
    leadTimeDays: x.lead_time_days,
    topOfRed: x.top_of_red,
    topOfYellow: x.top_of_yellow,
    topOfGreen: x.top_of_green,
    autoReplenishAt: x.auto_replenish_at,
    reviewAtOnHand: x.review_at_on_hand,
    orderingMode: x.ordering_mode,
    autoOrderMaxValue: x.auto_order_max_value,
    explanation: x.explanation,
    proposedAt: x.proposed_at,
  });
  const activeRow = pol.rows.find((x) => x.status === "active");
  const newest = pol.rows[0];
  const lines = await q.query<{
    po_number: string;
    line_no: number;
    supplier_id: string;
    open: number;
    due_on: string;
  }>(
    `SELECT pl.po_number, pl.line_no, po.supplier_id, pl.qty_ordered - pl.qty_received AS open, pl.due_on
     FROM purchase_order_lines pl
     JOIN purchase_orders po ON po.location_id = pl.location_id AND po.po_number = pl.po_number
     WHERE pl.location_id = $1 AND pl.sku = $2 AND pl.qty_received < pl.qty_ordered AND po.status = 'open'
     ORDER BY pl.due_on, pl.po_number, pl.line_no LIMIT 200`,
    [location, sku],
  );
  const episodes = await q.query<{
    started_at: Date;
    ended_at: Date | null;
    root_cause: string | null;
    note: string | null;
  }>(
    `SELECT started_at, ended_at, root_cause, note FROM stockout_episodes
     WHERE location_id = $1 AND sku = $2 ORDER BY started_at DESC LIMIT 50`,
    [location, sku],
  );
  const lane = await q.query<{
    supplier_id: string;
    lead_time_days: number;
    lead_time_sd_days: number;
    mode: string;
  }>(
    `SELECT supplier_id, lead_time_days, lead_time_sd_days, mode FROM supply_lanes
     WHERE location_id = $1 AND sku = $2 AND role = 'primary'`,
    [location, sku],
  );
  const l = lane.rows[0];
  return {
    sku,
    name: h.name,
    category: h.category,
    unitCost: h.unit_cost,
    location,
    position: {
      onHand: h.on_hand,
      onOrder: h.on_order,
      allocated: h.allocated,
      inventoryPosition: h.inventory_position,
    },
    demand: { startDay, units },
    active: activeRow === undefined ? null : toPolicy(activeRow),
    proposed:
      newest !== undefined && newest.status !== "active" && newest.version > (activeRow?.version ?? 0)
        ? toPolicy(newest)
        : null,
    openLines: lines.rows.map((x) => ({
      poNumber: x.po_number,
      lineNo: x.line_no,
      supplier: x.supplier_id,
      open: x.open,
      dueOn: x.due_on,
    })),
    stockouts: episodes.rows.map((x) => ({
      startedAt: x.started_at,
      endedAt: x.ended_at,
      rootCause: x.root_cause,
      note: x.note,
    })),
    lane:
      l === undefined
        ? null
        : {
            supplier: l.supplier_id,
            leadTimeDays: l.lead_time_days,
            leadTimeSdDays: l.lead_time_sd_days,
            mode: l.mode,
          },
  };
}

// ---------------------------------------------------------------- suppliers

export interface SupplierFacts {
  readonly supplier: string;
  readonly name: string;
  readonly lanes: number;
  /** Item × locations whose only lane is this supplier (single source). */
  readonly singleSourced: number;
  readonly openLines: number;
  /** Open lines past their due day as of asOf. */
  readonly lateOpenLines: number;
}

/** Per supplier: lanes, single-sourced item × locations, open and late open lines (one pass over the lanes). */
export async function supplierFacts(q: Queryable, asOf: number): Promise<SupplierFacts[]> {
  const r = await q.query<{
    supplier_id: string;
    name: string;
    lanes: number;
    single: number;
    open_lines: number;
    late: number;
  }>(
    `WITH lanes AS (
       SELECT supplier_id, count(*)::int AS n, count(*) FILTER (WHERE sources = 1)::int AS single
       FROM (SELECT supplier_id, count(*) OVER (PARTITION BY location_id, sku) AS sources FROM supply_lanes) x
       GROUP BY supplier_id),
     open_lines AS (
       SELECT po.supplier_id, count(*)::int AS n, count(*) FILTER (WHERE pl.due_on < $1::date)::int AS late
       FROM purchase_order_lines pl
       JOIN purchase_orders po ON po.location_id = pl.location_id AND po.po_number = pl.po_number
       WHERE pl.qty_received < pl.qty_ordered AND po.status = 'open' GROUP BY po.supplier_id)
     SELECT s.supplier_id, s.name, coalesce(lanes.n, 0) AS lanes, coalesce(lanes.single, 0) AS single,
       coalesce(o.n, 0) AS open_lines, coalesce(o.late, 0) AS late
     FROM suppliers s
     LEFT JOIN lanes ON lanes.supplier_id = s.supplier_id
     LEFT JOIN open_lines o ON o.supplier_id = s.supplier_id ORDER BY s.supplier_id`,
    [new Date(asOf * DAY_MS).toISOString().slice(0, 10)],
  );
  return r.rows.map((x) => ({
    supplier: x.supplier_id,
    name: x.name,
    lanes: x.lanes,
    singleSourced: x.single,
    openLines: x.open_lines,
    lateOpenLines: x.late,
  }));
}

// ---------------------------------------------------------------- escalations (alerts)

export interface AlertFilter {
  /** "unresolved" (default: open, acknowledged or escalated) or one status. */
  readonly status?: string | undefined;
  readonly severity?: string | undefined;
  readonly kind?: string | undefined;
  readonly supplier?: string | undefined;
  readonly location?: string | undefined;
}

export interface AlertRow {
  readonly alertId: number;
  readonly location: string;
  readonly sku: string | null;
  readonly supplier: string | null;
  readonly signalId: number | null;
  readonly kind: string;
  readonly severity: string;
  readonly status: string;
  readonly escalationLevel: number;
  readonly message: string;
  readonly raisedAt: Date;
  readonly acknowledgedBy: string | null;
  readonly assignedTo: string | null;
  readonly snoozedUntil: Date | null;
}

/**
 * Escalations (alerts), most severe and most escalated first, then newest; paged. Unresolved alerts
 * snoozed past `now` (the app's clock) are left out until then.
 */
export async function alertQueue(
  q: Queryable,
  f: AlertFilter,
  p: PageRequest,
  now?: Date,
): Promise<Slice<AlertRow>> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (clause: string, v: string | Date | undefined) => {
    if (v === undefined) return;
    params.push(v);
    where.push(clause.replace("?", `$${params.length}`));
  };
  if (f.status === undefined || f.status === "unresolved") where.push("a.status <> 'resolved'");
  else add("a.status = ?", f.status);
  if (f.status !== "resolved") add("(a.snoozed_until IS NULL OR a.snoozed_until <= ?)", now);
  add("a.severity = ?", f.severity);
  add("a.kind = ?", f.kind);
  add("a.supplier_id = ?", f.supplier);
  add("a.location_id = ?", f.location);
  params.push(p.limit + 1, p.offset);
  const r = await q.query<{
    alert_id: number;
    location_id: string;
    sku: string | null;
    supplier_id: string | null;
    signal_id: number | null;
    kind: string;
    severity: string;
    status: string;
    escalation_level: number;
    message: string;
    raised_at: Date;
    acknowledged_by: string | null;
    assigned_to: string | null;
    snoozed_until: Date | null;
  }>(
    `SELECT a.alert_id, a.location_id, a.sku, a.supplier_id, a.signal_id, a.kind, a.severity, a.status,
       a.escalation_level, a.message, a.raised_at, a.acknowledged_by, a.assigned_to, a.snoozed_until
     FROM alerts a ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.escalation_level DESC,
       a.raised_at DESC, a.alert_id DESC
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    rows: r.rows.slice(0, p.limit).map((x) => ({
      alertId: x.alert_id,
      location: x.location_id,
      sku: x.sku,
      supplier: x.supplier_id,
      signalId: x.signal_id,
      kind: x.kind,
      severity: x.severity,
      status: x.status,
      escalationLevel: x.escalation_level,
      message: x.message,
      raisedAt: x.raised_at,
      acknowledgedBy: x.acknowledged_by,
      assignedTo: x.assigned_to,
      snoozedUntil: x.snoozed_until,
    })),
    more: r.rows.length > p.limit,
  };
}
