import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dbTargets, type TestDb } from "../../../test/support/db-targets.js";
import { input, scenario, state } from "../../../test/support/event-scenario.js";
import { activate, ropPolicy } from "../../../test/support/live-fixture.js";
import type { Db } from "../../db/db.js";
import { upsertItems, upsertLocations, upsertSuppliers, upsertSupplyLanes } from "../../db/master-data.js";
import { positionMismatches } from "../../db/positions.js";
import { insertSubscription } from "../../db/webhooks-store.js";
import { applyEvents } from "./apply-events.js";

/**
 * Ordering of a policy: approval, or automatic without a limit, with a limit the rule's order of
 * 100 × 4 = 400 passes (500), or one it does not (300).
 */
type Ordering = "approval" | "auto" | "auto-500" | "auto-300";
const ordering: fc.Arbitrary<Ordering> = fc.constantFrom("approval", "auto", "auto", "auto-500", "auto-300");

/**
 * The scenario's item × locations with policies (A at L1 and L2, B at L1; B at L2 has none), each in a
 * drawn ordering mode, primary lanes at 4 a unit for A (B has none: its automatic proposals fall back),
 * a webhook for every event.
 */
async function seed(db: Db, orderings: readonly Ordering[]): Promise<void> {
  await upsertLocations(db, [{ id: "L1" }, { id: "L2" }]);
  await upsertItems(db, [{ sku: "A" }, { sku: "B" }]);
  await upsertSuppliers(db, [{ id: "S1" }]);
  await upsertSupplyLanes(
    db,
    ["L1", "L2"].map((location) => ({ location, sku: "A", supplier: "S1", leadTimeDays: 5, unitCost: 4 })),
  );
  const pairs = [
    ["L1", "A"],
    ["L2", "A"],
    ["L1", "B"],
  ] as const;
  // 100 on hand before the policies, so the moves cross the reorder point (60) in the replenishment tier.
  const stock = await applyEvents(
    db,
    pairs.map(([location, sku]) => ({
      key: `stock-${location}-${sku}`,
      source: "seed",
      kind: "receipt" as const,
      sku,
      location,
      qty: 100,
      occurredAt: "2026-03-01T00:00:00Z",
    })),
  );
  if (!stock.ok) throw new Error(JSON.stringify(stock.issues));
  for (const [i, [l, s]] of pairs.entries()) {
    const o = orderings[i]!;
    await activate(db, {
      ...ropPolicy(l, s),
      orderingMode: o === "approval" ? "approval" : "automatic",
      autoOrderMaxValue: o === "auto-500" ? 500 : o === "auto-300" ? 300 : null,
    });
  }
  await insertSubscription(db, {
    url: "http://127.0.0.1:9/hook",
    secret: "a-secret-long-enough-for-the-check-0123456789",
    eventKinds: ["*"],
    description: "",
    createdBy: "test",
  });
}

/** The automatic orders and their audit entries, signal ids as ranks (state() does the rest). */
async function orderState(db: Db): Promise<unknown> {
  const ids = (await db.query<{ signal_id: number }>("SELECT signal_id FROM signals ORDER BY signal_id"))
    .rows;
  const rank = new Map(ids.map((r, i) => [r.signal_id, `#${i + 1}`]));
  const orders = await db.query<Record<string, unknown>>(
    `SELECT p.location_id, p.po_number, p.supplier_id, p.status, p.ordered_on, p.expedited, p.signal_id, p.placed_by,
       l.line_no, l.sku, l.qty_ordered, l.qty_received, l.due_on, l.unit_cost
     FROM purchase_orders p JOIN purchase_order_lines l USING (location_id, po_number) ORDER BY 1, 2, l.line_no`,
  );
  const audit = await db.query<{ detail: Record<string, unknown> }>(
    `SELECT location_id, actor, action, subject_id, detail FROM audit_log WHERE subject = 'purchase_order'
     ORDER BY audit_id`,
  );
  const decided = await db.query<{ signal_id: number }>(
    "SELECT signal_id, decided_by FROM signals WHERE decided_by IS NOT NULL ORDER BY signal_id",
  );
  return {
    orders: orders.rows.map((o) => ({ ...o, signal_id: rank.get(o.signal_id as number) })),
    audit: audit.rows.map((a) => ({
      ...a,
      detail: { ...a.detail, signalId: rank.get(a.detail.signalId as number) },
    })),
    decided: decided.rows.map((d) => ({ ...d, signal_id: rank.get(d.signal_id) })),
  };
}

describe.each(dbTargets())("automatic orders, set-based and one by one, on $name", (target) => {
  it("write exactly the same ledger, positions, signals, purchase orders, audit and webhooks", async () => {
    let placed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(ordering, ordering, ordering),
        scenario,
        async (orderings, { moves, batches }) => {
          const dbs: TestDb[] = [await target.migrated(), await target.migrated()];
          try {
            const out: unknown[] = [];
            for (const [n, t] of dbs.entries()) {
              await seed(t.db, orderings);
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
              out.push({
                ...((await state(t.db, results)) as object),
                ...((await orderState(t.db)) as object),
              });
              if (n === 0)
                placed += (
                  await t.db.query("SELECT 1 FROM purchase_orders WHERE placed_by = 'system:auto-order'")
                ).rowCount;
            }
            expect(out[0]).toEqual(out[1]);
          } finally {
            for (const t of dbs) await t.dispose();
          }
        },
      ),
      {
        numRuns: 10,
        endOnFailure: true,
        // Always among the cases: A at L1 drawn down across its reorder point in two batches (the
        // first batch crosses it: an automatic order is placed; the re-sent 0 replays), so the
        // assertion below does not depend on the random draw.
        examples: [
          // A signal opened and closed within one batch: its closing rows name the id it gets when
          // the batch is written (a regression: they once named the placeholder).
          [
            ["auto", "approval", "auto-300"],
            {
              moves: [
                { kind: "scrap", sku: "A", location: "L2", qty: 42, day: 4 },
                { kind: "scrap", sku: "A", location: "L1", qty: 26, day: 1 },
                { kind: "scrap", sku: "B", location: "L1", qty: 31, day: 3 },
                { kind: "sale", sku: "A", location: "L1", qty: 4, day: 2 },
                { kind: "sale", sku: "B", location: "L2", qty: 13, day: 2 },
                { kind: "adjustment", sku: "A", location: "L1", qty: 20, day: 3 },
                { kind: "sale", sku: "A", location: "L1", qty: 40, day: 1 },
                { kind: "consumption", sku: "B", location: "L2", qty: 31, day: 3 },
              ],
              batches: [
                [7, 1, 7, 0, 2, 6, 3, 5, 3, 5],
                [1, 0, 2, 4, 2, 5],
              ],
            },
          ],
          [
            ["auto", "auto-300", "approval"],
            {
              moves: [
                { kind: "consumption", sku: "A", location: "L1", qty: 30, day: 1 },
                { kind: "sale", sku: "A", location: "L1", qty: 20, day: 1 },
                { kind: "consumption", sku: "A", location: "L2", qty: 45, day: 2 },
                { kind: "sale", sku: "B", location: "L1", qty: 45, day: 2 },
              ],
              batches: [
                [0, 1, 2],
                [0, 3],
              ],
            },
          ],
        ],
      },
    );
    // The generated cases do place automatic orders (not only fall back).
    expect(placed).toBeGreaterThan(0);
  }, 300_000);
});
