import { formatIsoDate } from "../../core/calendar.js";
import { type LedgerEvent, ledgerLegs } from "../../core/ledger/ledger-event.js";
import type { Issue } from "../../core/result.js";
import { type AutoOrderDecision, decideAutoOrder } from "../../core/signals/auto-order.js";
import { evaluateSignals, type SignalExplanation } from "../../core/signals/evaluate.js";
import type { Tx } from "../../db/db.js";
import { type LedgerEntry, ledgerLine, type NewLedgerEntry, type SignalChange } from "../../db/ledger.js";
import {
  type AuditWrite,
  appendAuditRows,
  appendEntriesAndMove,
  enqueueWebhookEvents,
  lockBatch,
  pairKey,
  readBatchState,
  reserveSignalIds,
  type SignalWrite,
  type WebhookWrite,
  writeSignals,
  writeStockouts,
} from "../../db/ledger-batch.js";
import { policyFromJson } from "../../db/policies-store.js";
import { type AutoOrderRow, insertAutoOrders } from "../../db/purchase-orders-store.js";
import { supplyLanesOf } from "../../db/signals-store.js";
import {
  AUTO_ORDER_ACTOR,
  autoOrderAudit,
  autoOrderNumber,
  autoOrderRow,
  autoOrderWebhook,
  eventOrigin,
  orderingOf,
  primaryLane,
} from "./auto-order.js";
import { addExpediteOptions } from "./expedite-options-batch.js";
import { signalClosedRecords, signalOpenedRecords } from "./signal-records.js";

/** Kinds applied set-based: one leg, no purchase-order booking, no receipt rows. */
const SET_BASED_KINDS: ReadonlySet<string> = new Set(["consumption", "sale", "scrap", "adjustment"]);

/** Whether applySetBased can apply the event (others go one by one through applyEvents' per-event path). */
export const setBased = (e: LedgerEvent): boolean => SET_BASED_KINDS.has(e.kind);

/** The result of one event, as applyEvents reports it (see AppliedEvent there). */
export interface SetBasedResult {
  readonly key: string;
  readonly source: string;
  readonly status: "applied" | "replayed";
  readonly entries: readonly {
    entryId: number;
    location: string;
    sku: string;
    kind: string;
    qty: number;
    onHandAfter: number;
    occurredAt: string;
  }[];
  readonly signals: readonly SignalChange[];
  readonly received: readonly never[];
}

/** Issues found while applying (a key reused for different content); the caller rolls back. */
export class SetBasedRejected extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => i.message).join("; "));
  }
}

/** numeric(18, 4): what the database keeps of a figure. */
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

interface LiveSignal {
  /** Reserved later for the ones this batch opens: negative placeholders until then. */
  signalId: number;
  readonly location: string;
  readonly sku: string;
  readonly kind: string;
  readonly causeKey: string;
  quantity: number | null;
  needBy: string;
  readonly orderOn: string;
  policyVersion: number | null;
  explanation: unknown;
  closedReason: string | null;
  /** Approved by an automatic order placed in this batch. */
  decidedBy: string | null;
  readonly stored: boolean;
  touched: boolean;
}

/**
 * Applies events of the set-based kinds (consumption, sale, scrap, adjustment) with the same effects
 * as applyEvents' per-event path — idempotency per (source, key), position, trigger evaluation and
 * stored signals with audit and webhook rows, ledger lines, stockout episodes — in a fixed number of
 * statements per batch: lock the keys and positions, read the stored entries, policies, open signals,
 * open supply and open stockouts of every item × location at once, replay the events in memory in
 * order with the core's evaluateSignals, then write every row set-based (ids reserved up front so the
 * ledger can name the signals it opened). Automatic orders (refresh-signals.ts) are decided in the same
 * replay and written with one more statement (insertAutoOrders), their on order with the on-hand moves;
 * the primary lanes are read in one statement when a pair's active policy is automatic. The caller runs
 * it inside its transaction.
 */
export async function applySetBased(
  tx: Tx,
  events: readonly LedgerEvent[],
  actorOf: (e: LedgerEvent) => string,
  /** False when the caller holds the events' sources exclusively (lockSources). */
  keyLocks = true,
): Promise<SetBasedResult[]> {
  const keys = events.map((e) => ({ source: e.source, key: e.key }));
  const pairs = [...new Map(events.map((e) => [pairKey(e.location, e.sku), e])).values()].map((e) => ({
    location: e.location,
    sku: e.sku,
  }));
  const positions = await lockBatch(tx, keyLocks ? keys : null, pairs);
  const read = await readBatchState(tx, keys, pairs);
  const stored = read.entries;
  const policies = new Map([...read.policies].map(([k, row]) => [k, policyFromJson(row)]));
  const openStored = read.openSignals;
  const supply = read.supply;
  const stockouts = read.stockouts;
  const automaticPairs = [...policies]
    .filter(([, p]) => p.orderingMode === "automatic")
    .map(([, p]) => ({ location: p.location, sku: p.sku }));
  const lanes = automaticPairs.length > 0 ? await supplyLanesOf(tx, automaticPairs) : new Map();

  const onHand = new Map<string, number>();
  const delta = new Map<string, number>();
  const live = new Map<string, LiveSignal[]>();
  const storedSignals: LiveSignal[] = [];
  for (const [k, list] of openStored)
    live.set(
      k,
      list.map((s) => ({
        signalId: s.signalId,
        location: s.location,
        sku: s.sku,
        kind: s.kind,
        causeKey: s.causeKey,
        quantity: s.quantity,
        needBy: s.needBy,
        orderOn: s.orderOn,
        policyVersion: s.policyVersion,
        explanation: s.explanation,
        closedReason: null,
        decidedBy: null,
        stored: true,
        touched: false,
      })),
    );
  for (const list of live.values()) storedSignals.push(...list);
  const opened: LiveSignal[] = [];
  /** Written once the opened signals have their ids. */
  const audit: (() => AuditWrite[])[] = [];
  const hooks: (() => WebhookWrite)[] = [];
  const onOrder = new Map<string, number>();
  const autoOrders: {
    signal: LiveSignal;
    poNumber: string;
    decision: AutoOrderDecision & { placed: true };
  }[] = [];
  const orderRows = new Map<LiveSignal, AutoOrderRow>();
  /** Open episode per pair: the stored one (started null) or one this batch started. */
  interface Episode {
    readonly location: string;
    readonly sku: string;
    readonly started: { readonly at: string } | null;
    ended: { readonly at: string } | null;
    readonly entryIndex: { readonly start: number | null; end: number | null };
  }
  const episodes = new Map<string, Episode>();
  const episodeWrites: Episode[] = [];
  const lines: (Omit<NewLedgerEntry, "signalChanges"> & {
    signalChanges: (SignalChange & { live?: LiveSignal })[];
  })[] = [];
  const results: { e: LedgerEvent; replay: LedgerEntry[] | null; lineIndex: number; again: boolean }[] = [];
  const appliedHere = new Map<string, { e: LedgerEvent; lineIndex: number }>();

  for (const e of events) {
    const id = `${e.source}\u0000${e.key}`;
    const before = stored.get(id);
    const here = appliedHere.get(id);
    if (before !== undefined || here !== undefined) {
      const leg = ledgerLegs(e)[0]!;
      const x = before?.[0] ?? null;
      const same =
        before !== undefined
          ? before.length === 1 &&
            x!.location === leg.location &&
            x!.sku === e.sku &&
            x!.kind === e.kind &&
            Math.abs(x!.qty - leg.delta) < 5e-5
          : here!.e.location === e.location &&
            here!.e.sku === e.sku &&
            here!.e.kind === e.kind &&
            Math.abs(ledgerLegs(here!.e)[0]!.delta - leg.delta) < 5e-5;
      if (!same) {
        const what =
          x !== null
            ? `${x.kind} of ${Math.abs(x.qty)} ${x.sku} at ${x.location}`
            : `${here!.e.kind} of ${here!.e.qty} ${here!.e.sku} at ${here!.e.location}`;
        throw new SetBasedRejected([
          {
            code: "idempotency_conflict",
            path: { ...e.origin, field: "key" },
            message: `event key "${e.key}" from ${e.source} was already used for a different event (${what})`,
            expected: "a new key for a new event, or the same content when re-sending",
            received: e.key,
          },
        ]);
      }
      results.push({ e, replay: before ?? null, lineIndex: here?.lineIndex ?? -1, again: true });
      continue;
    }
    const leg = ledgerLegs(e)[0]!;
    const k = pairKey(leg.location, e.sku);
    const position = positions.get(k)!;
    const onHandBefore = onHand.get(k) ?? position.onHand;
    const after = round4(onHandBefore + leg.delta);
    onHand.set(k, after);
    delta.set(k, round4((delta.get(k) ?? 0) + leg.delta));
    const actor = actorOf(e);
    const changes = refresh(
      k,
      e,
      { ...position, onHand: after, onOrder: round4(position.onOrder + (onOrder.get(k) ?? 0)) },
      actor,
      false,
    );
    const lineIndex = lines.length;
    lines.push({ ...ledgerLine(e, leg, after), signalChanges: changes });
    trackStockout(k, leg.location, e.sku, onHandBefore, after, lineIndex, e.occurredAt);
    appliedHere.set(id, { e, lineIndex });
    results.push({ e, replay: null, lineIndex, again: false });
  }

  const signalIds = await reserveSignalIds(tx, opened.length);
  opened.forEach((s, i) => {
    s.signalId = signalIds[i]!;
  });
  for (const o of autoOrders)
    orderRows.set(
      o.signal,
      autoOrderRow(o.signal.location, o.signal.sku, o.signal.signalId, o.poNumber, o.decision),
    );
  const newLines: NewLedgerEntry[] = lines.map((l) => ({
    ...l,
    signalChanges: l.signalChanges.map(({ live: s, ...c }) => ({
      ...c,
      signalId: s?.signalId ?? c.signalId,
    })),
  }));
  const entryIds = await appendEntriesAndMove(
    tx,
    newLines,
    [...new Set([...delta.keys(), ...onOrder.keys()])].map((k) => {
      const p = positions.get(k)!;
      return { location: p.location, sku: p.sku, delta: delta.get(k) ?? 0, onOrder: onOrder.get(k) ?? 0 };
    }),
  );
  const entries = newLines.map((l, i) => ({ ...l, entryId: entryIds[i]! }));
  const toWrite = (s: LiveSignal): SignalWrite => ({
    signalId: s.signalId,
    location: s.location,
    sku: s.sku,
    kind: s.kind,
    causeKey: s.causeKey,
    quantity: s.quantity,
    orderOn: s.orderOn,
    needBy: s.needBy,
    policyVersion: s.policyVersion,
    explanation: s.explanation,
    closedReason: s.closedReason,
    decidedBy: s.decidedBy,
  });
  // Emergencies carry their expedite options, as refreshSignals gives them one event at a time.
  await addExpediteOptions(tx, [...storedSignals.filter((s) => s.touched), ...opened]);
  await writeSignals(tx, storedSignals.filter((s) => s.touched).map(toWrite), opened.map(toWrite));
  await insertAutoOrders(tx, [...orderRows.values()]);
  await appendAuditRows(
    tx,
    audit.flatMap((a) => a()),
  );
  await enqueueWebhookEvents(
    tx,
    hooks.map((w) => w()),
  );
  await writeStockouts(
    tx,
    episodeWrites.map((w) => ({
      location: w.location,
      sku: w.sku,
      started:
        w.entryIndex.start === null ? null : { at: w.started!.at, entryId: entryIds[w.entryIndex.start]! },
      ended:
        w.entryIndex.end === null || w.ended === null
          ? null
          : { at: w.ended.at, entryId: entryIds[w.entryIndex.end]! },
    })),
  );

  const entryOf = (i: number) => entries[i]!;
  return results.map(({ e, replay, lineIndex, again }) => {
    if (replay !== null)
      return {
        key: e.key,
        source: e.source,
        status: "replayed" as const,
        entries: replay.map((x) => ({
          entryId: x.entryId,
          location: x.location,
          sku: x.sku,
          kind: x.kind,
          qty: x.qty,
          onHandAfter: x.onHandAfter,
          occurredAt: x.occurredAt,
        })),
        signals: replay.flatMap((x) => x.signalChanges),
        received: [],
      };
    const x = entryOf(lineIndex);
    const entry = {
      entryId: x.entryId,
      location: x.location,
      sku: x.sku,
      kind: x.kind,
      qty: x.qty,
      onHandAfter: x.onHandAfter,
      occurredAt: x.occurredAt,
    };
    // A duplicate of a key applied earlier in this batch reports that event's result as a replay.
    return {
      key: e.key,
      source: e.source,
      status: again ? ("replayed" as const) : ("applied" as const),
      entries: [entry],
      signals: x.signalChanges,
      received: [],
    };
  });

  /** refreshSignals (refresh-signals.ts) on the in-memory state of one item × location. */
  function refresh(
    k: string,
    e: LedgerEvent,
    position: { onHand: number; onOrder: number; allocated: number; location: string; sku: string },
    actor: string,
    afterAutoOrder: boolean,
  ): (SignalChange & { live?: LiveSignal })[] {
    const { location, sku } = position;
    const policy = policies.get(k) ?? null;
    const open = live.get(k) ?? [];
    const changes: (SignalChange & { live?: LiveSignal })[] = [];
    const keep = new Set<LiveSignal>();
    let ordered: { onOrder: number } | null = null;
    if (policy !== null) {
      const evaluation = evaluateSignals({
        asOf: e.day,
        position: { onHand: position.onHand, onOrder: position.onOrder, allocated: position.allocated },
        policy: {
          version: policy.version,
          rule: policy.rule,
          thresholds: policy.thresholds,
          constraints: policy.constraints,
        },
        openOrders: supply.get(k) ?? [],
        forecastDailyDemand: policy.meanDailyDemand,
      });
      const automatic = policy.orderingMode === "automatic" && !afterAutoOrder;
      for (const desired of evaluation.signals) {
        const before = open.find((o) => o.kind === desired.kind && o.causeKey === desired.causeKey);
        const decision =
          automatic && before === undefined
            ? decideAutoOrder({
                policy: orderingOf(policy),
                level: evaluation.level,
                signal: desired,
                lane: primaryLane(lanes.get(k) ?? []),
                fromEvent: true,
              })
            : null;
        const poNumber = decision?.placed === true ? autoOrderNumber(eventOrigin(e)) : null;
        // An open proposal keeps the note of its opening while the policy stays automatic.
        const note =
          decision !== null
            ? { ...decision.note, poNumber }
            : policy.orderingMode === "automatic"
              ? (before?.explanation as SignalExplanation | undefined)?.ordering
              : undefined;
        const s =
          note === undefined
            ? desired
            : { ...desired, explanation: { ...desired.explanation, ordering: note } };
        const needBy = formatIsoDate(s.needByDay);
        const change = { location, sku, kind: s.kind, causeKey: s.causeKey, quantity: s.quantity };
        if (before === undefined) {
          const created: LiveSignal = {
            signalId: -(opened.length + 1),
            location,
            sku,
            kind: s.kind,
            causeKey: s.causeKey,
            quantity: s.quantity === null ? null : round4(s.quantity),
            needBy,
            orderOn: formatIsoDate(s.orderDay),
            policyVersion: policy.version,
            explanation: s.explanation,
            closedReason: null,
            decidedBy: null,
            stored: false,
            touched: true,
          };
          opened.push(created);
          live.set(k, [...(live.get(k) ?? []), created]);
          keep.add(created);
          changes.push({ ...change, signalId: created.signalId, change: "opened", live: created });
          const version = policy.version;
          const opening = () =>
            signalOpenedRecords({
              actor,
              location,
              sku,
              signalId: created.signalId,
              signal: s,
              policyVersion: version,
              asOf: e.day,
            });
          audit.push(() => [opening().audit]);
          hooks.push(() => opening().webhook);
          if (decision?.placed === true && poNumber !== null) {
            // As refreshSignals: the order is placed, the signal approved, on order grows.
            autoOrders.push({ signal: created, poNumber, decision });
            created.decidedBy = AUTO_ORDER_ACTOR;
            live.set(
              k,
              (live.get(k) ?? []).filter((x) => x !== created),
            );
            const qty = decision.quantity;
            onOrder.set(k, round4((onOrder.get(k) ?? 0) + qty));
            const list = [
              ...(supply.get(k) ?? []),
              { id: `${poNumber}/1`, quantity: qty, dueDay: decision.dueDay, forEmergency: false },
            ];
            list.sort((a, b) => a.dueDay - b.dueDay || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
            supply.set(k, list);
            ordered = { onOrder: round4(position.onOrder + qty) };
            changes.push({
              ...change,
              signalId: created.signalId,
              change: "ordered",
              poNumber,
              live: created,
            });
            audit.push(() => autoOrderAudit(orderRows.get(created)!, decision));
            hooks.push(() => autoOrderWebhook(orderRows.get(created)!));
          }
        } else {
          keep.add(before);
          const differs = before.quantity !== s.quantity || before.needBy !== needBy;
          before.quantity = s.quantity === null ? null : round4(s.quantity);
          before.needBy = needBy;
          before.policyVersion = policy.version;
          before.explanation = s.explanation;
          before.touched = true;
          if (differs)
            changes.push({ ...change, signalId: before.signalId, change: "updated", live: before });
        }
      }
    }
    const reason = policy === null ? "no active policy" : "condition cleared";
    for (const o of open) {
      if (keep.has(o)) continue;
      o.closedReason = reason;
      o.touched = true;
      live.set(
        k,
        (live.get(k) ?? []).filter((s) => s !== o),
      );
      changes.push({
        signalId: o.signalId,
        location,
        sku,
        kind: o.kind,
        causeKey: o.causeKey,
        quantity: o.quantity,
        change: "closed",
        live: o,
      });
      // Lazily, as the rest: a signal opened earlier in this batch gets its id when the batch is written.
      const closing = () =>
        signalClosedRecords({
          actor,
          location,
          sku,
          signalId: o.signalId,
          kind: o.kind,
          causeKey: o.causeKey,
          reason,
          asOf: e.day,
        });
      audit.push(() => [closing().audit]);
      hooks.push(() => closing().webhook);
    }
    // The order is on order now: evaluate again on the new position, as refreshSignals does.
    if (ordered !== null) changes.push(...refresh(k, e, { ...position, ...ordered }, actor, true));
    return changes;
  }

  /** trackStockout (stockouts.ts) on the in-memory state of one item × location. */
  function trackStockout(
    k: string,
    location: string,
    sku: string,
    before: number,
    after: number,
    lineIndex: number,
    at: string,
  ): void {
    let open = episodes.get(k);
    if (open === undefined && stockouts.has(k)) {
      const w: Episode = {
        location,
        sku,
        started: null,
        ended: null,
        entryIndex: { start: null, end: null },
      };
      episodeWrites.push(w);
      open = w;
      episodes.set(k, w);
    }
    if (before > 0 && after <= 0 && open === undefined) {
      const w: Episode = {
        location,
        sku,
        started: { at },
        ended: null,
        entryIndex: { start: lineIndex, end: null },
      };
      episodeWrites.push(w);
      episodes.set(k, w);
    } else if (before <= 0 && after > 0 && open !== undefined) {
      open.ended = { at };
      open.entryIndex.end = lineIndex;
      episodes.delete(k);
      stockouts.delete(k);
    }
  }
}
