import {
  type LedgerEvent,
  type LedgerEventInput,
  ledgerLegs,
  validateLedgerEvent,
} from "../../core/ledger/ledger-event.js";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import type { Db, Tx } from "../../db/db.js";
import {
  appendEntry,
  entriesForKey,
  type LedgerEntry,
  ledgerLine,
  lockEventKey,
  lockSources,
  type SignalChange,
} from "../../db/ledger.js";
import { missingMasterData } from "../../db/ledger-batch.js";
import { changePosition, lockPosition } from "../../db/positions.js";
import {
  insertReceipt,
  type ReceivedLine,
  receiveAgainstOrder,
  receivedForEntries,
  rejectedForEntries,
} from "../../db/purchase-orders-store.js";
import { trackStockout } from "../../db/stockouts.js";
import { applySetBased, SetBasedRejected, setBased } from "./apply-batch.js";
import { eventOrigin } from "./auto-order.js";
import { refreshSignals } from "./refresh-signals.js";

/** One ledger line an event wrote. qty is the signed change to on hand. */
export interface AppliedEntry {
  readonly entryId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: string;
  readonly qty: number;
  readonly onHandAfter: number;
  readonly occurredAt: string;
}

/** What applying an event did. A replay returns the original's entries, signal changes and receipts. */
export interface AppliedEvent {
  readonly key: string;
  readonly source: string;
  readonly status: "applied" | "replayed";
  readonly entries: readonly AppliedEntry[];
  readonly signals: readonly SignalChange[];
  /** Purchase-order lines a receipt was booked against. */
  readonly received: readonly ReceivedLine[];
}

export interface AppliedBatch {
  readonly events: readonly AppliedEvent[];
  readonly applied: number;
  readonly replayed: number;
}

export interface ApplyOptions {
  /** Written to the audit log for the signal changes; default `event:<source>`. */
  readonly actor?: string;
  /**
   * False: apply every event one by one (the reference path the set-based one is tested against).
   * Default true: runs of consumption, sale, scrap and adjustment go set-based (apply-batch.ts).
   */
  readonly setBased?: boolean;
}

/** Thrown inside the transaction to roll it back; turned into a failed Result outside. */
class EventRejected extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => i.message).join("; "));
  }
}

/**
 * Applies ledger events in order, all or nothing, in one transaction. Each event is applied exactly
 * once per (source, key): a replay (in this batch or any earlier one) returns the original result and
 * changes nothing; the same key with different content is an `idempotency_conflict`. For each event:
 * lock the key and the positions it touches, book a receipt against its purchase order (`reference`),
 * change on hand (and on order) in SQL, re-evaluate the triggers and store the signals, append the
 * ledger line, track stockout episodes — all in the same transaction, so the position always equals
 * the ledger and the signals always match the position. Invalid events, unknown items or locations
 * fail the whole batch with every issue found and store nothing.
 */
export async function applyEvents(
  db: Db,
  inputs: readonly LedgerEventInput[],
  options: ApplyOptions = {},
): Promise<Result<AppliedBatch>> {
  const events: LedgerEvent[] = [];
  const issues: Issue[] = [];
  for (const input of inputs) {
    const r = validateLedgerEvent(input);
    if (r.ok) events.push(r.value);
    else issues.push(...r.issues);
  }
  if (issues.length > 0) return fail(...issues);
  try {
    const applied = await db.transaction(async (tx) => {
      await checkMasterData(tx, events);
      // A bulk batch holds its sources exclusively instead of a lock per key (lock-table size).
      const bulk = events.length > BULK;
      if (bulk)
        await lockSources(
          tx,
          events.map((e) => e.source),
        );
      const locked = new Set<string>();
      const out: AppliedEvent[] = [];
      const actor = (e: LedgerEvent) => options.actor ?? `event:${e.source}`;
      for (let i = 0; i < events.length; ) {
        // Runs of set-based kinds go in one set of statements (apply-batch.ts); the rest one by one.
        let j = i;
        while (options.setBased !== false && j < events.length && j - i < SEGMENT && setBased(events[j]!))
          j++;
        if (j > i) {
          out.push(...(await applySetBased(tx, events.slice(i, j), actor, !bulk)));
          i = j;
        } else {
          out.push(await applyOne(tx, events[i]!, locked, actor(events[i]!), !bulk));
          i++;
        }
      }
      return out;
    });
    const replayed = applied.filter((a) => a.status === "replayed").length;
    return ok({ events: applied, applied: applied.length - replayed, replayed });
  } catch (e) {
    if (e instanceof EventRejected || e instanceof SetBasedRejected) return fail(...e.issues);
    throw e;
  }
}

/** Events applied set-based per round of statements, at most (bounds the statements' array sizes). */
const SEGMENT = 5_000;

/** Above this many events a batch locks its sources instead of each key. */
const BULK = 1_000;

/** One event; see applyEvents. */
export async function applyEvent(
  db: Db,
  input: LedgerEventInput,
  options: ApplyOptions = {},
): Promise<Result<AppliedEvent>> {
  const r = await applyEvents(db, [input], options);
  return r.ok ? ok(r.value.events[0]!) : r;
}

async function checkMasterData(tx: Tx, events: readonly LedgerEvent[]): Promise<void> {
  const missing = await missingMasterData(
    tx,
    events.map((e) => e.sku),
    events.flatMap((e) => (e.toLocation === null ? [e.location] : [e.location, e.toLocation])),
  );
  const items = missing.items;
  const places = missing.locations;
  if (items.size === 0 && places.size === 0) return;
  const issues: Issue[] = [];
  for (const e of events) {
    if (items.has(e.sku))
      issues.push({
        code: "unknown_item",
        path: { ...e.origin, field: "sku" },
        message: `unknown SKU "${e.sku}"`,
        expected: "a SKU registered in the items master (takt import --kind items)",
        received: e.sku,
      });
    for (const [field, loc] of [
      ["location", e.location],
      ["to_location", e.toLocation],
    ] as const)
      if (loc !== null && places.has(loc))
        issues.push({
          code: "unknown_location",
          path: { ...e.origin, field },
          message: `unknown location "${loc}"`,
          expected: "a registered location",
          received: loc,
        });
  }
  throw new EventRejected(issues);
}

async function applyOne(
  tx: Tx,
  e: LedgerEvent,
  locked: Set<string>,
  actor: string,
  keyLock: boolean,
): Promise<AppliedEvent> {
  if (keyLock) await lockEventKey(tx, e.source, e.key);
  const legs = ledgerLegs(e);
  // Lock in a fixed order so two transfers between the same places cannot deadlock each other.
  for (const leg of [...legs].sort((a, b) => (a.location < b.location ? -1 : 1))) {
    const id = `${leg.location}\u0000${e.sku}`;
    if (!locked.has(id)) {
      await lockPosition(tx, leg.location, e.sku);
      locked.add(id);
    }
  }
  const existing = await entriesForKey(tx, e.source, e.key);
  if (existing.length > 0) return replay(tx, e, existing);

  const entries: AppliedEntry[] = [];
  const signals: SignalChange[] = [];
  let received: ReceivedLine[] = [];
  for (const leg of legs) {
    let onOrder = 0;
    if (e.kind === "receipt" && e.reference !== null) {
      received = await receiveAgainstOrder(tx, leg.location, e.reference, e.sku, leg.delta);
      onOrder = -received.reduce((s, l) => s + l.qty, 0);
    }
    const position = await changePosition(tx, leg.location, e.sku, { onHand: leg.delta, onOrder });
    const changes = await refreshSignals(tx, position, e.day, actor, { origin: eventOrigin(e) });
    const entryId = await appendEntry(tx, { ...ledgerLine(e, leg, position.onHand), signalChanges: changes });
    await trackStockout(
      tx,
      leg.location,
      e.sku,
      position.onHand - leg.delta,
      position.onHand,
      entryId,
      e.occurredAt,
    );
    if (e.kind === "receipt") {
      // Rejected units are stored on the first row: the earliest-due line matched, else the unmatched rest.
      let rejected = e.rejectedQty;
      for (const line of received) {
        await insertReceipt(tx, leg.location, entryId, e.sku, line, line.qty, e.occurredAt, rejected);
        rejected = 0;
      }
      const rest = leg.delta + onOrder;
      if (rest > 1e-9)
        await insertReceipt(tx, leg.location, entryId, e.sku, null, rest, e.occurredAt, rejected);
    }
    entries.push({
      entryId,
      location: leg.location,
      sku: e.sku,
      kind: e.kind,
      qty: leg.delta,
      onHandAfter: position.onHand,
      occurredAt: e.occurredAt,
    });
    signals.push(...changes);
  }
  return { key: e.key, source: e.source, status: "applied", entries, signals, received };
}

async function replay(tx: Tx, e: LedgerEvent, existing: readonly LedgerEntry[]): Promise<AppliedEvent> {
  const legs = ledgerLegs(e);
  const same =
    existing.length === legs.length &&
    legs.every((leg, i) => {
      const x = existing[i]!;
      return (
        x.location === leg.location &&
        x.sku === e.sku &&
        x.kind === e.kind &&
        Math.abs(x.qty - leg.delta) < 5e-5
      );
    });
  if (
    !same ||
    Math.abs(
      (await rejectedForEntries(
        tx,
        existing.map((x) => x.entryId),
      )) - e.rejectedQty,
    ) >= 5e-5
  ) {
    const x = existing[0]!;
    throw new EventRejected([
      {
        code: "idempotency_conflict",
        path: { ...e.origin, field: "key" },
        message: `event key "${e.key}" from ${e.source} was already used for a different event (${x.kind} of ${Math.abs(x.qty)} ${x.sku} at ${x.location})`,
        expected: "a new key for a new event, or the same content when re-sending",
        received: e.key,
      },
    ]);
  }
  const received = await receivedForEntries(
    tx,
    existing.map((x) => x.entryId),
  );
  return {
    key: e.key,
    source: e.source,
    status: "replayed",
    entries: existing.map((x) => ({
      entryId: x.entryId,
      location: x.location,
      sku: x.sku,
      kind: x.kind,
      qty: x.qty,
      onHandAfter: x.onHandAfter,
      occurredAt: x.occurredAt,
    })),
    signals: existing.flatMap((x) => x.signalChanges),
    received: received.map(({ poNumber, lineNo, qty }) => ({ poNumber, lineNo, qty })),
  };
}
