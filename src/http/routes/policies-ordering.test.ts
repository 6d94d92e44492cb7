import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Caller, call, callerTokens, NOW, seedPortal } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { buildApp } from "../app.js";

describe.each(dbTargets())("ordering mode over HTTP on $name", (target) => {
  const db = useTestDb(target);
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof callerTokens>>;
  let active: number;
  beforeEach(async () => {
    // A@L1: policy v1 (r, Q) = (60, 100), approval; 55 on hand + PO-A 4 = 59 ≤ 60: a proposal is open.
    await seedPortal(db());
    await db().query("UPDATE supply_lanes SET unit_cost = 4 WHERE location_id = 'L1' AND sku = 'A'");
    tokens = await callerTokens(db());
    app = buildApp(db(), { now: NOW });
    const list = await as("viewer").get("/policies?status=active&sku=A");
    active = list.json().items[0].id;
    expect(list.json().items[0]).toMatchObject({
      version: 1,
      orderingMode: "approval",
      autoOrderMaxValue: null,
    });
  });
  afterEach(async () => {
    await app.close();
  });
  const as = (who: Caller) => ({
    get: (url: string) => call(app, tokens[who], "GET", url),
    post: (url: string, body: unknown = {}) => call(app, tokens[who], "POST", url, body),
  });

  it("switching to automatic is a new version through the lifecycle; activating it orders the open proposal", async () => {
    const open = (await as("viewer").get("/signals?status=open&kind=replenishment&sku=A")).json().items[0];
    expect(open).toMatchObject({ quantity: 100 });
    const proposed = await as("planner").post(`/policies/${active}/ordering`, {
      mode: "automatic",
      auto_order_max_value: 1000,
    });
    expect(proposed.statusCode).toBe(201);
    const v2 = proposed.json().policy;
    expect(v2).toMatchObject({
      version: 2,
      status: "proposed",
      orderingMode: "automatic",
      autoOrderMaxValue: 1000,
      rule: { kind: "reorder_point", reorderPoint: 60, orderQuantity: 100 },
    });
    expect((await as("planner").post(`/policies/${v2.id}/approve`)).statusCode).toBe(200);
    const activated = await as("admin").post(`/policies/${v2.id}/activate`);
    expect(activated.statusCode).toBe(200);
    expect(activated.json().signals).toContainEqual(
      expect.objectContaining({ signalId: open.signalId, change: "ordered", poNumber: "AUTO-policy:A:v2" }),
    );
    const audit = await db().query<{ action: string; detail: Record<string, unknown> }>(
      "SELECT action, detail FROM audit_log WHERE subject_id = 'L1/A/v2' ORDER BY audit_id",
    );
    expect(audit.rows.map((a) => a.action)).toEqual(["policy.proposed", "policy.approved", "policy.active"]);
    expect(audit.rows[0]!.detail).toMatchObject({ orderingMode: "automatic", autoOrderMaxValue: 1000 });

    // The proposal left open by v1 (55 on hand + 4 on order = 59 ≤ 60) is ordered on activation:
    // 100 units, 100 × 4 = 400 ≤ 1000, ordered 03-03 (today), due 03-03 + 5 days.
    const one = (await as("viewer").get(`/signals/${open.signalId}`)).json().signal;
    expect(one.status).toBe("approved");
    expect(one.explanation.ordering).toEqual({
      mode: "automatic",
      policyVersion: 2,
      placed: true,
      supplier: "S1",
      quantity: 100,
      unitCost: 4,
      value: 400,
      limit: 1000,
      poNumber: "AUTO-policy:A:v2",
      reason: "placed automatically by policy v2, mode automatic, on S1: value 400 (100 × 4), ≤ limit 1000",
    });
    const po = await db().query(
      "SELECT ordered_on, placed_by FROM purchase_orders WHERE po_number = 'AUTO-policy:A:v2'",
    );
    expect(po.rows).toEqual([{ ordered_on: "2026-03-03", placed_by: "system:auto-order" }]);
    // The next sale finds the order on order: nothing fires again.
    const sale = await as("planner").post("/events", {
      key: "auto-1",
      kind: "sale",
      sku: "A",
      location: "L1",
      qty: 5,
      occurred_at: "2026-03-03",
    });
    expect(sale.statusCode).toBeLessThan(300);
    expect(
      (await db().query("SELECT 1 FROM purchase_orders WHERE placed_by = 'system:auto-order'")).rowCount,
    ).toBe(1);
    const why = (await as("viewer").get("/items/A/why?location=L1")).json().locations[0];
    expect(why.policy).toMatchObject({ version: 2, orderingMode: "automatic", autoOrderMaxValue: 1000 });
    expect(why.why).toContain(
      `on order AUTO-policy:A:v2 (signal ${open.signalId}): placed automatically by policy v2, mode automatic, on S1: value 400 (100 × 4), ≤ limit 1000`,
    );
    expect(why.position).toMatchObject({ onHand: 50, onOrder: 104 });
    const positions = (await as("viewer").get("/positions?sku=A&location=L1")).json().items;
    expect(positions).toMatchObject([{ sku: "A", location: "L1", orderingMode: "automatic" }]);
    // The dashboard's SKU page shows the active version's ordering.
    const page = (await as("viewer").get("/dashboard/skus/L1/A")).json();
    expect(page.active).toMatchObject({ version: 2, orderingMode: "automatic", autoOrderMaxValue: 1000 });
  });

  it("refuses a limit in approval mode, an unknown mode and a non-positive limit, naming the field", async () => {
    const bad = async (body: unknown) => {
      const r = await as("planner").post(`/policies/${active}/ordering`, body);
      expect(r.statusCode).toBe(400);
      return r.json();
    };
    expect(JSON.stringify(await bad({ mode: "approval", auto_order_max_value: 10 }))).toContain(
      "auto_order_max_value",
    );
    expect(JSON.stringify(await bad({ mode: "auto" }))).toContain("mode");
    expect(JSON.stringify(await bad({ mode: "automatic", auto_order_max_value: 0 }))).toContain(
      "auto_order_max_value",
    );
    expect((await as("planner").post("/policies/999999/ordering", { mode: "automatic" })).statusCode).toBe(
      404,
    );
  });
});
