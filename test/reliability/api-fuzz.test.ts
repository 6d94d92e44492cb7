import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/db.js";
import { buildApp } from "../../src/http/app.js";
import { callerTokens, NOW, seedPortal } from "../support/api-fixture.js";
import { type DbTarget, dbTargets, type TestDb } from "../support/db-targets.js";

/**
 * Hostile API input (issue 9), derived from the OpenAPI document, so every route any module registers
 * is covered: for each operation, fast-check sends random JSON bodies (objects with the documented
 * fields given values of every JSON type, and arbitrary JSON), random query strings over the
 * documented parameters, random path parameters, and raw non-JSON bytes. Every answer must be below
 * 500; every 4xx must be `{ ok: false, issues: [{ code, path, message }] }` with a non-empty message;
 * and a 4xx must leave the database as it was (row counts of every table, on hand and on order).
 */
const RUNS = 12;
/** Anonymous pages and documents without input. */
const SKIP = new Set([
  "GET /docs",
  "GET /openapi.json",
  "GET /",
  "GET /web/{file}",
  "GET /health",
  "GET /ready",
]);

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly query: readonly string[];
  readonly bodyFields: readonly string[] | null;
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
      const params = (op.parameters ?? []) as { name: string; in: string }[];
      const body = op.requestBody as
        | { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }
        | undefined;
      const schema = body?.content["application/json"]?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        query: params.filter((p) => p.in === "query").map((p) => p.name),
        bodyFields: body === undefined ? null : Object.keys(schema?.properties ?? {}),
      });
    }
  return out;
}

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "=cmd|' /C calc'!A0",
    "2026-02-30",
    "9999-99-99",
    "NaN",
    "-1",
    "1e309",
    "\u0000",
    "🙂",
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(-0),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);

const bodyFor = (fields: readonly string[]) =>
  fc.oneof(
    fields.length > 0
      ? fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] })
      : fc.constant({}),
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({
      events: fc.array(
        fc.dictionary(fc.constantFrom("key", "kind", "sku", "location", "qty", "occurred_at"), scalar),
        { maxLength: 3 },
      ),
    }),
  );

const queryFor = (names: readonly string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...(names.length > 0 ? names : ["x"])), fc.string({ maxLength: 6 })),
        fc.string({ maxLength: 20 }),
      ),
      {
        maxLength: 4,
      },
    )
    .map((pairs) => new URLSearchParams(pairs).toString());

const pathParam = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("1", "0", "-1", "99999999999999999999", "A", "PO-A", "%", "..", "1.5"),
);

async function fingerprint(db: Db): Promise<string> {
  const tables = await db.query<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const counts = tables.rows.map((r) => `(SELECT count(*) FROM "${r.t}")::text`);
  const r = await db.query<{ f: string }>(
    `SELECT concat_ws(',', ${counts.join(", ")},
       (SELECT coalesce(sum(on_hand), 0) FROM positions)::text,
       (SELECT coalesce(sum(on_order), 0) FROM positions)::text,
       (SELECT string_agg(status, '' ORDER BY signal_id) FROM signals)) AS f`,
  );
  return r.rows[0]!.f;
}

describe.each(dbTargets())("hostile API input on $name", (target: DbTarget) => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let ops: Operation[] = [];
  beforeAll(async () => {
    t = await target.migrated();
    await seedPortal(t.db);
    admin = (await callerTokens(t.db)).admin!;
    app = buildApp(t.db, { now: NOW, authFailures: { points: 1_000_000, durationSeconds: 60 } });
    ops = operations((await app.inject({ method: "GET", url: "/openapi.json" })).json());
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const check = async (op: Operation, url: string, payload: string | undefined, contentType: string) => {
    const before = await fingerprint(t.db);
    const r = await app.inject({
      method: op.method as "GET",
      url,
      headers: {
        authorization: `Bearer ${admin}`,
        ...(payload !== undefined ? { "content-type": contentType } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });
    const what = `${op.method} ${url} ${payload?.slice(0, 200)} → ${r.statusCode} ${r.body.slice(0, 300)}`;
    expect(r.statusCode, what).toBeLessThan(500);
    if (r.statusCode >= 400) {
      const body = r.json();
      expect(body.ok, what).toBe(false);
      expect(body.issues.length, what).toBeGreaterThan(0);
      for (const i of body.issues) {
        expect(typeof i.code, what).toBe("string");
        expect(typeof i.path, what).toBe("object");
        expect(i.message.length, what).toBeGreaterThan(0);
      }
      expect(await fingerprint(t.db), `partial write: ${what}`).toBe(before);
    }
  };

  it("every operation answers random bodies, queries and path parameters with a 2xx or a precise 4xx, never a 5xx or a partial write", async () => {
    expect(ops.length).toBeGreaterThan(20);
    for (const op of ops) {
      const url = (params: string[], query: string) => {
        let i = 0;
        const p = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(params[i++] ?? "x"));
        return query === "" ? p : `${p}?${query}`;
      };
      const hasBody = op.bodyFields !== null;
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathParam, { minLength: 2, maxLength: 2 }),
          queryFor(op.query),
          hasBody ? bodyFor(op.bodyFields!) : fc.constant(undefined),
          async (params, query, body) => {
            await check(
              op,
              url(params, query),
              body === undefined ? undefined : JSON.stringify(body),
              "application/json",
            );
          },
        ),
        { numRuns: RUNS },
      );
      if (hasBody) {
        // not JSON at all, or JSON of the wrong media type
        for (const [payload, type] of [
          ['{"key": ', "application/json"],
          ["\u0000\u00ff\u00fe", "application/json"],
          ["a,b\n1,2", "text/csv"],
          ["null", "application/json"],
        ] as const)
          await check(op, url(["1", "1"], ""), payload, type);
      }
    }
  }, 600_000);
});
