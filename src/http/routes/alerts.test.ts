import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, callerTokens, seedPortal } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { reevaluateLateOrders } from "../../app/live/late-orders.js";
import { parseIsoDate } from "../../core/calendar.js";
import { buildApp } from "../app.js";

describe.each(dbTargets())("alert routes on $name", (target) => {
  const db = useTestDb(target);
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof callerTokens>>;
  let clock = new Date("2026-03-10T09:00:00Z");
  beforeEach(async () => {
    await seedPortal(db());
    tokens = await callerTokens(db());
    // PO-A (S1, A) and PO-B (S2, B) were due 2026-03-07: 3 days late on the 10th, level 0 (warning)
    await reevaluateLateOrders(db(), parseIsoDate("2026-03-10")!, "scheduler");
    clock = new Date("2026-03-10T09:00:00Z");
    app = buildApp(db(), { now: () => clock });
  });
  afterEach(async () => {
    await app.close();
  });
  const ids = async () =>
    (await call(app, tokens.viewer, "GET", "/alerts"))
      .json()
      .items.map((a: { alertId: number }) => a.alertId);
  const audit = async (subject: string) =>
    (
      await db().query<{
        actor: string;
        action: string;
        subject_id: string;
        detail: Record<string, unknown>;
      }>(
        "SELECT actor, action, subject_id, detail FROM audit_log WHERE subject = $1 AND actor LIKE '%:planner' ORDER BY audit_id",
        [subject],
      )
    ).rows;

  it("lists alerts with filters and pages, and answers one by id", async () => {
    const all = await call(app, tokens.viewer, "GET", "/alerts");
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(2);
    expect(all.json().items[0]).toMatchObject({ kind: "late_order", severity: "warning", status: "open" });
    const s2 = (await call(app, tokens.viewer, "GET", "/alerts?supplier=S2")).json().items;
    expect(s2).toEqual([
      expect.objectContaining({ sku: "B", supplier: "S2", location: "L1", escalationLevel: 0 }),
    ]);
    expect(
      (await call(app, tokens.viewer, "GET", "/alerts?sku=A&location=L1&tier=0")).json().items,
    ).toHaveLength(1);
    expect((await call(app, tokens.viewer, "GET", "/alerts?severity=critical")).json().items).toHaveLength(0);
    expect((await call(app, tokens.viewer, "GET", "/alerts?kind=stockout")).json().items).toHaveLength(0);
    const page = (await call(app, tokens.viewer, "GET", "/alerts?limit=1")).json();
    expect(page.items).toHaveLength(1);
    expect(page.page.next).toBe("/alerts?limit=1&offset=1");
    const bad = await call(app, tokens.viewer, "GET", "/alerts?status=closed");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ path: { field: "status" }, received: '"closed"' });
    const [id] = s2.map((a: { alertId: number }) => a.alertId);
    const one = await call(app, tokens.viewer, "GET", `/alerts/${id}`);
    expect(one.json()).toMatchObject({ ok: true, alert: { alertId: id, supplier: "S2" } });
    // raised on the day the late-order pass ran for (the app's business day), not the wall clock
    expect(one.json().alert.raisedAt).toBe("2026-03-10T00:00:00.000Z");
    expect((await call(app, tokens.viewer, "GET", "/alerts/999999")).statusCode).toBe(404);
    expect((await call(app, tokens.supplierA, "GET", "/alerts")).statusCode).toBe(403);
    expect((await call(app, null, "GET", "/alerts")).statusCode).toBe(401);
  });

  it("acknowledges, assigns, snoozes and resolves an alert, audited, planners only", async () => {
    const [id, other] = await ids();
    expect((await call(app, tokens.viewer, "POST", `/alerts/${id}/acknowledge`, {})).statusCode).toBe(403);
    const ack = await call(app, tokens.planner, "POST", `/alerts/${id}/acknowledge`, { note: "on it" });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().alert).toMatchObject({
      status: "acknowledged",
      acknowledgedBy: expect.stringMatching(/:planner$/),
      acknowledgedAt: "2026-03-10T09:00:00.000Z",
    });
    const assign = await call(app, tokens.admin, "POST", `/alerts/${id}/assign`, { assignee: "maria" });
    expect(assign.json().alert).toMatchObject({ assignedTo: "maria" });
    expect((await call(app, tokens.viewer, "GET", "/alerts?assigned_to=maria")).json().items).toHaveLength(1);
    const blank = await call(app, tokens.planner, "POST", `/alerts/${id}/assign`, { assignee: " " });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().issues[0].path).toMatchObject({ field: "assignee" });

    // snoozed until the 12th: out of the open queue, listed as snoozed, back once the clock passes it
    const past = await call(app, tokens.planner, "POST", `/alerts/${id}/snooze`, { until: "2026-03-10" });
    expect(past.statusCode).toBe(422);
    expect(past.json().issues[0]).toMatchObject({
      code: "invalid_until",
      path: { field: "until" },
      received: "2026-03-10T00:00:00.000Z",
    });
    const notAnInstant = await call(app, tokens.planner, "POST", `/alerts/${id}/snooze`, {
      until: "tomorrow",
    });
    expect(notAnInstant.statusCode).toBe(400);
    const snooze = await call(app, tokens.planner, "POST", `/alerts/${id}/snooze`, {
      until: "2026-03-12T06:00:00+01:00",
    });
    expect(snooze.json().alert).toMatchObject({ snoozedUntil: "2026-03-12T05:00:00.000Z" });
    expect(await ids()).toEqual([other]);
    const board = (await call(app, tokens.viewer, "GET", "/dashboard/alerts")).json().items;
    expect(board.map((a: { alertId: number }) => a.alertId)).toEqual([other]);
    const snoozed = (await call(app, tokens.viewer, "GET", "/alerts?status=snoozed")).json().items;
    expect(snoozed.map((a: { alertId: number }) => a.alertId)).toEqual([id]);
    expect((await call(app, tokens.viewer, "GET", "/alerts?status=acknowledged")).json().items).toEqual([]);
    clock = new Date("2026-03-12T05:00:00Z");
    expect(await ids()).toEqual([id, other].sort((a, b) => b - a));
    expect((await call(app, tokens.viewer, "GET", "/alerts?status=acknowledged")).json().items).toHaveLength(
      1,
    );

    const resolve = await call(app, tokens.planner, "POST", `/alerts/${id}/resolve`, {
      note: "supplier shipped",
    });
    expect(resolve.json().alert).toMatchObject({
      status: "resolved",
      resolvedBy: expect.stringMatching(/:planner$/),
      resolutionNote: "supplier shipped",
      resolvedAt: "2026-03-12T05:00:00.000Z",
      snoozedUntil: null,
    });
    expect(await ids()).toEqual([other]);
    const again = await call(app, tokens.planner, "POST", `/alerts/${id}/assign`, { assignee: "joe" });
    expect(again.statusCode).toBe(409);
    expect(again.json().issues[0]).toMatchObject({ code: "conflict", received: "resolved" });
    expect((await call(app, tokens.planner, "POST", "/alerts/999999/resolve", {})).statusCode).toBe(404);

    expect(await audit("alert")).toEqual([
      expect.objectContaining({ action: "alert.acknowledged", subject_id: String(id) }),
      expect.objectContaining({
        action: "alert.snoozed",
        detail: expect.objectContaining({ until: "2026-03-12T05:00:00.000Z" }),
      }),
      expect.objectContaining({
        action: "alert.resolved",
        detail: expect.objectContaining({ note: "supplier shipped" }),
      }),
    ]);
    const byAdmin = await db().query(
      "SELECT 1 FROM audit_log WHERE action = 'alert.assigned' AND actor LIKE '%:admin'",
    );
    expect(byAdmin.rows).toHaveLength(1);
  });

  it("a resolved cause stays resolved at its level; an escalation raises it again and wakes a snooze", async () => {
    const [b, a] = await ids(); // newest first: B (PO-B) then A (PO-A)
    await call(app, tokens.planner, "POST", `/alerts/${b}/resolve`, { note: "agreed new date" });
    await call(app, tokens.planner, "POST", `/alerts/${a}/snooze`, { until: "2026-03-30" });
    // the next pass on the 12th: both still 5 days late, level 0 — nothing new
    expect(await reevaluateLateOrders(db(), parseIsoDate("2026-03-12")!)).toMatchObject({
      alertsRaised: 0,
      alertsEscalated: 0,
    });
    expect(await ids()).toEqual([]);
    // on the 16th: 9 days late, level 1 (critical) — B is raised anew, A escalates and is back in the queue
    expect(await reevaluateLateOrders(db(), parseIsoDate("2026-03-16")!)).toMatchObject({
      alertsRaised: 1,
      alertsEscalated: 1,
    });
    const back = (await call(app, tokens.viewer, "GET", "/alerts")).json().items;
    expect(
      back.map((x: { sku: string; escalationLevel: number; snoozedUntil: string | null }) => [
        x.sku,
        x.escalationLevel,
        x.snoozedUntil,
      ]),
    ).toEqual([
      ["B", 1, null],
      ["A", 1, null],
    ]);
  });

  it("assigns, snoozes and resolves an open signal, audited", async () => {
    const open = await db().query<{ signal_id: number }>(
      "SELECT signal_id FROM signals WHERE status = 'open' ORDER BY signal_id LIMIT 1",
    );
    const id = open.rows[0]!.signal_id;
    expect(
      (await call(app, tokens.viewer, "POST", `/signals/${id}/assign`, { assignee: "x" })).statusCode,
    ).toBe(403);
    const a = await call(app, tokens.planner, "POST", `/signals/${id}/assign`, { assignee: "maria" });
    expect(a.json().signal).toMatchObject({
      signalId: id,
      assignedTo: "maria",
      assignedBy: expect.stringMatching(/:planner$/),
    });
    const s = await call(app, tokens.planner, "POST", `/signals/${id}/snooze`, { until: "2026-03-11" });
    expect(s.json().signal).toMatchObject({ snoozedUntil: "2026-03-11T00:00:00.000Z", status: "open" });
    const view = (await call(app, tokens.viewer, "GET", `/signals/${id}`)).json().signal;
    expect(view).toMatchObject({ assignedTo: "maria", snoozedUntil: "2026-03-11T00:00:00.000Z" });
    // out of the dashboard's work queue until the 11th, then back
    const queued = async () =>
      (await call(app, tokens.viewer, "GET", "/dashboard/queue"))
        .json()
        .items.map((x: { signalId: number }) => x.signalId);
    expect(await queued()).not.toContain(id);
    clock = new Date("2026-03-11T00:00:00Z");
    expect(await queued()).toContain(id);
    const r = await call(app, tokens.planner, "POST", `/signals/${id}/resolve`, {
      note: "moved stock from L2",
    });
    expect(r.json().signal).toMatchObject({
      status: "closed",
      closedReason: "resolved: moved stock from L2",
    });
    const row = await db().query<{ decided_by: string; closed_at: Date }>(
      "SELECT decided_by, closed_at FROM signals WHERE signal_id = $1",
      [id],
    );
    expect(row.rows[0]).toMatchObject({
      decided_by: expect.stringMatching(/:planner$/),
      closed_at: new Date("2026-03-11T00:00:00Z"),
    });
    const again = await call(app, tokens.planner, "POST", `/signals/${id}/snooze`, { until: "2026-03-20" });
    expect(again.statusCode).toBe(409);
    expect(again.json().issues[0]).toMatchObject({ code: "conflict", received: "closed" });
    expect((await audit("signal")).map((x) => x.action)).toEqual([
      "signal.assigned",
      "signal.snoozed",
      "signal.resolved",
    ]);
  });

  it("documents the routes in /openapi.json", async () => {
    const paths = (await call(app, null, "GET", "/openapi.json")).json().paths;
    for (const p of ["/alerts", "/alerts/{id}", "/alerts/{id}/snooze", "/signals/{id}/resolve"])
      expect(paths[p], p).toBeDefined();
    expect(paths["/alerts/{id}/assign"].post["x-takt-roles"]).toEqual(["admin", "planner"]);
  });
});
