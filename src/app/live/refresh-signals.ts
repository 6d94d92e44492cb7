import { formatIsoDate } from "../../core/calendar.js";
import { evaluateSignals } from "../../core/signals/evaluate.js";
import { withExpediteOptions } from "../../core/signals/expedite-options-for-signal.js";
import type { EpochDay } from "../../core/units.js";
import { appendAudit } from "../../db/audit.js";
import type { Tx } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import { activePolicy } from "../../db/policies-store.js";
import type { Position } from "../../db/positions.js";
import { openSupply } from "../../db/purchase-orders-store.js";
import { closeSignals, openSignals, supplyLanesFor, upsertOpenSignal } from "../../db/signals-store.js";
import { enqueueWebhookEvent } from "../../db/webhooks-store.js";

/**
 * Re-evaluates an item × location's triggers (core evaluateSignals) against its active policy and
 * makes the stored open signals match: opens new causes, refreshes the ones still firing, closes the
 * ones that no longer hold. Runs inside the caller's transaction, which must hold the position lock
 * (positions.ts lockPosition) and pass the current figures. The policy's forecast rate is the demand
 * rate. Returns the changes (a refresh that changes neither quantity nor need-by is not reported).
 */
export async function refreshSignals(
  tx: Tx,
  position: Position,
  asOf: EpochDay,
  actor: string,
): Promise<SignalChange[]> {
  const { location, sku } = position;
  const policy = await activePolicy(tx, location, sku);
  const open = await openSignals(tx, location, sku);
  const changes: SignalChange[] = [];
  const keep = new Set<number>();
  if (policy !== null) {
    const evaluation = evaluateSignals({
      asOf,
      position: { onHand: position.onHand, onOrder: position.onOrder, allocated: position.allocated },
      policy: {
        version: policy.version,
        rule: policy.rule,
        thresholds: policy.thresholds,
        constraints: policy.constraints,
      },
      openOrders: await openSupply(tx, location, sku),
      forecastDailyDemand: policy.meanDailyDemand,
    });
    // An emergency carries its expedite options (backup suppliers, faster modes, their cost).
    const lanes = evaluation.signals.some((x) => x.kind === "emergency")
      ? await supplyLanesFor(tx, location, sku)
      : [];
    for (const s of evaluation.signals.map((x) => withExpediteOptions(x, asOf, lanes))) {
      const before = open.find((o) => o.kind === s.kind && o.causeKey === s.causeKey);
      const { signalId, inserted } = await upsertOpenSignal(tx, location, sku, policy.version, s);
      keep.add(signalId);
      const change = { signalId, location, sku, kind: s.kind, causeKey: s.causeKey, quantity: s.quantity };
      if (inserted) {
        changes.push({ ...change, change: "opened" });
        await appendAudit(tx, {
          actor,
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
        });
        // The webhook owed for it commits (or not) with the signal itself.
        await enqueueWebhookEvent(tx, {
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
            policyVersion: policy.version,
            asOf: formatIsoDate(asOf),
            reasons: s.explanation.reasons,
          },
        });
      } else if (
        before !== undefined &&
        (before.quantity !== s.quantity || before.needBy !== formatIsoDate(s.needByDay))
      ) {
        changes.push({ ...change, change: "updated" });
      }
    }
  }
  const stale = open.filter((o) => !keep.has(o.signalId));
  const reason = policy === null ? "no active policy" : "condition cleared";
  const closed = new Set(
    await closeSignals(
      tx,
      location,
      stale.map((o) => o.signalId),
      reason,
    ),
  );
  for (const o of stale) {
    if (!closed.has(o.signalId)) continue;
    changes.push({
      signalId: o.signalId,
      location,
      sku,
      kind: o.kind,
      causeKey: o.causeKey,
      quantity: o.quantity,
      change: "closed",
    });
    await appendAudit(tx, {
      actor,
      action: "signal.closed",
      subject: "signal",
      subjectId: String(o.signalId),
      location,
      detail: { sku, kind: o.kind, causeKey: o.causeKey, reason },
    });
    await enqueueWebhookEvent(tx, {
      kind: "signal.closed",
      location,
      sku,
      data: {
        signalId: o.signalId,
        location,
        sku,
        kind: o.kind,
        causeKey: o.causeKey,
        reason,
        asOf: formatIsoDate(asOf),
      },
    });
  }
  return changes;
}
