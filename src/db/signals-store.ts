import { formatIsoDate } from "../core/calendar.js";
import type { DesiredSignal, SignalExplanation, SignalKind } from "../core/signals/evaluate.js";
import type { ExpediteLane } from "../core/signals/expedite-options.js";
import type { Queryable } from "./db.js";

export type SignalStatus = "open" | "approved" | "dismissed" | "closed";

export interface StoredSignal {
  readonly signalId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: SignalKind;
  readonly status: SignalStatus;
  readonly causeKey: string;
  readonly quantity: number | null;
  /** YYYY-MM-DD. */
  readonly orderOn: string;
  readonly needBy: string;
  readonly policyVersion: number | null;
  readonly explanation: SignalExplanation;
  readonly openedAt: Date;
  readonly closedAt: Date | null;
  readonly closedReason: string | null;
}

interface SignalRow {
  signal_id: number;
  location_id: string;
  sku: string;
  kind: SignalKind;
  status: SignalStatus;
  cause_key: string;
  quantity: number | null;
  order_on: string;
  need_by: string;
  policy_version: number | null;
  explanation: SignalExplanation;
  opened_at: Date;
  closed_at: Date | null;
  closed_reason: string | null;
}

const COLUMNS = `signal_id, location_id, sku, kind, status, cause_key, quantity, order_on, need_by, policy_version,
  explanation, opened_at, closed_at, closed_reason`;

const toSignal = (r: SignalRow): StoredSignal => ({
  signalId: r.signal_id,
  location: r.location_id,
  sku: r.sku,
  kind: r.kind,
  status: r.status,
  causeKey: r.cause_key,
  quantity: r.quantity,
  orderOn: r.order_on,
  needBy: r.need_by,
  policyVersion: r.policy_version,
  explanation: r.explanation,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  closedReason: r.closed_reason,
});

export async function openSignals(q: Queryable, location: string, sku: string): Promise<StoredSignal[]> {
  const r = await q.query<SignalRow>(
    `SELECT ${COLUMNS} FROM signals WHERE location_id = $1 AND sku = $2 AND status = 'open' ORDER BY signal_id`,
    [location, sku],
  );
  return r.rows.map(toSignal);
}

/**
 * Opens the signal, or refreshes the open one with the same cause (quantity, need-by, explanation;
 * the order date stays the day it first fired). The partial unique index signals_one_open_per_cause is
 * the arbiter, so two writers can never open the same cause twice.
 */
export async function upsertOpenSignal(
  tx: Queryable,
  location: string,
  sku: string,
  policyVersion: number,
  s: DesiredSignal,
): Promise<{ signalId: number; inserted: boolean }> {
  const r = await tx.query<{ signal_id: number; inserted: boolean }>(
    `INSERT INTO signals (location_id, sku, kind, cause_key, quantity, order_on, need_by, policy_version, explanation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
     ON CONFLICT (location_id, sku, kind, cause_key) WHERE status = 'open'
     DO UPDATE SET quantity = EXCLUDED.quantity, need_by = EXCLUDED.need_by,
       policy_version = EXCLUDED.policy_version, explanation = EXCLUDED.explanation, updated_at = now()
     RETURNING signal_id, (xmax = 0) AS inserted`,
    [
      location,
      sku,
      s.kind,
      s.causeKey,
      s.quantity,
      formatIsoDate(s.orderDay),
      formatIsoDate(s.needByDay),
      policyVersion,
      JSON.stringify(s.explanation),
    ],
  );
  return { signalId: r.rows[0]!.signal_id, inserted: r.rows[0]!.inserted };
}

/** Closes open signals (their cause no longer holds); returns the ids actually closed. */
export async function closeSignals(tx: Queryable, location: string, ids: readonly number[], reason: string) {
  if (ids.length === 0) return [];
  const r = await tx.query<{ signal_id: number }>(
    `UPDATE signals SET status = 'closed', closed_at = now(), closed_reason = $3, updated_at = now()
     WHERE location_id = $1 AND signal_id = ANY($2::bigint[]) AND status = 'open' RETURNING signal_id`,
    [location, ids, reason],
  );
  return r.rows.map((x) => x.signal_id);
}

/** A person's decision on an open signal. Returns false when the signal is not open. */
export async function decideSignal(
  tx: Queryable,
  signalId: number,
  decision: "approved" | "dismissed",
  actor: string,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE signals SET status = $2, decided_by = $3, decided_at = now(), updated_at = now()
     WHERE signal_id = $1 AND status = 'open'`,
    [signalId, decision, actor],
  );
  return r.rowCount > 0;
}

export async function getSignal(q: Queryable, signalId: number): Promise<StoredSignal | null> {
  const r = await q.query<SignalRow>(`SELECT ${COLUMNS} FROM signals WHERE signal_id = $1`, [signalId]);
  return r.rows.length > 0 ? toSignal(r.rows[0]!) : null;
}

/** Signals with a status (default open), oldest first. */
export async function listSignals(q: Queryable, status: SignalStatus = "open"): Promise<StoredSignal[]> {
  const r = await q.query<SignalRow>(`SELECT ${COLUMNS} FROM signals WHERE status = $1 ORDER BY signal_id`, [
    status,
  ]);
  return r.rows.map(toSignal);
}

/** An item × location's supply lanes, primary first, as the expedite options read them. */
export async function supplyLanesFor(q: Queryable, location: string, sku: string): Promise<ExpediteLane[]> {
  return (await supplyLanesOf(q, [{ location, sku }])).get(`${location}\u0000${sku}`) ?? [];
}

/** Supply lanes of many item × locations in one query, keyed `location \0 sku`, primary first. */
export async function supplyLanesOf(
  q: Queryable,
  pairs: readonly { readonly location: string; readonly sku: string }[],
): Promise<Map<string, ExpediteLane[]>> {
  const out = new Map<string, ExpediteLane[]>();
  if (pairs.length === 0) return out;
  const r = await q.query<{
    location_id: string;
    sku: string;
    supplier_id: string;
    role: ExpediteLane["role"];
    mode: string;
    lead_time_days: number;
    moq: number;
    order_multiple: number;
    unit_cost: number | null;
    expedite_lead_time_days: number | null;
    expedite_cost_per_unit: number | null;
  }>(
    `SELECT l.location_id, l.sku, supplier_id, role, mode, lead_time_days, moq, order_multiple, unit_cost,
            expedite_lead_time_days, expedite_cost_per_unit
     FROM supply_lanes l JOIN unnest($1::text[], $2::text[]) AS p(location_id, sku)
       ON l.location_id = p.location_id AND l.sku = p.sku
     ORDER BY l.location_id, l.sku, role DESC, supplier_id`,
    [pairs.map((p) => p.location), pairs.map((p) => p.sku)],
  );
  for (const x of r.rows) {
    const k = `${x.location_id}\u0000${x.sku}`;
    const list = out.get(k) ?? [];
    list.push({
      supplier: x.supplier_id,
      role: x.role,
      mode: x.mode,
      leadTimeDays: Number(x.lead_time_days),
      moq: Number(x.moq),
      orderMultiple: Number(x.order_multiple),
      unitCost: x.unit_cost === null ? null : Number(x.unit_cost),
      expediteLeadTimeDays: x.expedite_lead_time_days === null ? null : Number(x.expedite_lead_time_days),
      expediteCostPerUnit: x.expedite_cost_per_unit === null ? null : Number(x.expedite_cost_per_unit),
    });
    out.set(k, list);
  }
  return out;
}
