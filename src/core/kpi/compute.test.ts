import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../calendar.js";
import type { PurchaseOrderLine } from "../supplier/purchase-order.js";
import type { EpochDay } from "../units.js";
import { carryingCost, DEFAULT_CARRYING_COST } from "./carrying-cost.js";
import { computeKpis, DAYS_PER_MONTH, type KpiInputs, kpisByWeek, kpisTrailing } from "./compute.js";
import { mapeWape } from "./forecast-accuracy.js";
import { groupBySku, groupBySkuAttribute, groupBySupplier } from "./group-by.js";
import { periodOf } from "./period.js";
import type { CustomerOrderLine, InventorySnapshot } from "./records.js";
import { kpiLights } from "./traffic-light.js";
import { weekOverWeek } from "./week-over-week.js";

const b = epochDayFromParts(2024, 1, 1); // Monday of 2024-W01
const day = (n: number) => (b + n) as EpochDay;
const week1 = periodOf(b, "week");

function po(p: Partial<PurchaseOrderLine> & { poId: string }): PurchaseOrderLine {
  return {
    supplier: "S",
    sku: "a",
    location: "",
    qtyOrdered: 10,
    unitCost: 2,
    orderDay: null,
    promisedDay: null,
    asnDay: null,
    asnQty: null,
    receivedDay: null,
    qtyReceived: 0,
    qtyRejected: 0,
    mode: "Truck",
    freightCost: null,
    expedited: false,
    ...p,
  };
}

const snap = (n: number, sku: string, onHand: number, unitCost: number | null): InventorySnapshot => ({
  day: day(n),
  sku,
  location: "",
  onHand,
  unitCost,
});

const order = (
  orderId: string,
  n: number,
  sku: string,
  qty: number,
  qtyShipped: number,
  ship: number | null,
  promised: number | null,
): CustomerOrderLine => ({
  orderId,
  day: day(n),
  sku,
  qty,
  qtyShipped,
  shipDay: ship === null ? null : day(ship),
  promisedDay: promised === null ? null : day(promised),
});

/*
 * Week 2024-W01 (days 0–6), hand-worked:
 * inventory  a: on hand 10, 8, 0, 0, 5, 5, 5 at cost 2 → 20 + 16 + 0 + 0 + 10 + 10 + 10 = 66 → 66/7 a day;
 *            b: one snapshot on day 0, 4 units, no cost; lookup cost 10 → 40 a day for 7 days.
 *            average inventory value = 66/7 + 40 = 346/7 = 49.428571
 * COGS       a: 2·2 (d0) + 3·2 (d2) + 4·2 (d4) = 18; b: 1·10 (d1) = 10 → 28
 * turnover   28 ÷ 346/7 = 196/346 = 0.566474 a week; × 365/7 = 29.537572 a year
 * DIO        (346/7) ÷ 28 × 7 = 12.357143 days
 * orders     O1 (a on time; b shipped d1 against d0 → late) ✗, O2 (5 ordered, 3 shipped) ✗, O3 ✓ → 1/3
 * fill rate  units ordered 2 + 1 + 5 + 4 = 12; filled on time 2 + 0 + 3 + 4 = 9 → 0.75
 * supplier   P1 on time, P2 two days late, P3 overdue on d6 → 1/3
 * lead time  P1 11 days, P2 9 days → sample sd √2
 * stockouts  a out on days 2–3: 1 episode of 2 days; 2 SKUs × 7/30.4375 SKU-months → 30.4375/14 a SKU-month
 * carrying   23 % a year → 0.23 × 346/7 × 7/365 = 0.218027 for the week
 * forecast   a: actual 10, 0, 5; forecast 8, 2, 5 → MAPE (0.2 + 0)/2 = 0.1; WAPE (2 + 2 + 0)/15
 * freight    P2 expedited 200 of 250 → 0.8
 */
const inputs: KpiInputs = {
  snapshots: [...[10, 8, 0, 0, 5, 5, 5].map((q, i) => snap(i, "a", q, 2)), snap(0, "b", 4, null)],
  customerOrders: [
    order("O1", 0, "a", 2, 2, 0, 0),
    order("O1", 0, "b", 1, 1, 1, 0),
    order("O2", 2, "a", 5, 3, 2, 2),
    order("O3", 4, "a", 4, 4, 4, null),
    order("O4", 10, "a", 1, 1, 10, 10),
  ],
  purchaseLines: [
    po({
      poId: "P1",
      orderDay: day(-10),
      promisedDay: day(1),
      receivedDay: day(1),
      qtyReceived: 10,
      freightCost: 50,
    }),
    po({
      poId: "P2",
      sku: "b",
      orderDay: day(-5),
      promisedDay: day(2),
      receivedDay: day(4),
      qtyReceived: 10,
      freightCost: 200,
      expedited: true,
    }),
    po({ poId: "P3", supplier: "T", orderDay: day(-3), promisedDay: day(5) }),
  ],
  forecasts: [
    { day: day(0), sku: "a", location: "", actual: 10, forecast: 8 },
    { day: day(1), sku: "a", location: "", actual: 0, forecast: 2 },
    { day: day(2), sku: "a", location: "", actual: 5, forecast: 5 },
  ],
  unitCost: (sku) => (sku === "b" ? 10 : null),
};

describe("weekly KPIs, hand-worked week", () => {
  const k = computeKpis(inputs, week1, { asOf: day(6) }).get("all")!;

  it("values inventory with carried-forward snapshots and computes turnover and DIO", () => {
    expect(k.days).toBe(7);
    expect(k.averageInventoryValue).toBeCloseTo(346 / 7, 10);
    expect(k.cogs).toBeCloseTo(28, 10);
    expect(k.turnover).toBeCloseTo(196 / 346, 10);
    expect(k.turnoverAnnualised).toBeCloseTo(29.53757225433526, 8);
    expect(k.dio).toBeCloseTo(12.357142857142858, 10);
  });

  it("computes order fulfilment 1/3 and unit fill rate 9/12", () => {
    expect(k.orders).toBe(3);
    expect(k.ordersOnTimeInFull).toBe(1);
    expect(k.orderFulfilmentRate).toBeCloseTo(1 / 3, 12);
    expect(k.unitsOrdered).toBe(12);
    expect(k.unitsFilled).toBe(9);
    expect(k.unitFillRate).toBe(0.75);
  });

  it("computes supplier on time 1/3, lead-time sd √2 and emergency freight 200/250", () => {
    expect(k.supplierLinesRated).toBe(3);
    expect(k.supplierOnTimeRate).toBeCloseTo(1 / 3, 12);
    expect(k.leadTimeSamples).toBe(2);
    expect(k.leadTimeMeanDays).toBe(10);
    expect(k.leadTimeSdDays).toBeCloseTo(Math.SQRT2, 12);
    expect(k.emergencyFreight).toBe(200);
    expect(k.totalFreight).toBe(250);
    expect(k.emergencyFreightShare).toBeCloseTo(0.8, 12);
  });

  it("claims no emergency-freight share when no line says whether it was expedited", () => {
    const unknown = {
      ...inputs,
      purchaseLines: inputs.purchaseLines.map((l) => ({ ...l, expedited: null })),
    };
    const u = computeKpis(unknown, week1, { asOf: day(6) }).get("all")!;
    expect(u.totalFreight).toBe(250);
    expect(u.emergencyFreightShare).toBeNaN();
  });

  it("computes stockout frequency per SKU-month and mean duration", () => {
    expect(k.stockoutEpisodes).toBe(1);
    expect(k.skuLocations).toBe(2);
    expect(k.stockoutFrequency).toBeCloseTo(DAYS_PER_MONTH / 14, 12);
    expect(k.stockoutFrequency).toBeCloseTo(2.174107142857143, 12);
    expect(k.stockoutMeanDurationDays).toBe(2);
  });

  it("computes carrying cost and forecast MAPE / WAPE", () => {
    expect(k.carryingCostPct).toBeCloseTo(0.23, 12);
    expect(k.carryingCost).toBeCloseTo((0.23 * (346 / 7) * 7) / 365, 12);
    expect(k.forecastPoints).toBe(3);
    expect(k.mape).toBeCloseTo(0.1, 12);
    expect(k.wape).toBeCloseTo(4 / 15, 12);
  });

  it("lights the week: fill rate red, MAPE green, WAPE yellow, turnover green", () => {
    const l = kpiLights(k);
    expect(l.unitFillRate).toBe("red");
    expect(l.mape).toBe("green");
    expect(l.wape).toBe("yellow");
    expect(l.turnoverAnnualised).toBe("green");
    expect(l.dio).toBe("green");
    expect(l.carryingCostPct).toBe("green");
  });
});

describe("grouping", () => {
  it("splits by SKU", () => {
    const g = computeKpis(inputs, week1, { asOf: day(6), groupBy: groupBySku });
    expect([...g.keys()]).toEqual(["a", "b"]);
    const a = g.get("a")!;
    expect(a.averageInventoryValue).toBeCloseTo(66 / 7, 10);
    expect(a.cogs).toBe(18);
    expect(a.orders).toBe(3); // O1's a line, O2, O3
    expect(a.ordersOnTimeInFull).toBe(2); // O1 (a line only) and O3
    expect(g.get("b")!.averageInventoryValue).toBeCloseTo(40, 10);
    expect(g.get("b")!.orderFulfilmentRate).toBe(0);
    expect(g.get("b")!.stockoutEpisodes).toBe(0);
  });

  it("splits by supplier: a purchase line's own supplier, else the items master's", () => {
    const g = computeKpis(inputs, week1, {
      asOf: day(6),
      groupBy: groupBySupplier(
        new Map([
          ["a", "S"],
          ["b", "S"],
        ]),
      ),
    });
    expect(g.get("S")!.supplierOnTimeRate).toBeCloseTo(0.5, 12);
    expect(g.get("T")!.supplierOnTimeRate).toBe(0);
    expect(g.get("T")!.supplierLinesRated).toBe(1);
    expect(g.get("S")!.cogs).toBe(28);
  });

  it("splits by a SKU attribute (category, ABC class) and leaves unmapped SKUs out", () => {
    const g = computeKpis(inputs, week1, {
      asOf: day(6),
      groupBy: groupBySkuAttribute(new Map([["a", "A"]])),
    });
    expect([...g.keys()]).toEqual(["A"]);
    expect(g.get("A")!.cogs).toBe(18);
  });

  it("allocates a money-a-year carrying component pro rata to inventory value", () => {
    // capital 10 % on value; storage 1 000 a year shared by value; insurance 2 %; obsolescence 5 %.
    const comp = { ...DEFAULT_CARRYING_COST, storage: { amountPerYear: 1000 } };
    // group value 100 of 400, one year: 0.10·100 + 1000·100/400 + 0.02·100 + 0.05·100 = 267 → 267 %.
    const c = carryingCost(comp, 100, 400, 365);
    expect(c.cost).toBeCloseTo(267, 10);
    expect(c.annualPct).toBeCloseTo(2.67, 12);
    const half = carryingCost(comp, 100, 400, 73); // a fifth of a year
    expect(half.cost).toBeCloseTo(267 / 5, 10);
    expect(Number.isNaN(carryingCost(comp, 0, 400, 7).annualPct)).toBe(true);
  });
});

describe("series of weeks, trailing windows and week-over-week change", () => {
  it("computes W02 and compares it with W01", () => {
    // W02 (days 7–13), asOf 13: a carried forward at 5 units (10 a day), b 40 a day → average 50;
    // O4 on time and in full → fulfilment 1; no stockout starts → frequency 0.
    const rows = kpisByWeek(inputs, b, day(13), { asOf: day(13) });
    expect(rows.map((r) => r.period.key)).toEqual(["2024-W01", "2024-W02"]);
    const w2 = rows[1]!.values;
    expect(w2.averageInventoryValue).toBeCloseTo(50, 10);
    expect(w2.cogs).toBe(2);
    expect(w2.orderFulfilmentRate).toBe(1);
    expect(w2.stockoutFrequency).toBe(0);
    const wow = weekOverWeek(rows);
    expect(wow[0]!.previous).toBeNull();
    expect(wow[0]!.changes.orderFulfilmentRate.trend).toBe("n/a");
    const c = wow[1]!.changes;
    expect(c.orderFulfilmentRate.delta).toBeCloseTo(2 / 3, 12);
    expect(c.orderFulfilmentRate.relative).toBeCloseTo(2, 12);
    expect(c.orderFulfilmentRate.trend).toBe("improved");
    expect(c.stockoutFrequency.delta).toBeCloseTo(-DAYS_PER_MONTH / 14, 12);
    expect(c.stockoutFrequency.trend).toBe("improved"); // lower is better
    expect(c.carryingCostPct.trend).toBe("unchanged");
    // DIO W02 = 50/2·7 = 175 against 12.36 in W01: worse.
    expect(c.dio.current).toBeCloseTo(175, 10);
    expect(c.dio.trend).toBe("worsened");
  });

  it("a trailing 7-day window as of Sunday equals the ISO week", () => {
    const [t] = kpisTrailing(inputs, { days: 7 }, { asOf: day(6) });
    const w = computeKpis(inputs, week1, { asOf: day(6) }).get("all")!;
    expect(t!.period.key).toBe("T7D@2024-01-07");
    expect(t!.values).toEqual(w);
  });

  it("cuts a period at asOf", () => {
    // Asked on Wednesday (day 2): days 0–2 only, a = 20 + 16 + 0, b = 3 × 40 → 156/3 = 52.
    const k = computeKpis(inputs, week1, { asOf: day(2) }).get("all")!;
    expect(k.days).toBe(3);
    expect(k.averageInventoryValue).toBeCloseTo(52, 10);
    expect(k.stockoutEpisodes).toBe(1);
    expect(k.stockoutMeanDurationDays).toBe(1); // still out on day 2, observed for one day
  });
});

describe("MAPE and WAPE", () => {
  it("leaves zero actuals out of MAPE but not out of WAPE", () => {
    // |A − F|: 2, 2, 0, 3; MAPE = (2/10 + 0/5 + 3/6)/3 = 0.7/3; WAPE = 7/21.
    const r = mapeWape([10, 0, 5, 6], [8, 2, 5, 3]);
    expect(r.mape).toBeCloseTo(0.7 / 3, 12);
    expect(r.wape).toBeCloseTo(1 / 3, 12);
    expect(Number.isNaN(mapeWape([0, 0], [1, 1]).mape)).toBe(true);
  });
});
