import { formatIsoDate } from "../../core/calendar.js";
import type { DesiredSignal } from "../../core/signals/evaluate.js";
import type { EpochDay } from "../../core/units.js";
import type { AuditWrite, WebhookWrite } from "../../db/ledger-batch.js";

/**
 * The audit entry and the webhook event a signal's opening or closing writes — one definition for the
 * one-by-one path (refresh-signals.ts) and the set-based path (apply-batch.ts), which must write the
 * same rows (their property test compares them).
 */
export interface SignalRecords {
  readonly audit: AuditWrite;
  readonly webhook: WebhookWrite;
}

export function signalOpenedRecords(o: {
  readonly actor: string;
  readonly location: string;
  readonly sku: string;
  readonly signalId: number;
  readonly signal: DesiredSignal;
  readonly policyVersion: number;
  readonly asOf: EpochDay;
}): SignalRecords {
  const { location, sku, signalId, signal: s } = o;
  return {
    audit: {
      actor: o.actor,
      action: "signal.opened",
      subject: "signal",
      subjectId: String(signalId),
      location,
      detail: {
        sku,
        kind: s.kind,
        causeKey: s.causeKey,
        quantity: s.quantity,
        reasons: s.explanation.reasons,
      },
    },
    webhook: {
      kind: "signal.opened",
      location,
      sku,
      data: {
        signalId,
        location,
        sku,
        kind: s.kind,
        causeKey: s.causeKey,
        quantity: s.quantity,
        orderOn: formatIsoDate(s.orderDay),
        needBy: formatIsoDate(s.needByDay),
        policyVersion: o.policyVersion,
        asOf: formatIsoDate(o.asOf),
        reasons: s.explanation.reasons,
      },
    },
  };
}

export function signalClosedRecords(o: {
  readonly actor: string;
  readonly location: string;
  readonly sku: string;
  readonly signalId: number;
  readonly kind: string;
  readonly causeKey: string;
  readonly reason: string;
  readonly asOf: EpochDay;
}): SignalRecords {
  const { location, sku, signalId, kind, causeKey, reason } = o;
  return {
    audit: {
      actor: o.actor,
      action: "signal.closed",
      subject: "signal",
      subjectId: String(signalId),
      location,
      detail: { sku, kind, causeKey, reason },
    },
    webhook: {
      kind: "signal.closed",
      location,
      sku,
      data: { signalId, location, sku, kind, causeKey, reason, asOf: formatIsoDate(o.asOf) },
    },
  };
}
