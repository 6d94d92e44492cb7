import type { Queryable } from "./db.js";

/**
 * Stockout episodes of a bulk-loaded history (`source`), set-based: the same episodes trackStockout
 * would have kept had each line been applied in entry order — one opens with the entry that takes on
 * hand from above zero to zero or below (on hand before the first line is 0), and ends with the next
 * entry that brings it back above zero (at the later of the two instants); an episode still open at the
 * end stays open. For an item × location with no stored episode yet. Returns the episodes written.
 */
export async function episodesFromHistory(tx: Queryable, source: string): Promise<number> {
  const r = await tx.query(
    `INSERT INTO stockout_episodes (location_id, sku, started_at, started_entry_id, ended_at, ended_entry_id)
     WITH l AS (
       SELECT location_id, sku, entry_id, occurred_at, on_hand_after AS after,
         coalesce(lag(on_hand_after) OVER (PARTITION BY location_id, sku ORDER BY entry_id), 0) AS before
       FROM inventory_ledger WHERE source = $1),
     t AS (
       SELECT location_id, sku, entry_id, occurred_at, before > 0 AS starts FROM l
       WHERE (before > 0 AND after <= 0) OR (before <= 0 AND after > 0)),
     p AS (
       SELECT t.*, lead(entry_id) OVER w AS next_id, lead(occurred_at) OVER w AS next_at
       FROM t WINDOW w AS (PARTITION BY location_id, sku ORDER BY entry_id))
     SELECT location_id, sku, occurred_at, entry_id,
       CASE WHEN next_id IS NOT NULL THEN greatest(occurred_at, next_at) END, next_id
     FROM p WHERE starts
     ORDER BY location_id, sku, entry_id`,
    [source],
  );
  return r.rowCount;
}
