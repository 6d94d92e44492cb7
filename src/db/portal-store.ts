import { parseIsoDate } from "../core/calendar.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import type { Queryable } from "./db.js";

/** A purchase order's header, for checking who owns it before touching its lines. */
export interface OrderHeader {
  readonly location: string;
  readonly poNumber: string;
  readonly supplier: string;
  readonly status: "open" | "closed" | "cancelled";
}

/** Every order with this number (one per location at most), optionally at one location. */
export async function ordersByNumber(
  q: Queryable,
  poNumber: string,
  location?: string,
): Promise<OrderHeader[]> {
  const r = await q.query<{
    location_id: string;
    po_number: string;
    supplier_id: string;
    status: OrderHeader["status"];
  }>(
    `SELECT location_id, po_number, supplier_id, status FROM purchase_orders
     WHERE po_number = $1 AND ($2::text IS NULL OR location_id = $2) ORDER BY location_id`,
    [poNumber, location ?? null],
  );
  return r.rows.map((x) => ({
    location: x.location_id,
    poNumber: x.po_number,
    supplier: x.supplier_id,
    status: x.status,
  }));
}

export interface LockedLine {
  readonly lineNo: number;
  readonly sku: string;
  readonly qtyOrdered: number;
  readonly qtyReceived: number;
  readonly dueOn: string;
}

/** The order's lines, locked until the transaction ends. */
export async function lockOrderLines(
  tx: Queryable,
  location: string,
  poNumber: string,
): Promise<LockedLine[]> {
  const r = await tx.query<{
    line_no: number;
    sku: string;
    qty_ordered: number;
    qty_received: number;
    due_on: string;
  }>(
    `SELECT line_no, sku, qty_ordered, qty_received, due_on FROM purchase_order_lines
     WHERE location_id = $1 AND po_number = $2 ORDER BY line_no FOR UPDATE`,
    [location, poNumber],
  );
  return r.rows.map((x) => ({
    lineNo: x.line_no,
    sku: x.sku,
    qtyOrdered: x.qty_ordered,
    qtyReceived: x.qty_received,
    dueOn: x.due_on,
  }));
}

/** Units already announced by ASNs for a line. */
export async function shippedOnLine(
  q: Queryable,
  location: string,
  poNumber: string,
  lineNo: number,
): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT coalesce(sum(qty_shipped), 0) AS n FROM asns WHERE location_id = $1 AND po_number = $2 AND line_no = $3`,
    [location, poNumber, lineNo],
  );
  return r.rows[0]!.n;
}

/** Records the supplier's confirmed or proposed date for a line. */
export async function confirmLine(
  tx: Queryable,
  location: string,
  poNumber: string,
  lineNo: number,
  confirmedOn: string,
  actor: string,
): Promise<void> {
  await tx.query(
    `UPDATE purchase_order_lines SET confirmed_on = $4, confirmed_at = now(), confirmed_by = $5
     WHERE location_id = $1 AND po_number = $2 AND line_no = $3`,
    [location, poNumber, lineNo, confirmedOn, actor],
  );
}

/** The primary lane's supplier and terms for an item × location (or the lane of a given supplier). */
export async function laneFor(
  q: Queryable,
  location: string,
  sku: string,
  supplier?: string,
): Promise<{ supplier: string; leadTimeDays: number; unitCost: number | null } | null> {
  const r = await q.query<{ supplier_id: string; lead_time_days: number; unit_cost: number | null }>(
    `SELECT supplier_id, lead_time_days, unit_cost FROM supply_lanes
     WHERE location_id = $1 AND sku = $2 AND ($3::text IS NULL AND role = 'primary' OR supplier_id = $3)
     ORDER BY role LIMIT 1`,
    [location, sku, supplier ?? null],
  );
  const x = r.rows[0];
  return x === undefined
    ? null
    : { supplier: x.supplier_id, leadTimeDays: x.lead_time_days, unitCost: x.unit_cost };
}

/**
 * Stored purchase-order lines as the core scorecard reads them (core/supplier/purchase-order.ts):
 * promised = the supplier's confirmed date, else the due date; ASN = the latest ASN date and the units
 * announced; received = the last receipt day; qtyReceived = units delivered (accepted, the line's
 * qty_received, plus rejected at inspection), qtyRejected = the receipts' rejected_qty summed, null
 * while the line has no receipt (docs/suppliers-and-kpis.md). Cancelled orders are left out.
 */
export async function scorecardLines(q: Queryable): Promise<PurchaseOrderLine[]> {
  const r = await q.query<{
    location_id: string;
    po_number: string;
    supplier_id: string;
    sku: string;
    qty_ordered: number;
    qty_received: number;
    unit_cost: number | null;
    ordered_on: string;
    promised_on: string;
    asn_on: string | null;
    asn_qty: number | null;
    received_on: string | null;
    rejected: number | null;
    mode: string | null;
    expedited: boolean;
  }>(
    `SELECT l.location_id, l.po_number, o.supplier_id, l.sku, l.qty_ordered, l.qty_received, l.unit_cost,
            o.ordered_on, coalesce(l.confirmed_on, l.due_on) AS promised_on,
            a.asn_on, a.asn_qty,
            rc.received_on, rc.rejected,
            ln.mode, o.expedited
     FROM purchase_order_lines l
     JOIN purchase_orders o ON o.location_id = l.location_id AND o.po_number = l.po_number
     LEFT JOIN LATERAL (SELECT max(expected_on) AS asn_on, sum(qty_shipped) AS asn_qty FROM asns x
                        WHERE x.location_id = l.location_id AND x.po_number = l.po_number AND x.line_no = l.line_no) a
       ON true
     LEFT JOIN LATERAL (SELECT max((r.received_at AT TIME ZONE 'UTC')::date) AS received_on,
                               sum(r.rejected_qty) AS rejected FROM receipts r
                        WHERE r.location_id = l.location_id AND r.po_number = l.po_number AND r.line_no = l.line_no) rc
       ON true
     LEFT JOIN supply_lanes ln ON ln.location_id = l.location_id AND ln.sku = l.sku AND ln.supplier_id = o.supplier_id
     WHERE o.status <> 'cancelled'
     ORDER BY l.location_id, l.po_number, l.line_no`,
  );
  return r.rows.map((x) => ({
    poId: `${x.location_id}/${x.po_number}`,
    supplier: x.supplier_id,
    sku: x.sku,
    location: x.location_id,
    qtyOrdered: x.qty_ordered,
    unitCost: x.unit_cost,
    orderDay: parseIsoDate(x.ordered_on),
    promisedDay: parseIsoDate(x.promised_on),
    asnDay: x.asn_on === null ? null : parseIsoDate(x.asn_on),
    asnQty: x.asn_qty,
    receivedDay: x.received_on === null ? null : parseIsoDate(x.received_on),
    qtyReceived: x.qty_received + (x.rejected ?? 0),
    qtyRejected: x.rejected,
    mode: x.mode ?? "",
    freightCost: null,
    expedited: x.expedited,
  }));
}

/** Marks an open signal as seen by `actor`; false when it is not open. */
export async function acknowledgeOpenSignal(
  tx: Queryable,
  signalId: number,
  actor: string,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE signals SET acknowledged_by = $2, acknowledged_at = now(), updated_at = now()
     WHERE signal_id = $1 AND status = 'open'`,
    [signalId, actor],
  );
  return r.rowCount > 0;
}

/** The distinct SKUs on an order's lines, sorted (the order positions are locked in). */
export async function orderSkus(q: Queryable, location: string, poNumber: string): Promise<string[]> {
  const r = await q.query<{ sku: string }>(
    "SELECT DISTINCT sku FROM purchase_order_lines WHERE location_id = $1 AND po_number = $2 ORDER BY sku",
    [location, poNumber],
  );
  return r.rows.map((x) => x.sku);
}

/** Marks a supplier (all its lanes) or one lane as vendor-managed / continuous replenishment. */
export async function setVmi(
  tx: Queryable,
  target: { supplier: string; location?: string; sku?: string },
  vmi: boolean,
): Promise<number> {
  if (target.location === undefined || target.sku === undefined) {
    const r = await tx.query("UPDATE suppliers SET vmi = $2 WHERE supplier_id = $1", [target.supplier, vmi]);
    return r.rowCount;
  }
  const r = await tx.query(
    "UPDATE supply_lanes SET vmi = $4 WHERE supplier_id = $1 AND location_id = $2 AND sku = $3",
    [target.supplier, target.location, target.sku, vmi],
  );
  return r.rowCount;
}
