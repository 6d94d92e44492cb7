import { type LedgerEventInput, validateLedgerEvent } from "../../core/ledger/ledger-event.js";
import { fail, ok, type Result } from "../../core/result.js";
import type { AppliedBatch, AppliedEvent } from "./apply-events.js";

/** Applies events in order, all or nothing, in one transaction: applyEvents with its actor bound. */
export type ApplyGroup = (
  inputs: readonly LedgerEventInput[],
  actor: string,
) => Promise<Result<AppliedBatch>>;

export interface GroupCommitOptions {
  /**
   * How long events wait for company while a group is already in flight, ms (default 2). A request
   * arriving while nothing is in flight is applied at once, alone: group commit never delays a lone event.
   */
  readonly windowMs?: number;
  /** Events per group at most (default 256; below applyEvents' bulk threshold of 1,000). */
  readonly maxEvents?: number;
  /** Groups in flight at once, at most (default 2: one in the database while the next one forms). */
  readonly maxInFlight?: number;
}

/** Group commit for single-event requests: see eventGroupCommit. */
export interface EventGroupCommit {
  /**
   * Applies one event — in a group with the events submitted around the same time — and resolves with
   * exactly what applyEvents would give it alone: its AppliedEvent, or its own issues.
   */
  submit(input: LedgerEventInput, actor: string): Promise<Result<AppliedEvent>>;
  /** Resolves once every event submitted so far has been applied (or failed) and answered. */
  drain(): Promise<void>;
}

interface Waiting {
  readonly input: LedgerEventInput;
  readonly actor: string;
  /** The item × locations it changes (location and, for a transfer, the receiving one). */
  readonly pairs: readonly string[];
  resolve(r: Result<AppliedEvent>): void;
  reject(e: unknown): void;
}

const DEFAULTS = { windowMs: 2, maxEvents: 256, maxInFlight: 2 } as const;

/**
 * Group commit (as a database does with its WAL flushes): concurrent single-event requests are applied
 * together through the set-based batch path in one transaction — one BEGIN, a fixed number of
 * statements and one COMMIT for the group instead of for each — and each caller is answered with its
 * own event's result. Rules:
 * - Nothing in flight: the event goes at once. While groups are in flight, events wait up to
 *   `windowMs` (or until `maxEvents` are waiting) and then go together, `maxInFlight` groups at most.
 * - Arrival order is kept: a group is a prefix of the waiting events, applied in order, and it stops
 *   before an event whose item × location is in a group still in flight, so two events of one SKU at
 *   one location are applied in the order they arrived. Consecutive events of different actors are
 *   applied as separate transactions of the group (the actor is written to the audit log).
 * - A group that fails (one event's unknown SKU, an idempotency conflict, an error the database raised
 *   for one row: the transaction rolls back) is applied again one event at a time, so a bad event
 *   fails alone and its neighbours are applied; idempotency keys make the second try exact (events the
 *   group had applied were rolled back with it).
 * - An event that does not validate is answered at once with its issues and never joins a group.
 */
export function eventGroupCommit(apply: ApplyGroup, options: GroupCommitOptions = {}): EventGroupCommit {
  const windowMs = options.windowMs ?? DEFAULTS.windowMs;
  const maxEvents = Math.max(1, options.maxEvents ?? DEFAULTS.maxEvents);
  const maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULTS.maxInFlight);
  const waiting: Waiting[] = [];
  /** In-flight events per item × location. */
  const busy = new Map<string, number>();
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let windowOver = false;
  let idle: (() => void)[] = [];

  const mark = (w: Waiting, by: number): void => {
    for (const p of w.pairs) {
      const n = (busy.get(p) ?? 0) + by;
      if (n === 0) busy.delete(p);
      else busy.set(p, n);
    }
  };

  /** The waiting events that may go now: a prefix, stopping at one whose item × location is busy. */
  const take = (): Waiting[] => {
    let n = 0;
    while (n < waiting.length && n < maxEvents && waiting[n]!.pairs.every((p) => !busy.has(p))) n++;
    return waiting.splice(0, n);
  };

  const pump = (): void => {
    while (waiting.length > 0 && inFlight < maxInFlight) {
      if (inFlight > 0 && waiting.length < maxEvents && !windowOver) {
        timer ??= setTimeout(() => {
          timer = null;
          windowOver = true;
          pump();
        }, windowMs);
        return;
      }
      const group = take();
      if (group.length === 0) return; // the next event's item × location is in flight: wait for it
      windowOver = false;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      inFlight++;
      for (const w of group) mark(w, 1);
      void run(group).finally(() => {
        for (const w of group) mark(w, -1);
        inFlight--;
        pump();
        if (inFlight === 0 && waiting.length === 0) {
          const done = idle;
          idle = [];
          for (const f of done) f();
        }
      });
    }
  };

  /** Applies a group: runs of one actor in one transaction each, failed runs again event by event. */
  const run = async (group: readonly Waiting[]): Promise<void> => {
    for (let i = 0; i < group.length; ) {
      let j = i + 1;
      while (j < group.length && group[j]!.actor === group[i]!.actor) j++;
      await together(group.slice(i, j));
      i = j;
    }
  };

  const together = async (run: readonly Waiting[]): Promise<void> => {
    if (run.length > 1) {
      const r = await apply(
        run.map((w) => w.input),
        run[0]!.actor,
      ).catch(() => null); // an error of one event's row, or of the database: each event alone below
      if (r?.ok === true) {
        const events = r.value.events;
        for (const [i, w] of run.entries()) w.resolve(ok(events[i]!));
        return;
      }
    }
    for (const w of run) {
      try {
        const r = await apply([w.input], w.actor);
        w.resolve(r.ok ? ok(r.value.events[0]!) : fail(...r.issues));
      } catch (e) {
        w.reject(e);
      }
    }
  };

  return {
    submit(input, actor) {
      const v = validateLedgerEvent(input);
      if (!v.ok) return Promise.resolve(fail(...v.issues));
      const e = v.value;
      const pairs = [`${e.location}\u0000${e.sku}`];
      if (e.toLocation !== null) pairs.push(`${e.toLocation}\u0000${e.sku}`);
      return new Promise<Result<AppliedEvent>>((resolve, reject) => {
        waiting.push({ input, actor, pairs, resolve, reject });
        pump();
      });
    },
    drain() {
      if (inFlight === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idle.push(resolve);
        // Waiting events go now rather than after their window.
        windowOver = true;
        pump();
      });
    },
  };
}
