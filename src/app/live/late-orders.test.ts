import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import {
  activate,
  count,
  day,
  event,
  ropPolicy,
  seedMasterData,
} from "../../../test/support/live-fixture.js";
import { insertAsn } from "../../db/purchase-orders-store.js";
import { applyEvents } from "./apply-events.js";
import { escalationLevel, reevaluateLateOrders } from "./late-orders.js";
import { placePurchaseOrder } from "./purchase-orders.js";
import { createSubscription } from "./webhooks.js";

const openLate = (db: Parameters<typeof count>[0]) =>
  count(db, "SELECT 1 FROM signals WHERE status = 'open' AND cause_key = 'late_order:PO-1/1'");
const unresolved = (db: Parameters<typeof count>[0]) =>
  count(db, "SELECT 1 FROM alerts WHERE kind = 'late_order' AND status <> 'resolved'");

describe.each(dbTargets())("late-order re-evaluation on $name", (target) => {
  const db = useTestDb(target);
  beforeEach(async () => {
    await seedMasterData(db());
    await activate(db(), ropPolicy());
    await applyEvents(db(), [event({ kind: "receipt", qty: 150, occurredAt: "2026-03-01" })]);
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
    expect(po.ok).toBe(true);
  });

  it("raises the review signal and one supplier alert when an order becomes late, never twice", async () => {
    await createSubscription(
      db(),
      {
        url: "http://127.0.0.1:9/x",
        secret: "0123456789abcdef",
        eventKinds: ["alert.raised", "alert.escalated", "alert.resolved"],
      },
      "t",
    );
    const onTime = await reevaluateLateOrders(db(), day("2026-03-07"));
    expect(onTime).toMatchObject({ lateLines: 0, alertsRaised: 0 });
    const late = await reevaluateLateOrders(db(), day("2026-03-09"));
    expect(late).toMatchObject({ lateLines: 1, items: 1, alertsRaised: 1 });
    expect(late.signals).toMatchObject([{ change: "opened", kind: "review", causeKey: "late_order:PO-1/1" }]);
    const again = await reevaluateLateOrders(db(), day("2026-03-10"));
    expect(again).toMatchObject({ lateLines: 1, alertsRaised: 0, alertsEscalated: 0 });
    expect(await openLate(db())).toBe(1);
    expect(await unresolved(db())).toBe(1);
    const alert = await db().query<{
      supplier_id: string;
      severity: string;
      escalation_level: number;
      signal_id: number | null;
    }>("SELECT supplier_id, severity, escalation_level, signal_id FROM alerts");
    expect(alert.rows[0]).toMatchObject({ supplier_id: "S1", severity: "warning", escalation_level: 0 });
    expect(alert.rows[0]!.signal_id).not.toBeNull();
    // A week later: escalated (critical), still one alert.
    const week = await reevaluateLateOrders(db(), day("2026-03-16"));
    expect(week).toMatchObject({ alertsRaised: 0, alertsEscalated: 1 });
    expect(await unresolved(db())).toBe(1);
    // Received: the signal closes with the event, the alert resolves at the next pass.
    await applyEvents(db(), [
      event({ kind: "receipt", qty: 100, reference: "PO-1", occurredAt: "2026-03-16" }),
    ]);
    expect(await openLate(db())).toBe(0);
    const after = await reevaluateLateOrders(db(), day("2026-03-17"));
    expect(after).toMatchObject({ lateLines: 0, alertsResolved: 1 });
    expect(await unresolved(db())).toBe(0);
    expect(await count(db(), "SELECT 1 FROM webhook_outbox")).toBe(3); // raised, escalated, resolved
  });

  it("an ASN moves the expected day: late against the ASN, not the promise", async () => {
    await insertAsn(db(), {
      location: "L1",
      asnId: "ASN-1",
      poNumber: "PO-1",
      lineNo: 1,
      qtyShipped: 100,
      expectedOn: "2026-03-12",
    });
    expect(await reevaluateLateOrders(db(), day("2026-03-10"))).toMatchObject({ lateLines: 0 });
    const r = await reevaluateLateOrders(db(), day("2026-03-13"));
    expect(r.lateLines).toBe(1);
    expect(await openLate(db())).toBe(1);
  });

  it("escalates one level per further week late", () => {
    expect([1, 7, 8, 15, 100].map((d) => escalationLevel(d, 0))).toEqual([0, 0, 1, 2, 3]);
    expect(escalationLevel(9, 2)).toBe(0);
  });
});
