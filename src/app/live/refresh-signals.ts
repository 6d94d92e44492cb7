import { formatIsoDate } from "../../core/calendar.js";
import { type AutoOrderDecision, decideAutoOrder } from "../../core/signals/auto-order.js";
import { evaluateSignals } from "../../core/signals/evaluate.js";
import { withExpediteOptions } from "../../core/signals/expedite-options-for-signal.js";
import type { EpochDay } from "../../core/units.js";
import type { Tx } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import { appendAuditRows, enqueueWebhookEvents } from "../../db/ledger-batch.js";
import { activePolicy } from "../../db/policies-store.js";
import { changePosition, type Position } from "../../db/positions.js";
import { insertAutoOrders, openSupply } from "../../db/purchase-orders-store.js";
import {
  closeSignals,
  decideSignal,
  openSignals,
  supplyLanesFor,
  upsertOpenSignal,
} from "../../db/signals-store.js";
import {
  AUTO_ORDER_ACTOR,
  autoOrderAudit,
  autoOrderNumber,
  autoOrderRow,
  autoOrderWebhook,
  orderingOf,
  primaryLane,
} from "./auto-order.js";
import { signalClosedRecords, signalOpenedRecords } from "./signal-records.js";

export interface RefreshOptions {
  /**
   * What fired the trigger, unique per location: `<source>:<key>` of an inventory event, or
   * `policy:<sku>:v<n>` of a policy activation. Under an automatic policy a replenishment proposal it
   * opens is ordered at once (core/signals/auto-order.ts), as purchase order `AUTO-<origin>`. Absent:
   * no automatic order (the proposal says why).
   */
  readonly origin?: string;
  /**
   * The activation of an automatic version: a replenishment proposal still open from before (no
   * ordering note: a planner's until now) is decided as if it had just opened.
   */
  readonly takeOver?: boolean;
  /** Internal: the second pass after an automatic order (at most one order per trigger). */
  readonly afterAutoOrder?: boolean;
}

/**
 * Re-evaluates an item × location's triggers (core evaluateSignals) against its active policy and
 * makes the stored open signals match: opens new causes, refreshes the ones still firing, closes the
 * ones that no longer hold. Runs inside the caller's transaction, which must hold the position lock
 * (positions.ts lockPosition) and pass the current figures. The policy's forecast rate is the demand
 * rate. Returns the changes (a refresh that changes neither quantity nor need-by is not reported).
 *
 * Automatic ordering: when the active policy's mode is automatic and a replenishment proposal opens
 * (or, on the activation of that version, one is still open from before without an ordering note),
 * core decideAutoOrder says whether to order it (its explanation's `ordering` says why or why not). If
 * so, in this same transaction: the purchase order is placed on the primary lane (`AUTO-<origin>`, the
 * proposal's quantity, order and need-by dates), the signal is approved by `system:auto-order`, on
 * order grows, the approval's audit entries and the `purchase_order.placed` webhook are written, the
 * change `ordered` is reported after `opened`, and the triggers are evaluated once more on the new
 * position (as an approval does). apply-batch.ts does the same set-based; keep the two in step.
 */
export async function refreshSignals(
  tx: Tx,
  position: Position,
  asOf: EpochDay,
  actor: string,
  options: RefreshOptions = {},
): Promise<SignalChange[]> {
  const { location, sku } = position;
  const policy = await activePolicy(tx, location, sku);
  const open = await openSignals(tx, location, sku);
  const changes: SignalChange[] = [];
  const keep = new Set<number>();
  let ordered: Position | null = null;
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
    const undecided = (o: (typeof open)[number] | undefined): boolean =>
      o === undefined || (options.takeOver === true && o.explanation.ordering === undefined);
    const opensReplenishment = (kind: string, causeKey: string) =>
      kind === "replenishment" && undecided(open.find((o) => o.kind === kind && o.causeKey === causeKey));
    const automatic =
      policy.orderingMode === "automatic" &&
      options.afterAutoOrder !== true &&
      evaluation.signals.some((x) => opensReplenishment(x.kind, x.causeKey));
    // An emergency carries its expedite options (backup suppliers, faster modes, their cost).
    const lanes =
      automatic || evaluation.signals.some((x) => x.kind === "emergency")
        ? await supplyLanesFor(tx, location, sku)
        : [];
    for (const desired of evaluation.signals.map((x) => withExpediteOptions(x, asOf, lanes))) {
      const before = open.find((o) => o.kind === desired.kind && o.causeKey === desired.causeKey);
      const decision: AutoOrderDecision | null =
        automatic && desired.kind === "replenishment" && undecided(before)
          ? decideAutoOrder({
              policy: orderingOf(policy),
              level: evaluation.level,
              signal: desired,
              lane: primaryLane(lanes),
              fromEvent: options.origin !== undefined,
            })
          : null;
      const poNumber = decision?.placed === true ? autoOrderNumber(options.origin!) : null;
      // An open proposal keeps the note of its opening while the policy stays automatic.
      const note =
        decision !== null
          ? { ...decision.note, poNumber }
          : policy.orderingMode === "automatic"
            ? before?.explanation.ordering
            : undefined;
      const s =
        note === undefined
          ? desired
          : { ...desired, explanation: { ...desired.explanation, ordering: note } };
      const { signalId, inserted } = await upsertOpenSignal(tx, location, sku, policy.version, s);
      keep.add(signalId);
      const change = { signalId, location, sku, kind: s.kind, causeKey: s.causeKey, quantity: s.quantity };
      if (inserted) {
        changes.push({ ...change, change: "opened" });
        const r = signalOpenedRecords({
          actor,
          location,
          sku,
          signalId,
          signal: s,
          policyVersion: policy.version,
          asOf,
        });
        await appendAuditRows(tx, [r.audit]);
        // The webhook owed for it commits (or not) with the signal itself.
        await enqueueWebhookEvents(tx, [r.webhook]);
      } else if (
        before !== undefined &&
        (before.quantity !== s.quantity || before.needBy !== formatIsoDate(s.needByDay))
      ) {
        changes.push({ ...change, change: "updated" });
      }
      if (decision?.placed === true && poNumber !== null) {
        const order = autoOrderRow(location, sku, signalId, poNumber, decision);
        await insertAutoOrders(tx, [order]);
        await decideSignal(tx, signalId, "approved", AUTO_ORDER_ACTOR);
        ordered = await changePosition(tx, location, sku, { onOrder: order.qty });
        changes.push({ ...change, change: "ordered", poNumber });
        await appendAuditRows(tx, autoOrderAudit(order, decision));
        await enqueueWebhookEvents(tx, [autoOrderWebhook(order)]);
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
    const r = signalClosedRecords({
      actor,
      location,
      sku,
      signalId: o.signalId,
      kind: o.kind,
      causeKey: o.causeKey,
      reason,
      asOf,
    });
    await appendAuditRows(tx, [r.audit]);
    await enqueueWebhookEvents(tx, [r.webhook]);
  }
  // The order is on order now: evaluate again on the new position, as approving a proposal does.
  if (ordered !== null)
    changes.push(...(await refreshSignals(tx, ordered, asOf, actor, { ...options, afterAutoOrder: true })));
  return changes;
}
