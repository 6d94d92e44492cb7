import type { LedgerKind } from "../core/ledger/ledger-event.js";
import type { Queryable } from "./db.js";

/** A historical ledger line for a bulk load; qty is the signed change to on hand. */
export interface HistoryLine {
  readonly location: string;
  readonly sku: string;
  readonly kind: Exclude<LedgerKind, "transfer">;
  readonly qty: number;
  /** ISO instant. */
  readonly occurredAt: string;
  readonly key: string;
  readonly reference: string | null;
}

/**
 * Bulk-loads history into the ledger (multi-row INSERT … SELECT FROM unnest, `chunk` rows at a time)
 * and sets each touched position's on hand to its ledger sum. For an empty database before any policy
 * is active: no triggers are evaluated, no stockout episodes tracked (there is nothing to signal yet),
 * which is what makes a year of history load in seconds instead of the ~350 events/s of applyEvents.
 * Lines are stored in the given order per item × location, with on_hand_after accumulated. Keys are
 * unique per (location, source, key) as always, so a second load of the same lines fails.
 */
export async function loadHistory(
  tx: Queryable,
  source: string,
  lines: readonly HistoryLine[],
  chunk = 5000,
): Promise<number> {
  const running = new Map<string, number>();
  for (let at = 0; at < lines.length; at += chunk) {
    const part = lines.slice(at, at + chunk);
    const after = part.map((l) => {
      const k = `${l.location}\u0000${l.sku}`;
      const v = (running.get(k) ?? 0) + l.qty;
      running.set(k, v);
      return v;
    });
    await tx.query(
      `INSERT INTO inventory_ledger (location_id, sku, kind, qty, occurred_at, source, idempotency_key, reference,
         on_hand_after)
       SELECT l, s, k, q, o, $9, key, r, a
       FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::timestamptz[], $6::text[], $7::text[],
         $8::numeric[]) AS u(l, s, k, q, o, key, r, a)`,
      [
        part.map((l) => l.location),
        part.map((l) => l.sku),
        part.map((l) => l.kind),
        part.map((l) => l.qty),
        part.map((l) => l.occurredAt),
        part.map((l) => l.key),
        part.map((l) => l.reference),
        after,
        source,
      ],
    );
  }
  await tx.query(
    `INSERT INTO positions (location_id, sku, on_hand)
     SELECT location_id, sku, sum(qty) FROM inventory_ledger GROUP BY location_id, sku
     ON CONFLICT (location_id, sku) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = now()`,
  );
  return lines.length;
}
