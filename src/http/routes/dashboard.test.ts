import { describe, expect, it } from "vitest";
import { call, usePortalApp } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { raiseAlert } from "../../db/alerts-store.js";
import { demandBand, kpiTiles, projectOnHand } from "./dashboard.js";
import { leadTimeHistogram } from "./dashboard-suppliers.js";

/**
 * The portal world (test/support/api-fixture.ts), today 2026-03-03: A at L1 received 70 and sold 15 on
 * 2026-03-02 (unit cost 4: on hand 55, value 220), B at L1 received 30 and sold 5 (no cost); PO-A (S1,
 * 4 A) and PO-B (S2, 10 B) open, due 2026-03-07; A's replenishment signal is open (position 59 ≤ 60).
 */
describe.each(dbTargets())("dashboard routes on $name", (target) => {
  const db = useTestDb(target);
  const api = usePortalApp(db);

  it("tells the caller who it is", async () => {
    const r = await call(api.app, api.tokens.supplierA, "GET", "/dashboard/me");
    expect(r.json()).toMatchObject({ ok: true, role: "supplier", supplier: "S1", today: "2026-03-03" });
    expect((await call(api.app, null, "GET", "/dashboard/me")).statusCode).toBe(401);
  });

  it("aggregates the overview in SQL: stock value, weekly series, open signals", async () => {
    const r = await call(api.app, api.tokens.viewer, "GET", "/dashboard/overview");
    expect(r.statusCode).toBe(200);
    const o = r.json();
    expect(o.asOf).toBe("2026-03-03");
    expect(o.positions).toBe(2);
    expect(o.inventoryValue).toBe(220);
    expect(o.weeks).toHaveLength(8);
    expect(o.weeks.at(-1)).toBe("2026-03-03");
    const tile = (key: string) => o.tiles.find((t: { key: string }) => t.key === key);
    // the week to 2026-03-03 ends at 220; the week before, before any receipt, at 0
    expect(tile("inventory_value").series.slice(-2)).toEqual([0, 220]);
    // demand value 15 × 4 = 60 in the week: DIO 220 ÷ (60 ÷ 7), turnover 60 × 52 ÷ 220
    expect(tile("dio").value).toBeCloseTo(220 / (60 / 7), 10);
    expect(tile("dio").light).toBe("green");
    expect(tile("turnover").value).toBeCloseTo((60 * 52) / 220, 10);
    expect(tile("demand").value).toBe(20);
    expect(tile("on_time").value).toBeNull();
    expect(o.openSignals).toEqual([{ kind: "replenishment", count: 1 }]);
    expect((await call(api.app, api.tokens.supplierA, "GET", "/dashboard/overview")).statusCode).toBe(403);
  });

  it("serves the work queue with ABC, supplier, value and reasons; filters and sorts", async () => {
    const r = await call(api.app, api.tokens.viewer, "GET", "/dashboard/queue");
    const items = r.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      sku: "A",
      location: "L1",
      tier: "replenishment",
      status: "open",
      supplier: "S1",
      abc: "A",
      onHand: 55,
    });
    expect(items[0].value).toBe(items[0].quantity * 4);
    expect(items[0].reasons.length).toBeGreaterThan(0);
    for (const q of ["abc=C", "tier=emergency", "supplier=S2", "location=L2", "status=approved"])
      expect((await call(api.app, api.tokens.viewer, "GET", `/dashboard/queue?${q}`)).json().items).toEqual(
        [],
      );
    expect(
      (await call(api.app, api.tokens.viewer, "GET", "/dashboard/queue?abc=A&supplier=S1")).json().items,
    ).toHaveLength(1);
    const bad = await call(api.app, api.tokens.viewer, "GET", "/dashboard/queue?sort=price");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toMatchObject({ field: "sort" });
  });

  it("lists escalations most severe and most escalated first, filtered, unresolved by default", async () => {
    const alert = (causeKey: string, severity: "warning" | "critical", level: number, supplier: string) =>
      raiseAlert(db(), {
        location: "L1",
        sku: "A",
        supplier,
        signalId: null,
        kind: "late_order",
        severity,
        causeKey,
        escalationLevel: level,
        message: `late ${causeKey}`,
        detail: {},
      });
    await alert("w", "warning", 0, "S1");
    await alert("c0", "critical", 0, "S1");
    await alert("c2", "critical", 2, "S2");
    await db().query("UPDATE alerts SET status = 'resolved', resolved_at = now() WHERE cause_key = 'w'");
    const r = await call(api.app, api.tokens.viewer, "GET", "/dashboard/alerts");
    expect(r.json().items.map((a: { message: string }) => a.message)).toEqual(["late c2", "late c0"]);
    expect(r.json().items[0]).toMatchObject({
      severity: "critical",
      status: "escalated",
      escalationLevel: 2,
    });
    const s2 = await call(api.app, api.tokens.viewer, "GET", "/dashboard/alerts?supplier=S1&status=resolved");
    expect(s2.json().items.map((a: { message: string }) => a.message)).toEqual(["late w"]);
    expect((await call(api.app, api.tokens.supplierA, "GET", "/dashboard/alerts")).statusCode).toBe(403);
  });

  it("finds SKU × locations and shows one with its history, policy and open orders", async () => {
    const s = await call(api.app, api.tokens.viewer, "GET", "/dashboard/skus?q=a");
    expect(s.json().items).toEqual([
      { sku: "A", name: "", location: "L1", onHand: 55, inventoryPosition: 59, openSignals: 1 },
    ]);
    const r = await call(api.app, api.tokens.viewer, "GET", "/dashboard/skus/L1/A");
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.position).toEqual({ onHand: 55, onOrder: 4, allocated: 0, inventoryPosition: 59 });
    expect(d.demand.units).toHaveLength(182);
    expect(d.demand.units.at(-2)).toBe(15); // 2026-03-02
    expect(d.demand.units.reduce((a: number, b: number) => a + b, 0)).toBe(15);
    expect(d.active).toMatchObject({ version: 1, reorderPoint: 60, orderQuantity: 100, safetyStock: 20 });
    expect(d.openLines).toEqual([
      { poNumber: "PO-A", lineNo: 1, supplier: "S1", open: 4, dueOn: "2026-03-07" },
    ]);
    // planning level 8 a day from the active policy; PO-A's 4 units arrive on 2026-03-07 (day 4)
    expect(d.forecast.level).toBe(8);
    expect(d.projection.start).toBe("2026-03-04");
    expect(d.projection.onHand.slice(0, 5)).toEqual([47, 39, 31, 27, 19]);
    expect(d.projection.onHand).toHaveLength(28);
    expect((await call(api.app, api.tokens.viewer, "GET", "/dashboard/skus/L2/A")).statusCode).toBe(404);
  });

  it("shows supplier scorecards; a supplier sees only itself, without panel shares", async () => {
    const all = (await call(api.app, api.tokens.viewer, "GET", "/dashboard/suppliers")).json();
    expect(all.suppliers.map((s: { supplier: string }) => s.supplier)).toEqual(["S1", "S2"]);
    expect(all.months).toHaveLength(6);
    expect(all.suppliers[0]).toMatchObject({ lanes: 1, singleSourced: 1, openLines: 1, lateOpenLines: 0 });
    expect(all.concentration).not.toBeNull();
    const own = (await call(api.app, api.tokens.supplierA, "GET", "/dashboard/suppliers")).json();
    expect(own.suppliers.map((s: { supplier: string }) => s.supplier)).toEqual(["S1"]);
    expect(own.concentration).toBeNull();
    expect((await call(api.app, api.tokens.supplierA, "GET", "/dashboard/suppliers/S2")).statusCode).toBe(
      404,
    );
    const one = await call(api.app, api.tokens.supplierA, "GET", "/dashboard/suppliers/S1");
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ supplier: "S1", openLines: 1, late: [] });
  });
});

describe("kpiTiles", () => {
  it("computes the change week over week and the lights from the core thresholds", () => {
    const week = (value: number, demandValue: number, receipts = 0, onTime = 0) => ({
      week: 0,
      endDay: 0,
      inventoryValue: value,
      demandUnits: demandValue,
      demandValue,
      stockoutsStarted: 0,
      receipts,
      receiptsOnTime: onTime,
    });
    const t = kpiTiles([week(1000, 70, 10, 9), week(800, 140, 4, 4)], 10);
    const dio = t.find((x) => x.key === "dio")!;
    expect(dio.series).toEqual([100, 40]);
    expect(dio.change).toBeCloseTo(-0.6, 12);
    expect(dio.light).toBe("yellow"); // 30 < 40 ≤ 45
    const onTime = t.find((x) => x.key === "on_time")!;
    expect(onTime.series).toEqual([0.9, 1]);
    expect(onTime.light).toBe("green");
  });
});

describe("projectOnHand and demandBand", () => {
  it("draws on hand down by the level and adds open lines on their due day (overdue on day 1)", () => {
    const lines = [
      { open: 10, dueDay: 98 },
      { open: 5, dueDay: 102 },
    ];
    expect(projectOnHand(20, 2, 4, lines, 100, 4)).toEqual([24, 25, 21, 17]);
  });
  it("gives level ± 1.2816 sample sd of the last days, floored at 0", () => {
    const b = demandBand([100, 2, 4, 6], 5, 3)!;
    expect(b.sd).toBe(2);
    expect(b.lower).toBeCloseTo(5 - 2.5632, 12);
    expect(b.upper).toBeCloseTo(5 + 2.5632, 12);
    expect(demandBand([0, 0, 9], 0.5)!.lower).toBe(0);
    expect(demandBand([1], 1)).toBeNull();
  });
});

describe("leadTimeHistogram", () => {
  it("bins whole days, one bin a day up to 40 bins", () => {
    expect(leadTimeHistogram([3, 5, 5, 4.5])).toEqual([
      { from: 3, to: 3, count: 1 },
      { from: 4, to: 4, count: 1 },
      { from: 5, to: 5, count: 2 },
    ]);
    const wide = leadTimeHistogram([0, 100]);
    expect(wide).toHaveLength(34);
    expect(wide[0]).toEqual({ from: 0, to: 2, count: 1 });
    expect(wide.at(-1)).toEqual({ from: 99, to: 101, count: 1 });
    expect(leadTimeHistogram([])).toEqual([]);
  });
});
