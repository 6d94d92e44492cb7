import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import {
  activate,
  count,
  day,
  event,
  onHand,
  ropPolicy,
  seedMasterData,
} from "../../../test/support/live-fixture.js";
import { positionMismatches } from "../../db/positions.js";
import { listSignals } from "../../db/signals-store.js";
import { applyEvent, applyEvents } from "./apply-events.js";
import { placePurchaseOrder } from "./purchase-orders.js";

describe.each(dbTargets())("applyEvents on $name", (target) => {
  const db = useTestDb(target);
  beforeEach(async () => {
    await seedMasterData(db());
  });

  it("books an event: a ledger line, the position, the result", async () => {
    await applyEvent(db(), event({ kind: "receipt", qty: 50 }));
    const r = await applyEvent(
      db(),
      event({ key: "sale-1", kind: "sale", qty: 3, occurredAt: "2026-03-02T09:30:00+01:00" }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ key: "sale-1", source: "test", status: "applied", signals: [] });
    expect(r.value.entries).toEqual([
      expect.objectContaining({
        location: "L1",
        sku: "A",
        kind: "sale",
        qty: -3,
        onHandAfter: 47,
        occurredAt: "2026-03-02T08:30:00.000Z",
      }),
    ]);
    expect(await onHand(db(), "L1", "A")).toBe(47);
  });

  it("applies each key once: a replay returns the original result and changes nothing", async () => {
    await activate(db(), ropPolicy());
    await applyEvent(db(), event({ kind: "receipt", qty: 70 }));
    const sale = event({ key: "pos-42", kind: "sale", qty: 15 });
    const first = await applyEvent(db(), sale);
    const again = await applyEvent(db(), sale);
    const inBatch = await applyEvents(db(), [sale, sale]);
    expect(first.ok && again.ok && inBatch.ok).toBe(true);
    if (!first.ok || !again.ok || !inBatch.ok) return;
    expect(first.value.signals.map((s) => s.change)).toEqual(["opened"]); // 55 ≤ 60
    expect(again.value).toEqual({ ...first.value, status: "replayed" });
    expect(inBatch.value).toMatchObject({ applied: 0, replayed: 2 });
    expect(await count(db(), "SELECT 1 FROM inventory_ledger WHERE idempotency_key = 'pos-42'")).toBe(1);
    expect(await onHand(db(), "L1", "A")).toBe(55);
    expect(await count(db(), "SELECT 1 FROM signals WHERE status = 'open'")).toBe(1);
  });

  it("the same key for different content is a conflict", async () => {
    await applyEvent(db(), event({ key: "k", kind: "sale", qty: 1 }));
    const r = await applyEvent(db(), event({ key: "k", kind: "sale", qty: 2 }));
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: "idempotency_conflict", path: { field: "key" } }],
    });
    const other = await applyEvent(db(), event({ key: "k", source: "erp", kind: "sale", qty: 2 }));
    expect(other.ok).toBe(true); // keys are per source
  });

  it("a bad event rolls the whole batch back", async () => {
    await applyEvent(db(), event({ key: "old", kind: "receipt", qty: 10 }));
    const before = await count(db(), "SELECT 1 FROM inventory_ledger");
    const unknown = await applyEvents(db(), [
      event({ kind: "receipt", qty: 5 }),
      event({ kind: "sale", qty: 1, sku: "NOPE", origin: { file: "x.csv", line: 3 } }),
    ]);
    expect(unknown).toMatchObject({
      ok: false,
      issues: [{ code: "unknown_item", path: { file: "x.csv", line: 3, field: "sku" } }],
    });
    // Fails mid-batch, after two events were applied inside the transaction.
    const conflict = await applyEvents(db(), [
      event({ kind: "receipt", qty: 5 }),
      event({ kind: "transfer", qty: 2, toLocation: "L2" }),
      event({ key: "old", kind: "receipt", qty: 11 }),
    ]);
    expect(conflict).toMatchObject({ ok: false, issues: [{ code: "idempotency_conflict" }] });
    const invalid = await applyEvents(db(), [
      event({ kind: "receipt", qty: 5 }),
      event({ kind: "sale", qty: -1 }),
    ]);
    expect(invalid).toMatchObject({ ok: false, issues: [{ code: "negative_quantity" }] });
    expect(await count(db(), "SELECT 1 FROM inventory_ledger")).toBe(before);
    expect(await onHand(db(), "L1", "A")).toBe(10);
    expect(await onHand(db(), "L2", "A")).toBeNull();
  });

  it("a transfer moves stock between locations in two lines", async () => {
    await applyEvent(db(), event({ kind: "receipt", qty: 10 }));
    const r = await applyEvent(db(), event({ kind: "transfer", qty: 4, toLocation: "L2" }));
    expect(r.ok && r.value.entries.map((e) => [e.location, e.qty, e.onHandAfter])).toEqual([
      ["L1", -4, 6],
      ["L2", 4, 4],
    ]);
    expect(await positionMismatches(db())).toEqual([]);
  });

  it("signals open at the reorder point, stay single while it holds, and close when it clears", async () => {
    await activate(db(), ropPolicy());
    await applyEvent(db(), event({ kind: "receipt", qty: 100 }));
    for (const qty of [30, 5, 5, 5]) await applyEvent(db(), event({ kind: "sale", qty }));
    let open = await listSignals(db());
    expect(open.map((s) => [s.kind, s.causeKey, s.quantity, s.orderOn, s.needBy])).toEqual([
      ["replenishment", "reorder_point", 100, "2026-03-02", "2026-03-07"],
    ]);
    expect(open[0]!.explanation.position.inventoryPosition).toBe(55);
    expect(open[0]!.explanation.reasons).toEqual(["inventory position 55 ≤ reorder point 60"]);
    expect(open[0]!.policyVersion).toBe(1);
    // Placing the order lifts the position above r: the signal closes.
    const po = await placePurchaseOrder(
      db(),
      {
        location: "L1",
        poNumber: "PO-1",
        supplier: "S1",
        orderedOn: "2026-03-02",
        lines: [{ sku: "A", qty: 100, dueOn: "2026-03-07" }],
      },
      "buyer",
    );
    expect(po.ok && po.value.signals.map((s) => [s.kind, s.change])).toEqual([["replenishment", "closed"]]);
    expect(await listSignals(db())).toEqual([]);
    open = await listSignals(db(), "closed");
    expect(open[0]!.closedReason).toBe("condition cleared");
  });

  it("a receipt against the order lowers on order and closes it; late and emergency signals", async () => {
    await activate(db(), ropPolicy());
    await applyEvent(db(), event({ kind: "receipt", qty: 50 }));
    await placePurchaseOrder(
      db(),
      {
        location: "L1",
        poNumber: "PO-9",
        supplier: "S1",
        orderedOn: "2026-03-02",
        lines: [{ sku: "A", qty: 60, dueOn: "2026-03-04" }],
      },
      "buyer",
    );
    // Two days after the due date, 18 left: review (safety stock), review (PO-9/1 late), nothing else.
    await applyEvent(db(), event({ kind: "sale", qty: 32, occurredAt: "2026-03-06" }));
    const open = await listSignals(db());
    expect(open.map((s) => [s.kind, s.causeKey, s.quantity])).toEqual([
      ["review", "safety_stock", null],
      ["review", "late_order:PO-9/1", 60],
    ]);
    const r = await applyEvent(
      db(),
      event({ kind: "receipt", qty: 70, reference: "PO-9", occurredAt: "2026-03-06" }),
    );
    expect(r.ok && r.value.received).toEqual([{ poNumber: "PO-9", lineNo: 1, qty: 60 }]);
    expect(r.ok && r.value.signals.map((s) => [s.causeKey, s.change])).toEqual([
      ["safety_stock", "closed"],
      ["late_order:PO-9/1", "closed"],
    ]);
    const pos = await db().query<{ on_hand: number; on_order: number }>(
      "SELECT on_hand, on_order FROM positions",
    );
    expect(pos.rows).toEqual([{ on_hand: 88, on_order: 0 }]);
    expect(await count(db(), "SELECT 1 FROM purchase_orders WHERE status = 'closed'")).toBe(1);
    expect(await count(db(), "SELECT 1 FROM receipts WHERE po_number IS NULL AND qty = 10")).toBe(1);
    // Down to 30 with nothing on order: 30 < 8 × 5 → emergency, plus replenishment.
    await applyEvent(db(), event({ kind: "sale", qty: 58, occurredAt: "2026-03-07" }));
    expect((await listSignals(db())).map((s) => [s.kind, s.quantity, s.needBy])).toEqual([
      ["replenishment", 100, "2026-03-12"],
      ["emergency", 10, "2026-03-10"],
    ]);
  });

  it("never two open signals for the same cause", async () => {
    await activate(db(), ropPolicy());
    await applyEvent(db(), event({ kind: "receipt", qty: 70 }));
    for (let i = 0; i < 12; i++)
      await applyEvent(db(), event({ kind: i % 3 === 2 ? "receipt" : "sale", qty: i % 3 === 2 ? 12 : 9 }));
    const dupes = await count(
      db(),
      "SELECT 1 FROM signals WHERE status = 'open' GROUP BY location_id, sku, kind, cause_key HAVING count(*) > 1",
    );
    expect(dupes).toBe(0);
    const [s] = await listSignals(db());
    await expect(
      db().query(
        `INSERT INTO signals (location_id, sku, kind, cause_key, order_on, need_by, explanation)
         VALUES ('L1', 'A', $1, $2, '2026-03-02', '2026-03-07', '{}')`,
        [s!.kind, s!.causeKey],
      ),
    ).rejects.toThrow(/signals_one_open_per_cause/);
  });

  it("tracks stockout episodes from the ledger", async () => {
    await applyEvent(db(), event({ kind: "receipt", qty: 5, occurredAt: "2026-03-01" }));
    await applyEvent(db(), event({ kind: "sale", qty: 5, occurredAt: "2026-03-03" }));
    await applyEvent(db(), event({ kind: "sale", qty: 2, occurredAt: "2026-03-04" }));
    expect(await count(db(), "SELECT 1 FROM stockout_episodes WHERE ended_at IS NULL")).toBe(1);
    await applyEvent(db(), event({ kind: "receipt", qty: 10, occurredAt: "2026-03-06" }));
    const r = await db().query<{ started_at: Date; ended_at: Date }>(
      "SELECT started_at, ended_at FROM stockout_episodes",
    );
    expect(
      r.rows.map((x) => [x.started_at.toISOString().slice(0, 10), x.ended_at.toISOString().slice(0, 10)]),
    ).toEqual([["2026-03-03", "2026-03-06"]]);
  });

  it("concurrent writers lose no update and apply a duplicate key once", async () => {
    await activate(db(), ropPolicy());
    await applyEvent(db(), event({ kind: "receipt", qty: 500 }));
    const sales = Array.from({ length: 24 }, (_, i) => event({ key: `c${i % 12}`, kind: "sale", qty: 5 }));
    const results = await Promise.all(sales.map((s) => applyEvent(db(), s)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.value.status === "replayed")).toHaveLength(12);
    expect(await onHand(db(), "L1", "A")).toBe(500 - 12 * 5);
    expect(await positionMismatches(db())).toEqual([]);
    expect(day("2026-03-02")).toBeGreaterThan(0);
  });
});
