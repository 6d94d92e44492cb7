import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Caller, call, callerTokens, NOW, seedPortal } from "../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../test/support/db-targets.js";
import { buildApp } from "./app.js";

describe.each(dbTargets())("planning and webhook routes on $name", (target) => {
  const db = useTestDb(target);
  let app: FastifyInstance;
  let tokens: Awaited<ReturnType<typeof callerTokens>>;
  beforeEach(async () => {
    await seedPortal(db());
    tokens = await callerTokens(db());
    app = buildApp(db(), { now: NOW });
  });
  afterEach(async () => {
    await app.close();
  });
  const as = (
    who: Caller,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      headers: tokens[who] === null ? {} : { authorization: `Bearer ${tokens[who]}` },
      ...(payload !== undefined ? { payload } : {}),
    });

  it("runs the planning job for planners and admins, shows runs to viewers", async () => {
    expect((await call(app, tokens.viewer, "POST", "/planning/runs", {})).statusCode).toBe(403);
    expect((await call(app, tokens.supplierA, "POST", "/planning/runs", {})).statusCode).toBe(403);
    expect((await call(app, null, "POST", "/planning/runs", {})).statusCode).toBe(401);
    const r = await call(app, tokens.planner, "POST", "/planning/runs", { activate: "none" });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ ok: true, run: { runId: 1, asOf: "2026-03-03", activated: 0 } });
    const list = await call(app, tokens.viewer, "GET", "/planning/runs");
    expect(list.json()).toMatchObject({
      ok: true,
      runs: [{ runId: 1, status: "finished", trigger: "manual" }],
    });
    const one = await call(app, tokens.viewer, "GET", "/planning/runs/1?all=true");
    expect(one.statusCode).toBe(200);
    expect(one.json().changes.length).toBeGreaterThan(0);
    expect((await call(app, tokens.viewer, "GET", "/planning/runs/99")).statusCode).toBe(404);
    expect((await as("planner", "PUT", "/planning/settings", { mode: "automatic" })).statusCode).toBe(403);
    const put = await as("admin", "PUT", "/planning/settings", {
      mode: "automatic",
      pilot_locations: ["L1"],
    });
    expect(put.json()).toMatchObject({
      ok: true,
      settings: { mode: "automatic", pilotLocations: ["L1"], pilotSkus: [] },
    });
    expect((await call(app, tokens.viewer, "GET", "/planning/settings")).json().settings.mode).toBe(
      "automatic",
    );
  });

  it("manages webhook subscriptions for admins only", async () => {
    const body = { url: "http://127.0.0.1:9/hook", event_kinds: ["signal.opened", "alert.raised"] };
    for (const who of ["viewer", "planner", "supplierA"] as const)
      expect((await call(app, tokens[who], "POST", "/webhooks/subscriptions", body)).statusCode).toBe(403);
    expect(
      (await call(app, tokens.admin, "POST", "/webhooks/subscriptions", { ...body, event_kinds: ["x"] }))
        .statusCode,
    ).toBe(400);
    const made = await call(app, tokens.admin, "POST", "/webhooks/subscriptions", body);
    expect(made.statusCode).toBe(201);
    const sub = made.json().subscription;
    expect(sub).toMatchObject({ id: 1, url: body.url, eventKinds: body.event_kinds, active: true });
    expect(sub.secret).toMatch(/^[0-9a-f]{48}$/);
    const list = await call(app, tokens.admin, "GET", "/webhooks/subscriptions");
    expect(list.json().subscriptions[0]).toMatchObject({ id: 1, outbox: { pending: 0 } });
    expect(list.json().subscriptions[0].secret).toBeUndefined();
    expect((await call(app, tokens.planner, "GET", "/webhooks/subscriptions")).statusCode).toBe(403);
    const paused = await as("admin", "PATCH", "/webhooks/subscriptions/1", { active: false });
    expect(paused.json()).toMatchObject({ ok: true, subscription: { active: false } });
    expect((await as("admin", "DELETE", "/webhooks/subscriptions/1")).statusCode).toBe(200);
    expect((await as("admin", "DELETE", "/webhooks/subscriptions/1")).statusCode).toBe(404);
  });
});
