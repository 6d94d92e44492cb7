import { formatIsoDate } from "../core/calendar.js";
import type { Queryable } from "./db.js";

/** What the ledger says about one item × location over a window of days. */
export interface PositionWindow {
  readonly location: string;
  readonly sku: string;
  /** Unit cost from the primary supply lane, else the items master; null when neither has one. */
  readonly unitCost: number | null;
  /** On hand after the last entry before the window (0 when there is none). */
  readonly openingOnHand: number;
  /** Per day with entries: [YYYY-MM-DD, units sold or consumed, on hand after the day's last entry]. */
  readonly days: readonly (readonly [string, number, number])[];
  /** Customer-order units ordered and shipped on lines ordered in the window. */
  readonly unitsOrdered: number;
  readonly unitsShipped: number;
}

/**
 * Every item × location holding a position, with its ledger facts from `from` to `to` (epoch days,
 * inclusive): the opening on hand, and per day the units sold or consumed and the on hand after the
 * day's last entry (in the order entries were applied). Customer-order lines ordered in the window
 * give the units ordered and shipped.
 */
export async function positionWindows(q: Queryable, from: number, to: number): Promise<PositionWindow[]> {
  const r = await q.query<{
    location_id: string;
    sku: string;
    unit_cost: number | null;
    opening: number | null;
    days: [string, number | null, number][] | null;
    ordered: number | null;
    shipped: number | null;
  }>(
    `WITH w AS (SELECT ($1 || 'T00:00:00Z')::timestamptz AS lo, ($2 || 'T00:00:00Z')::timestamptz + interval '1 day' AS hi)
     SELECT p.location_id, p.sku, coalesce(sl.unit_cost, i.unit_cost) AS unit_cost,
       (SELECT l.on_hand_after FROM inventory_ledger l, w WHERE l.location_id = p.location_id AND l.sku = p.sku
          AND l.occurred_at < w.lo ORDER BY l.entry_id DESC LIMIT 1) AS opening,
       (SELECT json_agg(json_build_array(d.day, d.sold, d.end_on_hand) ORDER BY d.day) FROM (
          SELECT (l.occurred_at AT TIME ZONE 'UTC')::date::text AS day,
            -sum(l.qty) FILTER (WHERE l.kind IN ('sale', 'consumption')) AS sold,
            (array_agg(l.on_hand_after ORDER BY l.entry_id DESC))[1] AS end_on_hand
          FROM inventory_ledger l, w WHERE l.location_id = p.location_id AND l.sku = p.sku
            AND l.occurred_at >= w.lo AND l.occurred_at < w.hi
          GROUP BY 1) d) AS days,
       (SELECT sum(c.qty_ordered) FROM customer_orders c, w WHERE c.location_id = p.location_id AND c.sku = p.sku
          AND c.status <> 'cancelled' AND c.ordered_at >= w.lo AND c.ordered_at < w.hi) AS ordered,
       (SELECT sum(c.qty_shipped) FROM customer_orders c, w WHERE c.location_id = p.location_id AND c.sku = p.sku
          AND c.status <> 'cancelled' AND c.ordered_at >= w.lo AND c.ordered_at < w.hi) AS shipped
     FROM positions p JOIN items i ON i.sku = p.sku
     LEFT JOIN supply_lanes sl ON sl.location_id = p.location_id AND sl.sku = p.sku AND sl.role = 'primary'
     ORDER BY p.location_id, p.sku`,
    [formatIsoDate(from), formatIsoDate(to)],
  );
  return r.rows.map((x) => ({
    location: x.location_id,
    sku: x.sku,
    unitCost: x.unit_cost === null ? null : Number(x.unit_cost),
    openingOnHand: Number(x.opening ?? 0),
    days: (x.days ?? []).map(([d, s, h]) => [d, Number(s ?? 0), Number(h)] as const),
    unitsOrdered: Number(x.ordered ?? 0),
    unitsShipped: Number(x.shipped ?? 0),
  }));
}

/** The item × locations holding a position. */
export async function positionKeys(q: Queryable): Promise<{ location: string; sku: string }[]> {
  const r = await q.query<{ location_id: string; sku: string }>(
    "SELECT location_id, sku FROM positions ORDER BY location_id, sku",
  );
  return r.rows.map((x) => ({ location: x.location_id, sku: x.sku }));
}
