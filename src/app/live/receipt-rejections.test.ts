import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { count, day, event, seedMasterData } from "../../../test/support/live-fixture.js";
import { positionMismatches } from "../../db/positions.js";
import { applyEvent } from "./apply-events.js";
import { placePurchaseOrder } from "./purchase-orders.js";
import { supplierScorecard } from "./supplier-portal.js";

describe.each(dbTargets())("receipts with units rejected at inspection on $name", (target) => {
  const db = useTestDb(target);
  beforeEach(async () => {
    await seedMasterData(db());
    for (const [po, qty] of [
      ["PO-7", 100],
      ["PO-8", 60],
    ] as const)
      await placePurchaseOrder(
        db(),
        {
          location: "L1",
          poNumber: po,
          supplier: "S1",
          orderedOn: "2026-03-02",
          lines: [{ sku: "A", qty, dueOn: "2026-03-05" }],
        },
        "buyer",
      );
  });

  it("puts the accepted units in stock and on the line, keeps the rejected ones open and on the receipt", async () => {
    const r = await applyEvent(
      db(),
      event({
        key: "gr-7",
        kind: "receipt",
        qty: 90,
        rejectedQty: 10,
        reference: "PO-7",
        occurredAt: "2026-03-05",
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.entries.map((x) => [x.kind, x.qty, x.onHandAfter])).toEqual([["receipt", 90, 90]]);
    expect(r.value.received).toEqual([{ poNumber: "PO-7", lineNo: 1, qty: 90 }]);
    const pos = await db().query<{ on_hand: number; on_order: number }>(
      "SELECT on_hand, on_order FROM positions WHERE location_id = 'L1' AND sku = 'A'",
    );
    // On order: PO-7's 10 rejected units still expected, plus PO-8's 60.
    expect(pos.rows).toEqual([{ on_hand: 90, on_order: 70 }]);
    const line = await db().query<{ qty_received: number; status: string }>(
      `SELECT l.qty_received, o.status FROM purchase_order_lines l
       JOIN purchase_orders o USING (location_id, po_number) WHERE l.po_number = 'PO-7'`,
    );
    expect(line.rows).toEqual([{ qty_received: 90, status: "open" }]);
    const rows = await db().query<{ po_number: string; line_no: number; qty: number; rejected_qty: number }>(
      "SELECT po_number, line_no, qty, rejected_qty FROM receipts",
    );
    expect(rows.rows).toEqual([{ po_number: "PO-7", line_no: 1, qty: 90, rejected_qty: 10 }]);
    expect(await positionMismatches(db())).toEqual([]);
  });

  it("replays the same receipt once and refuses the key with another rejected quantity", async () => {
    const gr = { key: "gr-7", kind: "receipt", qty: 90, reference: "PO-7", occurredAt: "2026-03-05" };
    expect((await applyEvent(db(), event({ ...gr, rejectedQty: 10 }))).ok).toBe(true);
    const again = await applyEvent(db(), event({ ...gr, rejectedQty: 10 }));
    expect(again.ok && again.value.status).toBe("replayed");
    const other = await applyEvent(db(), event({ ...gr, rejectedQty: 4 }));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.issues[0]).toMatchObject({ code: "idempotency_conflict" });
    expect(await count(db(), "SELECT 1 FROM receipts WHERE rejected_qty = 10")).toBe(1);
  });

  it("refuses a rejected quantity on another kind, naming the field", async () => {
    const r = await applyEvent(db(), event({ kind: "sale", qty: 1, rejectedQty: 2 }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({
        code: "unexpected_value",
        path: { field: "rejected_qty" },
        expected: "0 or absent",
        received: "2",
      });
    expect(await count(db(), "SELECT 1 FROM inventory_ledger")).toBe(0);
  });

  it("the live scorecard rates the rejections over the units delivered", async () => {
    // Before any receipt: no inspection result, rejection rate not rated (NaN).
    const before = await supplierScorecard(db(), "S1", { asOf: day("2026-03-20") });
    expect(Number.isNaN(before!.rejectionRate)).toBe(true);
    await applyEvent(
      db(),
      event({ kind: "receipt", qty: 90, rejectedQty: 10, reference: "PO-7", occurredAt: "2026-03-05" }),
    );
    await applyEvent(db(), event({ kind: "receipt", qty: 60, reference: "PO-8", occurredAt: "2026-03-05" }));
    const s = await supplierScorecard(db(), "S1", { asOf: day("2026-03-20") });
    // Delivered 90 + 10 + 60 = 160 units, 10 rejected: 10 / 160 = 6.25 %, 62,500 PPM.
    expect(s).toMatchObject({ unitsReceived: 160, unitsRejected: 10 });
    expect(s!.rejectionRate).toBeCloseTo(0.0625, 12);
    expect(s!.ppm).toBeCloseTo(62_500, 6);
  });
});
