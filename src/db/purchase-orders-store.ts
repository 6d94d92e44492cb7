import { parseIsoDate } from "../core/calendar.js";
import type { OpenSupply } from "../core/signals/evaluate.js";
import type { Queryable } from "./db.js";

export interface PurchaseOrderLineInput {
  readonly sku: string;
  /** Units. */
  readonly qty: number;
  /** Promised arrival, YYYY-MM-DD. */
  readonly dueOn: string;
  readonly unitCost?: number | null;
}

export interface PurchaseOrderInput {
  readonly location: string;
  readonly poNumber: string;
  readonly supplier: string;
  /** YYYY-MM-DD. */
  readonly orderedOn: string;
  readonly expedited?: boolean;
  readonly signalId?: number | null;
  /** Who placed it (an automatic order: `system:auto-order`); null when not recorded. */
  readonly placedBy?: string | null;
  readonly lines: readonly PurchaseOrderLineInput[];
}

export async function insertPurchaseOrder(tx: Queryable, po: PurchaseOrderInput): Promise<void> {
  await tx.query(
    `INSERT INTO purchase_orders (location_id, po_number, supplier_id, ordered_on, expedited, signal_id, placed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      po.location,
      po.poNumber,
      po.supplier,
      po.orderedOn,
      po.expedited ?? false,
      po.signalId ?? null,
      po.placedBy ?? null,
    ],
  );
  let lineNo = 0;
  for (const l of po.lines) {
    lineNo++;
    await tx.query(
      `INSERT INTO purchase_order_lines (location_id, po_number, line_no, sku, qty_ordered, due_on, unit_cost)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [po.location, po.poNumber, lineNo, l.sku, l.qty, l.dueOn, l.unitCost ?? null],
    );
  }
}

/** An automatic order: one line, not expedited, placed for a replenishment signal. */
export interface AutoOrderRow {
  readonly location: string;
  readonly poNumber: string;
  readonly supplier: string;
  /** YYYY-MM-DD. */
  readonly orderedOn: string;
  readonly signalId: number;
  readonly placedBy: string;
  readonly sku: string;
  readonly qty: number;
  /** YYYY-MM-DD. */
  readonly dueOn: string;
  readonly unitCost: number | null;
}

/**
 * insertPurchaseOrder for many one-line automatic orders, in one statement (the set-based event path,
 * apply-batch.ts). On order is the caller's (appendEntriesAndMove).
 */
export async function insertAutoOrders(tx: Queryable, rows: readonly AutoOrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (o: AutoOrderRow) => T): T[] => rows.map(f);
  await tx.query(
    `WITH t AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::bigint[], $6::text[], $7::text[],
         $8::numeric[], $9::date[], $10::numeric[])
         AS t(location_id, po_number, supplier_id, ordered_on, signal_id, placed_by, sku, qty, due_on, unit_cost)
     ), orders AS (
       INSERT INTO purchase_orders (location_id, po_number, supplier_id, ordered_on, expedited, signal_id, placed_by)
       SELECT location_id, po_number, supplier_id, ordered_on, false, signal_id, placed_by FROM t
     )
     INSERT INTO purchase_order_lines (location_id, po_number, line_no, sku, qty_ordered, due_on, unit_cost)
     SELECT location_id, po_number, 1, sku, qty, due_on, unit_cost FROM t`,
    [
      col((o) => o.location),
      col((o) => o.poNumber),
      col((o) => o.supplier),
      col((o) => o.orderedOn),
      col((o) => o.signalId),
      col((o) => o.placedBy),
      col((o) => o.sku),
      col((o) => o.qty),
      col((o) => o.dueOn),
      col((o) => o.unitCost),
    ],
  );
}

/** Open automatic orders of an item × location, with why each was placed (its signal's ordering note). */
export async function openAutoOrders(
  q: Queryable,
  location: string,
  sku: string,
): Promise<{ poNumber: string; signalId: number | null; reason: string | null }[]> {
  const r = await q.query<{ po_number: string; signal_id: number | null; reason: string | null }>(
    `SELECT p.po_number, p.signal_id, s.explanation->'ordering'->>'reason' AS reason
     FROM purchase_orders p
     LEFT JOIN signals s ON s.location_id = p.location_id AND s.signal_id = p.signal_id
     WHERE p.location_id = $1 AND p.status = 'open' AND p.placed_by = 'system:auto-order'
       AND EXISTS (SELECT 1 FROM purchase_order_lines l
                   WHERE l.location_id = p.location_id AND l.po_number = p.po_number AND l.sku = $2)
     ORDER BY p.ordered_on, p.po_number`,
    [location, sku],
  );
  return r.rows.map((x) => ({ poNumber: x.po_number, signalId: x.signal_id, reason: x.reason }));
}

export interface AsnInput {
  readonly location: string;
  readonly asnId: string;
  readonly poNumber: string;
  readonly lineNo: number;
  readonly qtyShipped: number;
  readonly shippedOn?: string | null;
  /** Expected arrival, YYYY-MM-DD: replaces the promised date as the line's expected receipt. */
  readonly expectedOn: string;
}

export async function insertAsn(tx: Queryable, a: AsnInput): Promise<void> {
  await tx.query(
    `INSERT INTO asns (location_id, asn_id, po_number, line_no, qty_shipped, shipped_on, expected_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [a.location, a.asnId, a.poNumber, a.lineNo, a.qtyShipped, a.shippedOn ?? null, a.expectedOn],
  );
}

/**
 * Open supply for an item × location: every open purchase-order line with units still to come, id
 * `PO/line`, expected on the latest ASN date for the line when there is one, else the date the supplier
 * confirmed or proposed (migration 002), else its promised date.
 */
export async function openSupply(q: Queryable, location: string, sku: string): Promise<OpenSupply[]> {
  const r = await q.query<{
    po_number: string;
    line_no: number;
    open_qty: number;
    expected_on: string;
    for_emergency: boolean;
  }>(
    `SELECT l.po_number, l.line_no, l.qty_ordered - l.qty_received AS open_qty,
            coalesce((SELECT max(a.expected_on) FROM asns a
                      WHERE a.location_id = l.location_id AND a.po_number = l.po_number AND a.line_no = l.line_no),
                     l.confirmed_on, l.due_on) AS expected_on,
            p.expedited OR EXISTS (SELECT 1 FROM signals s WHERE s.location_id = p.location_id
                                     AND s.signal_id = p.signal_id AND s.kind = 'emergency') AS for_emergency
     FROM purchase_order_lines l
     JOIN purchase_orders p ON p.location_id = l.location_id AND p.po_number = l.po_number
     WHERE l.location_id = $1 AND l.sku = $2 AND p.status = 'open' AND l.qty_received < l.qty_ordered
     ORDER BY expected_on, l.po_number, l.line_no`,
    [location, sku],
  );
  return r.rows.map((x) => ({
    id: `${x.po_number}/${x.line_no}`,
    quantity: x.open_qty,
    dueDay: parseIsoDate(x.expected_on)!,
    forEmergency: x.for_emergency,
  }));
}

/** Units of a receipt matched to a purchase-order line. */
export interface ReceivedLine {
  readonly poNumber: string;
  readonly lineNo: number;
  readonly qty: number;
}

/**
 * Books `qty` received of an item against the open lines of a purchase order, earliest due first, up
 * to what each line still expects; closes the order when nothing is left open. Returns the matched
 * lines (empty when the order is unknown, closed or has no open line for the item); the rest of the
 * quantity is an unmatched receipt.
 */
export async function receiveAgainstOrder(
  tx: Queryable,
  location: string,
  poNumber: string,
  sku: string,
  qty: number,
): Promise<ReceivedLine[]> {
  const lines = await tx.query<{ line_no: number; open_qty: number }>(
    `SELECT l.line_no, l.qty_ordered - l.qty_received AS open_qty
     FROM purchase_order_lines l
     JOIN purchase_orders p ON p.location_id = l.location_id AND p.po_number = l.po_number
     WHERE l.location_id = $1 AND l.po_number = $2 AND l.sku = $3 AND p.status = 'open'
       AND l.qty_received < l.qty_ordered
     ORDER BY l.due_on, l.line_no
     FOR UPDATE OF l`,
    [location, poNumber, sku],
  );
  const matched: ReceivedLine[] = [];
  let left = qty;
  for (const l of lines.rows) {
    if (left <= 0) break;
    const take = Math.min(left, l.open_qty);
    await tx.query(
      `UPDATE purchase_order_lines SET qty_received = qty_received + $4
       WHERE location_id = $1 AND po_number = $2 AND line_no = $3`,
      [location, poNumber, l.line_no, take],
    );
    matched.push({ poNumber, lineNo: l.line_no, qty: take });
    left -= take;
  }
  if (matched.length > 0)
    await tx.query(
      `UPDATE purchase_orders p SET status = 'closed'
       WHERE location_id = $1 AND po_number = $2 AND NOT EXISTS (
         SELECT 1 FROM purchase_order_lines l
         WHERE l.location_id = p.location_id AND l.po_number = p.po_number AND l.qty_received < l.qty_ordered)`,
      [location, poNumber],
    );
  return matched;
}

/**
 * One receipts row: `qty` accepted units matched to `line` (null = unmatched), `rejectedQty` units of
 * the same delivery refused at inspection (not received on the line).
 */
export async function insertReceipt(
  tx: Queryable,
  location: string,
  entryId: number,
  sku: string,
  line: ReceivedLine | null,
  qty: number,
  receivedAt: string,
  rejectedQty = 0,
): Promise<void> {
  await tx.query(
    `INSERT INTO receipts (location_id, entry_id, sku, po_number, line_no, qty, received_at, rejected_qty)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [location, entryId, sku, line?.poNumber ?? null, line?.lineNo ?? null, qty, receivedAt, rejectedQty],
  );
}

/** The purchase-order lines the given receipt entries were booked against. */
export async function receivedForEntries(
  q: Queryable,
  entryIds: readonly number[],
): Promise<(ReceivedLine & { readonly entryId: number })[]> {
  if (entryIds.length === 0) return [];
  const r = await q.query<{ entry_id: number; po_number: string; line_no: number; qty: number }>(
    `SELECT entry_id, po_number, line_no, qty FROM receipts
     WHERE entry_id = ANY($1::bigint[]) AND po_number IS NOT NULL ORDER BY receipt_id`,
    [entryIds],
  );
  return r.rows.map((x) => ({ entryId: x.entry_id, poNumber: x.po_number, lineNo: x.line_no, qty: x.qty }));
}

/** Units rejected at inspection on the receipts of the given ledger entries (0 when none). */
export async function rejectedForEntries(q: Queryable, entryIds: readonly number[]): Promise<number> {
  if (entryIds.length === 0) return 0;
  const r = await q.query<{ rejected: number }>(
    `SELECT coalesce(sum(rejected_qty), 0) AS rejected FROM receipts WHERE entry_id = ANY($1::bigint[])`,
    [entryIds],
  );
  return Number(r.rows[0]?.rejected ?? 0);
}

/** A past purchase order of one line, already closed, for a bulk history load. */
export interface HistoricalOrder {
  readonly location: string;
  readonly poNumber: string;
  readonly supplier: string;
  /** YYYY-MM-DD. */
  readonly orderedOn: string;
  readonly expedited: boolean;
  readonly sku: string;
  readonly qtyOrdered: number;
  /** Units booked as received: the ledger receipt's quantity, accepted at inspection; ≤ qtyOrdered. */
  readonly qtyReceived: number;
  /** Promised arrival, YYYY-MM-DD. */
  readonly dueOn: string;
  readonly unitCost: number | null;
  /** The supplier's ASN for the line, when it sent one. */
  readonly asn: {
    readonly asnId: string;
    readonly qtyShipped: number;
    readonly shippedOn: string;
    readonly expectedOn: string;
  } | null;
}

/**
 * Bulk-loads closed one-line purchase orders with their ASNs (INSERT … SELECT FROM unnest, `chunk`
 * orders at a time): the history counterpart of insertPurchaseOrder + receiveAgainstOrder + insertAsn.
 * Positions are not touched (closed orders are not on order). Receipts are linked afterwards from the
 * ledger by linkHistoryReceipts.
 */
export async function loadOrderHistory(
  tx: Queryable,
  orders: readonly HistoricalOrder[],
  chunk = 5000,
): Promise<void> {
  for (let at = 0; at < orders.length; at += chunk) {
    const part = orders.slice(at, at + chunk);
    const col = <T>(f: (o: HistoricalOrder) => T): T[] => part.map(f);
    await tx.query(
      `INSERT INTO purchase_orders (location_id, po_number, supplier_id, ordered_on, expedited, status)
       SELECT l, p, s, o, e, 'closed'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::boolean[]) AS u(l, p, s, o, e)`,
      [
        col((o) => o.location),
        col((o) => o.poNumber),
        col((o) => o.supplier),
        col((o) => o.orderedOn),
        col((o) => o.expedited),
      ],
    );
    await tx.query(
      `INSERT INTO purchase_order_lines (location_id, po_number, line_no, sku, qty_ordered, qty_received, due_on,
         unit_cost)
       SELECT l, p, 1, s, q, r, d, c
       FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::date[], $7::numeric[])
         AS u(l, p, s, q, r, d, c)`,
      [
        col((o) => o.location),
        col((o) => o.poNumber),
        col((o) => o.sku),
        col((o) => o.qtyOrdered),
        col((o) => o.qtyReceived),
        col((o) => o.dueOn),
        col((o) => o.unitCost),
      ],
    );
    const asns = part.filter((o) => o.asn !== null);
    if (asns.length > 0)
      await tx.query(
        `INSERT INTO asns (location_id, asn_id, po_number, line_no, qty_shipped, shipped_on, expected_on)
         SELECT l, a, p, 1, q, s, e
         FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::date[], $6::date[]) AS u(l, a, p, q, s, e)`,
        [
          asns.map((o) => o.location),
          asns.map((o) => o.asn!.asnId),
          asns.map((o) => o.poNumber),
          asns.map((o) => o.asn!.qtyShipped),
          asns.map((o) => o.asn!.shippedOn),
          asns.map((o) => o.asn!.expectedOn),
        ],
      );
  }
}

/** Units of a past delivery rejected at inspection, for linkHistoryReceipts. */
export interface HistoricalRejection {
  readonly location: string;
  readonly poNumber: string;
  readonly sku: string;
  readonly qty: number;
}

/**
 * Links the receipt lines a history load put in the ledger (`source`, kind receipt, reference = PO
 * number, qty = the accepted units) to their purchase-order lines: one receipts row per ledger entry,
 * set-based, with the units `rejections` lists for that order line as its rejected_qty (0 otherwise).
 * Assumes at most one line per SKU on each order and one receipt per line (as loadOrderHistory and the
 * demo write them). Returns the rows written.
 */
export async function linkHistoryReceipts(
  tx: Queryable,
  source: string,
  rejections: readonly HistoricalRejection[] = [],
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO receipts (location_id, entry_id, sku, po_number, line_no, qty, received_at, rejected_qty)
     SELECT g.location_id, g.entry_id, g.sku, l.po_number, l.line_no, g.qty, g.occurred_at, coalesce(x.qty, 0)
     FROM inventory_ledger g
     JOIN purchase_order_lines l ON l.location_id = g.location_id AND l.po_number = g.reference AND l.sku = g.sku
     LEFT JOIN unnest($2::text[], $3::text[], $4::text[], $5::numeric[]) AS x(location_id, po_number, sku, qty)
       ON x.location_id = l.location_id AND x.po_number = l.po_number AND x.sku = l.sku
     WHERE g.source = $1 AND g.kind = 'receipt' AND g.reference IS NOT NULL`,
    [
      source,
      rejections.map((x) => x.location),
      rejections.map((x) => x.poNumber),
      rejections.map((x) => x.sku),
      rejections.map((x) => x.qty),
    ],
  );
  return r.rowCount;
}
