import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar.js";
import type { CustomerOrderLine, ForecastActual, InventorySnapshot } from "../core/kpi/records.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import type { EpochDay } from "../core/units.js";
import {
  analyzeOperations,
  lastCompleteWeekEnd,
  operationsAsOf,
  type SeriesFacts,
  seriesSupply,
  writeOperationsCsv,
} from "./operations.js";

const d = (iso: string) => parseIsoDate(iso)! as EpochDay;
const dir = mkdtempSync(join(tmpdir(), "takt-ops-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A received PO line: ordered `order`, promised `promised`, received `received` (ISO dates). */
function line(
  supplier: string,
  sku: string,
  order: string,
  promised: string,
  received: string | null,
  extra: Partial<PurchaseOrderLine> = {},
): PurchaseOrderLine {
  return {
    poId: `${sku}-${order}`,
    supplier,
    sku,
    location: "W",
    qtyOrdered: 10,
    unitCost: 2,
    orderDay: d(order),
    promisedDay: d(promised),
    asnDay: null,
    asnQty: null,
    receivedDay: received === null ? null : d(received),
    qtyReceived: received === null ? 0 : 10,
    qtyRejected: 0,
    mode: "Truck",
    freightCost: null,
    expedited: false,
    ...extra,
  };
}

// S1 delivers A three times (lead times 10, 12, 14 days; the last one 3 days late) and B once (20 days).
const PO: PurchaseOrderLine[] = [
  line("S1", "A", "2024-01-01", "2024-01-11", "2024-01-11"),
  line("S1", "A", "2024-02-01", "2024-02-13", "2024-02-13"),
  line("S1", "A", "2024-03-01", "2024-03-12", "2024-03-15"),
  line("S1", "B", "2024-02-10", "2024-03-01", "2024-03-01"),
  line("S2", "C", "2024-02-20", "2024-03-10", "2024-03-08"),
];

describe("operationsAsOf and week ends", () => {
  it("takes the last event day (not a promise) and the last complete ISO week", () => {
    const withPromise = [...PO, line("S2", "C", "2024-03-10", "2024-04-30", null)];
    expect(operationsAsOf({ purchaseLines: withPromise })).toBe(d("2024-03-15"));
    expect(operationsAsOf({})).toBeNull();
    // 2024-03-15 is a Friday: the last complete week ends Sunday 2024-03-10; a Sunday is its own end.
    expect(lastCompleteWeekEnd(d("2024-03-15"))).toBe(d("2024-03-10"));
    expect(lastCompleteWeekEnd(d("2024-03-17"))).toBe(d("2024-03-17"));
  });
});

describe("seriesSupply", () => {
  it("gives a series its own lead times when it has three, else its supplier's, with the supplier's record", () => {
    const out = seriesSupply(
      PO,
      [
        { sku: "A", location: "W" },
        { sku: "B", location: "W" },
        { sku: "Z", location: "W" },
      ],
      { asOf: d("2024-03-15"), supplierOf: (sku) => (sku === "Z" ? "S9" : null) },
    );
    expect(out[0]!.supplier).toBe("S1");
    expect(out[0]!.samplesScope).toBe("series");
    expect(Array.from(out[0]!.leadTimeSamples!)).toEqual([10, 12, 14]);
    // B has one receipt: all of S1's receipts in receipt order (B's on 1 Mar, A's third on 15 Mar).
    expect(out[1]!.samplesScope).toBe("supplier");
    expect(Array.from(out[1]!.leadTimeSamples!)).toEqual([10, 12, 20, 14]);
    // S1: 3 of 4 lines within −2…0 days of the promise; lead times 10, 12, 20, 14: mean 14,
    // sample sd = √((16 + 4 + 36 + 0) / 3) = √(56/3), CV = sd / 14.
    expect(out[0]!.supplierStats!.onTimeRate).toBeCloseTo(0.75, 12);
    expect(out[0]!.supplierStats!.leadTimeCv).toBeCloseTo(Math.sqrt(56 / 3) / 14, 12);
    expect(out[2]).toEqual({ supplier: "S9" });
  });
});

describe("analyzeOperations", () => {
  it("with PO lines only: scorecards, concentration and supplier KPIs; says what else it needs", () => {
    const a = analyzeOperations({ purchaseLines: PO });
    expect(a.asOf).toBe(d("2024-03-15"));
    expect(a.stockouts).toBeNull();
    expect(a.aging).toBeNull();
    expect(a.missing.join(" ")).toMatch(/inventory snapshots/);
    expect(a.missing.join(" ")).toMatch(/customer order lines/);
    const s = a.suppliers!;
    expect(s.window).toMatchObject({ start: d("2023-03-16"), end: d("2024-03-15") });
    expect(s.trailing.map((x) => [x.supplier, x.linesScored, x.onTimeRate])).toEqual([
      ["S1", 4, 0.75],
      ["S2", 1, 1],
    ]);
    // Complete months only: March 2024 is not over on the 15th, so the last month is February.
    expect(s.months.map((m) => m.key).slice(-2)).toEqual(["2024-01", "2024-02"]);
    expect(s.months).toHaveLength(12);
    // Spend (qty 10 × cost 2 per line): S1 80, S2 20 → HHI = 80² + 20² = 6 800.
    expect(a.concentration!.spendHhi).toBeCloseTo(6800, 9);
    // KPIs over the 8 complete weeks 2024-W03…W10 (the week of 11 Mar is not over on the 15th); weeks
    // with nothing due or received have no row: A due 13 Feb (W07), B 1 Mar (W09), C 10 Mar (W10).
    const weeks = a.kpis!.weeks;
    expect(weeks.map((w) => w.row.period.key)).toEqual(["2024-W07", "2024-W09", "2024-W10"]);
    const w9 = weeks.find((w) => w.row.period.key === "2024-W09")!; // 26 Feb – 3 Mar: B due 1 Mar, on time
    expect([w9.row.values.supplierLinesRated, w9.row.values.supplierOnTimeRate]).toEqual([1, 1]);
    expect(w9.lights.supplierOnTimeRate).toBe("green");
    expect(a.kpis!.notMeasured.join(" ")).toMatch(/customer orders/);
  });

  it("attributes snapshot stockouts with the plan's figures and ages stock from the demand history", () => {
    const snaps: InventorySnapshot[] = [];
    const snap = (sku: string, iso: string, onHand: number) =>
      snaps.push({ day: d(iso), sku, location: "W", onHand, unitCost: 5 });
    // A: out from 1 to 3 March 2024; D: out from 5 to 6 March 2024; E: stock that stopped selling.
    snap("A", "2024-02-20", 8);
    snap("A", "2024-03-01", 0);
    snap("A", "2024-03-04", 12);
    snap("D", "2024-02-20", 8);
    snap("D", "2024-03-05", 0);
    snap("D", "2024-03-07", 9);
    snap("E", "2024-03-15", 40);
    const start = d("2023-10-01");
    const days = d("2024-03-15") - start + 1;
    const daily = (f: (day: number) => number) => ({
      start,
      values: Float64Array.from({ length: days }, (_, i) => f(start + i)),
    });
    const facts: SeriesFacts[] = [
      // A: 5 days before 1 Mar sold 6 a day = 30 > forecast 2 × 5 + safety stock 3 = 13 → demand spike.
      {
        sku: "A",
        location: "W",
        leadTimeDays: 5,
        safetyStock: 3,
        reorderPoint: 13,
        meanDailyDemand: 2,
        demand: daily((x) => (x >= d("2024-02-25") ? 6 : 2)),
      },
      // D: demand as planned; its supplier line promised 4 Mar arrives 8 Mar → supplier late.
      {
        sku: "D",
        location: "W",
        leadTimeDays: 5,
        safetyStock: 3,
        reorderPoint: 13,
        meanDailyDemand: 2,
        demand: daily(() => 2),
      },
      // E: sold 7 on 1 Nov and 4 on 1 Dec 2023, nothing since (both before the 90-day usage window).
      {
        sku: "E",
        location: "W",
        leadTimeDays: 5,
        safetyStock: 0,
        reorderPoint: 0,
        meanDailyDemand: 0,
        demand: daily((x) => (x === d("2023-12-01") ? 4 : x === d("2023-11-01") ? 7 : 0)),
      },
    ];
    const po = [
      line("S1", "D", "2024-02-27", "2024-03-04", "2024-03-08"),
      line("S1", "E", "2023-12-01", "2023-12-10", "2023-12-10", { qtyOrdered: 60, qtyReceived: 60 }),
    ];
    const a = analyzeOperations(
      { purchaseLines: po, snapshots: snaps },
      { plan: facts, asOf: d("2024-03-15") },
    );
    const st = a.stockouts!;
    expect(st.source).toBe("snapshots");
    expect(st.episodes).toBe(2);
    const byS = new Map(st.attributions.map((x) => [x.episode.sku, x]));
    expect(byS.get("A")!.primary).toBe("demand-spike");
    expect(byS.get("A")!.evidence[0]!.figures).toMatchObject({ demand: 30, forecast: 10, buffer: 3 });
    expect(byS.get("D")!.primary).toBe("supplier-late");
    // One episode each: ties go to more stockout days (A: 1–3 Mar, 3 days; D: 5–6 Mar, 2 days).
    expect(st.pareto.map((p) => [p.cause, p.episodes, p.days, p.share, p.cumulativeShare])).toEqual([
      ["demand-spike", 1, 3, 0.5, 0.5],
      ["supplier-late", 1, 2, 0.5, 1],
    ]);
    // Aging of E: 40 on hand, received 60 on 10 Dec 2023 (96 days before 15 Mar → the 90+ bucket);
    // last consumption 1 Dec 2023, 31 + 31 + 29 + 14 = 105 days before 15 Mar: idle ≥ 90 → slow-moving;
    // nothing sold in the 90-day window → usage 0, cover infinite.
    const e = a.aging!.rows.find((r) => r.sku === "E")!;
    expect([e.idleDays, e.lastConsumptionDay, e.flag, e.averageDailyUsage]).toEqual([
      105,
      d("2023-12-01"),
      "slow-moving",
      0,
    ]);
    expect(e.buckets.map((b) => b.qty)).toEqual([0, 0, 0, 40]);
    // A sold every day up to as-of: idle 0 days, usage 6 a day over the window's last 20 days
    // (25 Feb – 15 Mar) and 2 a day over the 70 before: (20 × 6 + 70 × 2) / 90.
    const aRow = a.aging!.rows.find((r) => r.sku === "A")!;
    expect(aRow.idleDays).toBe(0);
    expect(aRow.averageDailyUsage).toBeCloseTo((20 * 6 + 70 * 2) / 90, 12);
    expect(a.missing).toEqual([]);
  });

  it("replays the reorder trigger in force (process) and compares it with the plan (threshold)", () => {
    const snaps: InventorySnapshot[] = [];
    const snap = (sku: string, iso: string, onHand: number) =>
      snaps.push({ day: d(iso), sku, location: "W", onHand, unitCost: 1 });
    const start = d("2024-01-01");
    const sales = { start, values: new Float64Array(d("2024-03-15") - start + 1).fill(5) };
    // Both sell 5 a day, lead time 5 days, forecast 5 a day + safety stock 5: no demand spike (the 5
    // days before either stockout sum to 25 ≤ 25 + 5).
    const fact = (sku: string, reorderPoint: number): SeriesFacts => ({
      sku,
      location: "W",
      leadTimeDays: 5,
      safetyStock: 5,
      reorderPoint,
      meanDailyDemand: 5,
      demand: sales,
    });
    // P: ROP in force 30 (= the plan's). Counted 60 on 20 Feb; rolled forward 55, 50, 45, 40, 35, 30 on
    // 21–26 Feb: the trigger fires on 26 Feb (26 Feb + 5 days ≤ 5 Mar, and ≥ 5 Mar − 10 days), but the
    // order goes out on 29 Feb, 3 days later (grace: the 1-day review period). Out on 5 Mar → process.
    snap("P", "2024-02-20", 60);
    snap("P", "2024-03-05", 0);
    snap("P", "2024-03-08", 40);
    // T: ROP in force 10, the plan's 25. Counted 40 on 20 Feb: 10 on 26 Feb, the trigger fires and the
    // order goes out that day, but 5 days of lead time outlast the 10 units: out on 28 Feb (the trigger
    // came too late for process; the line promised 2 Mar is outside the window) → threshold too low.
    snap("T", "2024-02-20", 40);
    snap("T", "2024-02-28", 0);
    snap("T", "2024-03-02", 45);
    // U: no reorder point in force → both checks say so.
    snap("U", "2024-02-20", 8);
    snap("U", "2024-03-01", 0);
    snap("U", "2024-03-04", 12);
    const po = [
      line("S1", "P", "2024-02-29", "2024-03-06", "2024-03-06", { qtyOrdered: 40, qtyReceived: 40 }),
      line("S1", "T", "2024-02-26", "2024-03-02", "2024-03-02", { qtyOrdered: 50, qtyReceived: 50 }),
    ];
    const inForce = new Map([
      ["P", { reorderPoint: 30, reviewPeriodDays: 1 }],
      ["T", { reorderPoint: 10, reviewPeriodDays: 0 }],
    ]);
    const a = analyzeOperations(
      { purchaseLines: po, snapshots: snaps },
      {
        plan: [fact("P", 30), fact("T", 25)],
        asOf: d("2024-03-15"),
        reorderInForce: (sku) => inForce.get(sku) ?? null,
      },
    );
    const st = a.stockouts!;
    const byS = new Map(st.attributions.map((x) => [x.episode.sku, x]));
    const p = byS.get("P")!;
    expect([p.episode.start, p.primary]).toEqual([d("2024-03-05"), "process"]);
    expect(p.evidence.map((e) => e.cause)).toEqual(["process"]);
    expect(p.evidence[0]!.figures).toEqual({
      triggerDay: d("2024-02-26"),
      graceDays: 1,
      nextOrderDay: d("2024-02-29"),
      daysUntilOrder: 3,
    });
    expect(p.notChecked).toEqual([]);
    const t = byS.get("T")!;
    expect([t.episode.start, t.primary]).toEqual([d("2024-02-28"), "threshold-too-low"]);
    expect(t.evidence.map((e) => [e.cause, e.figures])).toEqual([
      ["threshold-too-low", { reorderPointInForce: 10, reorderPointRecommended: 25, gap: 15 }],
    ]);
    expect(t.notChecked).toEqual([]);
    const u = byS.get("U")!;
    expect(u.primary).toBe("undetermined");
    expect(u.notChecked).toEqual([
      "process: no reorder point in force (items master reorder_point)",
      "demand-spike: no demand or forecast series",
      "threshold-too-low: no reorder point in force (items master reorder_point)",
    ]);
    expect(st.notChecked.map((c) => c.check)).toEqual(u.notChecked);
  });

  it("says which input the process check lacks", () => {
    const snaps: InventorySnapshot[] = [
      { day: d("2024-02-20"), sku: "A", location: "W", onHand: 5, unitCost: 1 },
      { day: d("2024-03-01"), sku: "A", location: "W", onHand: 0, unitCost: 1 },
    ];
    const inForce = () => ({ reorderPoint: 4, reviewPeriodDays: 7 });
    const noLines = analyzeOperations({ snapshots: snaps }, { reorderInForce: inForce });
    expect(noLines.stockouts!.attributions[0]!.notChecked).toEqual([
      "process: no purchase-order lines of the SKU × location",
      "demand-spike: no demand or forecast series",
      "threshold-too-low: no recommended reorder point (the plan needs a demand history)",
    ]);
    // From customer orders there are no snapshots to replay the position from.
    const orders: CustomerOrderLine[] = [
      {
        orderId: "1",
        day: d("2024-03-01"),
        sku: "A",
        location: "W",
        qty: 4,
        qtyShipped: 1,
        shipDay: d("2024-03-01"),
        promisedDay: null,
      },
    ];
    const fromOrders = analyzeOperations(
      { customerOrders: orders, purchaseLines: PO.filter((l) => l.sku === "A") },
      { reorderInForce: inForce },
    );
    expect(fromOrders.stockouts!.attributions[0]!.notChecked[0]).toBe(
      "process: no inventory snapshots to replay the trigger from",
    );
  });

  it("without records says what every section needs", () => {
    const a = analyzeOperations({});
    expect([a.asOf, a.suppliers, a.kpis, a.stockouts, a.aging]).toEqual([null, null, null, null, null]);
    expect(a.missing).toHaveLength(4);
    expect(a.missing[0]).toMatch(/Weekly KPIs need/);
  });
});

describe("writeOperationsCsv", () => {
  it("writes suppliers.csv (trailing, then months), kpis.csv with lights and kpis_by_group.csv", async () => {
    const a = analyzeOperations({ purchaseLines: PO });
    const files = await writeOperationsCsv(dir, a);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      "suppliers.csv",
      "kpis.csv",
      "kpis_by_group.csv",
    ]);
    const sup = readFileSync(files[0]!, "utf8").trim().split("\n");
    expect(sup[0]!.startsWith("supplier,period,start,end,lines_scored")).toBe(true);
    const s1 = sup[1]!.split(",");
    expect([s1[0], s1[1], s1[4], s1[8]]).toEqual(["S1", "T12M@2024-03-15", "4", "0.75"]);
    const kpis = readFileSync(files[1]!, "utf8").trim().split("\n");
    expect(kpis).toHaveLength(4); // header + weeks W07, W09, W10
    const head = kpis[0]!.split(",");
    const w9 = kpis.find((l) => l.startsWith("2024-W09"))!.split(",");
    expect(w9[head.indexOf("supplier_on_time_rate")]).toBe("1");
    expect(w9[head.indexOf("light_supplier_on_time_rate")]).toBe("green");
  });
});

describe("KPIs by group", () => {
  // As of Sunday 17 March 2024: the latest complete week is 2024-W11 (11–17 March).
  const asOf = d("2024-03-17");
  const co = (
    orderId: string,
    sku: string,
    location: string,
    qty: number,
    shipped: number,
    ship: string | null,
    promised = "2024-03-13",
  ): CustomerOrderLine => ({
    orderId,
    day: d("2024-03-11"),
    sku,
    location,
    qty,
    qtyShipped: shipped,
    shipDay: ship === null ? null : d(ship),
    promisedDay: d(promised),
  });
  const orders = [
    co("o1", "A", "W", 10, 10, "2024-03-13"), // on time in full
    co("o2", "A", "W", 10, 6, "2024-03-12"), // on time, short: 6 units filled, order not OTIF
    co("o3", "B", "W", 5, 5, "2024-03-15"), // in full but 2 days late: 0 units filled
    co("o4", "C", "V", 4, 4, "2024-03-13"),
    co("o5", "D", "V", 10, 10, "2024-03-13"),
    // Due 28 Feb (W09): nothing shipped. In the 4-week window only.
    { ...co("o0", "A", "W", 10, 0, null, "2024-02-28"), day: d("2024-02-27") },
  ];
  const po = [
    line("S1", "A", "2024-03-01", "2024-03-13", "2024-03-13"),
    { ...line("S2", "B", "2024-03-01", "2024-03-12", "2024-03-15") }, // 3 days late
    { ...line("S2", "C", "2024-03-01", "2024-03-14", "2024-03-14"), location: "V" },
    { ...line("S3", "D", "2024-03-01", "2024-03-15", "2024-03-15"), location: "V" },
  ];
  const items: Record<string, { category: string; supplier: string }> = {
    A: { category: "tools", supplier: "S1" },
    B: { category: "tools", supplier: "S2" },
    C: { category: "paint", supplier: "S2" },
    // D: not in the items master; its supplier comes from its PO lines (S3), its category is unknown.
  };
  const fact = (sku: string, location: string, abc: "A" | "B" | "C"): SeriesFacts => ({
    sku,
    location,
    abc,
    leadTimeDays: 7,
    safetyStock: 0,
    reorderPoint: 0,
    meanDailyDemand: 1,
  });
  const forecasts: ForecastActual[] = [
    { day: d("2024-03-12"), sku: "A", location: "W", actual: 10, forecast: 8 }, // APE 0.2
    { day: d("2024-03-12"), sku: "C", location: "V", actual: 4, forecast: 5 }, // APE 0.25
  ];
  const a = analyzeOperations(
    { customerOrders: orders, purchaseLines: po },
    {
      asOf,
      plan: [fact("A", "W", "A"), fact("B", "W", "B"), fact("C", "V", "C")],
      itemGroups: (sku) => items[sku] ?? {},
      forecasts,
    },
  );
  const g = a.kpis!.byGroup!;
  const get = (dimension: string, group: string, period = "2024-W11") =>
    g.rows.find((r) => r.dimension === dimension && r.group === group && r.period.key === period)!.values;

  it("has the latest week and the 4- and 8-week windows, every dimension", () => {
    expect(g.periods.map((p) => p.key)).toEqual(["2024-W11", "T4W@2024-03-17", "T8W@2024-03-17"]);
    expect(g.periods[1]).toMatchObject({ start: d("2024-02-19"), end: asOf });
    expect(g.focus.key).toBe("T4W@2024-03-17");
    expect(g.dimensions).toEqual(["sku", "category", "abc", "supplier", "location"]);
  });

  it("computes unit fill, order fulfilment, supplier on time and MAPE per group by hand", () => {
    // [unit fill, order fulfilment, supplier on time, MAPE] in 2024-W11.
    const kpis = (dim: string, group: string) => {
      const v = get(dim, group);
      return [v.unitFillRate, v.orderFulfilmentRate, v.supplierOnTimeRate, v.mape];
    };
    expect(kpis("sku", "A")).toEqual([16 / 20, 1 / 2, 1, 0.2]);
    expect(kpis("sku", "B")).toEqual([0, 0, 0, Number.NaN]);
    // tools = A + B: 16 of 25 units, 1 of 3 orders, 1 of 2 PO lines; paint = C.
    expect(kpis("category", "tools")).toEqual([16 / 25, 1 / 3, 1 / 2, 0.2]);
    expect(kpis("category", "paint")).toEqual([1, 1, 1, 0.25]);
    expect(kpis("category", "(none)")).toEqual([1, 1, 1, Number.NaN]); // D
    expect(kpis("abc", "A")).toEqual([0.8, 0.5, 1, 0.2]);
    expect(kpis("abc", "(none)")).toEqual([1, 1, 1, Number.NaN]); // D has no plan
    // S2 supplies B and C: 4 of 9 units, 1 of 2 orders, 1 of 2 lines; S3 from D's PO lines.
    expect(kpis("supplier", "S1")).toEqual([0.8, 0.5, 1, 0.2]);
    expect(kpis("supplier", "S2")).toEqual([4 / 9, 1 / 2, 1 / 2, 0.25]);
    expect(kpis("supplier", "S3")).toEqual([1, 1, 1, Number.NaN]);
    expect(kpis("location", "W")).toEqual([16 / 25, 1 / 3, 1 / 2, 0.2]);
    expect(kpis("location", "V")).toEqual([1, 1, 1, 0.25]);
    // Over 4 weeks A also has the 10 units due 28 Feb that never shipped.
    expect(get("sku", "A", "T4W@2024-03-17").unitFillRate).toBe(16 / 30);
    // The catalogue total's MAPE: (0.2 + 0.25) / 2.
    expect(a.kpis!.weeks.at(-1)!.row.values.mape).toBeCloseTo(0.225, 12);
    expect(a.kpis!.notMeasured.join(" ")).not.toMatch(/MAPE/);
  });

  it("lights each group and writes kpis_by_group.csv", async () => {
    const s2 = g.rows.find(
      (r) => r.dimension === "supplier" && r.group === "S2" && r.period.key === "2024-W11",
    )!;
    // Fill 44 % and orders 50 % red, supplier on time 50 % red; MAPE 25 % yellow.
    expect([s2.lights.unitFillRate, s2.lights.orderFulfilmentRate, s2.lights.supplierOnTimeRate]).toEqual([
      "red",
      "red",
      "red",
    ]);
    expect(s2.lights.mape).toBe("yellow");
    const out = mkdtempSync(join(dir, "groups-"));
    const files = await writeOperationsCsv(out, a);
    const csv = readFileSync(files.find((f) => f.endsWith("kpis_by_group.csv"))!, "utf8")
      .trim()
      .split("\n");
    const head = csv[0]!.split(",");
    expect(head.slice(0, 6)).toEqual(["dimension", "group", "period", "start", "end", "days"]);
    const row = csv.find((l) => l.startsWith("supplier,S2,2024-W11,"))!.split(",");
    expect(row[head.indexOf("start")]).toBe("2024-03-11");
    expect(Number(row[head.indexOf("unit_fill_rate")])).toBeCloseTo(4 / 9, 6);
    expect(row[head.indexOf("light_unit_fill_rate")]).toBe("red");
    expect(new Set(csv.slice(1).map((l) => l.split(",")[0]))).toEqual(
      new Set(["sku", "category", "abc", "supplier", "location"]),
    );
  });

  it("says MAPE needs a demand history when no forecasts are given, and leaves out unknown dimensions", () => {
    const b = analyzeOperations({ customerOrders: orders }, { asOf });
    expect(b.kpis!.weeks.at(-1)!.lights.mape).toBe("none");
    expect(b.kpis!.notMeasured.join(" ")).toMatch(/a demand history \(MAPE, WAPE/);
    // No items master, no plan, no PO lines: only SKU and location groups.
    expect(b.kpis!.byGroup!.dimensions).toEqual(["sku", "location"]);
  });
});
