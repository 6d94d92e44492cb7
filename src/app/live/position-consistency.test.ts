import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import type { LedgerEventInput } from "../../core/ledger/ledger-event.js";
import { upsertItems, upsertLocations } from "../../db/master-data.js";
import { positionMismatches } from "../../db/positions.js";
import { applyEvents } from "./apply-events.js";

/** An event without key and SKU prefix; the property gives them. */
interface Move {
  readonly kind: "consumption" | "sale" | "receipt" | "adjustment" | "transfer" | "scrap";
  readonly item: "a" | "b";
  readonly location: "L1" | "L2";
  readonly qty: number;
}

const move: fc.Arbitrary<Move> = fc
  .record({
    kind: fc.constantFrom("consumption", "sale", "receipt", "adjustment", "transfer", "scrap"),
    item: fc.constantFrom("a", "b"),
    location: fc.constantFrom("L1", "L2"),
    qty: fc.integer({ min: 1, max: 40 }),
  })
  .map((m) => (m.kind === "adjustment" && m.qty % 2 === 1 ? { ...m, qty: -m.qty } : m));

/** Distinct events, then a sequence of picks (repeats are re-sends) cut into batches; some batches carry a bad event. */
const scenario = fc.array(move, { minLength: 1, maxLength: 12 }).chain((moves) =>
  fc.record({
    moves: fc.constant(moves),
    batches: fc.array(
      fc.record({
        picks: fc.array(fc.nat({ max: moves.length - 1 }), { minLength: 1, maxLength: 5 }),
        bad: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);

const delta = (m: Move, at: "L1" | "L2"): number => {
  const out = m.kind === "receipt" || m.kind === "adjustment" ? m.qty : -m.qty;
  if (m.kind !== "transfer") return m.location === at ? out : 0;
  return m.location === at ? -m.qty : m.qty;
};

describe.each(dbTargets())("position consistency on $name", (target) => {
  const db = useTestDb(target);

  it("after any event sequence, on hand equals the sum of the ledger and of the distinct events applied", async () => {
    await upsertLocations(db(), [{ id: "L1" }, { id: "L2" }]);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ moves, batches }) => {
        run++;
        const sku = (m: Move) => `r${run}${m.item}`;
        await upsertItems(db(), [{ sku: `r${run}a` }, { sku: `r${run}b` }]);
        const toInput = (m: Move, i: number): LedgerEventInput => ({
          key: `k${i}`,
          source: `run${run}`,
          kind: m.kind,
          sku: sku(m),
          location: m.location,
          qty: m.qty,
          occurredAt: "2026-03-02",
          toLocation: m.kind === "transfer" ? (m.location === "L1" ? "L2" : "L1") : undefined,
        });
        const applied = new Set<number>();
        for (const b of batches) {
          const inputs = b.picks.map((i) => toInput(moves[i]!, i));
          if (b.bad) inputs.splice(inputs.length >> 1, 0, { ...inputs[0]!, key: "bad", sku: "no-such-item" });
          const r = await applyEvents(db(), inputs);
          expect(r.ok).toBe(!b.bad);
          if (r.ok) {
            const fresh = new Set(b.picks.filter((i) => !applied.has(i)));
            expect(r.value.applied).toBe(fresh.size);
            for (const i of b.picks) applied.add(i);
          }
        }
        for (const item of ["a", "b"] as const)
          for (const at of ["L1", "L2"] as const) {
            const expected = [...applied]
              .map((i) => moves[i]!)
              .filter((m) => m.item === item)
              .reduce((s, m) => s + delta(m, at), 0);
            const r = await db().query<{ on_hand: number }>(
              "SELECT on_hand FROM positions WHERE location_id = $1 AND sku = $2",
              [at, `r${run}${item}`],
            );
            expect(r.rows[0]?.on_hand ?? 0).toBe(expected);
          }
        expect(await positionMismatches(db())).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
