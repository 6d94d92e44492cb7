import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { token } from "../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../test/support/db-targets.js";
import { activate, ropPolicy, seedMasterData } from "../../test/support/live-fixture.js";
import { placePurchaseOrder } from "../app/live/purchase-orders.js";
import { buildApp } from "./app.js";

const sale = (key: string, qty: number) => ({
  key,
  kind: "sale",
  sku: "A",
  location: "L1",
  qty,
  occurred_at: "2026-03-02T10:00:00Z",
});

describe.each(dbTargets())("HTTP API on $name", (target) => {
  const db = useTestDb(target);
  let app: FastifyInstance;
  let auth: Record<string, string>;
  beforeEach(async () => {
    await seedMasterData(db());
    await activate(db(), ropPolicy());
    auth = { authorization: `Bearer ${await token(db(), "planner")}` };
    app = buildApp(db());
  });
  afterEach(async () => {
    await app.close();
  });

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/events",
      payload: payload as object,
      headers: { ...auth, ...headers },
    });

  it("POST /events applies an event once: 201, then 200 with the same result", async () => {
    const receipt = await post({
      key: "r1",
      kind: "receipt",
      sku: "A",
      location: "L1",
      qty: 70,
      occurred_at: "2026-03-02",
    });
    expect(receipt.statusCode).toBe(201);
    const first = await post(sale("s1", 15), { "x-takt-source": "pos-7" });
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body.event).toMatchObject({ key: "s1", source: "pos-7", status: "applied" });
    expect(body.event.entries[0]).toMatchObject({ qty: -15, onHandAfter: 55 });
    expect(body.event.signals).toMatchObject([{ kind: "replenishment", change: "opened", quantity: 100 }]);
    const again = await post(sale("s1", 15), { "x-takt-source": "pos-7" });
    expect(again.statusCode).toBe(200);
    expect(again.json().event).toEqual({ ...body.event, status: "replayed" });
  });

  it("POST /events takes a batch, all or nothing, with precise issues", async () => {
    const ok = await post({ events: [sale("b1", 1), sale("b2", 2)] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ ok: true, applied: 2, replayed: 0 });
    const bad = await post({ events: [sale("b3", 1), { ...sale("b4", 1), sku: "NOPE" }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toEqual({
      ok: false,
      issues: [
        {
          code: "unknown_item",
          path: { field: "sku" },
          message: 'unknown SKU "NOPE"',
          expected: "a SKU registered in the items master (takt import --kind items)",
          received: "NOPE",
        },
      ],
    });
    const conflict = await post(sale("b1", 5));
    expect(conflict.statusCode).toBe(409);
    const shape = await post({ key: "x", kind: "sale" });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().issues.map((i: { path: { field: string } }) => i.path.field)).toContain("sku");
    const json = await app.inject({
      method: "POST",
      url: "/events",
      payload: "{",
      headers: { ...auth, "content-type": "application/json" },
    });
    expect(json.statusCode).toBe(400);
    const onHand = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM inventory_ledger");
    expect(onHand.rows[0]!.n).toBe(2);
  });

  it("GET /signals/:id explains a signal; unknown and malformed ids are 404 and 400", async () => {
    const r = await post(sale("s", 10));
    const id = r.json().event.signals.find((s: { kind: string }) => s.kind === "emergency").signalId;
    const got = await app.inject({ method: "GET", url: `/signals/${id}`, headers: auth });
    expect(got.statusCode).toBe(200);
    expect(got.json().signal).toMatchObject({
      signalId: id,
      kind: "emergency",
      status: "open",
      causeKey: "projected_stockout",
      orderOn: "2026-03-01",
      explanation: { position: { onHand: -10 }, forecast: { dailyDemand: 8 } },
    });
    expect((await app.inject({ method: "GET", url: "/signals/999999", headers: auth })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/signals/abc", headers: auth })).statusCode).toBe(400);
  });

  it("GET /items/:sku/why says why the item stands where it does", async () => {
    await post({ key: "r", kind: "receipt", sku: "A", location: "L1", qty: 100, occurred_at: "2026-03-02" });
    await post(sale("s", 45));
    await placePurchaseOrder(
      db(),
      {
        location: "L1",
        poNumber: "PO-1",
        supplier: "S1",
        orderedOn: "2026-03-02",
        lines: [{ sku: "A", qty: 20, dueOn: "2026-03-05" }],
      },
      "buyer",
    );
    const r = await app.inject({ method: "GET", url: "/items/A/why?location=L1", headers: auth });
    expect(r.statusCode).toBe(200);
    const [loc] = r.json().locations;
    expect(loc.position).toMatchObject({ onHand: 55, onOrder: 20, inventoryPosition: 75 });
    expect(loc.openOrders).toEqual([{ id: "PO-1/1", quantity: 20, expectedOn: "2026-03-05" }]);
    expect(loc.why).toEqual([
      "on hand 55, on order 20, allocated 0: inventory position 75",
      "policy v1 (reorder_point): replenish at position ≤ 60, review at on hand ≤ 20, forecast 8/day, lead time 5 days, ordering approval (a planner approves each proposal)",
      "no trigger fired at the last evaluation",
    ]);
    expect((await app.inject({ method: "GET", url: "/items/ZZ/why", headers: auth })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: "GET", url: "/items/A/why?location=L9", headers: auth })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: "GET", url: "/nowhere" })).json()).toMatchObject({ ok: false });
  });
});
