import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dbTargets, type TestDb } from "../../../test/support/db-targets.js";
import { input, scenario, seed, state } from "../../../test/support/event-scenario.js";
import { positionMismatches } from "../../db/positions.js";
import { applyEvents } from "./apply-events.js";

describe.each(dbTargets())("set-based batches on $name", (target) => {
  it("write exactly what applying the events one by one writes: ledger, positions, signals, audit, webhooks, stockouts", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ moves, batches }) => {
        const dbs: TestDb[] = [await target.migrated(), await target.migrated()];
        try {
          const out: unknown[] = [];
          for (const [n, t] of dbs.entries()) {
            await seed(t.db);
            const results: unknown[] = [];
            for (const b of batches) {
              const r = await applyEvents(
                t.db,
                b.map((i) => input(moves[i]!, i)),
                { setBased: n === 0 },
              );
              expect(r.ok).toBe(true);
              results.push(r.ok ? r.value : r.issues);
            }
            expect(await positionMismatches(t.db)).toEqual([]);
            out.push(await state(t.db, results));
          }
          expect(out[0]).toEqual(out[1]);
        } finally {
          for (const t of dbs) await t.dispose();
        }
      }),
      { numRuns: 8, endOnFailure: true },
    );
  }, 240_000);

  it("a key re-used in a batch for different content is a conflict, and nothing is stored", async () => {
    const t = await target.migrated();
    try {
      await seed(t.db);
      const sale = input({ kind: "sale", sku: "A", location: "L1", qty: 3, day: 2 }, 1);
      const r = await applyEvents(t.db, [sale, { ...sale, qty: 4 }]);
      expect(r).toMatchObject({
        ok: false,
        issues: [{ code: "idempotency_conflict", path: { field: "key" } }],
      });
      expect((await t.db.query("SELECT 1 FROM inventory_ledger")).rowCount).toBe(0);
    } finally {
      await t.dispose();
    }
  });

  it("a bulk batch (20,000 events, one transaction) locks its source instead of each key and applies every event once", async () => {
    const t = await target.migrated();
    try {
      await seed(t.db);
      const events = Array.from({ length: 20_000 }, (_, i) =>
        input(
          { kind: "consumption", sku: i % 2 ? "A" : "B", location: i % 3 ? "L1" : "L2", qty: 1, day: 2 },
          i,
        ),
      );
      const r = await applyEvents(t.db, events);
      expect(r.ok && r.value.applied).toBe(20_000);
      const again = await applyEvents(t.db, events);
      expect(again.ok && again.value.replayed).toBe(20_000);
      expect(await positionMismatches(t.db)).toEqual([]);
      const onHand = await t.db.query<{ s: number }>("SELECT sum(on_hand)::int AS s FROM positions");
      expect(onHand.rows[0]!.s).toBe(-20_000);
    } finally {
      await t.dispose();
    }
  }, 240_000);
});
