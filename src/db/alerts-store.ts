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
});

const COLUMNS = `alert_id, location_id, sku, supplier_id, signal_id, kind, severity, status, cause_key,
  escalation_level, message, detail, raised_at, resolved_at`;

/**
 * Raises the alert unless one for the same cause is unresolved; then raises its escalation level (and
 * severity, message, detail) when the new one is higher. Says which happened.
 */
export async function raiseAlert(
  tx: Queryable,
  a: NewAlert,
): Promise<{ alert: StoredAlert; change: "raised" | "escalated" | "unchanged" }> {
  const inserted = await tx.query<AlertRow>(
    `INSERT INTO alerts (location_id, sku, supplier_id, signal_id, kind, severity, cause_key, escalation_level,
       message, detail, status, escalated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb,
       CASE WHEN $8::int > 0 THEN 'escalated' ELSE 'open' END, CASE WHEN $8::int > 0 THEN now() END)
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
    ],
  );
  if (inserted.rows.length > 0) return { alert: toAlert(inserted.rows[0]!), change: "raised" };
  const escalated = await tx.query<AlertRow>(
    `UPDATE alerts SET escalation_level = $4, severity = $5, message = $6, detail = $7::jsonb,
       status = 'escalated', escalated_at = now(), signal_id = coalesce(signal_id, $8)
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

export async function resolveAlert(tx: Queryable, location: string, alertId: number): Promise<boolean> {
  const r = await tx.query(
    `UPDATE alerts SET status = 'resolved', resolved_at = now()
     WHERE location_id = $1 AND alert_id = $2 AND status <> 'resolved'`,
    [location, alertId],
  );
  return r.rowCount > 0;
}

/** Alerts, newest first; unresolved only unless `all`. */
export async function listAlerts(q: Queryable, all = false, limit = 500): Promise<StoredAlert[]> {
  const r = await q.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE $1 OR status <> 'resolved' ORDER BY alert_id DESC LIMIT $2`,
    [all, limit],
  );
  return r.rows.map(toAlert);
}
