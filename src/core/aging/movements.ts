import type { CustomerOrderLine } from "../kpi/records.js";
import type { PurchaseOrderLine } from "../supplier/purchase-order.js";
import type { EpochDay } from "../units.js";

/** A quantity of one SKU × location moving in (receipt) or out (consumption) on one day, units. */
export interface StockMovement {
  readonly day: EpochDay;
  readonly sku: string;
  readonly location: string;
  readonly qty: number;
}

/** Receipts into stock: accepted units (qtyReceived − qtyRejected) of lines received on or before asOf. */
export function receiptsFromPurchaseLines(
  lines: readonly PurchaseOrderLine[],
  asOf: number,
): StockMovement[] {
  const out: StockMovement[] = [];
  for (const l of lines) {
    if (l.receivedDay === null || l.receivedDay > asOf) continue;
    const qty = l.qtyReceived - (l.qtyRejected ?? 0);
    if (qty > 0) out.push({ day: l.receivedDay, sku: l.sku, location: l.location, qty });
  }
  return out;
}

/** Consumption out of stock: units shipped (min(qtyShipped, qty)) on lines shipped on or before asOf. */
export function consumptionFromOrders(lines: readonly CustomerOrderLine[], asOf: number): StockMovement[] {
  const out: StockMovement[] = [];
  for (const l of lines) {
    if (l.shipDay === null || l.shipDay > asOf) continue;
    const qty = Math.min(l.qtyShipped, l.qty);
    if (qty > 0) out.push({ day: l.shipDay, sku: l.sku, location: l.location ?? "", qty });
  }
  return out;
}
