import { describe, expect, it } from "vitest";
import { type Caller, call, usePortalApp } from "../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../test/support/db-targets.js";
import { ropPolicy } from "../../test/support/live-fixture.js";
import { applyEvents } from "../app/live/apply-events.js";
import { proposePolicy } from "../app/live/policies.js";

describe.each(dbTargets())("REST API on $name", (target) => {
  const db = useTestDb(target);
  const api = usePortalApp(db);
  const as = (who: Caller) => ({
    get: (url: string) => call(api.app, api.tokens[who], "GET", url),
    post: (url: string, body: unknown = {}) => call(api.app, api.tokens[who], "POST", url, body),
  });
  const planner = as("planner");
  const admin = as("admin");
  const openSignal = async (kind: string) => {
    const r = await planner.get(`/signals?status=open&kind=${kind}&sku=A`);
    return r.json().items[0].signalId as number;
  };

  it("lists page with limit/offset and a next link that keeps the filters", async () => {
    const first = await planner.get("/items?limit=2");
    expect(first.json()).toMatchObject({
      ok: true,
      items: [{ sku: "A" }, { sku: "B" }],
      page: { limit: 2, offset: 0, next: "/items?limit=2&offset=2" },
    });
    const second = await planner.get(first.json().page.next);
    expect(second.json()).toMatchObject({ items: [{ sku: "C" }], page: { offset: 2, next: null } });
    const positions = await planner.get("/positions?location=L1&limit=1");
    expect(positions.json().page.next).toBe("/positions?location=L1&limit=1&offset=1");
    expect((await planner.get("/positions?below_reorder=true")).json().items).toMatchObject([
      { sku: "A", inventoryPosition: 59, autoReplenishAt: 60 },
    ]);
    expect((await planner.get("/items?q=b")).json().items.map((i: { sku: string }) => i.sku)).toEqual(["B"]);
    const signals = (await planner.get("/signals?supplier=S1&status=open")).json().items;
    expect(signals.length).toBeGreaterThan(0);
    expect(
      signals.every((s: { supplier: string; sku: string }) => s.supplier === "S1" && s.sku === "A"),
    ).toBe(true);
    expect((await planner.get("/signals?supplier=S2")).json().items).toEqual([]);
    const orders = (await planner.get("/purchase-orders?sku=B")).json().items;
    expect(orders).toMatchObject([
      { poNumber: "PO-B", supplier: "S2", lines: [{ lineNo: 1, sku: "B", qtyOrdered: 10 }] },
    ]);
    const item = (await planner.get("/items/A")).json();
    expect(item).toMatchObject({
      item: { sku: "A", unitCost: 4 },
      positions: [{ location: "L1", onHand: 55 }],
    });
    expect((await planner.get("/items/ZZ")).statusCode).toBe(404);
  });

  it("rejects bad input with the field, what was expected and what was received", async () => {
    const r = await planner.get("/items?limit=0&colour=red");
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({
      ok: false,
      issues: [
        {
          code: "invalid_query",
          path: { field: "limit" },
          message: 'query field "limit": Too small: expected number to be >=1',
          expected: "≥ 1",
          received: '"0"',
        },
        {
          code: "invalid_query",
          path: { field: "colour" },
          message: 'query field "colour": Unrecognized key: "colour"',
          expected: "only the documented fields",
          received: "colour",
        },
      ],
    });
    const kind = (await planner.get("/signals?kind=urgent")).json().issues[0];
    expect(kind).toMatchObject({
      path: { field: "kind" },
      expected: '"replenishment" | "review" | "emergency"',
      received: '"urgent"',
    });
    const asn = await admin.post("/asns", {
      asn_id: "A1",
      po_number: "PO-A",
      lines: [{ line_no: 1, qty_shipped: -2 }],
    });
    expect(asn.statusCode).toBe(400);
    expect(asn.json().issues).toMatchObject([
      { code: "invalid_body", path: { field: "lines.0.qty_shipped" }, expected: "> 0", received: "-2" },
      {
        code: "invalid_body",
        path: { field: "lines.0.expected_on" },
        expected: "string",
        received: "nothing (missing)",
      },
    ]);
    const date = await admin.post("/asns", {
      asn_id: "A1",
      po_number: "PO-A",
      lines: [{ line_no: 1, qty_shipped: 1, expected_on: "2026-02-30" }],
    });
    expect(date.json().issues).toMatchObject([
      { path: { field: "lines.0.expected_on" }, message: expect.stringContaining("no such day") },
    ]);
    const id = await planner.get("/signals/12x");
    expect(id.json().issues).toMatchObject([
      { code: "invalid_params", path: { field: "id" }, received: '"12x"' },
    ]);
    const json = await api.app.inject({
      method: "POST",
      url: "/asns",
      payload: "{",
      headers: { authorization: `Bearer ${api.tokens.admin}`, "content-type": "application/json" },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ ok: false, issues: [{ code: "bad_request" }] });
    expect((await planner.get("/nowhere")).json()).toMatchObject({
      ok: false,
      issues: [{ code: "not_found" }],
    });
  });

  it("approving a replenishment proposal places its purchase order, once, audited", async () => {
    const id = await openSignal("replenishment");
    const r = await planner.post(`/signals/${id}/approve`);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().purchaseOrder).toMatchObject({
      location: "L1",
      poNumber: `SIG-${id}`,
      supplier: "S1",
      orderedOn: "2026-03-03",
      signalId: id,
      lines: [{ sku: "A", qty: 100, dueOn: "2026-03-08" }],
    });
    const signal = (await planner.get(`/signals/${id}`)).json().signal;
    expect(signal).toMatchObject({
      status: "approved",
      decidedBy: expect.stringMatching(/^token:\d+:planner$/),
    });
    const po = (await planner.get(`/purchase-orders/SIG-${id}`)).json().purchaseOrder;
    expect(po).toMatchObject({
      supplier: "S1",
      status: "open",
      lines: [{ qtyOrdered: 100, dueOn: "2026-03-08" }],
    });
    expect((await planner.get("/positions?sku=A")).json().items[0]).toMatchObject({ onOrder: 104 });
    expect((await planner.post(`/signals/${id}/approve`)).statusCode).toBe(409);
    expect((await planner.post("/signals/999999/approve")).statusCode).toBe(404);
    const audit = (await admin.get(`/audit?subject=signal&subject_id=${id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toContain("signal.approved");
    const placed = (await admin.get("/audit?action=purchase_order.placed")).json().items[0];
    expect(placed).toMatchObject({
      subjectId: `L1/SIG-${id}`,
      actor: expect.stringMatching(/^token:\d+:planner$/),
    });
    // on hand 15 ≤ review level 20: a review signal proposes no order; running out (≈ 2 days) before
    // PO-A arrives (4 days) raises an emergency, approved as an expedited order
    await call(api.app, api.tokens.planner, "POST", "/events", {
      key: "big",
      kind: "sale",
      sku: "A",
      location: "L1",
      qty: 40,
      occurred_at: "2026-03-03",
    });
    const review = await openSignal("review");
    const refused = await planner.post(`/signals/${review}/approve`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().issues).toMatchObject([{ code: "not_orderable", received: "review" }]);
    const again = await openSignal("emergency");
    const taken = await planner.post(`/signals/${again}/approve`, { po_number: `SIG-${id}` });
    expect(taken.statusCode).toBe(409);
    const chosen = await admin.post(`/signals/${again}/approve`, {
      po_number: "P-77",
      quantity: 30,
      due_on: "2026-03-05",
    });
    expect(chosen.json().purchaseOrder).toMatchObject({
      poNumber: "P-77",
      lines: [{ qty: 30, dueOn: "2026-03-05" }],
    });
    expect((await planner.post(`/signals/${again}/approve`, { quantity: -1 })).statusCode).toBe(400);
  });

  it("dismisses and acknowledges signals", async () => {
    const id = await openSignal("replenishment");
    const ack = await planner.post(`/signals/${id}/acknowledge`, { note: "on it" });
    expect(ack.statusCode).toBe(200);
    expect((await planner.get(`/signals/${id}`)).json().signal).toMatchObject({
      status: "open",
      acknowledgedBy: expect.stringContaining("planner"),
    });
    const d = await admin.post(`/signals/${id}/dismiss`, { reason: "seasonal end" });
    expect(d.json()).toMatchObject({ ok: true, signal: { status: "dismissed" } });
    expect((await admin.post(`/signals/${id}/dismiss`)).statusCode).toBe(409);
    expect((await admin.post(`/signals/${id}/acknowledge`)).statusCode).toBe(409);
    const audit = (await admin.get(`/audit?subject=signal&subject_id=${id}&action=signal.dismissed`)).json()
      .items;
    expect(audit).toMatchObject([{ detail: { reason: "seasonal end" } }]);
  });

  it("moves policies through their lifecycle with scope, each step audited", async () => {
    const p = await proposePolicy(
      db(),
      { ...ropPolicy(), rule: { kind: "reorder_point", reorderPoint: 50, orderQuantity: 80 } },
      "planner",
    );
    expect(p.ok).toBe(true);
    const list = (await planner.get("/policies?sku=A")).json().items;
    expect(list.map((x: { version: number; status: string }) => [x.version, x.status])).toEqual([
      [1, "active"],
      [2, "proposed"],
    ]);
    const v2 = list[1].id as number;
    expect((await planner.post(`/policies/${v2}/activate`)).statusCode).toBe(409);
    const approved = await planner.post(`/policies/${v2}/approve`);
    expect(approved.json().policy).toMatchObject({
      status: "approved",
      approvedBy: expect.stringContaining("planner"),
    });
    const active = await admin.post(`/policies/${v2}/activate`, { scope: "pilot" });
    expect(active.json().policy).toMatchObject({ status: "active", scope: "pilot", version: 2 });
    expect((await planner.get(`/policies/${list[0].id}`)).json().policy).toMatchObject({ status: "retired" });
    expect((await planner.get("/policies?status=active&scope=pilot")).json().items).toHaveLength(1);
    const retired = await planner.post(`/policies/${v2}/retire`);
    expect(retired.json().policy.status).toBe("retired");
    expect((await planner.post(`/policies/${v2}/retire`)).json().issues[0]).toMatchObject({
      code: "invalid_transition",
      received: "retired → retired",
    });
    expect((await planner.get("/policies/424242")).statusCode).toBe(404);
    const audit = (await admin.get(`/audit?subject=policy&subject_id=L1/A/v2`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      "policy.retired",
      "policy.active",
      "policy.approved",
      "policy.proposed",
    ]);
    expect(audit[1]).toMatchObject({
      actor: expect.stringMatching(/^token:\d+:admin$/),
      detail: { from: "approved", scope: "pilot" },
      at: expect.any(String),
    });
  });

  it("takes ASNs and date confirmations from suppliers for their own open lines", async () => {
    const s1 = as("supplierA");
    const over = await s1.post("/asns", {
      asn_id: "ASN-1",
      po_number: "PO-A",
      lines: [{ line_no: 1, qty_shipped: 5, expected_on: "2026-03-06" }],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().issues).toMatchObject([
      { code: "over_shipment", path: { field: "lines.0.qty_shipped" }, expected: "≤ 4" },
    ]);
    const line = await s1.post("/asns", {
      asn_id: "ASN-1",
      po_number: "PO-A",
      lines: [{ line_no: 2, qty_shipped: 1, expected_on: "2026-03-06" }],
    });
    expect(line.json().issues).toMatchObject([{ code: "unknown_line", path: { field: "lines.0.line_no" } }]);
    const ok = await s1.post("/asns", {
      asn_id: "ASN-1",
      po_number: "PO-A",
      lines: [{ line_no: 1, qty_shipped: 4, shipped_on: "2026-03-03", expected_on: "2026-03-06" }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const dup = await s1.post("/asns", {
      asn_id: "ASN-1",
      po_number: "PO-A",
      lines: [{ line_no: 1, qty_shipped: 1, expected_on: "2026-03-06" }],
    });
    expect(dup.statusCode).toBe(422); // nothing left to announce
    const why = (await planner.get("/items/A/why?location=L1")).json().locations[0];
    expect(why.openOrders).toEqual([{ id: "PO-A/1", quantity: 4, expectedOn: "2026-03-06" }]);
    expect((await s1.get("/asns")).json().items).toMatchObject([
      { asnId: "ASN-1", supplier: "S1", qtyShipped: 4 },
    ]);

    const s2 = as("supplierB");
    const proposed = await s2.post("/purchase-orders/PO-B/confirm", {
      lines: [{ line_no: 1, confirmed_on: "2026-03-09" }],
    });
    expect(proposed.json()).toMatchObject({
      ok: true,
      lines: [{ lineNo: 1, dueOn: "2026-03-07", confirmedOn: "2026-03-09", answer: "proposed" }],
    });
    const confirmed = await s2.post("/purchase-orders/PO-B/confirm");
    expect(confirmed.json().lines).toMatchObject([{ confirmedOn: "2026-03-07", answer: "confirmed" }]);
    const both = await s2.post("/purchase-orders/PO-B/confirm", { confirmed_on: "2026-03-08", lines: [] });
    expect(both.statusCode).toBe(400);
    expect((await s2.get("/purchase-orders/PO-B")).json().purchaseOrder.lines[0].confirmedOn).toBe(
      "2026-03-07",
    );
    const audit = (await admin.get("/audit?subject=purchase_order&subject_id=L1/PO-B")).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      "purchase_order.confirmed",
      "purchase_order.dates_proposed",
      "purchase_order.placed",
    ]);
    // a closed order takes neither
    await applyEvents(db(), [
      {
        key: "rb",
        source: "t",
        kind: "receipt",
        sku: "B",
        location: "L1",
        qty: 10,
        occurredAt: "2026-03-07",
        reference: "PO-B",
      },
    ]);
    expect((await s2.post("/purchase-orders/PO-B/confirm")).statusCode).toBe(409);
  });

  it("scores a supplier from stored orders, ASNs and receipts; VMI opens consumption to the supplier", async () => {
    await call(api.app, api.tokens.supplierB, "POST", "/asns", {
      asn_id: "N1",
      po_number: "PO-B",
      lines: [{ line_no: 1, qty_shipped: 10, expected_on: "2026-03-07" }],
    });
    await applyEvents(db(), [
      {
        key: "rb",
        source: "t",
        kind: "receipt",
        sku: "B",
        location: "L1",
        qty: 10,
        occurredAt: "2026-03-07",
        reference: "PO-B",
      },
    ]);
    const card = (await planner.get("/suppliers/S2/scorecard?as_of=2026-03-31")).json();
    expect(card).toMatchObject({
      supplier: "S2",
      asOf: "2026-03-31",
      scorecard: {
        supplier: "S2",
        linesReceived: 1,
        onTimeRate: 1,
        inFullRate: 1,
        asnCoverage: 1,
        asnAccuracy: 1,
        unitsOrdered: 10,
        leadTime: { mean: 5 },
      },
    });
    const none = (await planner.get("/suppliers/S2/scorecard?from=2025-01-01&to=2025-12-31")).json();
    expect(none.scorecard).toBeNull();
    expect((await planner.get("/suppliers/NOPE/scorecard")).statusCode).toBe(404);
    expect((await as("supplierB").get("/consumption")).json().items).toEqual([]);
    const vmi = await planner.post("/suppliers/S2/vmi", { vmi: true, location: "L1", sku: "B" });
    expect(vmi.json()).toMatchObject({ ok: true, supplier: "S2", location: "L1", sku: "B", vmi: true });
    expect((await as("supplierB").get("/consumption?from=2026-03-01")).json().items).toEqual([
      { location: "L1", sku: "B", day: "2026-03-02", qty: 5 },
    ]);
    expect((await planner.post("/suppliers/S2/vmi", { vmi: true, location: "L1" })).statusCode).toBe(400);
    expect((await planner.post("/suppliers/S9/vmi", { vmi: true })).statusCode).toBe(404);
  });
});
