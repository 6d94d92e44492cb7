import type { Queryable } from "./db.js";

/** A person's action on an open signal besides approve / dismiss / acknowledge. */
export type SignalAction =
  | { readonly action: "assign"; readonly assignee: string }
  | { readonly action: "snooze"; readonly until: Date }
  | { readonly action: "resolve"; readonly note: string | null };

export interface SignalActionState {
  readonly signalId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: string;
  readonly status: string;
  readonly assignedTo: string | null;
  readonly assignedBy: string | null;
  readonly assignedAt: Date | null;
  readonly snoozedUntil: Date | null;
  readonly snoozedBy: string | null;
  readonly closedReason: string | null;
}

const RETURNING = `signal_id, location_id, sku, kind, status, assigned_to, assigned_by, assigned_at, snoozed_until,
  snoozed_by, closed_reason`;

/**
 * Applies the action to an open signal at `at`; null when it is not open (or missing). Resolving closes
 * it (handled outside takt) with the reason `resolved` and the note.
 */
export async function actOnSignal(
  tx: Queryable,
  signalId: number,
  a: SignalAction,
  actor: string,
  at: Date,
): Promise<SignalActionState | null> {
  const set = {
    assign: "assigned_to = $4::text, assigned_by = $2, assigned_at = $3, updated_at = $3",
    snooze: "snoozed_until = $4::timestamptz, snoozed_by = $2, updated_at = $3",
    resolve: `status = 'closed', closed_at = $3, decided_by = $2, decided_at = $3, snoozed_until = NULL,
       closed_reason = 'resolved' || coalesce(': ' || $4::text, '')`,
  }[a.action];
  const arg = a.action === "assign" ? a.assignee : a.action === "snooze" ? a.until : a.note;
  const r = await tx.query<{
    signal_id: number;
    location_id: string;
    sku: string;
    kind: string;
    status: string;
    assigned_to: string | null;
    assigned_by: string | null;
    assigned_at: Date | null;
    snoozed_until: Date | null;
    snoozed_by: string | null;
    closed_reason: string | null;
  }>(
    `UPDATE signals SET ${set}
     WHERE signal_id = $1 AND status = 'open' RETURNING ${RETURNING}`,
    [signalId, actor, at, arg],
  );
  const x = r.rows[0];
  if (x === undefined) return null;
  return {
    signalId: x.signal_id,
    location: x.location_id,
    sku: x.sku,
    kind: x.kind,
    status: x.status,
    assignedTo: x.assigned_to,
    assignedBy: x.assigned_by,
    assignedAt: x.assigned_at,
    snoozedUntil: x.snoozed_until,
    snoozedBy: x.snoozed_by,
    closedReason: x.closed_reason,
  };
}
