import { describe, expect, it } from "vitest";
import { call, usePortalApp } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";

describe.each(dbTargets())("receipts with rejected_qty over HTTP on $name", (target) => {
  const db = useTestDb(target);
  const api = usePortalApp(db);

  it("books the rejection and the supplier sees it in its scorecard", async () => {
    const r = await call(api.app, api.tokens.planner, "POST", "/events", {
      key: "gr-a",
      kind: "receipt",
      sku: "A",
      location: "L1",
      qty: 3,
      rejected_qty: 1,
      reference: "PO-A",
      occurred_at: "2026-03-06",
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().event.received).toEqual([{ poNumber: "PO-A", lineNo: 1, qty: 3 }]);
    const card = await call(api.app, api.tokens.supplierA, "GET", "/suppliers/S1/scorecard?as_of=2026-03-10");
    expect(card.statusCode).toBe(200);
    // PO-A: 4 ordered, 3 accepted + 1 rejected = 4 delivered; 1 ÷ 4 = 25 %, 250,000 PPM.
    expect(card.json().scorecard).toMatchObject({
      supplier: "S1",
      unitsReceived: 4,
      unitsRejected: 1,
      rejectionRate: 0.25,
      ppm: 250_000,
    });
  });

  it("answers a rejected quantity on a sale with 422 and a non-number with 400, naming the field", async () => {
    const sale = { key: "s-x", kind: "sale", sku: "A", location: "L1", qty: 1, occurred_at: "2026-03-06" };
    const onSale = await call(api.app, api.tokens.planner, "POST", "/events", { ...sale, rejected_qty: 2 });
    expect(onSale.statusCode).toBe(422);
    expect(onSale.json().issues[0]).toMatchObject({
      code: "unexpected_value",
      path: { field: "rejected_qty" },
    });
    const text = await call(api.app, api.tokens.planner, "POST", "/events", {
      ...sale,
      kind: "receipt",
      rejected_qty: "2",
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().issues[0]).toMatchObject({ code: "invalid_body", path: { field: "rejected_qty" } });
  });

  it("documents the field in the OpenAPI description", async () => {
    const doc = (await call(api.app, null, "GET", "/openapi.json")).json();
    expect(JSON.stringify(doc.paths["/events"])).toContain('"rejected_qty"');
  });
});
