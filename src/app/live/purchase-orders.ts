import { parseIsoDate } from "../../core/calendar.js";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import { appendAudit } from "../../db/audit.js";
import type { Db, Tx } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import { enqueueWebhookEvents } from "../../db/ledger-batch.js";
import { missingKeys } from "../../db/master-data.js";
import { changePosition, lockPosition } from "../../db/positions.js";
import { insertPurchaseOrder, type PurchaseOrderInput } from "../../db/purchase-orders-store.js";
import { AUTO_ORDER_PREFIX, purchaseOrderWebhook } from "./auto-order.js";
import { refreshSignals } from "./refresh-signals.js";

/**
 * Places a purchase order: stores it with its lines, adds each line to the item's on order, and
 * re-evaluates the signals as of the order date (a replenishment signal the order answers closes), in
 * one transaction. Quantities in units; dates YYYY-MM-DD.
 */
export async function placePurchaseOrder(
  db: Db,
  po: PurchaseOrderInput,
  actor: string,
): Promise<Result<{ readonly signals: readonly SignalChange[] }>> {
  const asOf = parseIsoDate(po.orderedOn);
  const issues: Issue[] = [];
  if (asOf === null)
    issues.push({
      code: "invalid_date",
      path: { field: "ordered_on" },
      message: "unparseable order date",
      expected: "YYYY-MM-DD",
      received: po.orderedOn,
    });
  po.lines.forEach((l, i) => {
    if (!(l.qty > 0 && Number.isFinite(l.qty)))
      issues.push({
        code: "invalid_quantity",
        path: { field: `lines[${i}].qty` },
        message: "a line orders a positive quantity",
        expected: "units > 0",
        received: String(l.qty),
      });
    if (parseIsoDate(l.dueOn) === null)
      issues.push({
        code: "invalid_date",
        path: { field: `lines[${i}].due_on` },
        message: "unparseable due date",
        expected: "YYYY-MM-DD",
        received: l.dueOn,
      });
  });
  if (po.poNumber.startsWith(AUTO_ORDER_PREFIX))
    issues.push({
      code: "reserved_number",
      path: { field: "po_number" },
      message: `purchase-order numbers starting ${AUTO_ORDER_PREFIX} are reserved for automatic orders`,
      expected: `a number not starting ${AUTO_ORDER_PREFIX}`,
      received: po.poNumber,
    });
  if (po.lines.length === 0)
    issues.push({
      code: "missing_value",
      path: { field: "lines" },
      message: "an order needs at least one line",
    });
  if (issues.length > 0) return fail(...issues);
  return db.transaction((tx) => placePurchaseOrderInTx(tx, po, actor));
}

/**
 * placePurchaseOrder's work inside the caller's transaction (e.g. approving a signal), without the
 * input checks on dates and quantities: the caller passes a well-formed order. Unknown keys fail
 * (the caller rolls back).
 */
export async function placePurchaseOrderInTx(
  tx: Tx,
  po: PurchaseOrderInput,
  actor: string,
): Promise<Result<{ readonly signals: readonly SignalChange[] }>> {
  const asOf = parseIsoDate(po.orderedOn)!;
  const missing = [
    ...(await missingKeys(tx, "locations", [po.location])),
    ...(await missingKeys(tx, "suppliers", [po.supplier])),
    ...(await missingKeys(
      tx,
      "items",
      po.lines.map((l) => l.sku),
    )),
  ];
  if (missing.length > 0)
    return fail(
      ...missing.map((k) => ({
        code: "unknown_key",
        path: { field: "purchase_order" },
        message: `unknown location, supplier or SKU "${k}"`,
        received: k,
      })),
    );
  const skus = [...new Set(po.lines.map((l) => l.sku))].sort();
  for (const sku of skus) await lockPosition(tx, po.location, sku);
  await insertPurchaseOrder(tx, { ...po, placedBy: po.placedBy ?? actor });
  const signals: SignalChange[] = [];
  for (const sku of skus) {
    const qty = po.lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.qty, 0);
    const position = await changePosition(tx, po.location, sku, { onOrder: qty });
    signals.push(...(await refreshSignals(tx, position, asOf, actor)));
  }
  await appendAudit(tx, {
    actor,
    action: "purchase_order.placed",
    subject: "purchase_order",
    subjectId: `${po.location}/${po.poNumber}`,
    location: po.location,
    detail: { supplier: po.supplier, lines: po.lines, signalId: po.signalId ?? null },
  });
  // The ERP (or whoever sends orders to suppliers) hears of it, as of an automatic order.
  await enqueueWebhookEvents(tx, [
    purchaseOrderWebhook({
      location: po.location,
      poNumber: po.poNumber,
      supplier: po.supplier,
      orderedOn: po.orderedOn,
      expedited: po.expedited ?? false,
      signalId: po.signalId ?? null,
      placedBy: actor,
      lines: po.lines.map((l) => ({ sku: l.sku, qty: l.qty, dueOn: l.dueOn, unitCost: l.unitCost ?? null })),
    }),
  ]);
  return ok({ signals });
}
