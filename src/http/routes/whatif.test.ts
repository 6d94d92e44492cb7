import { describe, expect, it } from "vitest";
import { call, usePortalApp } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { noisy, salesHistory } from "../../../test/support/history-fixture.js";
import { day } from "../../../test/support/live-fixture.js";
import { loadHistory } from "../../db/ledger-history.js";
import { upsertItems, upsertSupplyLanes } from "../../db/master-data.js";

describe.each(dbTargets())("what-if routes on $name", (target) => {
  const db = useTestDb(target);
  const api = usePortalApp(db, async () => {
    // Dear enough that lots are small (a few days of demand): the fill-rate target then needs a safety stock to scale.
    await upsertItems(db(), [{ sku: "C", unitCost: 2000 }]);
    await upsertSupplyLanes(db(), [{ location: "L2", sku: "C", supplier: "S1", leadTimeDays: 4 }]);
    await db().transaction((tx) =>
      loadHistory(tx, "hist", salesHistory("L2", "C", day("2026-03-02"), 200, noisy(10, 3))),
    );
  });

  it("replays a selection at every scale for readers; proposals for planners", async () => {
    const body = { locations: ["L2"], cut: "2026-01-20", replay_days: 40, scales: [0.5, 0.8] };
    expect((await call(api.app, api.tokens.supplierA, "POST", "/whatif", body)).statusCode).toBe(403);
    const r = await call(api.app, api.tokens.viewer, "POST", "/whatif", body);
    expect(r.statusCode).toBe(200);
    const w = r.json().whatIf;
    expect(w).toMatchObject({ cut: "2026-01-20", to: "2026-02-28", scales: [1, 0.8, 0.5], series: 1 });
    expect(w.curve.map((p: { scale: number }) => p.scale)).toEqual([1, 0.8, 0.5]);
    expect(w.items[0]).toMatchObject({ sku: "C", location: "L2", supplier: "S1" });
    expect(w.curve[2].inventoryValue).toBeLessThan(w.curve[0].inventoryValue);

    const bad = await call(api.app, api.tokens.viewer, "POST", "/whatif", {
      scales: [-1],
      patterns: ["weird"],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .issues.map((i: { path: { field: string } }) => i.path.field)
        .sort(),
    ).toEqual(["patterns.0", "scales.0"]);
    const empty = await call(api.app, api.tokens.viewer, "POST", "/whatif", {
      skus: ["nope"],
      cut: "2026-01-20",
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().issues[0]).toMatchObject({ code: "empty_selection" });

    const proposal = { items: [{ sku: "A", location: "L1" }], scale: 0.5 };
    expect((await call(api.app, api.tokens.viewer, "POST", "/whatif/proposals", proposal)).statusCode).toBe(
      403,
    );
    const p = await call(api.app, api.tokens.planner, "POST", "/whatif/proposals", proposal);
    expect(p.statusCode).toBe(201);
    // A's active (r, Q) = (60, 100) with safety stock 20: at × 0.5, r = 50.
    expect(p.json()).toMatchObject({
      proposed: 1,
      skipped: 0,
      proposals: [{ sku: "A", location: "L1", version: 2, fromVersion: 1 }],
    });
    const v2 = await db().query<{ status: string; reorder_point: number; safety_stock: number }>(
      "SELECT status, reorder_point, safety_stock FROM policies WHERE sku = 'A' AND version = 2",
    );
    expect(v2.rows).toEqual([{ status: "proposed", reorder_point: 50, safety_stock: 10 }]);
  });
});
