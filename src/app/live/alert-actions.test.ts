import { beforeEach, describe, expect, it } from "vitest";
import { seedPortal } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { raiseAlert } from "../../db/alerts-store.js";
import { insertSubscription } from "../../db/webhooks-store.js";
import { actOnAlertAs, actOnSignalAs } from "./alert-actions.js";

const AT = new Date("2026-03-10T09:00:00Z");

describe.each(dbTargets())("alert and signal actions on $name", (target) => {
  const db = useTestDb(target);
  let alertId: number;
  beforeEach(async () => {
    await seedPortal(db());
    await insertSubscription(db(), {
      url: "http://127.0.0.1:9/hook",
      secret: "0123456789abcdef0123",
      eventKinds: ["*"],
      description: "all",
      createdBy: "test",
    });
    const r = await raiseAlert(db(), {
      location: "L1",
      sku: "B",
      supplier: "S2",
      signalId: null,
      kind: "late_order",
      severity: "warning",
      causeKey: "late_order:PO-B/1",
      escalationLevel: 0,
      message: "PO-B is late",
      detail: {},
      at: new Date("2026-03-09T00:00:00Z"),
    });
    alertId = r.alert.alertId;
  });
  const outbox = async () =>
    (
      await db().query<{ event_kind: string; payload: Record<string, unknown> }>(
        "SELECT event_kind, payload FROM webhook_outbox ORDER BY outbox_id",
      )
    ).rows;

  it("resolving an alert notifies the webhooks in the same transaction", async () => {
    const before = (await outbox()).length;
    const r = await actOnAlertAs(db(), alertId, { action: "resolve", note: "shipped" }, "ann", AT);
    expect(r).toMatchObject({ ok: true, value: { status: "resolved", resolvedBy: "ann", resolvedAt: AT } });
    const added = (await outbox()).slice(before);
    expect(added).toEqual([
      {
        event_kind: "alert.resolved",
        payload: expect.objectContaining({ alertId, kind: "late_order", resolvedBy: "ann", note: "shipped" }),
      },
    ]);
  });

  it("refuses a snooze that does not end after now, an unknown id, and a resolved alert", async () => {
    expect(await actOnAlertAs(db(), alertId, { action: "snooze", until: AT }, "ann", AT)).toEqual({
      ok: false,
      issues: [
        {
          code: "invalid_until",
          path: { field: "until" },
          message: "a snooze ends after now",
          expected: "an instant after 2026-03-10T09:00:00.000Z",
          received: "2026-03-10T09:00:00.000Z",
        },
      ],
    });
    expect(await actOnAlertAs(db(), 987654, { action: "acknowledge" }, "ann", AT)).toMatchObject({
      ok: false,
      issues: [{ code: "not_found", path: { field: "id" }, received: "987654" }],
    });
    await actOnAlertAs(db(), alertId, { action: "resolve", note: null }, "ann", AT);
    const r = await actOnAlertAs(db(), alertId, { action: "acknowledge" }, "bob", AT);
    expect(r).toMatchObject({ ok: false, issues: [{ code: "conflict", received: "resolved" }] });
    const audit = await db().query<{ actor: string; action: string }>(
      "SELECT actor, action FROM audit_log WHERE subject = 'alert' ORDER BY audit_id",
    );
    expect(audit.rows).toEqual([{ actor: "ann", action: "alert.resolved" }]);
  });

  it("resolving a signal closes it and sends signal.closed", async () => {
    const s = await db().query<{ signal_id: number }>(
      "SELECT signal_id FROM signals WHERE status = 'open' ORDER BY signal_id LIMIT 1",
    );
    const id = s.rows[0]!.signal_id;
    const before = (await outbox()).length;
    const r = await actOnSignalAs(db(), id, { action: "resolve", note: null }, "ann", AT);
    expect(r).toMatchObject({ ok: true, value: { status: "closed", closedReason: "resolved" } });
    expect((await outbox()).slice(before)).toEqual([
      { event_kind: "signal.closed", payload: expect.objectContaining({ signalId: id, reason: "resolved" }) },
    ]);
  });
});
