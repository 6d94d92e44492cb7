import { describe, expect, it } from "vitest";
import { call, token } from "../../../test/support/api-fixture.js";
import { dbTargets } from "../../../test/support/db-targets.js";
import { activate, ropPolicy, seedMasterData } from "../../../test/support/live-fixture.js";
import type { Db } from "../../db/db.js";
import { positionMismatches } from "../../db/positions.js";
import { buildApp } from "../app.js";

/** Sales of 1–9 units on every item × location, one unknown SKU, and a re-sent key. */
const requests = [
  ...["L1", "L2"].flatMap((location, l) =>
    ["A", "B", "C"].map((sku, s) => ({
      key: `${location}-${sku}`,
      kind: "sale",
      sku,
      location,
      qty: 1 + l * 3 + s,
      occurred_at: "2026-03-02",
    })),
  ),
  { key: "bad", kind: "sale", sku: "NOPE", location: "L1", qty: 1, occurred_at: "2026-03-02" },
];

async function seed(db: Db): Promise<string> {
  await seedMasterData(db);
  await activate(db, ropPolicy("L1", "A"));
  await activate(db, ropPolicy("L2", "B"));
  return token(db, "planner", undefined, "pos");
}

/** Status and body per request, entry ids aside (their order across item × locations is the arrival order). */
const answers = (rs: { statusCode: number; json(): unknown }[]) =>
  rs.map((r) => ({
    status: r.statusCode,
    body: JSON.parse(JSON.stringify(r.json(), (k, v) => (k === "entryId" || k === "signalId" ? 0 : v))),
  }));

describe.each(dbTargets())("POST /events on $name", (target) => {
  it("concurrent one-event requests (group commit) get exactly the answers they get one by one", async () => {
    const grouped = await target.migrated();
    const alone = await target.migrated();
    try {
      const tokens = [await seed(grouped.db), await seed(alone.db)];
      const app = buildApp(grouped.db);
      const inFlight = [...requests, requests[0]!].map((r) => call(app, tokens[0]!, "POST", "/events", r));
      const concurrent = await Promise.all(inFlight);
      await app.close();

      const reference = buildApp(alone.db);
      const oneByOne = [];
      for (const r of [...requests, requests[0]!])
        oneByOne.push(await call(reference, tokens[1]!, "POST", "/events", r));
      await reference.close();

      // The re-sent key is answered 201 for whichever copy came first and 200 (a replay) for the other.
      const sorted = (a: ReturnType<typeof answers>) => [
        ...a.slice(0, 6),
        a[6],
        ...[a[0], a[7]].sort((x, y) => x!.status - y!.status),
      ];
      expect(sorted(answers(concurrent))).toEqual(sorted(answers(oneByOne)));
      expect(oneByOne.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201, 422, 200]);
      expect(concurrent[6]!.json().issues).toMatchObject([{ code: "unknown_item", path: { field: "sku" } }]);
      for (const t of [grouped, alone]) expect(await positionMismatches(t.db)).toEqual([]);
      const ledger = async (db: Db) =>
        (
          await db.query(
            "SELECT location_id, sku, idempotency_key, qty, on_hand_after FROM inventory_ledger ORDER BY 1, 2",
          )
        ).rows;
      expect(await ledger(grouped.db)).toEqual(await ledger(alone.db));
    } finally {
      await grouped.dispose();
      await alone.dispose();
    }
  });
});
