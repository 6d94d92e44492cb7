import { createHash } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CALLERS,
  type Caller,
  call,
  callerTokens,
  NOW,
  seedPortal,
  token,
} from "../../test/support/api-fixture.js";
import { type DbTarget, dbTargets, useTestDb } from "../../test/support/db-targets.js";
import { ropPolicy } from "../../test/support/live-fixture.js";
import { proposePolicy, transitionPolicy } from "../app/live/policies.js";
import { raiseAlert } from "../db/alerts-store.js";
import type { Db } from "../db/db.js";
import { buildApp } from "./app.js";

/** Ids the requests need, read from the seeded world. */
interface World {
  readonly replenishment: number;
  readonly proposed: number;
  readonly approved: number;
  readonly active: number;
  readonly alert: number;
}

async function world(db: Db): Promise<World> {
  // a proposed version for B and an approved one for C (A's v1 is active)
  const b = await proposePolicy(db, ropPolicy("L1", "B"), "planner");
  const c = await proposePolicy(db, ropPolicy("L1", "C"), "planner");
  if (!b.ok || !c.ok) throw new Error("propose failed");
  await transitionPolicy(db, { location: "L1", sku: "C", version: 1 }, "approved", "planner", 20514 as never);
  const ids = await db.query<{ policy_id: number; sku: string }>("SELECT policy_id, sku FROM policies");
  const id = (sku: string) => ids.rows.find((r) => r.sku === sku)!.policy_id;
  const s = await db.query<{ signal_id: number }>(
    "SELECT signal_id FROM signals WHERE status = 'open' AND kind = 'replenishment' AND sku = 'A'",
  );
  const { alert } = await raiseAlert(db, {
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
  });
  return {
    replenishment: s.rows[0]!.signal_id,
    proposed: id("B"),
    approved: id("C"),
    active: id("A"),
    alert: alert.alertId,
  };
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Case {
  readonly method: Method;
  readonly route: string;
  /** Status per caller; unlisted callers get 401 (anonymous) or 403 (any token). */
  readonly expect: Partial<Record<Caller, number>>;
  readonly url?: (w: World) => string;
  readonly body?: (c: Caller, w: World) => unknown;
  /** Each allowed caller on a world of its own (the call changes state a second call could not repeat). */
  readonly fresh?: boolean;
}

const READ = (status = 200) => ({ viewer: status, planner: status, admin: status });
const PLAN = (status = 200) => ({ planner: status, admin: status });
const ALL_TOKENS = (status = 200) => ({ ...READ(status), supplierA: status, supplierB: status });
const EVERYONE = { anonymous: 200, ...ALL_TOKENS() };

/** Every route of the API, who may call it and what each caller gets. */
const CASES: Case[] = [
  { method: "GET", route: "/openapi.json", expect: EVERYONE },
  { method: "GET", route: "/docs", expect: EVERYONE },
  { method: "GET", route: "/", expect: EVERYONE },
  { method: "GET", route: "/web/:file", url: () => "/web/app.js", expect: EVERYONE },
  { method: "GET", route: "/dashboard/me", expect: ALL_TOKENS() },
  { method: "GET", route: "/dashboard/overview", expect: READ() },
  { method: "GET", route: "/dashboard/queue", expect: READ() },
  { method: "GET", route: "/dashboard/facets", expect: READ() },
  { method: "GET", route: "/dashboard/alerts", expect: READ() },
  { method: "GET", route: "/dashboard/skus", expect: READ() },
  {
    method: "GET",
    route: "/dashboard/skus/:location/:sku",
    url: () => "/dashboard/skus/L1/A",
    expect: READ(),
  },
  { method: "GET", route: "/dashboard/suppliers", expect: ALL_TOKENS() },
  {
    method: "GET",
    route: "/dashboard/suppliers/:id",
    url: () => "/dashboard/suppliers/S1",
    expect: { ...READ(), supplierA: 200, supplierB: 404 },
  },
  {
    method: "POST",
    route: "/events",
    expect: PLAN(201),
    body: (c) => ({
      key: `k-${c}`,
      kind: "sale",
      sku: "A",
      location: "L1",
      qty: 1,
      occurred_at: "2026-03-03",
    }),
  },
  { method: "GET", route: "/items", expect: READ() },
  { method: "GET", route: "/items/:sku", url: () => "/items/A", expect: READ() },
  { method: "GET", route: "/items/:sku/why", url: () => "/items/A/why", expect: READ() },
  { method: "GET", route: "/positions", expect: READ() },
  { method: "GET", route: "/signals", expect: READ() },
  { method: "GET", route: "/signals/:id", url: (w) => `/signals/${w.replenishment}`, expect: READ() },
  {
    method: "POST",
    route: "/signals/:id/approve",
    url: (w) => `/signals/${w.replenishment}/approve`,
    expect: PLAN(201),
    fresh: true,
  },
  {
    method: "POST",
    route: "/signals/:id/dismiss",
    url: (w) => `/signals/${w.replenishment}/dismiss`,
    expect: PLAN(),
    fresh: true,
  },
  {
    method: "POST",
    route: "/signals/:id/acknowledge",
    url: (w) => `/signals/${w.replenishment}/acknowledge`,
    expect: PLAN(),
  },
  // escalations and the work-queue actions (alerts.ts)
  { method: "GET", route: "/alerts", expect: READ() },
  { method: "GET", route: "/alerts/:id", url: (w) => `/alerts/${w.alert}`, expect: READ() },
  {
    method: "POST",
    route: "/alerts/:id/acknowledge",
    url: (w) => `/alerts/${w.alert}/acknowledge`,
    expect: PLAN(),
  },
  {
    method: "POST",
    route: "/alerts/:id/assign",
    url: (w) => `/alerts/${w.alert}/assign`,
    body: (c) => ({ assignee: c }),
    expect: PLAN(),
  },
  {
    method: "POST",
    route: "/alerts/:id/snooze",
    url: (w) => `/alerts/${w.alert}/snooze`,
    body: () => ({ until: "2026-03-20" }),
    expect: PLAN(),
  },
  {
    method: "POST",
    route: "/alerts/:id/resolve",
    url: (w) => `/alerts/${w.alert}/resolve`,
    expect: PLAN(),
    fresh: true,
  },
  {
    method: "POST",
    route: "/signals/:id/assign",
    url: (w) => `/signals/${w.replenishment}/assign`,
    body: (c) => ({ assignee: c }),
    expect: PLAN(),
  },
  {
    method: "POST",
    route: "/signals/:id/snooze",
    url: (w) => `/signals/${w.replenishment}/snooze`,
    body: () => ({ until: "2026-03-20" }),
    expect: PLAN(),
  },
  {
    method: "POST",
    route: "/signals/:id/resolve",
    url: (w) => `/signals/${w.replenishment}/resolve`,
    expect: PLAN(),
    fresh: true,
  },
  { method: "GET", route: "/purchase-orders", expect: ALL_TOKENS() },
  {
    method: "GET",
    route: "/purchase-orders/:id",
    url: () => "/purchase-orders/PO-A",
    expect: { ...READ(), supplierA: 200, supplierB: 404 },
  },
  {
    method: "POST",
    route: "/purchase-orders/:id/confirm",
    url: () => "/purchase-orders/PO-B/confirm",
    body: () => ({ confirmed_on: "2026-03-08" }),
    expect: { ...PLAN(), supplierA: 404, supplierB: 200 },
  },
  { method: "GET", route: "/asns", expect: ALL_TOKENS() },
  {
    method: "POST",
    route: "/asns",
    body: (c) => ({
      asn_id: `ASN-${c}`,
      po_number: "PO-A",
      lines: [{ line_no: 1, qty_shipped: 1, expected_on: "2026-03-06" }],
    }),
    expect: { ...PLAN(201), supplierA: 201, supplierB: 404 },
  },
  { method: "GET", route: "/policies", expect: READ() },
  { method: "GET", route: "/policies/:id", url: (w) => `/policies/${w.active}`, expect: READ() },
  {
    method: "POST",
    route: "/policies/:id/approve",
    url: (w) => `/policies/${w.proposed}/approve`,
    expect: PLAN(),
    fresh: true,
  },
  {
    method: "POST",
    route: "/policies/:id/activate",
    url: (w) => `/policies/${w.approved}/activate`,
    body: () => ({ scope: "pilot" }),
    expect: PLAN(),
    fresh: true,
  },
  {
    method: "POST",
    route: "/policies/:id/ordering",
    url: (w) => `/policies/${w.active}/ordering`,
    body: () => ({ mode: "automatic", auto_order_max_value: 1000 }),
    expect: PLAN(201),
  },
  {
    method: "POST",
    route: "/policies/:id/retire",
    url: (w) => `/policies/${w.active}/retire`,
    expect: PLAN(),
    fresh: true,
  },
  { method: "GET", route: "/audit", expect: { admin: 200 } },
  { method: "GET", route: "/suppliers", expect: ALL_TOKENS() },
  {
    method: "POST",
    route: "/suppliers/:id/vmi",
    url: () => "/suppliers/S2/vmi",
    body: () => ({ vmi: true }),
    expect: PLAN(),
  },
  {
    method: "GET",
    route: "/suppliers/:id/scorecard",
    url: () => "/suppliers/S1/scorecard",
    expect: { ...READ(), supplierA: 200, supplierB: 404 },
  },
  { method: "GET", route: "/consumption", expect: ALL_TOKENS() },
  // what-if, pilot and analyze-a-file (no ledger history here: an empty what-if is 422; no pilot: activating or comparing is 404)
  { method: "POST", route: "/whatif", expect: READ(422) },
  {
    method: "POST",
    route: "/whatif/proposals",
    body: () => ({ items: [{ sku: "A", location: "L1" }], scale: 0.9 }),
    expect: PLAN(201),
    fresh: true,
  },
  {
    method: "POST",
    route: "/analyze",
    body: () => ({
      files: [
        {
          name: "d.csv",
          content: `date,sku,quantity\n${Array.from({ length: 30 }, (_, i) => `2026-01-${String(i + 1).padStart(2, "0")},A,${1 + (i % 3)}`).join("\n")}\n`,
        },
      ],
    }),
    expect: READ(),
  },
  { method: "GET", route: "/pilot", expect: READ() },
  {
    method: "POST",
    route: "/pilot",
    body: () => ({ name: "p", members: [{ sku: "A", location: "L1" }] }),
    expect: PLAN(),
  },
  { method: "POST", route: "/pilot/activate", expect: PLAN(404) },
  { method: "GET", route: "/pilot/kpis", expect: READ(404) },
  { method: "GET", route: "/health", expect: EVERYONE },
  { method: "GET", route: "/ready", expect: EVERYONE },
  { method: "POST", route: "/planning/runs", body: () => ({ activate: "none" }), expect: PLAN(201) },
  { method: "GET", route: "/planning/runs", expect: READ() },
  { method: "GET", route: "/planning/runs/:id", url: () => "/planning/runs/999999", expect: READ(404) },
  { method: "GET", route: "/planning/settings", expect: READ() },
  { method: "PUT", route: "/planning/settings", body: () => ({ mode: "manual" }), expect: { admin: 200 } },
  {
    method: "POST",
    route: "/webhooks/subscriptions",
    body: () => ({ url: "http://127.0.0.1:9/hook", event_kinds: ["*"] }),
    expect: { admin: 201 },
  },
  { method: "GET", route: "/webhooks/subscriptions", expect: { admin: 200 } },
  {
    method: "GET",
    route: "/webhooks/subscriptions/:id",
    url: () => "/webhooks/subscriptions/999999",
    expect: { admin: 404 },
  },
  {
    method: "PATCH",
    route: "/webhooks/subscriptions/:id",
    url: () => "/webhooks/subscriptions/999999",
    body: () => ({ active: false }),
    expect: { admin: 404 },
  },
  {
    method: "DELETE",
    route: "/webhooks/subscriptions/:id",
    url: () => "/webhooks/subscriptions/999999",
    expect: { admin: 404 },
  },
];

/** The role a caller's token carries (null: no token). */
const ROLE_OF: Record<Caller, string | null> = {
  anonymous: null,
  viewer: "viewer",
  planner: "planner",
  admin: "admin",
  supplierA: "supplier",
  supplierB: "supplier",
};

const expected = (c: Case, caller: Caller): number =>
  c.expect[caller] ?? (caller === "anonymous" ? 401 : 403);

async function freshWorld(target: DbTarget) {
  const t = await target.migrated();
  await seedPortal(t.db);
  const w = await world(t.db);
  const tokens = await callerTokens(t.db);
  const app = buildApp(t.db, { now: NOW });
  const dispose = async () => {
    await app.close();
    await t.dispose();
  };
  return { db: t.db, w, tokens, app, dispose };
}

describe.each(dbTargets())("access control on $name", (target) => {
  describe.each(CASES)("$method $route", (c) => {
    it("answers exactly the allowed callers", async () => {
      const shared = await freshWorld(target);
      try {
        const got: Partial<Record<Caller, number>> = {};
        for (const caller of CALLERS) {
          // refused calls change nothing; each allowed one-shot call gets a world of its own
          const own = c.fresh === true && expected(c, caller) < 300;
          const env = own ? await freshWorld(target) : shared;
          try {
            const r = await call(
              env.app,
              env.tokens[caller],
              c.method as "GET",
              c.url?.(env.w) ?? c.route,
              c.body?.(caller, env.w) ?? (c.method === "POST" ? {} : undefined),
            );
            got[caller] = r.statusCode;
            if (r.statusCode >= 400)
              expect(r.json()).toMatchObject({ ok: false, issues: [{ code: expect.any(String) }] });
          } finally {
            if (own) await env.dispose();
          }
        }
        expect(got).toEqual(Object.fromEntries(CALLERS.map((k) => [k, expected(c, k)])));
      } finally {
        await shared.dispose();
      }
    });
  });

  it("every documented route outside the table refuses the callers its declared roles leave out", async () => {
    const env = await freshWorld(target);
    try {
      const doc = (await call(env.app, null, "GET", "/openapi.json")).json();
      const inTable = new Set(CASES.map((c) => `${c.method} ${c.route.replace(/:([a-z_]+)/g, "{$1}")}`));
      for (const [p, ops] of Object.entries(
        doc.paths as Record<string, Record<string, { "x-takt-roles": string[] }>>,
      ))
        for (const [m, op] of Object.entries(ops)) {
          const method = m.toUpperCase();
          const roles = op["x-takt-roles"];
          if (inTable.has(`${method} ${p}`) || roles.includes("anonymous")) continue;
          const url = p.replace(/\{[^}]+\}/g, "1");
          for (const caller of CALLERS) {
            const role = ROLE_OF[caller];
            if (role !== null && roles.includes(role)) continue;
            const r = await call(
              env.app,
              env.tokens[caller],
              method as "GET",
              url,
              method === "GET" ? undefined : {},
            );
            expect(r.statusCode, `${caller} ${method} ${p}`).toBe(role === null ? 401 : 403);
          }
        }
    } finally {
      await env.dispose();
    }
  });

  describe("the portal and tokens", () => {
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
    const get = async (who: Caller, url: string) => {
      const r = await call(app, tokens[who], "GET", url);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };

    it("a supplier sees only its own orders, ASNs, supplier record, scorecard and VMI consumption", async () => {
      await call(app, tokens.supplierB, "POST", "/asns", {
        asn_id: "X1",
        po_number: "PO-B",
        lines: [{ line_no: 1, qty_shipped: 2, expected_on: "2026-03-05" }],
      });
      await call(app, tokens.supplierA, "POST", "/asns", {
        asn_id: "X2",
        po_number: "PO-A",
        lines: [{ line_no: 1, qty_shipped: 2, expected_on: "2026-03-06" }],
      });
      for (const [who, own, other] of [
        ["supplierA", "S1", "S2"],
        ["supplierB", "S2", "S1"],
      ] as const) {
        for (const url of ["/purchase-orders", `/purchase-orders?supplier=${other}`]) {
          const orders = await get(who, url);
          expect(new Set(orders.items.map((o: { supplier: string }) => o.supplier))).toEqual(new Set([own]));
        }
        const asns = await get(who, `/asns?supplier=${other}`);
        expect(asns.items.map((a: { supplier: string }) => a.supplier)).toEqual([own]);
        const suppliers = await get(who, "/suppliers");
        expect(suppliers.items.map((s: { id: string }) => s.id)).toEqual([own]);
        const card = await get(who, `/suppliers/${own}/scorecard?as_of=2026-03-10`);
        expect(card.scorecard).toMatchObject({ supplier: own, volumeShare: null, valueShare: null });
        const po = other === "S2" ? "PO-B" : "PO-A";
        expect((await call(app, tokens[who], "GET", `/purchase-orders/${po}`)).statusCode).toBe(404);
        expect((await call(app, tokens[who], "GET", `/suppliers/${other}/scorecard`)).statusCode).toBe(404);
      }
      // S1 replenishes A at L1 under VMI: it sees A's consumption; S2 (not VMI) sees none, not even its own B
      const a = await get("supplierA", "/consumption");
      expect(a.items).toEqual([{ location: "L1", sku: "A", day: "2026-03-02", qty: 15 }]);
      expect((await get("supplierB", "/consumption")).items).toEqual([]);
      expect((await get("planner", "/consumption")).items).toHaveLength(2);
      const all = await get("planner", "/purchase-orders");
      expect(all.items).toHaveLength(2);
      const card = await get("planner", "/suppliers/S1/scorecard?as_of=2026-03-10");
      expect(card.scorecard.volumeShare).toBeCloseTo(4 / 14);
    });

    it("stores tokens hashed only; revoked, unknown and malformed tokens are 401", async () => {
      const plain = await token(db(), "viewer", undefined, "to revoke");
      const rows = await db().query<Record<string, unknown>>("SELECT * FROM api_tokens");
      const dump = JSON.stringify(rows.rows);
      for (const t of [plain, ...Object.values(tokens).filter((x) => x !== null)]) {
        expect(dump).not.toContain(t);
        expect(dump).not.toContain(t.slice(5, 30));
        expect(dump).toContain(createHash("sha256").update(t).digest("hex"));
      }
      expect((await call(app, plain, "GET", "/items")).statusCode).toBe(200);
      const id = rows.rows.find((r) => r.name === "to revoke")!.token_id as number;
      await db().query("UPDATE api_tokens SET revoked_at = now() WHERE token_id = $1", [id]);
      const revoked = await call(app, plain, "GET", "/items");
      expect(revoked.statusCode).toBe(401);
      expect(revoked.headers["www-authenticate"]).toContain("Bearer");
      expect((await call(app, `${plain.slice(0, -1)}x`, "GET", "/items")).statusCode).toBe(401);
      expect((await call(app, "nonsense", "GET", "/items")).statusCode).toBe(401);
      const basic = await app.inject({
        method: "GET",
        url: "/items",
        headers: { authorization: "Basic eDp5" },
      });
      expect(basic.statusCode).toBe(401);
      const forbidden = await call(app, tokens.viewer, "POST", "/events", {});
      expect(forbidden.json()).toEqual({
        ok: false,
        issues: [
          {
            code: "forbidden",
            path: { field: "role" },
            message: "the viewer role may not POST /events",
            expected: "admin | planner",
            received: "viewer",
          },
        ],
      });
    });

    it("serves an OpenAPI 3.1 document covering every route, and a self-contained /docs page", async () => {
      const r = await call(app, null, "GET", "/openapi.json");
      const doc = r.json();
      const validator = new Validator();
      const res = await validator.validate(doc);
      expect(res.errors ?? []).toEqual([]);
      expect(res.valid).toBe(true);
      expect(validator.version).toBe("3.1");
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Error", "Issue", "Page"]));
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
      const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`),
      );
      // every route of the table is documented, every documented operation is a registered route,
      // and each declares valid roles (routes added by other modules included)
      const routes = CASES.map((c) => `${c.method} ${c.route.replace(/:([a-z_]+)/g, "{$1}")}`);
      expect(documented).toEqual(expect.arrayContaining(routes));
      for (const [p, ops] of Object.entries(doc.paths))
        for (const [m, op] of Object.entries(ops as Record<string, { "x-takt-roles": string[] }>)) {
          const url = p.replace(/\{([a-z_]+)\}/g, ":$1");
          expect(app.hasRoute({ method: m.toUpperCase() as "GET", url }), `${m} ${p}`).toBe(true);
          expect(op["x-takt-roles"].length).toBeGreaterThan(0);
          for (const role of op["x-takt-roles"])
            expect(["admin", "planner", "viewer", "supplier", "anonymous"]).toContain(role);
        }
      // request schemas come from the zod schemas the routes validate with
      const signals = doc.paths["/signals"].get;
      expect(signals["x-takt-roles"]).toEqual(["admin", "planner", "viewer"]);
      expect(signals.parameters.find((p: { name: string }) => p.name === "kind").schema.enum).toEqual([
        "replenishment",
        "review",
        "emergency",
      ]);
      expect(doc.paths["/asns"].post.requestBody.content["application/json"].schema.required).toEqual([
        "asn_id",
        "po_number",
        "lines",
      ]);
      const html = await call(app, null, "GET", "/docs");
      expect(html.statusCode).toBe(200);
      expect(html.headers["content-type"]).toContain("text/html");
      for (const c of CASES) expect(html.body).toContain(c.route.replace(/:([a-z_]+)/g, "{$1}"));
      expect(html.body).not.toMatch(/<script|<link|src=|@import|url\(/i);
    });
  });
});
