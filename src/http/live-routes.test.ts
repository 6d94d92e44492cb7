import { describe, expect, it } from "vitest";
import { type Caller, call, usePortalApp } from "../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../test/support/db-targets.js";

describe.each(dbTargets())("planning and webhook routes on $name", (target) => {
  const db = useTestDb(target);
  const api = usePortalApp(db);
  const as = (
    who: Caller,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: object,
  ) =>
    api.app.inject({
      method,
      url,
      headers: api.tokens[who] === null ? {} : { authorization: `Bearer ${api.tokens[who]}` },
      ...(payload !== undefined ? { payload } : {}),
    });

  it("runs the planning job for planners and admins, shows runs to viewers", async () => {
    expect((await call(api.app, api.tokens.viewer, "POST", "/planning/runs", {})).statusCode).toBe(403);
    expect((await call(api.app, api.tokens.supplierA, "POST", "/planning/runs", {})).statusCode).toBe(403);
    expect((await call(api.app, null, "POST", "/planning/runs", {})).statusCode).toBe(401);
    const r = await call(api.app, api.tokens.planner, "POST", "/planning/runs", { activate: "none" });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ ok: true, run: { runId: 1, asOf: "2026-03-03", activated: 0 } });
    const list = await call(api.app, api.tokens.viewer, "GET", "/planning/runs");
    expect(list.json()).toMatchObject({
      ok: true,
      runs: [{ runId: 1, status: "finished", trigger: "manual" }],
    });
    const one = await call(api.app, api.tokens.viewer, "GET", "/planning/runs/1?all=true");
    expect(one.statusCode).toBe(200);
    expect(one.json().changes.length).toBeGreaterThan(0);
    expect((await call(api.app, api.tokens.viewer, "GET", "/planning/runs/99")).statusCode).toBe(404);
    expect((await as("planner", "PUT", "/planning/settings", { mode: "automatic" })).statusCode).toBe(403);
    const put = await as("admin", "PUT", "/planning/settings", {
      mode: "automatic",
      pilot_locations: ["L1"],
    });
    expect(put.json()).toMatchObject({
      ok: true,
      settings: { mode: "automatic", pilotLocations: ["L1"], pilotSkus: [] },
    });
    expect((await call(api.app, api.tokens.viewer, "GET", "/planning/settings")).json().settings.mode).toBe(
      "automatic",
    );
  });

  it("manages webhook subscriptions for admins only", async () => {
    const body = { url: "http://127.0.0.1:9/hook", event_kinds: ["signal.opened", "alert.raised"] };
    for (const who of ["viewer", "planner", "supplierA"] as const)
      expect((await call(api.app, api.tokens[who], "POST", "/webhooks/subscriptions", body)).statusCode).toBe(
        403,
      );
    expect(
      (
        await call(api.app, api.tokens.admin, "POST", "/webhooks/subscriptions", {
          ...body,
          event_kinds: ["x"],
        })
      ).statusCode,
    ).toBe(400);
    const made = await call(api.app, api.tokens.admin, "POST", "/webhooks/subscriptions", body);
    expect(made.statusCode).toBe(201);
    const sub = made.json().subscription;
    expect(sub).toMatchObject({ id: 1, url: body.url, eventKinds: body.event_kinds, active: true });
    expect(sub.secret).toMatch(/^[0-9a-f]{48}$/);
    const list = await call(api.app, api.tokens.admin, "GET", "/webhooks/subscriptions");
    expect(list.json().subscriptions[0]).toMatchObject({ id: 1, outbox: { pending: 0 } });
    expect(list.json().subscriptions[0].secret).toBeUndefined();
    expect((await call(api.app, api.tokens.planner, "GET", "/webhooks/subscriptions")).statusCode).toBe(403);
    const paused = await as("admin", "PATCH", "/webhooks/subscriptions/1", { active: false });
    expect(paused.json()).toMatchObject({ ok: true, subscription: { active: false } });
    expect((await as("admin", "DELETE", "/webhooks/subscriptions/1")).statusCode).toBe(200);
    expect((await as("admin", "DELETE", "/webhooks/subscriptions/1")).statusCode).toBe(404);
  });
});
