import type { Queryable } from "./db.js";

export type AlertKind = "stockout" | "late_order" | "emergency" | "supplier_performance" | "data_quality";
export type AlertSeverity = "info" | "warning" | "critical";

export interface NewAlert {
  readonly location: string;
  readonly sku: string | null;
  readonly supplier: string | null;
  readonly signalId: number | null;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  /** At most one unresolved alert per location × kind × cause (alerts_one_open_per_cause). */
  readonly causeKey: string;
  readonly escalationLevel: number;
  readonly message: string;
  readonly detail: unknown;
  /** When (the app's clock: the demo's simulated time); default the database's now(). */
  readonly at?: Date | undefined;
}

export interface StoredAlert {
  readonly alertId: number;
  readonly location: string;
  readonly sku: string | null;
  readonly supplier: string | null;
  readonly signalId: number | null;
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  readonly status: "open" | "acknowledged" | "escalated" | "resolved";
  readonly causeKey: string | null;
  readonly escalationLevel: number;
  readonly message: string;
  readonly detail: unknown;
  readonly raisedAt: Date;
  readonly resolvedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: Date | null;
  readonly assignedTo: string | null;
  readonly assignedAt: Date | null;
  /** Out of the open queue until this instant (null: not snoozed). */
  readonly snoozedUntil: Date | null;
  readonly resolvedBy: string | null;
  readonly resolutionNote: string | null;
}

interface AlertRow {
  alert_id: number;
  location_id: string;
  sku: string | null;
  supplier_id: string | null;
  signal_id: number | null;
  kind: AlertKind;
  severity: AlertSeverity;
  status: StoredAlert["status"];
  cause_key: string | null;
  escalation_level: number;
  message: string;
  detail: unknown;
  raised_at: Date;
  resolved_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  assigned_to: string | null;
  assigned_at: Date | null;
  snoozed_until: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

const toAlert = (r: AlertRow): StoredAlert => ({
  alertId: r.alert_id,
  location: r.location_id,
  sku: r.sku,
  supplier: r.supplier_id,
  signalId: r.signal_id,
  kind: r.kind,
  severity: r.severity,
  status: r.status,
  causeKey: r.cause_key,
  escalationLevel: r.escalation_level,
  message: r.message,
  detail: r.detail,
  raisedAt: r.raised_at,
  resolvedAt: r.resolved_at,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  assignedTo: r.assigned_to,
  assignedAt: r.assigned_at,
  snoozedUntil: r.snoozed_until,
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
});

const COLUMNS = `alert_id, location_id, sku, supplier_id, signal_id, kind, severity, status, cause_key,
  escalation_level, message, detail, raised_at, resolved_at, acknowledged_by, acknowledged_at, assigned_to,
  assigned_at, snoozed_until, resolved_by, resolution_note`;

/**
 * Raises the alert unless one for the same cause is unresolved; then raises its escalation level (and
 * severity, message, detail) when the new one is higher, waking it if snoozed. A cause a person resolved
 * (resolveAlert by the scheduler does not count) is not raised again at the same or a lower level. Says
 * which happened.
 */
export async function raiseAlert(
  tx: Queryable,
  a: NewAlert,
): Promise<{ alert: StoredAlert; change: "raised" | "escalated" | "unchanged" }> {
  // A person resolved this cause at this level or higher: it stays resolved until it escalates further.
  const settled = await tx.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE location_id = $1 AND kind = $2 AND cause_key = $3
       AND status = 'resolved' AND resolved_by IS NOT NULL AND escalation_level >= $4
       AND NOT EXISTS (SELECT 1 FROM alerts u WHERE u.location_id = $1 AND u.kind = $2 AND u.cause_key = $3
                         AND u.status <> 'resolved')
     ORDER BY alert_id DESC LIMIT 1`,
    [a.location, a.kind, a.causeKey, a.escalationLevel],
  );
  if (settled.rows.length > 0) return { alert: toAlert(settled.rows[0]!), change: "unchanged" };
  const inserted = await tx.query<AlertRow>(
    `INSERT INTO alerts (location_id, sku, supplier_id, signal_id, kind, severity, cause_key, escalation_level,
       message, detail, status, escalated_at, raised_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb,
       CASE WHEN $8::int > 0 THEN 'escalated' ELSE 'open' END,
       CASE WHEN $8::int > 0 THEN coalesce($11::timestamptz, now()) END, coalesce($11::timestamptz, now()))
     ON CONFLICT (location_id, kind, cause_key)
       WHERE status IN ('open', 'acknowledged', 'escalated') AND cause_key IS NOT NULL
     DO NOTHING RETURNING ${COLUMNS}`,
    [
      a.location,
      a.sku,
      a.supplier,
      a.signalId,
      a.kind,
      a.severity,
      a.causeKey,
      a.escalationLevel,
      a.message,
      JSON.stringify(a.detail),
      a.at ?? null,
    ],
  );
  if (inserted.rows.length > 0) return { alert: toAlert(inserted.rows[0]!), change: "raised" };
  const escalated = await tx.query<AlertRow>(
    `UPDATE alerts SET escalation_level = $4, severity = $5, message = $6, detail = $7::jsonb,
       status = 'escalated', escalated_at = coalesce($9::timestamptz, now()), signal_id = coalesce(signal_id, $8),
       snoozed_until = NULL
     WHERE location_id = $1 AND kind = $2 AND cause_key = $3 AND status IN ('open', 'acknowledged', 'escalated')
       AND escalation_level < $4
     RETURNING ${COLUMNS}`,
    [
      a.location,
      a.kind,
      a.causeKey,
      a.escalationLevel,
      a.severity,
      a.message,
      JSON.stringify(a.detail),
      a.signalId,
      a.at ?? null,
    ],
  );
  if (escalated.rows.length > 0) return { alert: toAlert(escalated.rows[0]!), change: "escalated" };
  const current = await tx.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE location_id = $1 AND kind = $2 AND cause_key = $3
       AND status IN ('open', 'acknowledged', 'escalated')`,
    [a.location, a.kind, a.causeKey],
  );
  return { alert: toAlert(current.rows[0]!), change: "unchanged" };
}

/** Unresolved alerts of a kind for an item × location. */
export async function unresolvedAlerts(
  q: Queryable,
  location: string,
  sku: string,
  kind: AlertKind,
): Promise<StoredAlert[]> {
  const r = await q.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE location_id = $1 AND sku = $2 AND kind = $3
       AND status IN ('open', 'acknowledged', 'escalated') ORDER BY alert_id`,
    [location, sku, kind],
  );
  return r.rows.map(toAlert);
}

/** Item × locations with unresolved alerts of a kind. */
export async function itemsWithUnresolvedAlerts(
  q: Queryable,
  kind: AlertKind,
): Promise<{ location: string; sku: string }[]> {
  const r = await q.query<{ location_id: string; sku: string }>(
    `SELECT DISTINCT location_id, sku FROM alerts WHERE kind = $1 AND sku IS NOT NULL
       AND status IN ('open', 'acknowledged', 'escalated') ORDER BY location_id, sku`,
    [kind],
  );
  return r.rows.map((x) => ({ location: x.location_id, sku: x.sku }));
}

/** Resolves an alert whose cause is gone (the scheduler); `at` default the database's now(). */
export async function resolveAlert(
  tx: Queryable,
  location: string,
  alertId: number,
  at?: Date,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE alerts SET status = 'resolved', resolved_at = coalesce($3::timestamptz, now())
     WHERE location_id = $1 AND alert_id = $2 AND status <> 'resolved'`,
    [location, alertId, at ?? null],
  );
  return r.rowCount > 0;
}

/** Alerts, newest first; unresolved only unless `all`. */
// ---------------------------------------------------------------- the escalation queue and its actions

export interface AlertFilter {
  readonly id?: number | undefined;
  /**
   * "unresolved" (default: open, acknowledged or escalated and not snoozed at `now`), one status (not
   * snoozed either, except "resolved"), "snoozed" (unresolved, snoozed past `now`) or "all".
   */
  readonly status?:
    | "unresolved"
    | "open"
    | "acknowledged"
    | "escalated"
    | "resolved"
    | "snoozed"
    | "all"
    | undefined;
  readonly severity?: AlertSeverity | undefined;
  /** Escalation level (0 = first notice). */
  readonly level?: number | undefined;
  readonly kind?: AlertKind | undefined;
  readonly supplier?: string | undefined;
  readonly sku?: string | undefined;
  readonly location?: string | undefined;
  readonly assignedTo?: string | undefined;
}

/** One page of alerts matching `f` (snoozing judged at `now`), newest first; `more` when another follows. */
export async function listAlertPage(
  q: Queryable,
  f: AlertFilter,
  now: Date,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ rows: StoredAlert[]; more: boolean }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (clause: string, v: unknown) => {
    if (v === undefined) return;
    params.push(v);
    where.push(clause.replaceAll("?", `$${params.length}`));
  };
  const awake = "(snoozed_until IS NULL OR snoozed_until <= ?)";
  const status = f.id !== undefined ? (f.status ?? "all") : (f.status ?? "unresolved");
  if (status === "unresolved") add(`status <> 'resolved' AND ${awake}`, now);
  else if (status === "snoozed") add("status <> 'resolved' AND snoozed_until > ?", now);
  else if (status === "resolved") where.push("status = 'resolved'");
  else if (status !== "all") {
    add("status = ?", status);
    add(awake, now);
  }
  add("alert_id = ?", f.id);
  add("severity = ?", f.severity);
  add("escalation_level = ?", f.level);
  add("kind = ?", f.kind);
  add("supplier_id = ?", f.supplier);
  add("sku = ?", f.sku);
  add("location_id = ?", f.location);
  add("assigned_to = ?", f.assignedTo);
  params.push(page.limit + 1, page.offset);
  const r = await q.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE ${where.length > 0 ? where.join(" AND ") : "true"}
     ORDER BY alert_id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows: r.rows.slice(0, page.limit).map(toAlert), more: r.rows.length > page.limit };
}

/** The alert with this id, or null. */
export async function getAlert(q: Queryable, alertId: number): Promise<StoredAlert | null> {
  const r = await q.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE alert_id = $1`, [alertId]);
  return r.rows.length > 0 ? toAlert(r.rows[0]!) : null;
}

/** A person's action on an unresolved alert; null when the alert is resolved (or missing). */
export type AlertAction =
  | { readonly action: "acknowledge" }
  | { readonly action: "assign"; readonly assignee: string }
  | { readonly action: "snooze"; readonly until: Date }
  | { readonly action: "resolve"; readonly note: string | null };

export async function actOnAlert(
  tx: Queryable,
  alertId: number,
  a: AlertAction,
  actor: string,
  at: Date,
): Promise<StoredAlert | null> {
  const set = {
    // An escalated alert stays escalated (its level says how far) but records who saw it.
    acknowledge: `status = CASE WHEN status = 'open' THEN 'acknowledged' ELSE status END,
       acknowledged_by = $2, acknowledged_at = $3`,
    assign: "assigned_to = $4::text, assigned_by = $2, assigned_at = $3",
    snooze: "snoozed_until = $3::timestamptz, snoozed_by = $2",
    resolve: `status = 'resolved', resolved_at = $3, resolved_by = $2, resolution_note = $4::text,
       snoozed_until = NULL`,
  }[a.action];
  // snooze has no "at" of its own: its instant is the one it ends
  const params: unknown[] = [alertId, actor, a.action === "snooze" ? a.until : at];
  if (a.action === "assign") params.push(a.assignee);
  else if (a.action === "resolve") params.push(a.note);
  const r = await tx.query<AlertRow>(
    `UPDATE alerts SET ${set} WHERE alert_id = $1 AND status <> 'resolved' RETURNING ${COLUMNS}`,
    params,
  );
  return r.rows.length > 0 ? toAlert(r.rows[0]!) : null;
}
