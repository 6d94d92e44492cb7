import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dbTargets, type TestDb } from "../../../test/support/db-targets.js";
import { input, scenario, seed, state } from "../../../test/support/event-scenario.js";
import type { LedgerEventInput } from "../../core/ledger/ledger-event.js";
import { fail, ok, type Result } from "../../core/result.js";
import { positionMismatches } from "../../db/positions.js";
import { type AppliedBatch, type AppliedEvent, applyEvents } from "./apply-events.js";
import { type ApplyGroup, eventGroupCommit } from "./event-group-commit.js";

const event = (key: string, sku = "A", location = "L1", qty = 1): LedgerEventInput => ({
  key,
  source: "pos",
  kind: "consumption",
  sku,
  location,
  qty,
  occurredAt: "2026-03-02",
});

/**
 * An in-memory stand-in for applyEvents with its all-or-nothing contract: on hand per item × location,
 * SKU "X" unknown (fails the whole call with an issue), SKU "BOOM" makes the call throw. Calls can be
 * held open with `hold()` to keep a group in flight.
 */
function ledger() {
  const onHand = new Map<string, number>();
  const calls: { keys: string[]; actor: string }[] = [];
  let gate: Promise<void> | null = null;
  const apply: ApplyGroup = async (inputs, actor) => {
    calls.push({ keys: inputs.map((i) => i.key), actor });
    if (gate !== null) await gate;
    if (inputs.some((i) => i.sku === "BOOM")) throw new Error("row rejected by the database");
    const unknown = inputs.filter((i) => i.sku === "X");
    if (unknown.length > 0)
      return fail(
        ...unknown.map((i) => ({
          code: "unknown_item",
          path: { field: "sku" },
          message: `unknown SKU "${i.sku}" (${i.key})`,
        })),
      );
    const events: AppliedEvent[] = inputs.map((i) => {
      const k = `${i.location}/${i.sku}`;
      const after = (onHand.get(k) ?? 0) - i.qty;
      onHand.set(k, after);
      const entry = {
        entryId: 0,
        location: i.location,
        sku: i.sku,
        kind: i.kind,
        qty: -i.qty,
        onHandAfter: after,
        occurredAt: i.occurredAt,
      };
      return { key: i.key, source: i.source, status: "applied", entries: [entry], signals: [], received: [] };
    });
    return ok({ events, applied: events.length, replayed: 0 } satisfies AppliedBatch);
  };
  return {
    apply,
    calls,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => {
        release = r;
      });
      return () => {
        gate = null;
        release();
      };
    },
  };
}

const after = (r: Result<AppliedEvent>): number | string =>
  r.ok ? r.value.entries[0]!.onHandAfter : r.issues[0]!.code;

describe("eventGroupCommit", () => {
  it("applies a lone event at once, alone, without waiting for its window", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 10_000 });
    const t0 = performance.now();
    const r = await g.submit(event("k1"), "a");
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(r).toMatchObject({ ok: true, value: { key: "k1", status: "applied" } });
    expect(l.calls).toEqual([{ keys: ["k1"], actor: "a" }]);
  });

  it("groups the events that arrive while a group is in flight, in arrival order, each caller answered with its own result", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 1, maxInFlight: 1 });
    const release = l.hold();
    const first = g.submit(event("k0", "A"), "a");
    const rest = ["B", "C", "A", "B", "A"].map((sku, i) => g.submit(event(`k${i + 1}`, sku), "a"));
    release();
    const results = await Promise.all([first, ...rest]);
    expect(l.calls.map((c) => c.keys)).toEqual([["k0"], ["k1", "k2", "k3", "k4", "k5"]]);
    expect(results.map((r) => (r.ok ? r.value.key : null))).toEqual(["k0", "k1", "k2", "k3", "k4", "k5"]);
    // Each event's own position after it: A goes -1, -2, -3 in arrival order; B -1, -2; C -1.
    expect(results.map(after)).toEqual([-1, -1, -1, -2, -2, -3]);
  });

  it("keeps arrival order per item × location across groups in flight at once", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 1, maxInFlight: 2 });
    const release = l.hold();
    const a1 = g.submit(event("a1", "A"), "a"); // in flight
    const b1 = g.submit(event("b1", "B"), "a"); // may join a second group in flight
    await new Promise((r) => setTimeout(r, 20));
    const a2 = g.submit(event("a2", "A"), "a"); // A is in flight: waits, and so does c1 behind it
    const c1 = g.submit(event("c1", "C"), "a");
    await new Promise((r) => setTimeout(r, 20));
    expect(l.calls.map((c) => c.keys)).toEqual([["a1"], ["b1"]]);
    release();
    const r = await Promise.all([a1, b1, a2, c1]);
    expect(l.calls.map((c) => c.keys)).toEqual([["a1"], ["b1"], ["a2", "c1"]]);
    expect(r.map(after)).toEqual([-1, -1, -2, -1]);
  });

  it("a failing event fails alone: the group is applied again event by event and its neighbours are applied", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 1, maxInFlight: 1 });
    const release = l.hold();
    const first = g.submit(event("k0"), "a");
    const group = [event("k1"), event("bad", "X"), event("k2", "B"), event("k3")].map((e) =>
      g.submit(e, "a"),
    );
    release();
    const results = await Promise.all([first, ...group]);
    expect(l.calls.map((c) => c.keys)).toEqual([
      ["k0"],
      ["k1", "bad", "k2", "k3"],
      ["k1"],
      ["bad"],
      ["k2"],
      ["k3"],
    ]);
    expect(results.map(after)).toEqual([-1, -2, "unknown_item", -1, -3]);
    expect(results[2]).toMatchObject({ ok: false, issues: [{ message: 'unknown SKU "X" (bad)' }] });
  });

  it("an error thrown for one event rejects that caller only", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 1, maxInFlight: 1 });
    const release = l.hold();
    const first = g.submit(event("k0"), "a");
    const good = g.submit(event("k1"), "a");
    const boom = g.submit(event("k2", "BOOM"), "a");
    const good2 = g.submit(event("k3", "B"), "a");
    release();
    await expect(boom).rejects.toThrow("row rejected by the database");
    expect((await Promise.all([first, good, good2])).map(after)).toEqual([-1, -2, -1]);
  });

  it("events of different actors go in separate transactions, in order", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 1, maxInFlight: 1 });
    const release = l.hold();
    const all = [
      g.submit(event("k0"), "a"),
      g.submit(event("k1"), "a"),
      g.submit(event("k2"), "a"),
      g.submit(event("k3"), "b"),
      g.submit(event("k4"), "a"),
    ];
    release();
    await Promise.all(all);
    expect(l.calls).toEqual([
      { keys: ["k0"], actor: "a" },
      { keys: ["k1", "k2"], actor: "a" },
      { keys: ["k3"], actor: "b" },
      { keys: ["k4"], actor: "a" },
    ]);
  });

  it("answers an invalid event at once with its issues; it never joins a group", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply);
    const r = await g.submit({ ...event("k1"), qty: -2 }, "a");
    expect(r.ok).toBe(false);
    expect(l.calls).toEqual([]);
  });

  it("at most maxEvents per group", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 1, maxInFlight: 1, maxEvents: 3 });
    const release = l.hold();
    const all = Array.from({ length: 8 }, (_, i) => g.submit(event(`k${i}`, `S${i}`), "a"));
    release();
    await Promise.all(all);
    expect(l.calls.map((c) => c.keys.length)).toEqual([1, 3, 3, 1]);
  });

  it("drain resolves once every submitted event is applied and answered, without waiting out the window", async () => {
    const l = ledger();
    const g = eventGroupCommit(l.apply, { windowMs: 60_000, maxInFlight: 2 });
    await g.drain(); // nothing submitted: at once
    const release = l.hold();
    const answered: string[] = [];
    const all = ["A", "B", "C", "D"].map((sku, i) =>
      g.submit(event(`k${i}`, sku), "a").then((r) => {
        answered.push(r.ok ? r.value.key : "failed");
      }),
    );
    const drained = g.drain().then(() => [...answered]);
    release();
    expect((await drained).sort()).toEqual(["k0", "k1", "k2", "k3"]);
    await Promise.all(all);
  });
});

const ACTOR = "planner@pos";

const answer = (r: Result<AppliedEvent>): unknown => (r.ok ? r.value : r.issues);

describe.each(dbTargets())("group commit on $name", (target) => {
  it("concurrent single events applied in groups write exactly what sending them one by one writes", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ moves, batches }) => {
        const dbs: TestDb[] = [await target.migrated(), await target.migrated(), await target.migrated()];
        try {
          const [one, two, alone] = dbs as [TestDb, TestDb, TestDb];
          for (const t of dbs) await seed(t.db);
          // Each batch of picks arrives at once, as concurrent requests would: with one group in flight
          // at a time (the global order is the arrival order), and with the default two.
          const submitAll = async (t: TestDb, maxInFlight: number): Promise<unknown[]> => {
            const groups = eventGroupCommit((inputs, actor) => applyEvents(t.db, inputs, { actor }), {
              windowMs: 1,
              maxInFlight,
            });
            const out: unknown[] = [];
            for (const b of batches)
              out.push(
                ...(await Promise.all(b.map((i) => groups.submit(input(moves[i]!, i), ACTOR)))).map(answer),
              );
            return out;
          };
          const oneResults = await submitAll(one, 1);
          await submitAll(two, 2);
          const aloneResults: unknown[] = [];
          for (const b of batches)
            for (const i of b) {
              const r = await applyEvents(alone.db, [input(moves[i]!, i)], { actor: ACTOR });
              aloneResults.push(r.ok ? r.value.events[0] : r.issues);
            }
          for (const t of dbs) expect(await positionMismatches(t.db)).toEqual([]);
          expect(await state(one.db, oneResults)).toEqual(await state(alone.db, aloneResults));
          // Two groups in flight touch different item × locations, so their entries may interleave
          // across pairs; per item × location, the ledger and the position are the same.
          const perPair = async (t: TestDb) => ({
            ledger: (
              await t.db.query(
                `SELECT location_id, sku, idempotency_key, kind, qty, on_hand_after FROM inventory_ledger
                 ORDER BY location_id, sku, entry_id`,
              )
            ).rows,
            positions: (await t.db.query("SELECT location_id, sku, on_hand FROM positions ORDER BY 1, 2"))
              .rows,
          });
          expect(await perPair(two)).toEqual(await perPair(alone));
        } finally {
          for (const t of dbs) await t.dispose();
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 240_000);

  it("an unknown SKU and a reused key fail alone; the rest of their group is applied", async () => {
    const t = await target.migrated();
    try {
      await seed(t.db);
      const groups = eventGroupCommit((inputs, actor) => applyEvents(t.db, inputs, { actor }), {
        windowMs: 5,
        maxInFlight: 1,
      });
      const sale = (key: string, sku: string, qty: number): LedgerEventInput => ({
        key,
        source: "pos",
        kind: "sale",
        sku,
        location: "L1",
        qty,
        occurredAt: "2026-03-02T10:00:00Z",
      });
      const results = await Promise.all([
        groups.submit(sale("k0", "A", 1), ACTOR),
        groups.submit(sale("k1", "A", 2), ACTOR),
        groups.submit(sale("k2", "NOPE", 3), ACTOR),
        groups.submit(sale("k1", "A", 4), ACTOR), // k1 again with other content
        groups.submit(sale("k3", "B", 5), ACTOR),
        groups.submit(sale("k1", "A", 2), ACTOR), // k1 re-sent unchanged
      ]);
      expect(results.map((r) => (r.ok ? r.value.status : r.issues[0]!.code))).toEqual([
        "applied",
        "applied",
        "unknown_item",
        "idempotency_conflict",
        "applied",
        "replayed",
      ]);
      expect(results[2]).toMatchObject({
        ok: false,
        issues: [{ path: { field: "sku" }, message: 'unknown SKU "NOPE"', received: "NOPE" }],
      });
      const ledger = await t.db.query<{ idempotency_key: string; qty: number }>(
        "SELECT idempotency_key, qty FROM inventory_ledger ORDER BY entry_id",
      );
      expect(ledger.rows).toEqual([
        { idempotency_key: "k0", qty: -1 },
        { idempotency_key: "k1", qty: -2 },
        { idempotency_key: "k3", qty: -5 },
      ]);
      expect(await positionMismatches(t.db)).toEqual([]);
      await groups.drain();
    } finally {
      await t.dispose();
    }
  });
});
