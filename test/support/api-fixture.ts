import type { FastifyInstance, InjectOptions } from "fastify";
import { afterEach, beforeEach } from "vitest";
import { applyEvents } from "../../src/app/live/apply-events.js";
import { placePurchaseOrder } from "../../src/app/live/purchase-orders.js";
import { createApiToken } from "../../src/app/live/tokens.js";
import type { Db } from "../../src/db/db.js";
import { upsertSuppliers, upsertSupplyLanes } from "../../src/db/master-data.js";
import { buildApp } from "../../src/http/app.js";
import { activate, event, ropPolicy, seedMasterData } from "./live-fixture.js";

/** The callers of the access tests: anonymous, one token per role, two supplier tokens. */
export const CALLERS = ["anonymous", "viewer", "planner", "admin", "supplierA", "supplierB"] as const;
export type Caller = (typeof CALLERS)[number];

/** Creates a token; throws on failure. */
export async function token(db: Db, role: string, supplier?: string, name?: string): Promise<string> {
  const r = await createApiToken(db, { role, supplier, name }, "test");
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.token;
}

/**
 * The portal world: supplier S1 (A) replenishes A at L1 under VMI, S2 (B) supplies B at L1 (not
 * VMI). A policy on A at L1; stock received and sold so A has open signals; one open order per
 * supplier: PO-A (S1, 4 A: A's replenishment signal stays open) and PO-B (S2, 10 B), ordered
 * 2026-03-02, due 2026-03-07.
 */
export async function seedPortal(db: Db): Promise<void> {
  await seedMasterData(db);
  await upsertSuppliers(db, [{ id: "S2", name: "Supplier 2" }]);
  await upsertSupplyLanes(db, [
    { location: "L1", sku: "A", supplier: "S1", leadTimeDays: 5 },
    { location: "L1", sku: "B", supplier: "S2", leadTimeDays: 3 },
  ]);
  await db.query("UPDATE supply_lanes SET vmi = true WHERE supplier_id = 'S1'");
  await activate(db, ropPolicy());
  const r = await applyEvents(db, [
    event({ key: "r-a", kind: "receipt", qty: 70 }),
    event({ key: "r-b", kind: "receipt", sku: "B", qty: 30 }),
    event({ key: "s-a", kind: "sale", qty: 15 }),
    event({ key: "s-b", kind: "sale", sku: "B", qty: 5 }),
  ]);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  for (const [po, supplier, sku, qty] of [
    ["PO-A", "S1", "A", 4],
    ["PO-B", "S2", "B", 10],
  ] as const) {
    const p = await placePurchaseOrder(
      db,
      {
        location: "L1",
        poNumber: po,
        supplier,
        orderedOn: "2026-03-02",
        lines: [{ sku, qty, dueOn: "2026-03-07", unitCost: 2 }],
      },
      "buyer",
    );
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
  }
}

/** One token per caller (none for anonymous). */
export async function callerTokens(db: Db): Promise<Record<Caller, string | null>> {
  return {
    anonymous: null,
    viewer: await token(db, "viewer", undefined, "viewer"),
    planner: await token(db, "planner", undefined, "planner"),
    admin: await token(db, "admin", undefined, "admin"),
    supplierA: await token(db, "supplier", "S1", "portal-s1"),
    supplierB: await token(db, "supplier", "S2", "portal-s2"),
  };
}

/** app.inject with a bearer token (or none). */
export function call(
  app: FastifyInstance,
  bearer: string | null,
  method: "GET" | "POST",
  url: string,
  payload?: unknown,
) {
  const opts: InjectOptions = {
    method,
    url,
    headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  };
  return app.inject(opts);
}

/** 2026-03-03 12:00 UTC: the tests' "now". */
export const NOW = () => new Date("2026-03-03T12:00:00Z");

/** The app and a token per caller of usePortalApp, renewed before each test. */
export interface PortalApp {
  app: FastifyInstance;
  tokens: Record<Caller, string | null>;
}

/**
 * For a route test file: before each test the portal world (seedPortal), then `seed` (more data), a
 * token per caller and the app at NOW; after each test the app is closed.
 */
export function usePortalApp(db: () => Db, seed?: () => Promise<void>): PortalApp {
  const api = {} as PortalApp;
  beforeEach(async () => {
    await seedPortal(db());
    await seed?.();
    api.tokens = await callerTokens(db());
    api.app = buildApp(db(), { now: NOW });
  });
  afterEach(async () => {
    await api.app.close();
  });
  return api;
}
