import type { Queryable } from "./db.js";

export interface AuditEntry {
  /** Who: a user, a source system, or "takt" for automatic changes. */
  readonly actor: string;
  /** What, as `subject.verb`: "signal.opened", "policy.approved", "import.ledger". */
  readonly action: string;
  readonly subject: string;
  readonly subjectId: string;
  readonly location?: string | null;
  readonly detail?: unknown;
}

/** Appends to the audit log (append-only in the database). */
export async function appendAudit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (location_id, actor, action, subject, subject_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [e.location ?? null, e.actor, e.action, e.subject, e.subjectId, JSON.stringify(e.detail ?? {})],
  );
}
