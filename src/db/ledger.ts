import type { LedgerEvent, LedgerKind, LedgerLeg } from "../core/ledger/ledger-event.js";
import type { Queryable } from "./db.js";

/** A change a ledger event made to a signal, stored with the entry so a replay can report it. */
export interface SignalChange {
  readonly signalId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: string;
  readonly causeKey: string;
  /** `ordered`: an automatic order was placed for the signal just opened (purchase order poNumber). */
  readonly change: "opened" | "updated" | "closed" | "ordered";
  readonly quantity: number | null;
  readonly poNumber?: string;
}

/** One stored ledger line. qty is the signed change to on hand. */
export interface LedgerEntry {
  readonly entryId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: LedgerKind;
  readonly qty: number;
  readonly occurredAt: string;
  readonly counterLocation: string | null;
  readonly reference: string | null;
  readonly onHandAfter: number;
  readonly signalChanges: readonly SignalChange[];
}

export interface NewLedgerEntry {
  readonly location: string;
  readonly sku: string;
  readonly kind: LedgerKind;
  readonly qty: number;
  readonly occurredAt: string;
  readonly source: string;
  readonly key: string;
  readonly reference: string | null;
  readonly counterLocation: string | null;
  readonly onHandAfter: number;
  readonly signalChanges: readonly SignalChange[];
}

/** The ledger line one leg of an event writes, but its signal changes (one-by-one and set-based paths alike). */
export function ledgerLine(
  e: LedgerEvent,
  leg: LedgerLeg,
  onHandAfter: number,
): Omit<NewLedgerEntry, "signalChanges"> {
  return {
    location: leg.location,
    sku: e.sku,
    kind: e.kind,
    qty: leg.delta,
    occurredAt: e.occurredAt,
    source: e.source,
    key: e.key,
    reference: e.reference,
    counterLocation: leg.counterLocation,
    onHandAfter,
  };
}

interface EntryRow {
  entry_id: number;
  location_id: string;
  sku: string;
  kind: LedgerKind;
  qty: number;
  occurred_at: Date;
  counter_location_id: string | null;
  reference: string | null;
  on_hand_after: number;
  signal_changes: SignalChange[];
}

/** Appends one line (the table refuses updates and deletes). Returns its entry id. */
export async function appendEntry(tx: Queryable, e: NewLedgerEntry): Promise<number> {
  const r = await tx.query<{ entry_id: number }>(
    `INSERT INTO inventory_ledger (location_id, sku, kind, qty, occurred_at, source, idempotency_key, reference,
       counter_location_id, on_hand_after, signal_changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) RETURNING entry_id`,
    [
      e.location,
      e.sku,
      e.kind,
      e.qty,
      e.occurredAt,
      e.source,
      e.key,
      e.reference,
      e.counterLocation,
      e.onHandAfter,
      JSON.stringify(e.signalChanges),
    ],
  );
  return r.rows[0]!.entry_id;
}

/** The lines an event (source, idempotency key) wrote, in entry order; empty when it was never applied. */
export async function entriesForKey(q: Queryable, source: string, key: string): Promise<LedgerEntry[]> {
  const r = await q.query<EntryRow>(
    `SELECT entry_id, location_id, sku, kind, qty, occurred_at, counter_location_id, reference, on_hand_after,
            signal_changes
     FROM inventory_ledger WHERE source = $1 AND idempotency_key = $2 ORDER BY entry_id`,
    [source, key],
  );
  return r.rows.map((x) => ({
    entryId: x.entry_id,
    location: x.location_id,
    sku: x.sku,
    kind: x.kind,
    qty: x.qty,
    occurredAt: x.occurred_at.toISOString(),
    counterLocation: x.counter_location_id,
    reference: x.reference,
    onHandAfter: x.on_hand_after,
    signalChanges: x.signal_changes,
  }));
}

/**
 * Serialises every transaction handling the same (source, key) until it ends, so a concurrent
 * duplicate waits and then finds the first one's entries instead of writing its own. Takes the
 * source's lock shared first, so a bulk import holding it exclusively (lockSources) excludes it.
 */
export async function lockEventKey(tx: Queryable, source: string, key: string): Promise<void> {
  await tx.query(
    "SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))",
    [sourceLockName(source), eventLockName(source, key)],
  );
}

export const sourceLockName = (source: string): string => `takt.source/${source}`;
export const eventLockName = (source: string, key: string): string => `takt.event/${source}/${key}`;

/**
 * For a bulk import: holds each source's lock exclusively until the transaction ends, in place of one
 * lock per key (a lock per key of a 100,000-line file would exhaust PostgreSQL's lock table). Excludes
 * every other writer of those sources, which take the source lock shared (lockEventKey, lockBatch).
 */
export async function lockSources(tx: Queryable, sources: readonly string[]): Promise<void> {
  await tx.query(
    "SELECT count(pg_advisory_xact_lock(hashtextextended(s, 0))) FROM unnest($1::text[]) WITH ORDINALITY AS t(s, o)",
    [[...new Set(sources.map(sourceLockName))].sort()],
  );
}
