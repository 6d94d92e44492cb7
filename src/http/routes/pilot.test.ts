import { describe, expect, it } from "vitest";
import { call, usePortalApp } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";

describe.each(dbTargets())("pilot routes on $name", (target) => {
  const db = useTestDb(target);
  const api = usePortalApp(db);
  const put = (who: string | null, payload: object) => call(api.app, who, "POST", "/pilot", payload);

  it("defines, activates and compares a pilot by role", async () => {
    expect((await call(api.app, api.tokens.viewer, "GET", "/pilot")).json()).toEqual({
      ok: true,
      pilot: null,
    });
    const body = { name: "store 1", members: [{ sku: "A", location: "L1" }] };
    expect((await put(api.tokens.viewer, body)).statusCode).toBe(403);
    const bad = await put(api.tokens.planner, { name: "x", members: [{ sku: "Z", location: "L1" }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0]).toMatchObject({ code: "unknown_position", path: { field: "members.0" } });
    expect((await put(api.tokens.planner, body)).json()).toMatchObject({
      ok: true,
      pilot: { name: "store 1", members: [{ sku: "A", location: "L1" }], activatedOn: null },
    });
    expect((await call(api.app, api.tokens.viewer, "GET", "/pilot/kpis")).statusCode).toBe(422);
    expect((await call(api.app, api.tokens.viewer, "POST", "/pilot/activate")).statusCode).toBe(403);
    const a = await call(api.app, api.tokens.planner, "POST", "/pilot/activate");
    expect(a.statusCode).toBe(200);
    // A's policy was already active (the portal world): it stays so.
    expect(a.json()).toMatchObject({
      pilot: { activatedOn: "2026-03-03" },
      members: [{ sku: "A", location: "L1", outcome: "already_active", version: 1 }],
    });
    const k = await call(api.app, api.tokens.viewer, "GET", "/pilot/kpis?days=7");
    expect(k.statusCode).toBe(200);
    const c = k.json().comparison;
    expect(c.pilotBefore).toMatchObject({ from: "2026-02-24", to: "2026-03-02", positions: 1, days: 7 });
    // Activated today: no finished day after it yet.
    expect(c.pilotAfter).toMatchObject({ days: 0, unitsSold: 0 });
    expect(c.controlBefore.positions).toBe(1);
    expect((await call(api.app, api.tokens.viewer, "GET", "/pilot/kpis?days=0")).statusCode).toBe(400);
  });
});
