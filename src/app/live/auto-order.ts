import { formatIsoDate } from "../../core/calendar.js";
import type { AutoOrderDecision, OrderingPolicy } from "../../core/signals/auto-order.js";
import type { ExpediteLane } from "../../core/signals/expedite-options.js";
import type { AuditWrite, WebhookWrite } from "../../db/ledger-batch.js";
import type { StoredPolicy } from "../../db/policies-store.js";
import type { AutoOrderRow } from "../../db/purchase-orders-store.js";

/**
 * What an automatic order writes besides the signal (the one-by-one path, refresh-signals.ts, and the
 * set-based one, apply-batch.ts, share these so both write the same rows): the purchase order, the two
 * audit entries an approval writes (`purchase_order.placed`, `signal.approved`) by the system actor, and
 * the `purchase_order.placed` webhook an approval also sends.
 */

/** The actor of automatic orders in the audit log, the signal's decided_by and the order's placed_by. */
export const AUTO_ORDER_ACTOR = "system:auto-order";

/**
 * The purchase-order number of an automatic order: `AUTO-` and what fired it, unique per location
 * (`<source>:<key>` of an inventory event — applied once — or `policy:<sku>:v<n>` of an activation).
 * Manual orders may not use the prefix (purchase-orders.ts).
 */
export const autoOrderNumber = (origin: string): string => `${AUTO_ORDER_PREFIX}${origin}`;
export const AUTO_ORDER_PREFIX = "AUTO-";

/** What fired a trigger, for automatic orders (refreshSignals): an inventory event's source and key. */
export const eventOrigin = (e: { readonly source: string; readonly key: string }): string =>
  `${e.source}:${e.key}`;

/** The ordering part of a stored policy, as the core decides on it. */
export const orderingOf = (p: StoredPolicy): OrderingPolicy => ({
  version: p.version,
  mode: p.orderingMode,
  maxValue: p.autoOrderMaxValue,
});

/** The primary lane among an item × location's lanes, or null. */
export const primaryLane = (lanes: readonly ExpediteLane[]): ExpediteLane | null =>
  lanes.find((l) => l.role === "primary") ?? null;

/** The order an automatic decision places. */
export function autoOrderRow(
  location: string,
  sku: string,
  signalId: number,
  poNumber: string,
  d: AutoOrderDecision & { placed: true },
): AutoOrderRow {
  return {
    location,
    poNumber,
    supplier: d.supplier,
    orderedOn: formatIsoDate(d.orderDay),
    signalId,
    placedBy: AUTO_ORDER_ACTOR,
    sku,
    qty: d.quantity,
    dueOn: formatIsoDate(d.dueDay),
    unitCost: d.unitCost,
  };
}

/** The audit entries of an automatic order, in the order an approval writes them. */
export function autoOrderAudit(o: AutoOrderRow, d: AutoOrderDecision & { placed: true }): AuditWrite[] {
  const lines = [{ sku: o.sku, qty: o.qty, dueOn: o.dueOn, unitCost: o.unitCost }];
  return [
    {
      actor: AUTO_ORDER_ACTOR,
      action: "purchase_order.placed",
      subject: "purchase_order",
      subjectId: `${o.location}/${o.poNumber}`,
      location: o.location,
      detail: { supplier: o.supplier, lines, signalId: o.signalId, automatic: true },
    },
    {
      actor: AUTO_ORDER_ACTOR,
      action: "signal.approved",
      subject: "signal",
      subjectId: String(o.signalId),
      location: o.location,
      detail: {
        sku: o.sku,
        kind: "replenishment",
        poNumber: o.poNumber,
        quantity: o.qty,
        dueOn: o.dueOn,
        automatic: true,
        policyVersion: d.note.policyVersion,
        value: d.note.value,
        limit: d.note.limit,
        reason: d.note.reason,
      },
    },
  ];
}

/** The `purchase_order.placed` webhook of an order (placePurchaseOrderInTx sends the same for the others). */
export function purchaseOrderWebhook(o: {
  readonly location: string;
  readonly poNumber: string;
  readonly supplier: string;
  readonly orderedOn: string;
  readonly expedited: boolean;
  readonly signalId: number | null;
  readonly placedBy: string;
  readonly lines: readonly { sku: string; qty: number; dueOn: string; unitCost: number | null }[];
}): WebhookWrite {
  return {
    kind: "purchase_order.placed",
    location: o.location,
    sku: o.lines.length === 1 ? o.lines[0]!.sku : null,
    data: {
      location: o.location,
      poNumber: o.poNumber,
      supplier: o.supplier,
      orderedOn: o.orderedOn,
      expedited: o.expedited,
      signalId: o.signalId,
      placedBy: o.placedBy,
      automatic: o.placedBy === AUTO_ORDER_ACTOR,
      lines: o.lines,
    },
  };
}

/** purchaseOrderWebhook of an automatic order. */
export const autoOrderWebhook = (o: AutoOrderRow): WebhookWrite =>
  purchaseOrderWebhook({
    location: o.location,
    poNumber: o.poNumber,
    supplier: o.supplier,
    orderedOn: o.orderedOn,
    expedited: false,
    signalId: o.signalId,
    placedBy: o.placedBy,
    lines: [{ sku: o.sku, qty: o.qty, dueOn: o.dueOn, unitCost: o.unitCost }],
  });
