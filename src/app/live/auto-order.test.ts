import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { activate, count, event, ropPolicy, seedMasterData } from "../../../test/support/live-fixture.js";
import type { Db } from "../../db/db.js";
import { upsertSupplyLanes } from "../../db/master-data.js";
import type { PolicyDraft } from "../../db/policies-store.js";
import { getPosition } from "../../db/positions.js";
import { listSignals } from "../../db/signals-store.js";
import { insertSubscription } from "../../db/webhooks-store.js";
import { applyEvent, applyEvents } from "./apply-events.js";
import { proposePolicy } from "./policies.js";
import { placePurchaseOrder } from "./purchase-orders.js";

/** A at L1: primary lane S1 at 4 a unit; (r, Q) = (60, 100), d = 8/day, L = 5 days (live-fixture). */
const automatic = (maxValue: number | null = 500): PolicyDraft => ({
  ...ropPolicy(),
  orderingMode: "automatic",
  autoOrderMaxValue: maxValue,
});

async function orders(db: Db) {
  return (
    await db.query<Record<string, unknown>>(
      `SELECT p.po_number, p.supplier_id, p.ordered_on, p.expedited, p.signal_id, p.placed_by, p.status,
              l.sku, l.qty_ordered, l.due_on, l.unit_cost
       FROM purchase_orders p JOIN purchase_order_lines l USING (location_id, po_number) ORDER BY p.po_number`,
    )
  ).rows;
}

describe.each(dbTargets())("automatic ordering on $name", (target) => {
  const db = useTestDb(target);
  beforeEach(async () => {
    await seedMasterData(db());
    await upsertSupplyLanes(db(), [
      { location: "L1", sku: "A", supplier: "S1", leadTimeDays: 5, unitCost: 4 },
    ]);
    await insertSubscription(db(), {
      url: "http://127.0.0.1:9/hook",
      secret: "a-secret-long-enough-for-the-check-0123456789",
      eventKinds: ["*"],
      description: "",
      createdBy: "test",
    });
    // 100 on hand before any policy: nothing fires.
    await applyEvent(db(), event({ kind: "receipt", qty: 100, occurredAt: "2026-03-01" }));
  });

  it("places the order in the event's transaction, exactly once: PO, approved signal, on order, audit, webhook", async () => {
    await activate(db(), automatic());
    const sale = event({ kind: "sale", qty: 50, occurredAt: "2026-03-02T09:00:00Z" });
    const r = await applyEvent(db(), sale);
    expect(r.ok).toBe(true);
    const poNumber = `AUTO-test:${sale.key}`;
    // Position 50 ≤ 60: the rule's 100 units, 100 × 4 = 400 ≤ 500; ordered 03-02, due 03-02 + 5.
    const [signal] = await listSignals(db(), "approved");
    expect(r.ok && r.value.signals.map((c) => [c.change, c.kind, c.quantity, c.poNumber])).toEqual([
      ["opened", "replenishment", 100, undefined],
      ["ordered", "replenishment", 100, poNumber],
    ]);
    expect(await orders(db())).toEqual([
      {
        po_number: poNumber,
        supplier_id: "S1",
        ordered_on: "2026-03-02",
        expedited: false,
        signal_id: signal!.signalId,
        placed_by: "system:auto-order",
        status: "open",
        sku: "A",
        qty_ordered: 100,
        due_on: "2026-03-07",
        unit_cost: 4,
      },
    ]);
    expect(signal!.explanation.ordering).toEqual({
      mode: "automatic",
      policyVersion: 1,
      placed: true,
      supplier: "S1",
      quantity: 100,
      unitCost: 4,
      value: 400,
      limit: 500,
      poNumber,
      reason: "placed automatically by policy v1, mode automatic, on S1: value 400 (100 × 4), ≤ limit 500",
    });
    const decided = await db().query("SELECT decided_by FROM signals WHERE signal_id = $1", [
      signal!.signalId,
    ]);
    expect(decided.rows[0]).toEqual({ decided_by: "system:auto-order" });
    expect(await getPosition(db(), "L1", "A")).toMatchObject({
      onHand: 50,
      onOrder: 100,
      inventoryPosition: 150,
    });
    expect(await listSignals(db())).toEqual([]);
    const audit = await db().query<{ actor: string; action: string; subject_id: string }>(
      "SELECT actor, action, subject_id FROM audit_log WHERE actor = 'system:auto-order' ORDER BY audit_id",
    );
    expect(audit.rows).toEqual([
      { actor: "system:auto-order", action: "purchase_order.placed", subject_id: `L1/${poNumber}` },
      { actor: "system:auto-order", action: "signal.approved", subject_id: String(signal!.signalId) },
    ]);
    const hooks = await db().query<{ event_kind: string; payload: Record<string, unknown> }>(
      "SELECT event_kind, payload FROM webhook_outbox ORDER BY outbox_id",
    );
    expect(hooks.rows.map((h) => h.event_kind)).toEqual(["signal.opened", "purchase_order.placed"]);
    expect(hooks.rows[1]!.payload).toMatchObject({
      poNumber,
      supplier: "S1",
      signalId: signal!.signalId,
      placedBy: "system:auto-order",
      automatic: true,
      lines: [{ sku: "A", qty: 100, dueOn: "2026-03-07", unitCost: 4 }],
    });

    // The next sale sees the order on order; the re-sent sale is a replay: still one order.
    await applyEvent(db(), event({ kind: "sale", qty: 5, occurredAt: "2026-03-02T10:00:00Z" }));
    const again = await applyEvent(db(), sale);
    expect(again.ok && again.value.status).toBe("replayed");
    expect(await count(db(), "SELECT 1 FROM purchase_orders")).toBe(1);
    expect(await getPosition(db(), "L1", "A")).toMatchObject({ onHand: 45, onOrder: 100 });
  });

  it("the set-based path places the same order, once, for a batch that crosses the trigger", async () => {
    await activate(db(), automatic());
    const sales = [30, 20, 5, 5].map((qty, i) =>
      event({ kind: "consumption", qty, occurredAt: `2026-03-02T0${i}:00:00Z` }),
    );
    const r = await applyEvents(db(), sales);
    expect(r.ok).toBe(true);
    expect((await orders(db())).map((o) => [o.po_number, o.qty_ordered, o.due_on])).toEqual([
      [`AUTO-test:${sales[1]!.key}`, 100, "2026-03-07"],
    ]);
    expect(await getPosition(db(), "L1", "A")).toMatchObject({ onHand: 40, onOrder: 100 });
  });

  it("above the limit it raises the ordinary proposal and says why", async () => {
    await activate(db(), automatic(300));
    await applyEvent(db(), event({ kind: "sale", qty: 50, occurredAt: "2026-03-02" }));
    const [s] = await listSignals(db());
    expect(s).toMatchObject({ kind: "replenishment", status: "open", quantity: 100 });
    expect(s!.explanation.ordering).toMatchObject({ placed: false, value: 400, limit: 300, poNumber: null });
    expect(s!.explanation.ordering?.reason).toBe(
      "not ordered automatically: value 400 (100 × 4) is above the automatic-order limit 300; a planner approves or dismisses it",
    );
    expect(await count(db(), "SELECT 1 FROM purchase_orders")).toBe(0);
  });

  it("without a primary lane a person decides; beside an emergency the replenishment is still ordered", async () => {
    await db().query("DELETE FROM supply_lanes");
    await activate(db(), automatic());
    await applyEvent(db(), event({ kind: "sale", qty: 50, occurredAt: "2026-03-02" }));
    expect((await listSignals(db()))[0]!.explanation.ordering?.reason).toContain("no primary supply lane");
    await upsertSupplyLanes(db(), [
      { location: "L1", sku: "A", supplier: "S1", leadTimeDays: 5, unitCost: 4 },
    ]);
    // At L2, 15 on hand is in safety stock (20) and runs out before an order lands: review and emergency
    // stay open for a person; the replenishment (100 × 4 = 400 ≤ 500) is ordered on activation.
    await upsertSupplyLanes(db(), [
      { location: "L2", sku: "A", supplier: "S1", leadTimeDays: 5, unitCost: 4 },
    ]);
    await applyEvent(db(), event({ kind: "receipt", location: "L2", qty: 15, occurredAt: "2026-03-01" }));
    await activate(db(), { ...automatic(), location: "L2" });
    await applyEvent(db(), event({ kind: "sale", location: "L2", qty: 1, occurredAt: "2026-03-02" }));
    const l2 = (await listSignals(db())).filter((s) => s.location === "L2");
    expect(l2.map((s) => s.kind).sort()).toEqual(["emergency", "review"]);
    const [ordered] = await listSignals(db(), "approved");
    expect(ordered).toMatchObject({ location: "L2", kind: "replenishment", quantity: 100 });
    expect(ordered!.explanation.ordering?.reason).toBe(
      "placed automatically by policy v1, mode automatic, on S1: value 400 (100 × 4), ≤ limit 500; the emergency raised with it is a person's (expedite options)",
    );
    expect((await orders(db())).map((o) => o.po_number)).toEqual(["AUTO-policy:A:v1"]);
  });

  it("approval mode is unchanged: an open proposal without an ordering note, no order", async () => {
    await activate(db(), ropPolicy());
    await applyEvent(db(), event({ kind: "sale", qty: 50, occurredAt: "2026-03-02" }));
    const [s] = await listSignals(db());
    expect(s).toMatchObject({ kind: "replenishment", status: "open", quantity: 100 });
    expect(s!.explanation.ordering).toBeUndefined();
    expect(await count(db(), "SELECT 1 FROM purchase_orders")).toBe(0);
  });

  it("activating an automatic version over an item already at its trigger orders at once", async () => {
    await applyEvent(db(), event({ kind: "sale", qty: 50, occurredAt: "2026-03-01" }));
    await activate(db(), automatic());
    expect((await orders(db())).map((o) => [o.po_number, o.qty_ordered, o.ordered_on])).toEqual([
      ["AUTO-policy:A:v1", 100, "2026-03-01"],
    ]);
  });

  it("concurrent events on the same SKU order once", async () => {
    await activate(db(), automatic());
    const results = await Promise.all(
      [10, 15, 20, 25, 30].map((qty, i) =>
        applyEvent(db(), event({ kind: "sale", qty, occurredAt: `2026-03-02T1${i}:00:00Z` })),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await count(db(), "SELECT 1 FROM purchase_orders")).toBe(1);
    expect(await count(db(), "SELECT 1 FROM signals WHERE kind = 'replenishment'")).toBe(1);
    expect(await getPosition(db(), "L1", "A")).toMatchObject({ onHand: 0, onOrder: 100 });
  });

  it("a version proposed without a mode (a re-plan) keeps the active one's mode and limit", async () => {
    await activate(db(), automatic(700));
    const replan = await proposePolicy(db(), { ...ropPolicy(), safetyStock: 25 }, "planning");
    expect(
      replan.ok && [replan.value.version, replan.value.orderingMode, replan.value.autoOrderMaxValue],
    ).toEqual([2, "automatic", 700]);
    const other = await proposePolicy(db(), { ...ropPolicy(), location: "L2" }, "planning");
    expect(other.ok && [other.value.orderingMode, other.value.autoOrderMaxValue]).toEqual(["approval", null]);
  });

  it("purchase-order numbers starting AUTO- are reserved for automatic orders", async () => {
    const r = await placePurchaseOrder(
      db(),
      {
        location: "L1",
        poNumber: "AUTO-1",
        supplier: "S1",
        orderedOn: "2026-03-02",
        lines: [{ sku: "A", qty: 5, dueOn: "2026-03-06" }],
      },
      "planner",
    );
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: "reserved_number", path: { field: "po_number" } }],
    });
  });
});
