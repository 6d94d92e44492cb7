import type { FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/db.js";
import { upsertSupplyLanes } from "../../src/db/master-data.js";
import { positionMismatches } from "../../src/db/positions.js";
import { buildApp } from "../../src/http/app.js";
import { call, NOW, token } from "../support/api-fixture.js";
import { dbTargets } from "../support/db-targets.js";
import { activate, ropPolicy, seedMasterData } from "../support/live-fixture.js";
import { prng } from "./crash-harness.js";

/**
 * Concurrency (issue 9): 8 writers at once through the HTTP API on the same three SKUs —
 * consumption, receipts (some against the purchase orders the approvals placed), adjustments,
 * transfers, approvals of whatever proposal is open, and the same event sent by two writers at the
 * same moment. On PostgreSQL these are truly concurrent transactions (a pool of 8 connections); on
 * PGlite they interleave on its one connection. A sampler reads positions against the ledger the
 * whole time. Afterwards: positions equal the ledger (per location and SKU, on hand and on order),
 * each event key is in the ledger once, no two open proposals for one trigger, each signal became at
 * most one purchase order, and every answer was 2xx or an expected 404/409/422 — never a 5xx.
 */
const SKUS = ["A", "B", "C"] as const;
const WRITERS = 8;
const OPS = 30;

async function world(db: Db): Promise<string> {
  await seedMasterData(db);
  await upsertSupplyLanes(
    db,
    SKUS.map((sku) => ({ location: "L1", sku, supplier: "S1", leadTimeDays: 4 })),
  );
  for (const sku of SKUS) await activate(db, ropPolicy("L1", sku));
  return token(db, "planner", undefined, "writer");
}

async function writer(app: FastifyInstance, bearer: string, w: number, statuses: number[]): Promise<void> {
  const rand = prng(1000 + w);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const send = async (body: Record<string, unknown>) => {
    const r = await call(app, bearer, "POST", "/events", {
      location: "L1",
      occurred_at: "2026-03-03",
      ...body,
    });
    statuses.push(r.statusCode);
    return r;
  };
  for (let i = 0; i < OPS; i++) {
    const sku = pick(SKUS);
    const roll = rand();
    if (roll < 0.35)
      await send({ key: `w${w}-${i}`, kind: "consumption", sku, qty: 1 + Math.floor(rand() * 15) });
    else if (roll < 0.5)
      await send({ key: `w${w}-${i}`, kind: "receipt", sku, qty: 10 + Math.floor(rand() * 40) });
    else if (roll < 0.6)
      await send({ key: `w${w}-${i}`, kind: "adjustment", sku, qty: Math.floor(rand() * 21) - 10 || 1 });
    else if (roll < 0.65)
      await send({
        key: `w${w}-${i}`,
        kind: "transfer",
        sku,
        qty: 1 + Math.floor(rand() * 5),
        to_location: "L2",
      });
    else if (roll < 0.75) {
      // the same event from two writers at once (w and its partner send key `dup-<pair>-<i>`)
      await send({ key: `dup-${w >> 1}-${i}`, kind: "consumption", sku: "A", qty: 2 });
    } else if (roll < 0.9) {
      const open = await call(app, bearer, "GET", "/signals?status=open&limit=50");
      statuses.push(open.statusCode);
      const orderable = (open.json().items as { signalId: number; kind: string }[]).filter(
        (s) => s.kind !== "review",
      );
      if (orderable.length > 0) {
        const r = await call(app, bearer, "POST", `/signals/${pick(orderable).signalId}/approve`, {});
        statuses.push(r.statusCode);
      }
    } else {
      // receive against an order an approval placed, when there is one
      const orders = await call(app, bearer, "GET", "/purchase-orders?limit=50");
      statuses.push(orders.statusCode);
      const list = orders.json().items as {
        poNumber?: string;
        po_number?: string;
        lines?: { sku: string }[];
      }[];
      const po = list.length > 0 ? pick(list) : undefined;
      const number = po?.poNumber ?? po?.po_number;
      const line = po?.lines?.[0];
      if (number !== undefined && line !== undefined)
        await send({ key: `w${w}-${i}`, kind: "receipt", sku: line.sku, qty: 5, reference: number });
    }
  }
}

describe.each(dbTargets())("8 concurrent writers on $name", (target) => {
  it("keep positions equal to the ledger, apply each event once and never open two proposals for one trigger", async () => {
    const t = await target.migrated();
    const app = buildApp(t.db, { now: NOW });
    try {
      const bearer = await world(t.db);
      const statuses: number[] = [];
      const samples: unknown[] = [];
      let running = true;
      const sampler = (async () => {
        while (running) {
          const m = await positionMismatches(t.db);
          if (m.length > 0) samples.push(m);
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(app, bearer, w, statuses)));
      running = false;
      await sampler;
      expect(samples).toEqual([]);
      expect(await positionMismatches(t.db)).toEqual([]);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s >= 400 && ![404, 409, 422].includes(s))).toEqual([]);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(WRITERS * 5);
      const q = async (sql: string) => (await t.db.query<Record<string, unknown>>(sql)).rows;
      expect(
        await q(
          "SELECT source, idempotency_key, count(*) FROM inventory_ledger GROUP BY 1, 2, location_id HAVING count(*) > 1",
        ),
      ).toEqual([]);
      // on hand and on order recomputed from the ledger and the orders
      expect(
        await q(`SELECT p.location_id, p.sku, p.on_hand, l.total FROM positions p
                 LEFT JOIN (SELECT location_id, sku, sum(qty) AS total FROM inventory_ledger GROUP BY 1, 2) l
                   USING (location_id, sku)
                 WHERE p.on_hand <> coalesce(l.total, 0)`),
      ).toEqual([]);
      expect(
        await q(`SELECT location_id, sku, kind, count(*) FROM signals WHERE status = 'open'
                 GROUP BY 1, 2, 3 HAVING count(*) > 1`),
      ).toEqual([]);
      expect(
        await q(`SELECT signal_id, count(*) FROM purchase_orders WHERE signal_id IS NOT NULL
                 GROUP BY 1 HAVING count(*) > 1`),
      ).toEqual([]);
      const approved = await q("SELECT count(*)::int AS n FROM signals WHERE status = 'approved'");
      const placed = await q("SELECT count(*)::int AS n FROM purchase_orders WHERE signal_id IS NOT NULL");
      expect(placed).toEqual(approved);
      expect(approved[0]!.n).toBeGreaterThan(0);
      expect(await q("SELECT 1 FROM inventory_ledger WHERE reference IS NOT NULL LIMIT 1")).toHaveLength(1);
      // each duplicated pair applied once: 2 units of A per distinct dup key
      const dups = await q(
        "SELECT count(*)::int AS n FROM inventory_ledger WHERE idempotency_key LIKE 'dup-%'",
      );
      const distinct = await q(
        "SELECT count(DISTINCT idempotency_key)::int AS n FROM inventory_ledger WHERE idempotency_key LIKE 'dup-%'",
      );
      expect(dups).toEqual(distinct);
    } finally {
      await app.close();
      await t.dispose();
    }
  }, 180_000);
});
