import { fail, type Issue, ok, type Result } from "../../core/result.js";
import { type AlertAction, actOnAlert, getAlert, type StoredAlert } from "../../db/alerts-store.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import { actOnSignal, type SignalAction, type SignalActionState } from "../../db/signal-actions-store.js";
import { getSignal } from "../../db/signals-store.js";
import { enqueueWebhookEvent } from "../../db/webhooks-store.js";

const notFound = (what: "alert" | "signal", id: number): Issue => ({
  code: "not_found",
  path: { field: "id" },
  message: `no ${what} ${id}`,
  received: String(id),
});

/** A snooze must end after `now` (the app's clock). */
function snoozeInFuture(a: AlertAction | SignalAction, now: Date): Issue | null {
  if (a.action !== "snooze" || a.until.getTime() > now.getTime()) return null;
  return {
    code: "invalid_until",
    path: { field: "until" },
    message: "a snooze ends after now",
    expected: `an instant after ${now.toISOString()}`,
    received: a.until.toISOString(),
  };
}

const auditDetail = (a: AlertAction | SignalAction) =>
  a.action === "assign"
    ? { assignee: a.assignee }
    : a.action === "snooze"
      ? { until: a.until.toISOString() }
      : a.action === "resolve"
        ? { note: a.note }
        : {};

const PAST = {
  acknowledge: "acknowledged",
  assign: "assigned",
  snooze: "snoozed",
  resolve: "resolved",
} as const;

/**
 * A person acknowledges, assigns, snoozes or resolves an unresolved alert (escalation), at `now` (the
 * app's clock), in one transaction with its audit entry (who, when, what); resolving also notifies the
 * webhooks (`alert.resolved`). A resolved alert takes no more actions (conflict).
 */
export async function actOnAlertAs(
  db: Db,
  alertId: number,
  a: AlertAction,
  actor: string,
  now: Date,
): Promise<Result<StoredAlert>> {
  const bad = snoozeInFuture(a, now);
  if (bad !== null) return fail(bad);
  return db.transaction(async (tx) => {
    const before = await getAlert(tx, alertId);
    if (before === null) return fail(notFound("alert", alertId));
    const after = await actOnAlert(tx, alertId, a, actor, now);
    if (after === null)
      return fail({
        code: "conflict",
        path: { field: "status" },
        message: `alert ${alertId} is resolved`,
        expected: "an unresolved alert (open, acknowledged or escalated)",
        received: before.status,
      });
    await appendAudit(tx, {
      actor,
      action: `alert.${PAST[a.action]}`,
      subject: "alert",
      subjectId: String(alertId),
      location: after.location,
      detail: { sku: after.sku, kind: after.kind, at: now.toISOString(), ...auditDetail(a) },
    });
    if (a.action === "resolve")
      await enqueueWebhookEvent(tx, {
        kind: "alert.resolved",
        location: after.location,
        sku: after.sku,
        data: {
          alertId,
          kind: after.kind,
          location: after.location,
          sku: after.sku,
          supplier: after.supplier,
          causeKey: after.causeKey,
          resolvedBy: actor,
          note: a.note,
        },
      });
    return ok(after);
  });
}

/**
 * A person assigns, snoozes or resolves an open signal at `now` (the app's clock), audited in the same
 * transaction. Resolving closes the signal (handled outside takt) and notifies the webhooks
 * (`signal.closed`); the triggers open a new one if its cause still holds at the next evaluation.
 */
export async function actOnSignalAs(
  db: Db,
  signalId: number,
  a: SignalAction,
  actor: string,
  now: Date,
): Promise<Result<SignalActionState>> {
  const bad = snoozeInFuture(a, now);
  if (bad !== null) return fail(bad);
  return db.transaction(async (tx) => {
    const before = await getSignal(tx, signalId);
    if (before === null) return fail(notFound("signal", signalId));
    const after = await actOnSignal(tx, signalId, a, actor, now);
    if (after === null)
      return fail({
        code: "conflict",
        path: { field: "status" },
        message: `signal ${signalId} is ${before.status}, not open`,
        expected: "an open signal",
        received: before.status,
      });
    await appendAudit(tx, {
      actor,
      action: `signal.${PAST[a.action]}`,
      subject: "signal",
      subjectId: String(signalId),
      location: after.location,
      detail: { sku: after.sku, kind: after.kind, at: now.toISOString(), ...auditDetail(a) },
    });
    if (a.action === "resolve")
      await enqueueWebhookEvent(tx, {
        kind: "signal.closed",
        location: after.location,
        sku: after.sku,
        data: {
          signalId,
          location: after.location,
          sku: after.sku,
          kind: after.kind,
          causeKey: before.causeKey,
          reason: after.closedReason,
        },
      });
    return ok(after);
  });
}
