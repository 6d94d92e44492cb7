import { parseIsoDate } from "../core/calendar.js";
import type { EpochDay } from "../core/units.js";
import type { Queryable } from "./db.js";
import { eventLockName, type LedgerEntry, type NewLedgerEntry, sourceLockName } from "./ledger.js";
import type { Position } from "./positions.js";

/**
 * Set-based statements for applying a batch of ledger events (src/app/live/apply-batch.ts): each reads
 * or writes every row of the batch in one round trip through unnest, so a batch costs a fixed number
 * of statements whatever its size. The ones every batch runs are prepared once per connection
 * (QueryOptions.prepare): planning readBatchState cost more than running it for a small batch.
 * Pairs are keyed `location\u0000sku`.
 */

export interface Pair {
  readonly location: string;
  readonly sku: string;
}

export const pairKey = (location: string, sku: string): string => `${location}\u0000${sku}`;

/** The SKUs and locations among the given ones that are not registered, in one query. */
export async function missingMasterData(
  q: Queryable,
  skus: readonly string[],
  locations: readonly string[],
): Promise<{ items: Set<string>; locations: Set<string> }> {
  const r = await q.query<{ items: string[] | null; locations: string[] | null }>(
    `SELECT ARRAY(SELECT DISTINCT k FROM unnest($1::text[]) k WHERE NOT EXISTS (SELECT 1 FROM items WHERE sku = k)) AS items,
            ARRAY(SELECT DISTINCT k FROM unnest($2::text[]) k
                  WHERE NOT EXISTS (SELECT 1 FROM locations WHERE location_id = k)) AS locations`,
    [[...new Set(skus)], [...new Set(locations)]],
    { prepare: "takt_missing_master_data" },
  );
  return { items: new Set(r.rows[0]!.items ?? []), locations: new Set(r.rows[0]!.locations ?? []) };
}

interface PositionRow {
  location_id: string;
  sku: string;
  on_hand: number;
  on_order: number;
  allocated: number;
  inventory_position: number;
}

const toPosition = (x: PositionRow): Position => ({
  location: x.location_id,
  sku: x.sku,
  onHand: x.on_hand,
  onOrder: x.on_order,
  allocated: x.allocated,
  inventoryPosition: x.inventory_position,
});

/**
 * lockEventKey and lockPosition for a whole batch, in one statement when every position exists: the
 * (source, key) advisory locks first, then the position rows FOR UPDATE, both in a fixed order so two
 * batches cannot deadlock on them. Missing positions are created and locked in a second round.
 * The key locks are taken after the sources' shared locks (see lockEventKey); `keys` null: the caller
 * holds the sources exclusively (lockSources) and no key lock is needed. Returns the current figures by pair.
 */
export async function lockBatch(
  tx: Queryable,
  keys: readonly { readonly source: string; readonly key: string }[] | null,
  pairs: readonly Pair[],
): Promise<Map<string, Position>> {
  const sources = keys === null ? [] : [...new Set(keys.map((k) => sourceLockName(k.source)))].sort();
  const names = keys === null ? [] : [...new Set(keys.map((k) => eventLockName(k.source, k.key)))].sort();
  const sorted = sortPairs(pairs);
  // Each position through its key, locked in the pairs' order (a join scanned every position).
  const select = (keyParam: string) => `SELECT p.location_id, p.sku, p.on_hand, p.on_order, p.allocated,
       p.inventory_position
     FROM unnest($1::text[], $2::text[]) AS t(location_id, sku)
     CROSS JOIN LATERAL (SELECT * FROM positions p WHERE p.location_id = t.location_id AND p.sku = t.sku
       FOR UPDATE) p
     WHERE ${keyParam}`;
  const r = await tx.query<PositionRow>(
    select(
      `(SELECT count(pg_advisory_xact_lock_shared(hashtextextended(s, 0))) FROM unnest($4::text[]) AS s) >= 0
       AND (SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest($3::text[]) AS k) >= 0`,
    ),
    [sorted.map((p) => p.location), sorted.map((p) => p.sku), names, sources],
    { prepare: "takt_lock_batch" },
  );
  const out = new Map(r.rows.map((x) => [pairKey(x.location_id, x.sku), toPosition(x)]));
  const missing = sorted.filter((p) => !out.has(pairKey(p.location, p.sku)));
  if (missing.length > 0) {
    const params = [missing.map((p) => p.location), missing.map((p) => p.sku)];
    await tx.query(
      "INSERT INTO positions (location_id, sku) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
      params,
    );
    const again = await tx.query<PositionRow>(select("true"), params, {
      prepare: "takt_lock_created_positions",
    });
    for (const x of again.rows) out.set(pairKey(x.location_id, x.sku), toPosition(x));
  }
  return out;
}

const sortPairs = (pairs: readonly Pair[]): Pair[] =>
  [...new Map(pairs.map((p) => [pairKey(p.location, p.sku), p])).values()].sort((a, b) =>
    a.location === b.location
      ? a.sku < b.sku
        ? -1
        : a.sku > b.sku
          ? 1
          : 0
      : a.location < b.location
        ? -1
        : 1,
  );

/** An open signal as the batch needs it. */
export interface OpenSignalState {
  readonly signalId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: string;
  readonly causeKey: string;
  readonly quantity: number | null;
  /** YYYY-MM-DD. */
  readonly orderOn: string;
  readonly needBy: string;
  readonly policyVersion: number | null;
  readonly explanation: unknown;
}

/** What a batch reads before it applies its events, every part keyed by pair (entries by `source\u0000key`). */
export interface BatchState {
  readonly entries: Map<string, LedgerEntry[]>;
  /** Rows of policies (row_to_json), for policyFromJson. */
  readonly policies: Map<string, unknown>;
  readonly openSignals: Map<string, OpenSignalState[]>;
  readonly supply: Map<string, { id: string; quantity: number; dueDay: EpochDay; forEmergency: boolean }[]>;
  /** Pairs with an open stockout episode. */
  readonly stockouts: Set<string>;
}

const push = <V>(m: Map<string, V[]>, k: string, v: V): void => {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
};

/**
 * Everything a batch reads, in one statement: the ledger lines already written under its keys
 * (entriesForKey), and per item × location the active policy (activePolicy), the open signals
 * (openSignals), the open supply (openSupply, same expected date: the latest ASN, else the confirmed,
 * else the promised date) and whether a stockout episode is open. Each part looks its pairs up through
 * the indexes one pair at a time (LATERAL … OFFSET 0): joined, the planner scanned every policy of the
 * catalogue for a batch of 100 (17 ms at 10,000 policies, against 0.3 ms).
 */
export async function readBatchState(
  q: Queryable,
  keys: readonly { readonly source: string; readonly key: string }[],
  pairs: readonly Pair[],
): Promise<BatchState> {
  const unique = [...new Map(keys.map((k) => [`${k.source}\u0000${k.key}`, k])).values()];
  const sorted = sortPairs(pairs);
  const r = await q.query<{
    e: EntryJson[] | null;
    p: PolicyJson[] | null;
    s: SignalJson[] | null;
    o: SupplyJson[] | null;
    x: PairJson[] | null;
  }>(
    `WITH t AS (SELECT * FROM unnest($1::text[], $2::text[]) AS t(location_id, sku))
     SELECT
       (SELECT json_agg(l ORDER BY l.entry_id) FROM (
          SELECT l.entry_id, l.location_id, l.sku, l.kind, l.qty, l.occurred_at, l.counter_location_id, l.reference,
                 l.on_hand_after, l.signal_changes, l.source, l.idempotency_key
          FROM inventory_ledger l JOIN unnest($3::text[], $4::text[]) AS k(source, idempotency_key)
            ON l.source = k.source AND l.idempotency_key = k.idempotency_key) l) AS e,
       (SELECT json_agg(p) FROM t CROSS JOIN LATERAL (SELECT * FROM policies p
          WHERE p.location_id = t.location_id AND p.sku = t.sku AND p.status = 'active' OFFSET 0) p) AS p,
       (SELECT json_agg(s ORDER BY s.signal_id) FROM t CROSS JOIN LATERAL (
          SELECT s.signal_id, s.location_id, s.sku, s.kind, s.cause_key, s.quantity, s.order_on, s.need_by,
                 s.policy_version, s.explanation
          FROM signals s WHERE s.location_id = t.location_id AND s.sku = t.sku AND s.status = 'open' OFFSET 0) s) AS s,
       (SELECT json_agg(o ORDER BY o.expected_on, o.po_number, o.line_no) FROM (
          SELECT l.location_id, l.sku, l.po_number, l.line_no, l.qty_ordered - l.qty_received AS open_qty,
                 coalesce((SELECT max(a.expected_on) FROM asns a
                           WHERE a.location_id = l.location_id AND a.po_number = l.po_number AND a.line_no = l.line_no),
                          l.confirmed_on, l.due_on) AS expected_on,
                 p.expedited OR EXISTS (SELECT 1 FROM signals s WHERE s.location_id = p.location_id
                                          AND s.signal_id = p.signal_id AND s.kind = 'emergency') AS for_emergency
          FROM t CROSS JOIN LATERAL (SELECT * FROM purchase_order_lines l
            WHERE l.location_id = t.location_id AND l.sku = t.sku AND l.qty_received < l.qty_ordered OFFSET 0) l
          JOIN purchase_orders p ON p.location_id = l.location_id AND p.po_number = l.po_number
          WHERE p.status = 'open') o) AS o,
       (SELECT json_agg(json_build_object('location_id', e.location_id, 'sku', e.sku))
        FROM t CROSS JOIN LATERAL (SELECT * FROM stockout_episodes e
          WHERE e.location_id = t.location_id AND e.sku = t.sku AND e.ended_at IS NULL OFFSET 0) e) AS x`,
    [
      sorted.map((p) => p.location),
      sorted.map((p) => p.sku),
      unique.map((k) => k.source),
      unique.map((k) => k.key),
    ],
    { prepare: "takt_read_batch_state" },
  );
  const row = r.rows[0]!;
  const entries = new Map<string, LedgerEntry[]>();
  for (const x of row.e ?? [])
    push(entries, `${x.source}\u0000${x.idempotency_key}`, {
      entryId: Number(x.entry_id),
      location: x.location_id,
      sku: x.sku,
      kind: x.kind,
      qty: Number(x.qty),
      occurredAt: new Date(x.occurred_at).toISOString(),
      counterLocation: x.counter_location_id,
      reference: x.reference,
      onHandAfter: Number(x.on_hand_after),
      signalChanges: x.signal_changes,
    });
  const openSignals = new Map<string, OpenSignalState[]>();
  for (const x of row.s ?? [])
    push(openSignals, pairKey(x.location_id, x.sku), {
      signalId: Number(x.signal_id),
      location: x.location_id,
      sku: x.sku,
      kind: x.kind,
      causeKey: x.cause_key,
      quantity: x.quantity === null ? null : Number(x.quantity),
      orderOn: x.order_on,
      needBy: x.need_by,
      policyVersion: x.policy_version,
      explanation: x.explanation,
    });
  const supply: BatchState["supply"] = new Map();
  for (const x of row.o ?? [])
    push(supply, pairKey(x.location_id, x.sku), {
      id: `${x.po_number}/${x.line_no}`,
      quantity: Number(x.open_qty),
      dueDay: parseIsoDate(x.expected_on)!,
      forEmergency: x.for_emergency,
    });
  return {
    entries,
    policies: new Map((row.p ?? []).map((x) => [pairKey(x.location_id, x.sku), x])),
    openSignals,
    supply,
    stockouts: new Set((row.x ?? []).map((x) => pairKey(x.location_id, x.sku))),
  };
}

interface EntryJson {
  entry_id: number;
  location_id: string;
  sku: string;
  kind: LedgerEntry["kind"];
  qty: number;
  occurred_at: string;
  counter_location_id: string | null;
  reference: string | null;
  on_hand_after: number;
  signal_changes: LedgerEntry["signalChanges"];
  source: string;
  idempotency_key: string;
}
interface PolicyJson {
  location_id: string;
  sku: string;
}
interface SignalJson {
  signal_id: number;
  location_id: string;
  sku: string;
  kind: string;
  cause_key: string;
  quantity: number | null;
  order_on: string;
  need_by: string;
  policy_version: number | null;
  explanation: unknown;
}
interface SupplyJson {
  location_id: string;
  sku: string;
  po_number: string;
  line_no: number;
  open_qty: number;
  expected_on: string;
  for_emergency: boolean;
}
interface PairJson {
  location_id: string;
  sku: string;
}

/** Reserves `count` signal ids from the identity sequence, ascending. */
export async function reserveSignalIds(tx: Queryable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const r = await tx.query<{ s: string[] }>(
    `SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('signals', 'signal_id'))::text
                  FROM generate_series(1, $1::int) ORDER BY 1) AS s`,
    [count],
  );
  return r.rows[0]!.s.map(Number);
}

/**
 * Appends ledger lines in the given order and adds to on hand (`delta`) and on order (`onOrder`, the
 * batch's automatic orders) per item × location (the caller holds the position locks), in one
 * statement. Returns the entry ids, in the order of `rows`.
 */
export async function appendEntriesAndMove(
  tx: Queryable,
  rows: readonly NewLedgerEntry[],
  changes: readonly (Pair & { readonly delta: number; readonly onOrder?: number })[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const r = await tx.query<{
    entry_id: number;
    location_id: string;
    source: string;
    idempotency_key: string;
  }>(
    `WITH moved AS (
       UPDATE positions p SET on_hand = p.on_hand + t.delta, on_order = p.on_order + t.on_order, updated_at = now()
       FROM unnest($13::text[], $14::text[], $15::numeric[], $16::numeric[]) AS t(location_id, sku, delta, on_order)
       WHERE p.location_id = t.location_id AND p.sku = t.sku
     )
     INSERT INTO inventory_ledger (location_id, sku, kind, qty, occurred_at, source, idempotency_key,
       reference, counter_location_id, on_hand_after, signal_changes)
     SELECT location_id, sku, kind, qty, occurred_at, source, idempotency_key, reference, counter_location_id,
       on_hand_after, signal_changes
     FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::timestamptz[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::numeric[], $11::jsonb[], $12::int[])
       AS t(location_id, sku, kind, qty, occurred_at, source, idempotency_key, reference, counter_location_id,
         on_hand_after, signal_changes, o)
     ORDER BY o
     RETURNING entry_id, location_id, source, idempotency_key`,
    [
      rows.map((e) => e.location),
      rows.map((e) => e.sku),
      rows.map((e) => e.kind),
      rows.map((e) => e.qty),
      rows.map((e) => e.occurredAt),
      rows.map((e) => e.source),
      rows.map((e) => e.key),
      rows.map((e) => e.reference),
      rows.map((e) => e.counterLocation),
      rows.map((e) => e.onHandAfter),
      rows.map((e) => JSON.stringify(e.signalChanges)),
      rows.map((_, i) => i),
      changes.map((c) => c.location),
      changes.map((c) => c.sku),
      changes.map((c) => c.delta),
      changes.map((c) => c.onOrder ?? 0),
    ],
    { prepare: "takt_append_entries_and_move" },
  );
  const ids = new Map(
    r.rows.map((x) => [`${x.location_id}\u0000${x.source}\u0000${x.idempotency_key}`, x.entry_id]),
  );
  return rows.map((e) => ids.get(`${e.location}\u0000${e.source}\u0000${e.key}`)!);
}

/** A signal's state at the end of the batch. */
export interface SignalWrite {
  readonly signalId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: string;
  readonly causeKey: string;
  readonly quantity: number | null;
  /** YYYY-MM-DD. */
  readonly orderOn: string;
  readonly needBy: string;
  readonly policyVersion: number | null;
  readonly explanation: unknown;
  /** Null: still open. */
  readonly closedReason: string | null;
  /** Set: approved by this actor (an automatic order; inserted signals only). */
  readonly decidedBy?: string | null;
}

/**
 * Writes the batch's signals: stored ones it refreshed or closed are updated first (freeing their
 * cause for a signal the batch re-opened), then the ones it opened are inserted with reserved ids.
 */
export async function writeSignals(
  tx: Queryable,
  updated: readonly SignalWrite[],
  inserted: readonly SignalWrite[],
): Promise<void> {
  const cols = (rows: readonly SignalWrite[]) => [
    rows.map((s) => s.signalId),
    rows.map((s) => s.location),
    rows.map((s) => s.sku),
    rows.map((s) => s.kind),
    rows.map((s) => s.causeKey),
    rows.map((s) => s.quantity),
    rows.map((s) => s.orderOn),
    rows.map((s) => s.needBy),
    rows.map((s) => s.policyVersion),
    rows.map((s) => JSON.stringify(s.explanation)),
    rows.map((s) => s.closedReason),
    rows.map((s) => s.decidedBy ?? null),
  ];
  const unnest = `unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::date[],
    $8::date[], $9::int[], $10::jsonb[], $11::text[], $12::text[])
    AS t(signal_id, location_id, sku, kind, cause_key, quantity, order_on, need_by, policy_version, explanation, closed_reason,
      decided_by)`;
  if (updated.length > 0)
    await tx.query(
      `UPDATE signals s SET quantity = t.quantity, need_by = t.need_by, policy_version = t.policy_version,
         explanation = t.explanation, updated_at = now(),
         status = CASE WHEN t.closed_reason IS NULL THEN s.status ELSE 'closed' END,
         closed_at = CASE WHEN t.closed_reason IS NULL THEN s.closed_at ELSE now() END,
         closed_reason = coalesce(t.closed_reason, s.closed_reason)
       FROM ${unnest}
       WHERE s.location_id = t.location_id AND s.signal_id = t.signal_id AND s.status = 'open'`,
      cols(updated),
    );
  if (inserted.length > 0)
    await tx.query(
      `INSERT INTO signals (signal_id, location_id, sku, kind, cause_key, quantity, order_on, need_by, policy_version,
         explanation, status, closed_at, closed_reason, decided_by, decided_at)
       OVERRIDING SYSTEM VALUE
       SELECT t.signal_id, t.location_id, t.sku, t.kind, t.cause_key, t.quantity, t.order_on, t.need_by, t.policy_version,
         t.explanation,
         CASE WHEN t.decided_by IS NOT NULL THEN 'approved' WHEN t.closed_reason IS NULL THEN 'open' ELSE 'closed' END,
         CASE WHEN t.closed_reason IS NULL OR t.decided_by IS NOT NULL THEN NULL ELSE now() END,
         CASE WHEN t.decided_by IS NULL THEN t.closed_reason END,
         t.decided_by, CASE WHEN t.decided_by IS NOT NULL THEN now() END
       FROM ${unnest}`,
      cols(inserted),
    );
}

export interface AuditWrite {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly subjectId: string;
  readonly location: string | null;
  readonly detail: unknown;
}

/** appendAudit for many entries, in order. */
export async function appendAuditRows(tx: Queryable, rows: readonly AuditWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO audit_log (location_id, actor, action, subject, subject_id, detail)
     SELECT location_id, actor, action, subject, subject_id, detail
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY
       AS t(location_id, actor, action, subject, subject_id, detail, o)
     ORDER BY o`,
    [
      rows.map((a) => a.location),
      rows.map((a) => a.actor),
      rows.map((a) => a.action),
      rows.map((a) => a.subject),
      rows.map((a) => a.subjectId),
      rows.map((a) => JSON.stringify(a.detail ?? {})),
    ],
  );
}

export interface WebhookWrite {
  readonly kind: string;
  readonly location: string;
  readonly sku: string | null;
  readonly data: unknown;
}

/** enqueueWebhookEvent for many events, in order: one outbox row per active subscription wanting each. */
export async function enqueueWebhookEvents(tx: Queryable, rows: readonly WebhookWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO webhook_outbox (location_id, subscription_id, event_kind, sku, order_key, payload)
     SELECT t.location_id, s.subscription_id, t.kind, t.sku, coalesce(t.sku, 'location:' || t.location_id), t.payload
     FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS t(location_id, kind, sku, payload, o)
     JOIN webhook_subscriptions s ON s.active AND (t.kind = ANY(s.event_kinds) OR '*' = ANY(s.event_kinds))
     ORDER BY t.o, s.subscription_id`,
    [
      rows.map((w) => w.location),
      rows.map((w) => w.kind),
      rows.map((w) => w.sku),
      rows.map((w) => JSON.stringify(w.data)),
    ],
  );
}

/** A stockout episode the batch started (and maybe ended), or a stored one it ended. */
export interface EpisodeWrite {
  readonly location: string;
  readonly sku: string;
  /** Null: a stored open episode this batch ends. */
  readonly started: { readonly at: string; readonly entryId: number } | null;
  readonly ended: { readonly at: string; readonly entryId: number } | null;
}

/** Writes stockout episodes: ends the stored open ones first, then inserts the started ones. */
export async function writeStockouts(tx: Queryable, rows: readonly EpisodeWrite[]): Promise<void> {
  const ends = rows.filter((r) => r.started === null && r.ended !== null);
  const starts = rows.filter((r) => r.started !== null);
  if (ends.length > 0)
    await tx.query(
      `UPDATE stockout_episodes e SET ended_at = greatest(e.started_at, t.ended_at), ended_entry_id = t.entry_id
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[]) AS t(location_id, sku, ended_at, entry_id)
       WHERE e.location_id = t.location_id AND e.sku = t.sku AND e.ended_at IS NULL`,
      [
        ends.map((r) => r.location),
        ends.map((r) => r.sku),
        ends.map((r) => r.ended!.at),
        ends.map((r) => r.ended!.entryId),
      ],
    );
  if (starts.length > 0)
    await tx.query(
      `INSERT INTO stockout_episodes (location_id, sku, started_at, started_entry_id, ended_at, ended_entry_id)
       SELECT location_id, sku, started_at, started_entry_id,
         CASE WHEN ended_at IS NULL THEN NULL ELSE greatest(started_at, ended_at) END, ended_entry_id
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::timestamptz[], $6::bigint[])
         AS t(location_id, sku, started_at, started_entry_id, ended_at, ended_entry_id)`,
      [
        starts.map((r) => r.location),
        starts.map((r) => r.sku),
        starts.map((r) => r.started!.at),
        starts.map((r) => r.started!.entryId),
        starts.map((r) => r.ended?.at ?? null),
        starts.map((r) => r.ended?.entryId ?? null),
      ],
    );
}
