import { formatIsoDate } from "../core/calendar.js";
import type { Queryable } from "./db.js";

/** Daily units sold or consumed per item × location between two days (inclusive), and where each starts. */
export interface DemandHistoryRow {
  readonly location: string;
  readonly sku: string;
  /** YYYY-MM-DD of the first ledger entry of the item × location (any kind), or null. */
  readonly firstDay: string;
  /** Per day with demand: [YYYY-MM-DD, units]. */
  readonly days: readonly (readonly [string, number])[];
}

/**
 * Demand per item × location and day from the ledger (sales and consumption, units, positive), for
 * every item × location holding a position, from `from` to `to` inclusive. Transfers, scrap and
 * adjustments are not demand.
 */
export async function demandHistory(q: Queryable, from: number, to: number): Promise<DemandHistoryRow[]> {
  const r = await q.query<{
    location_id: string;
    sku: string;
    first_day: string | null;
    days: [string, number][] | null;
  }>(
    `SELECT p.location_id, p.sku,
       (SELECT (min(occurred_at) AT TIME ZONE 'UTC')::date::text FROM inventory_ledger f WHERE f.location_id = p.location_id AND f.sku = p.sku) AS first_day,
       (SELECT json_agg(json_build_array(d.day, d.qty) ORDER BY d.day) FROM (
          SELECT (occurred_at AT TIME ZONE 'UTC')::date::text AS day, -sum(qty) AS qty FROM inventory_ledger l
          WHERE l.location_id = p.location_id AND l.sku = p.sku AND l.kind IN ('sale', 'consumption')
            AND occurred_at >= ($1 || 'T00:00:00Z')::timestamptz
            AND occurred_at < ($2 || 'T00:00:00Z')::timestamptz + interval '1 day'
          GROUP BY 1) d) AS days
     FROM positions p ORDER BY p.location_id, p.sku`,
    [formatIsoDate(from), formatIsoDate(to)],
  );
  return r.rows
    .filter((x) => x.first_day !== null)
    .map((x) => ({
      location: x.location_id,
      sku: x.sku,
      firstDay: x.first_day!,
      days: (x.days ?? []).map(([d, v]) => [d, Number(v)] as const),
    }));
}

/** The items-master figures the planner needs, from items and the primary supply lane. */
export interface PlanningItemRow {
  readonly location: string;
  readonly sku: string;
  readonly category: string | null;
  readonly unitCost: number | null;
  readonly unitPrice: number | null;
  readonly supplier: string | null;
  readonly leadTimeDays: number | null;
  readonly leadTimeSdDays: number | null;
  readonly moq: number | null;
  readonly orderMultiple: number | null;
}

export async function planningItems(q: Queryable): Promise<PlanningItemRow[]> {
  const r = await q.query<{
    location_id: string;
    sku: string;
    category: string | null;
    unit_cost: number | null;
    unit_price: number | null;
    supplier_id: string | null;
    lead_time_days: number | null;
    lead_time_sd_days: number | null;
    moq: number | null;
    order_multiple: number | null;
  }>(
    `SELECT p.location_id, p.sku, i.category, coalesce(sl.unit_cost, i.unit_cost) AS unit_cost, i.unit_price,
       sl.supplier_id, sl.lead_time_days, sl.lead_time_sd_days, sl.moq, sl.order_multiple
     FROM positions p JOIN items i ON i.sku = p.sku
     LEFT JOIN supply_lanes sl ON sl.location_id = p.location_id AND sl.sku = p.sku AND sl.role = 'primary'
     ORDER BY p.location_id, p.sku`,
  );
  return r.rows.map((x) => ({
    location: x.location_id,
    sku: x.sku,
    category: x.category,
    unitCost: x.unit_cost,
    unitPrice: x.unit_price,
    supplier: x.supplier_id,
    leadTimeDays: x.lead_time_days,
    leadTimeSdDays: x.lead_time_sd_days,
    moq: x.moq,
    orderMultiple: x.order_multiple,
  }));
}

/** The newest version that is not retired (the active one, or a pending proposal), per item × location. */
export async function latestLivePolicies(
  q: Queryable,
): Promise<
  Map<string, { version: number; status: string; ruleKind: string; figures: Record<string, number | null> }>
> {
  const r = await q.query<{
    location_id: string;
    sku: string;
    version: number;
    status: string;
    rule_kind: string;
    reorder_point: number | null;
    order_quantity: number | null;
    safety_stock: number;
    mean_daily_demand: number;
    lead_time_days: number;
  }>(
    `SELECT DISTINCT ON (location_id, sku) location_id, sku, version, status, rule_kind, reorder_point,
       order_quantity, safety_stock, mean_daily_demand, lead_time_days
     FROM policies WHERE status <> 'retired' ORDER BY location_id, sku, version DESC`,
  );
  return new Map(
    r.rows.map((x) => [
      `${x.location_id}\u0000${x.sku}`,
      {
        version: x.version,
        status: x.status,
        ruleKind: x.rule_kind,
        figures: {
          reorderPoint: x.reorder_point,
          orderQuantity: x.order_quantity,
          safetyStock: x.safety_stock,
          meanDailyDemand: x.mean_daily_demand,
          leadTimeDays: x.lead_time_days,
        },
      },
    ]),
  );
}

export interface PlanningRun {
  readonly runId: number;
  readonly trigger: string;
  readonly actor: string;
  readonly mode: string;
  readonly asOf: string;
  readonly status: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly summary: Record<string, unknown>;
  readonly error: string | null;
}

interface RunRow {
  run_id: number;
  trigger: string;
  actor: string;
  mode: string;
  as_of: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  summary: Record<string, unknown>;
  error: string | null;
}

const toRun = (r: RunRow): PlanningRun => ({
  runId: r.run_id,
  trigger: r.trigger,
  actor: r.actor,
  mode: r.mode,
  asOf: r.as_of,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  summary: r.summary,
  error: r.error,
});

export async function startRun(
  q: Queryable,
  r: { trigger: string; actor: string; mode: string; asOf: string },
): Promise<number> {
  const x = await q.query<{ run_id: number }>(
    "INSERT INTO planning_runs (trigger, actor, mode, as_of) VALUES ($1, $2, $3, $4) RETURNING run_id",
    [r.trigger, r.actor, r.mode, r.asOf],
  );
  return x.rows[0]!.run_id;
}

export async function finishRun(
  q: Queryable,
  runId: number,
  status: "finished" | "failed",
  summary: unknown,
  error: string | null,
): Promise<void> {
  await q.query(
    "UPDATE planning_runs SET status = $2, summary = $3::jsonb, error = $4, finished_at = now() WHERE run_id = $1",
    [runId, status, JSON.stringify(summary), error],
  );
}

export async function recordRunChange(
  q: Queryable,
  c: {
    runId: number;
    location: string;
    sku: string;
    change: "proposed" | "activated" | "unchanged" | "skipped";
    version: number | null;
    previousVersion: number | null;
    detail: unknown;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO planning_run_changes (location_id, run_id, sku, change, version, previous_version, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [c.location, c.runId, c.sku, c.change, c.version, c.previousVersion, JSON.stringify(c.detail)],
  );
}

export async function getRun(q: Queryable, runId: number): Promise<PlanningRun | null> {
  const r = await q.query<RunRow>("SELECT * FROM planning_runs WHERE run_id = $1", [runId]);
  return r.rows.length > 0 ? toRun(r.rows[0]!) : null;
}

export async function listRuns(q: Queryable, limit = 50): Promise<PlanningRun[]> {
  const r = await q.query<RunRow>("SELECT * FROM planning_runs ORDER BY run_id DESC LIMIT $1", [limit]);
  return r.rows.map(toRun);
}

export async function runChanges(
  q: Queryable,
  runId: number,
  includeUnchanged = false,
): Promise<
  {
    location: string;
    sku: string;
    change: string;
    version: number | null;
    previousVersion: number | null;
    detail: unknown;
  }[]
> {
  const r = await q.query<{
    location_id: string;
    sku: string;
    change: string;
    version: number | null;
    previous_version: number | null;
    detail: unknown;
  }>(
    `SELECT location_id, sku, change, version, previous_version, detail FROM planning_run_changes
     WHERE run_id = $1 AND ($2 OR change IN ('proposed', 'activated')) ORDER BY location_id, sku`,
    [runId, includeUnchanged],
  );
  return r.rows.map((x) => ({
    location: x.location_id,
    sku: x.sku,
    change: x.change,
    version: x.version,
    previousVersion: x.previous_version,
    detail: x.detail,
  }));
}
