import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Caller, call, callerTokens, NOW, seedPortal } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { upsertSupplyLanes } from "../../db/master-data.js";
import { buildApp } from "../app.js";

describe.each(dbTargets())("emergency expedite options over HTTP on $name", (target) => {
  const db = useTestDb(target);
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof callerTokens>>;
  let id: number;
  beforeEach(async () => {
    await seedPortal(db());
    // A@L1: primary S1 (5 days, 4/unit) can go in 1 day for 2/unit more; backup S2 in 2 days at 5/unit.
    await db().query(
      `UPDATE supply_lanes SET unit_cost = 4, expedite_lead_time_days = 1, expedite_cost_per_unit = 2
       WHERE location_id = 'L1' AND sku = 'A' AND supplier_id = 'S1'`,
    );
    await upsertSupplyLanes(db(), [
      {
        location: "L1",
        sku: "A",
        supplier: "S2",
        role: "backup",
        mode: "parcel",
        leadTimeDays: 2,
        unitCost: 5,
      },
    ]);
    tokens = await callerTokens(db());
    app = buildApp(db(), { now: NOW });
    // 55 on hand − 40 sold on 03-03 = 15: covers ⌊15 / 8⌋ = 1 day (out 03-04), PO-A lands 03-07 (4 days,
    // 32 expected): emergency for ⌈32 − 15⌉ = 17 units; waiting means 3 days out of stock.
    const sale = await call(app, tokens.planner, "POST", "/events", {
      key: "big",
      kind: "sale",
      sku: "A",
      location: "L1",
      qty: 40,
      occurred_at: "2026-03-03",
    });
    expect(sale.statusCode).toBeLessThan(300);
    const list = await call(app, tokens.viewer, "GET", "/signals?status=open&kind=emergency&sku=A");
    id = list.json().items[0].signalId;

    expect(list.json().items[0]).toMatchObject({ recommendedOption: "expedite:S1" });
  });
  afterEach(async () => {
    await app.close();
  });
  const as = (who: Caller) => ({
    get: (url: string) => call(app, tokens[who], "GET", url),
    post: (url: string, body: unknown = {}) => call(app, tokens[who], "POST", url, body),
  });

  it("GET /signals/:id returns the options: arrival, in time, stockout avoided, cost, recommended", async () => {
    const s = (await as("viewer").get(`/signals/${id}`)).json().signal;
    expect(s).toMatchObject({ kind: "emergency", quantity: 17, needBy: "2026-03-04" });
    // expedite S1: 1 day → 03-04, in time, 17 × 6 = 102 (34 over 17 × 4); backup S2: 2 days → 03-05, one
    // day short, 17 × 5 = 85 (17 over).
    expect(s.options).toEqual([
      expect.objectContaining({ id: "wait", arrival: "2026-03-07", stockoutDays: 3, orderable: false }),
      expect.objectContaining({
        id: "expedite:S1",
        quantity: 17,
        arrival: "2026-03-04",
        inTime: true,
        stockoutDaysAvoided: 3,
        totalCost: 102,
        premium: 34,
        recommended: true,
      }),
      expect.objectContaining({
        id: "backup:S2",
        arrival: "2026-03-05",
        inTime: false,
        stockoutDays: 1,
        stockoutDaysAvoided: 2,
        totalCost: 85,
        premium: 17,
        recommended: false,
      }),
    ]);
    expect(s.explanation.expedite.options).toEqual(s.options);
  });

  it("approves on a chosen option, by role; validates the option", async () => {
    expect((await as("viewer").post(`/signals/${id}/approve`, { option: "backup:S2" })).statusCode).toBe(403);
    const bad = await as("planner").post(`/signals/${id}/approve`, { option: 7 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ path: { field: "option" } });
    const unknown = await as("planner").post(`/signals/${id}/approve`, { option: "backup:S9" });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().issues[0]).toMatchObject({
      code: "invalid_option",
      expected: "one of expedite:S1, backup:S2",
      received: "backup:S9",
    });
    const r = await as("planner").post(`/signals/${id}/approve`, { option: "backup:S2" });
    expect(r.statusCode).toBe(201);
    expect(r.json().purchaseOrder).toMatchObject({
      supplier: "S2",
      expedited: false,
      orderedOn: "2026-03-03",
      lines: [{ sku: "A", qty: 17, dueOn: "2026-03-05", unitCost: 5 }],
    });
    const audit = (
      await as("admin").get(`/audit?subject=signal&subject_id=${id}&action=signal.approved`)
    ).json().items;
    expect(audit).toMatchObject([{ detail: { option: "backup:S2", supplier: "S2", premium: 17 } }]);
  });

  it("documents the option in /openapi.json", async () => {
    const doc = (await as("viewer").get("/openapi.json")).json();
    const body = doc.paths["/signals/{id}/approve"].post.requestBody.content["application/json"].schema;
    expect(body.properties.option).toMatchObject({ type: "string" });
  });
});
