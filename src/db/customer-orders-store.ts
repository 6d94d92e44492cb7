import type { Queryable } from "./db.js";

/** A customer order line as stored (table customer_orders, migration 001). */
export interface CustomerOrderLineInput {
  readonly location: string;
  readonly orderId: string;
  readonly lineNo: number;
  readonly sku: string;
  readonly qtyOrdered: number;
  readonly qtyShipped: number;
  readonly status: "open" | "allocated" | "shipped" | "cancelled";
  /** ISO instant. */
  readonly orderedAt: string;
  /** YYYY-MM-DD, or null. */
  readonly dueOn: string | null;
}

/**
 * Inserts customer order lines set-based (INSERT … SELECT FROM unnest, `chunk` lines at a time); a
 * line already stored (same location, order and line number) is left as it is. Returns the lines
 * written.
 */
export async function insertCustomerOrderLines(
  tx: Queryable,
  lines: readonly CustomerOrderLineInput[],
  chunk = 10_000,
): Promise<number> {
  let written = 0;
  for (let at = 0; at < lines.length; at += chunk) {
    const part = lines.slice(at, at + chunk);
    const r = await tx.query(
      `INSERT INTO customer_orders (location_id, order_id, line_no, sku, qty_ordered, qty_shipped, status, ordered_at,
         due_on)
       SELECT l, o, n, s, q, sh, st, a, d
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::numeric[], $6::numeric[], $7::text[],
         $8::timestamptz[], $9::date[]) AS u(l, o, n, s, q, sh, st, a, d)
       ON CONFLICT (location_id, order_id, line_no) DO NOTHING`,
      [
        part.map((x) => x.location),
        part.map((x) => x.orderId),
        part.map((x) => x.lineNo),
        part.map((x) => x.sku),
        part.map((x) => x.qtyOrdered),
        part.map((x) => x.qtyShipped),
        part.map((x) => x.status),
        part.map((x) => x.orderedAt),
        part.map((x) => x.dueOn),
      ],
    );
    written += r.rowCount;
  }
  return written;
}
