import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { callerTokens, seedPortal } from "../../test/support/api-fixture.js";
import { dbTargets } from "../../test/support/db-targets.js";
import { MIGRATIONS } from "../db/migrations/index.js";
import { buildApp } from "./app.js";
import { databaseUnavailable, requestId } from "./health.js";

const bearer = (t: string | null) => (t === null ? {} : { authorization: `Bearer ${t}` });

describe("databaseUnavailable", () => {
  it("recognises connection failures and server shutdowns, not query errors", () => {
    const err = (code: string, message = "x") => Object.assign(new Error(message), { code });
    for (const e of [
      err("57P01"),
      err("08006"),
      err("57P03"),
      err("ECONNREFUSED"),
      new Error("Connection terminated unexpectedly"),
      new Error("PGlite is closed"),
    ])
      expect(databaseUnavailable(e), String(e)).toBe(true);
    for (const e of [err("23505"), err("40001"), err("42P01"), new Error("boom"), null, "text"])
      expect(databaseUnavailable(e), String(e)).toBe(false);
  });

  it("keeps a plausible x-request-id and replaces anything else with a UUID", () => {
    const req = (h?: string) => ({ headers: h === undefined ? {} : { "x-request-id": h } }) as never;
    expect(requestId(req("abc-123.4_5"))).toBe("abc-123.4_5");
    for (const bad of [undefined, "", "a b", "x\ny", "é", "a".repeat(129)])
      expect(requestId(req(bad))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
  });
});

describe.each(dbTargets())("health, readiness and limits on $name", (target) => {
  it("/health is 200 and /ready is 200 on a migrated database, anonymously; both return the request id", async () => {
    const t = await target.migrated();
    const app = buildApp(t.db);
    try {
      const h = await app.inject({ method: "GET", url: "/health", headers: { "x-request-id": "probe-1" } });
      expect(h.statusCode).toBe(200);
      expect(h.json()).toEqual({ ok: true, status: "alive" });
      expect(h.headers["x-request-id"]).toBe("probe-1");
      const r = await app.inject({ method: "GET", url: "/ready" });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({
        ok: true,
        ready: true,
        database: "reachable",
        pendingMigrations: [],
        draining: false,
      });
      expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await app.close();
      await t.dispose();
    }
  });

  it("/ready is 503 with Retry-After when migrations are missing, when draining and when the database is gone", async () => {
    const empty = await target.empty();
    const lifecycle = { draining: false };
    const app = buildApp(empty.db, { lifecycle });
    try {
      const r = await app.inject({ method: "GET", url: "/ready" });
      expect(r.statusCode).toBe(503);
      expect(r.headers["retry-after"]).toBe("1");
      expect(r.json()).toMatchObject({
        ready: false,
        database: "reachable",
        pendingMigrations: MIGRATIONS.map((m) => m.version),
      });
      expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    } finally {
      await app.close();
      await empty.dispose();
    }
    const t = await target.migrated();
    const app2 = buildApp(t.db, { lifecycle });
    try {
      await seedPortal(t.db);
      const tokens = await callerTokens(t.db);
      lifecycle.draining = true;
      const d = await app2.inject({ method: "GET", url: "/ready" });
      expect(d.statusCode).toBe(503);
      expect(d.json()).toMatchObject({ ready: false, database: "reachable", draining: true });
      await t.db.close();
      const gone = await app2.inject({ method: "GET", url: "/ready" });
      expect(gone.statusCode).toBe(503);
      expect(gone.json()).toMatchObject({ ready: false, database: "unreachable", pendingMigrations: null });
      // a write while the database is gone: a retryable 503, not a 500
      const w = await app2.inject({
        method: "POST",
        url: "/events",
        headers: bearer(tokens.planner),
        payload: { key: "k1", kind: "sale", sku: "A", location: "L1", qty: 1, occurred_at: "2026-03-03" },
      });
      expect(w.statusCode).toBe(503);
      expect(w.headers["retry-after"]).toBe("1");
      expect(w.json().issues[0].code).toBe("database_unavailable");
    } finally {
      await app2.close();
      await t.dispose().catch(() => undefined);
    }
  });

  it("rate-limits authentication failures per address with 429 and Retry-After; successes do not count", async () => {
    const t = await target.migrated();
    const app = buildApp(t.db, { authFailures: { points: 3, durationSeconds: 60 } });
    try {
      await seedPortal(t.db);
      const tokens = await callerTokens(t.db);
      const get = (h: Record<string, string>, ip = "10.0.0.1") =>
        app.inject({ method: "GET", url: "/items", headers: h, remoteAddress: ip });
      for (let i = 0; i < 10; i++) expect((await get(bearer(tokens.viewer))).statusCode).toBe(200);
      expect((await get({})).statusCode).toBe(401);
      expect((await get(bearer(`takt_${"x".repeat(43)}`))).statusCode).toBe(401);
      expect((await get(bearer("garbage"))).statusCode).toBe(401);
      const limited = await get(bearer(tokens.viewer));
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
      expect(limited.json()).toMatchObject({
        ok: false,
        issues: [
          {
            code: "too_many_auth_failures",
            path: { field: "authorization" },
            expected: "at most 3 failures per 60 s",
          },
        ],
      });
      // another address is not affected; anonymous routes stay open
      expect((await get(bearer(tokens.viewer), "10.0.0.2")).statusCode).toBe(200);
      expect(
        (await app.inject({ method: "GET", url: "/health", remoteAddress: "10.0.0.1" })).statusCode,
      ).toBe(200);
    } finally {
      await app.close();
      await t.dispose();
    }
  });

  it("refuses a body over the limit with 413 naming the limit, and writes nothing", async () => {
    const t = await target.migrated();
    const app = buildApp(t.db, { bodyLimit: 1024 });
    try {
      await seedPortal(t.db);
      const tokens = await callerTokens(t.db);
      const before = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inventory_ledger");
      const events = Array.from({ length: 40 }, (_, i) => ({
        key: `big-${i}`,
        kind: "sale",
        sku: "A",
        location: "L1",
        qty: 1,
        occurred_at: "2026-03-03",
      }));
      const r = await app.inject({
        method: "POST",
        url: "/events",
        headers: bearer(tokens.planner),
        payload: { events },
      });
      expect(r.statusCode).toBe(413);
      expect(r.json()).toMatchObject({
        ok: false,
        issues: [{ code: "payload_too_large", path: { field: "body" }, expected: "at most 1024 bytes" }],
      });
      const after = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inventory_ledger");
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    } finally {
      await app.close();
      await t.dispose();
    }
  });

  it("logs one JSON line per request and response, each carrying the request id", async () => {
    const t = await target.migrated();
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split("\n")) if (l !== "") lines.push(JSON.parse(l));
        done();
      },
    });
    const app = buildApp(t.db, { logger: { level: "info", stream } });
    try {
      const r = await app.inject({ method: "GET", url: "/items", headers: { "x-request-id": "req-42" } });
      expect(r.statusCode).toBe(401);
      const mine = lines.filter((l) => l.reqId === "req-42");
      expect(mine.map((l) => l.msg)).toEqual(["incoming request", "request completed"]);
      expect(mine[1]).toMatchObject({ level: 30, res: { statusCode: 401 } });
      expect(typeof mine[1]!.responseTime).toBe("number");
    } finally {
      await app.close();
      await t.dispose();
    }
  });
});
