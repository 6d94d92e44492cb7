import type { Queryable } from "./db.js";

/**
 * Keeps stockout episodes with the ledger: an episode opens with the entry that takes on hand from
 * above zero to zero or below, and ends with the entry that brings it back above zero (an entry dated
 * before the start ends it at its start). Returns what changed.
 */
export async function trackStockout(
  tx: Queryable,
  location: string,
  sku: string,
  onHandBefore: number,
  onHandAfter: number,
  entryId: number,
  occurredAt: string,
): Promise<"started" | "ended" | null> {
  if (onHandBefore > 0 && onHandAfter <= 0) {
    const r = await tx.query(
      `INSERT INTO stockout_episodes (location_id, sku, started_at, started_entry_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (location_id, sku) WHERE ended_at IS NULL DO NOTHING`,
      [location, sku, occurredAt, entryId],
    );
    return r.rowCount > 0 ? "started" : null;
  }
  if (onHandBefore <= 0 && onHandAfter > 0) {
    const r = await tx.query(
      `UPDATE stockout_episodes SET ended_at = greatest(started_at, $3::timestamptz), ended_entry_id = $4
       WHERE location_id = $1 AND sku = $2 AND ended_at IS NULL`,
      [location, sku, occurredAt, entryId],
    );
    return r.rowCount > 0 ? "ended" : null;
  }
  return null;
}
