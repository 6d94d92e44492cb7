import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { count } from "../../../test/support/live-fixture.js";
import { trailingMonths } from "../../core/kpi/period.js";
import type { PurchaseOrderLine } from "../../core/supplier/purchase-order.js";
import { scoreSuppliers } from "../../core/supplier/scorecard.js";
import type { EpochDay } from "../../core/units.js";
import { positionMismatches } from "../../db/positions.js";
import { demoCompany, demoState, isEmpty, loadDemo, playDemoDay } from "./live-demo.js";
import { supplierScorecard } from "./supplier-portal.js";

describe.each(dbTargets())("live demo on $name", (target) => {
  const db = useTestDb(target);
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "takt-demo-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads a demo company into an empty database, plans it, and replays days through the event path", {
    timeout: 120_000,
  }, async () => {
    expect(await isEmpty(db())).toBe(true);
    const d = await loadDemo(db(), { dir, skus: 12, locations: 2, historyDays: 120, futureDays: 20 });
    expect(await isEmpty(db())).toBe(false);
    expect(d.historyLines).toBeGreaterThan(500);
    expect(d.plan.activated).toBeGreaterThan(10);
    expect(await count(db(), "SELECT 1 FROM policies WHERE status = 'active'")).toBe(d.plan.activated);
    expect(await count(db(), "SELECT 1 FROM suppliers")).toBeGreaterThanOrEqual(2);
    expect(await positionMismatches(db())).toEqual([]);
    const state = await demoState(db());
    expect(state).toMatchObject({ skus: 12, locations: 2, today: d.state.split });

    const company = demoCompany(state!);
    let events = 0;
    let signalChanges = d.plan.signals.length;
    for (let i = 0; i < 5; i++) {
      const r = await playDemoDay(db(), company, (state!.split + i) as EpochDay);
      events += r.batch?.applied ?? 0;
      signalChanges += r.batch?.events.flatMap((e) => e.signals).length ?? 0;
    }
    expect(events).toBeGreaterThan(20);
    expect(signalChanges).toBeGreaterThan(0);
    expect(await positionMismatches(db())).toEqual([]);
    // A day played twice (a restart mid-day) changes nothing.
    const ledger = await count(db(), "SELECT 1 FROM inventory_ledger");
    const replay = await playDemoDay(db(), company, (state!.split + 4) as EpochDay);
    expect(replay.batch?.applied ?? 0).toBe(0);
    expect(await count(db(), "SELECT 1 FROM inventory_ledger")).toBe(ledger);

    // Part of the company orders automatically: the rest of the replay places orders by itself, each
    // counted in its day, and they arrive on their due day.
    expect(d.automatic).toBeGreaterThan(0);
    expect(
      await count(db(), "SELECT 1 FROM policies WHERE status = 'active' AND ordering_mode = 'automatic'"),
    ).toBe(d.automatic);
    let autoOrders = replay.autoOrders;
    for (let i = 5; i < 20; i++)
      autoOrders += (await playDemoDay(db(), company, (state!.split + i) as EpochDay)).autoOrders;
    expect(autoOrders).toBeGreaterThan(0);
    expect(await count(db(), "SELECT 1 FROM purchase_orders WHERE placed_by = 'system:auto-order'")).toBe(
      autoOrders,
    );
    // Units rejected at inspection, like a short shipment, are not replaced in the demo: the buyer
    // closes the rest, so no order that has received a delivery stays open (and late) for ever.
    expect(
      await count(
        db(),
        `SELECT 1 FROM purchase_orders o WHERE o.status = 'open' AND EXISTS (
           SELECT 1 FROM receipts r WHERE r.location_id = o.location_id AND r.po_number = o.po_number)`,
      ),
    ).toBe(0);
    expect(await positionMismatches(db())).toEqual([]);
  });

  it("stores the past year's purchase orders, ASNs, receipts and customer orders, each receipt counted once", {
    timeout: 120_000,
  }, async () => {
    const d = await loadDemo(db(), { dir, skus: 12, locations: 2, historyDays: 120, futureDays: 20 });
    const split = d.state.split;
    const company = demoCompany(d.state);
    // A delivery rejected in full is no receipt (a receipt accepts units > 0): the live system has no such line.
    const rejectedInFull = (p: (typeof company.purchaseOrders)[number]) =>
      p.receivedDay !== null && p.receivedDay < split && p.qtyReceived > 0 && p.qtyReceived <= p.qtyRejected;
    const past = company.purchaseOrders.filter(
      (p) => p.receivedDay !== null && p.receivedDay < split && p.qtyReceived - p.qtyRejected > 0,
    );
    expect(past.filter((p) => p.qtyRejected > 0).length).toBeGreaterThan(0);
    expect(past.length).toBeGreaterThan(30);
    expect(d.pastOrders).toBe(past.length);
    expect(d.pastReceipts).toBe(past.length);
    // The ledger's on hand equals the positions, and on order is only what the open orders still expect.
    expect(await positionMismatches(db())).toEqual([]);
    const onOrder = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM positions p
       WHERE p.on_order <> (SELECT coalesce(sum(l.qty_ordered - l.qty_received), 0) FROM purchase_order_lines l
         JOIN purchase_orders o ON o.location_id = l.location_id AND o.po_number = l.po_number
         WHERE o.status = 'open' AND l.location_id = p.location_id AND l.sku = p.sku)`,
    );
    expect(onOrder.rows[0]!.n).toBe(0);
    expect(await count(db(), "SELECT 1 FROM purchase_orders WHERE status = 'closed'")).toBe(past.length);
    // Each ledger receipt of the history has exactly one receipts row, on its order's line, same units.
    const receipts = await db().query<{
      entries: number;
      rows: number;
      units: number;
      rejected: number;
      bad: number;
    }>(
      `SELECT count(DISTINCT g.entry_id)::int AS entries, count(r.receipt_id)::int AS rows,
         coalesce(sum(r.qty), 0)::float8 AS units, coalesce(sum(r.rejected_qty), 0)::float8 AS rejected,
         count(*) FILTER (WHERE r.qty IS DISTINCT FROM g.qty OR r.po_number IS DISTINCT FROM g.reference)::int AS bad
       FROM inventory_ledger g LEFT JOIN receipts r ON r.location_id = g.location_id AND r.entry_id = g.entry_id
       WHERE g.kind = 'receipt'`,
    );
    expect(receipts.rows[0]).toEqual({
      entries: past.length,
      rows: past.length,
      units: past.reduce((a, p) => a + p.qtyReceived - p.qtyRejected, 0),
      rejected: past.reduce((a, p) => a + p.qtyRejected, 0),
      bad: 0,
    });
    expect(
      await count(
        db(),
        `SELECT 1 FROM purchase_order_lines l WHERE l.qty_received <> (SELECT coalesce(sum(r.qty), 0) FROM receipts r
           WHERE r.location_id = l.location_id AND r.po_number = l.po_number AND r.line_no = l.line_no)`,
      ),
    ).toBe(0);
    // Rejected units are recorded on the receipts (above), never put in stock nor scrapped against the order.
    expect(
      await count(db(), "SELECT 1 FROM inventory_ledger WHERE kind = 'scrap' AND reference IS NOT NULL"),
    ).toBe(0);
    // Scorecards from the stored lines equal the core's scorecards of the company's own records as of the split.
    const asOf = split as EpochDay;
    const own: PurchaseOrderLine[] = company.purchaseOrders
      .filter((p) => p.orderDay !== null && p.orderDay < split && !rejectedInFull(p))
      .map((p) => {
        const received = p.receivedDay !== null && p.receivedDay < split;
        const sent =
          p.asnDay === null ? null : Math.max(p.orderDay!, p.asnDay - Math.round(asnNotice(p.supplier)));
        const asn = sent !== null && (received ? sent < p.receivedDay! : sent <= split);
        return {
          ...p,
          qtyReceived: received ? p.qtyReceived : 0,
          receivedDay: received ? p.receivedDay : null,
          qtyRejected: received ? p.qtyRejected : null,
          asnDay: asn ? p.asnDay : null,
          asnQty: asn ? (p.asnQty ?? p.qtyOrdered) : null,
        };
      });
    function asnNotice(supplier: string): number {
      return company.suppliers.find((s) => s.supplier === supplier)!.behaviour.asnNoticeDays;
    }
    const expected = scoreSuppliers(own, trailingMonths(asOf, 12), { asOf });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    for (const e of expected) {
      const got = await supplierScorecard(db(), e.supplier, { asOf });
      expect(got).not.toBeNull();
      const pick = (s: typeof e) => ({
        linesScored: s.linesScored,
        linesReceived: s.linesReceived,
        linesOverdue: s.linesOverdue,
        onTimeRate: s.onTimeRate,
        inFullRate: s.inFullRate,
        leadTimeMean: s.leadTime.mean,
        unitsReceived: s.unitsReceived,
        unitsRejected: s.unitsRejected,
        rejectionRate: s.rejectionRate,
        ppm: s.ppm,
        asnLines: s.asnLines,
        asnAccuracy: s.asnAccuracy,
      });
      expect(pick(got!)).toEqual(pick(e));
      expect(got!.linesReceived).toBe(
        past.filter(
          (p) =>
            p.supplier === e.supplier && p.promisedDay! >= e.period.start && p.promisedDay! <= e.period.end,
        ).length,
      );
    }
    // Stockout episodes: the ones trackStockout keeps when the lines are applied one by one in entry order.
    const ledger = await db().query<{ location_id: string; sku: string; entry_id: number; after: number }>(
      `SELECT location_id, sku, entry_id::int, on_hand_after::float8 AS after FROM inventory_ledger
       WHERE source = 'demo-history' ORDER BY location_id, sku, entry_id`,
    );
    const walked: [number, number | null][] = [];
    const onHand = new Map<string, number>();
    const open = new Map<string, number>();
    for (const x of ledger.rows) {
      const k = `${x.location_id}/${x.sku}`;
      const before = onHand.get(k) ?? 0;
      onHand.set(k, x.after);
      if (before > 0 && x.after <= 0) {
        open.set(k, walked.length);
        walked.push([x.entry_id, null]);
      } else if (before <= 0 && x.after > 0 && open.has(k)) {
        walked[open.get(k)!]![1] = x.entry_id;
        open.delete(k);
      }
    }
    expect(walked.length).toBeGreaterThan(0);
    expect(d.stockouts).toBe(walked.length);
    const episodes = await db().query<{ s: number; e: number | null }>(
      "SELECT started_entry_id::int AS s, ended_entry_id::int AS e FROM stockout_episodes ORDER BY started_entry_id",
    );
    expect(episodes.rows.map((x) => [x.s, x.e])).toEqual(walked.sort((a, b) => a[0] - b[0]));
    // The shop's customer orders of the last 28 days: every line, its units shipped are the shop's sales.
    const shop = company.customerOrders.filter((o) => o.day < split);
    expect(shop.length).toBeGreaterThan(50);
    expect(Math.min(...shop.map((o) => o.day))).toBe(split - 28);
    const stored = await db().query<{ n: number; ordered: number; shipped: number }>(
      `SELECT count(*)::int AS n, sum(qty_ordered)::float8 AS ordered, sum(qty_shipped)::float8 AS shipped
       FROM customer_orders`,
    );
    expect(stored.rows[0]).toEqual({
      n: shop.length,
      ordered: shop.reduce((a, o) => a + o.qty, 0),
      shipped: shop.reduce((a, o) => a + o.qtyShipped, 0),
    });
    const sold = await db().query<{ units: number }>(
      `SELECT coalesce(-sum(qty), 0)::float8 AS units FROM inventory_ledger
       WHERE kind = 'sale' AND location_id = $1 AND occurred_at >= $2`,
      [
        company.locations[0]!.location,
        `${new Date((split - 28) * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`,
      ],
    );
    expect(sold.rows[0]!.units).toBe(stored.rows[0]!.shipped);
    // The replay stores each day's orders once.
    const today = company.customerOrders.filter((o) => o.day === split).length;
    await playDemoDay(db(), company, split as EpochDay);
    await playDemoDay(db(), company, split as EpochDay);
    expect(await count(db(), "SELECT 1 FROM customer_orders")).toBe(shop.length + today);
  });
});
