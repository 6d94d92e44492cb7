import fc from "fast-check";
import type { LedgerEventInput } from "../../src/core/ledger/ledger-event.js";
import type { Db } from "../../src/db/db.js";
import { upsertItems, upsertLocations } from "../../src/db/master-data.js";
import { insertSubscription } from "../../src/db/webhooks-store.js";
import { activate, ropPolicy } from "./live-fixture.js";

/**
 * Scenarios for the property "applying events in groups writes exactly what applying them one by one
 * writes" (the set-based path in apply-batch.test.ts, group commit in event-group-commit.test.ts):
 * moves on two items × two locations, a seed with policies and a webhook, and the state to compare.
 */

export interface Move {
  readonly kind: "consumption" | "sale" | "scrap" | "adjustment" | "receipt";
  readonly sku: "A" | "B";
  readonly location: "L1" | "L2";
  readonly qty: number;
  readonly day: number;
}

export const move: fc.Arbitrary<Move> = fc
  .record({
    kind: fc.constantFrom("consumption", "sale", "scrap", "adjustment", "adjustment", "receipt"),
    sku: fc.constantFrom("A", "B"),
    location: fc.constantFrom("L1", "L2"),
    qty: fc.integer({ min: 1, max: 45 }),
    day: fc.integer({ min: 1, max: 4 }),
  })
  .map((m) => (m.kind === "adjustment" && m.qty % 3 === 0 ? { ...m, qty: -m.qty } : m));

/** Distinct moves, then batches of picks (a pick seen before is a re-send with the same key). */
export const scenario = fc.array(move, { minLength: 1, maxLength: 30 }).chain((moves) =>
  fc.record({
    moves: fc.constant(moves),
    batches: fc.array(fc.array(fc.nat({ max: moves.length - 1 }), { minLength: 1, maxLength: 12 }), {
      minLength: 1,
      maxLength: 5,
    }),
  }),
);

export const input = (m: Move, i: number): LedgerEventInput => ({
  key: `k${i}`,
  source: "pos",
  kind: m.kind,
  sku: m.sku,
  location: m.location,
  qty: m.qty,
  occurredAt: `2026-03-0${m.day}T10:00:00Z`,
});

/** Policies on three of the four item × locations (B at L2 has none), a webhook for every event. */
export async function seed(db: Db): Promise<void> {
  await upsertLocations(db, [{ id: "L1" }, { id: "L2" }]);
  await upsertItems(db, [{ sku: "A" }, { sku: "B" }]);
  for (const [l, s] of [
    ["L1", "A"],
    ["L2", "A"],
    ["L1", "B"],
  ] as const)
    await activate(db, ropPolicy(l, s));
  await insertSubscription(db, {
    url: "http://127.0.0.1:9/hook",
    secret: "a-secret-long-enough-for-the-check-0123456789",
    eventKinds: ["*"],
    description: "",
    createdBy: "test",
  });
}

/** Everything an event writes, with signal ids replaced by their rank (the upsert path skips sequence values). */
export async function state(db: Db, results: unknown[]): Promise<unknown> {
  const ids = (
    await db.query<{ signal_id: number }>("SELECT signal_id FROM signals ORDER BY signal_id")
  ).rows.map((r) => r.signal_id);
  const rank = new Map(ids.map((id, i) => [id, i + 1]));
  const norm = (v: unknown): unknown =>
    JSON.parse(
      JSON.stringify(v, (k, x) =>
        (k === "signalId" || k === "subject_id_signal") && typeof x === "number" ? `#${rank.get(x)}` : x,
      ),
    );
  const rows = async (sql: string) => (await db.query(sql)).rows;
  return norm({
    results,
    ledger: await rows(
      `SELECT entry_id, location_id, sku, kind, qty, occurred_at, source, idempotency_key, reference,
         counter_location_id, on_hand_after, signal_changes FROM inventory_ledger ORDER BY entry_id`,
    ),
    positions: await rows(
      "SELECT location_id, sku, on_hand, on_order, allocated FROM positions ORDER BY 1, 2",
    ),
    signals: (
      await rows(
        `SELECT signal_id, location_id, sku, kind, status, cause_key, quantity, order_on, need_by, policy_version,
           explanation, closed_reason, closed_at IS NULL AS open FROM signals ORDER BY signal_id`,
      )
    ).map((r) => ({ ...r, signal_id: `#${rank.get(r.signal_id as number)}` })),
    audit: (
      await rows(
        "SELECT location_id, actor, action, subject, subject_id, detail FROM audit_log WHERE subject = 'signal' ORDER BY audit_id",
      )
    ).map((r) => ({ ...r, subject_id: `#${rank.get(Number(r.subject_id))}` })),
    outbox: await rows(
      "SELECT location_id, subscription_id, event_kind, sku, order_key, payload FROM webhook_outbox ORDER BY outbox_id",
    ),
    stockouts: await rows(
      `SELECT location_id, sku, started_at, started_entry_id, ended_at, ended_entry_id FROM stockout_episodes
       ORDER BY episode_id`,
    ),
  });
}
