import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar.js";
import { computeKpis, kpisByWeek } from "../core/kpi/compute.js";
import { groupBySupplier } from "../core/kpi/group-by.js";
import { playbooksFor } from "../core/kpi/playbooks.js";
import { kpiLights } from "../core/kpi/traffic-light.js";
import { weekOverWeek } from "../core/kpi/week-over-week.js";
import { concentrationReport } from "../core/supplier/concentration.js";
import { leadTimeStats } from "../core/supplier/lead-time-stats.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import { leadTimeSamples, supplierScorecard } from "../core/supplier/scorecard.js";
import type { EpochDay } from "../core/units.js";
import {
  type OperationsReportModel,
  renderOperationsReport,
  renderOperationsSections,
} from "./operations-report.js";

const d = (iso: string) => parseIsoDate(iso)! as EpochDay;

const po = (supplier: string, promised: string, received: string): PurchaseOrderLine => ({
  poId: `P-${supplier}-${promised}`,
  supplier,
  sku: supplier === "Late Ltd" ? "B" : "A<&>",
  location: "",
  qtyOrdered: 5,
  unitCost: 3,
  orderDay: (d(promised) - 10) as EpochDay,
  promisedDay: d(promised),
  asnDay: null,
  asnQty: null,
  receivedDay: d(received),
  qtyReceived: 5,
  qtyRejected: 0,
  mode: "Air",
  freightCost: null,
  expedited: false,
});

const LINES = [
  po("Good & Co", "2024-02-05", "2024-02-05"),
  po("Good & Co", "2024-02-19", "2024-02-18"),
  po("Late Ltd", "2024-02-07", "2024-02-12"),
  po("Late Ltd", "2024-02-20", "2024-02-26"),
];
const asOf = d("2024-03-03");

function model(): OperationsReportModel {
  const card = supplierScorecard(LINES, { asOf, kind: "month", from: d("2024-02-01"), to: d("2024-02-29") });
  const rows = kpisByWeek(
    { snapshots: [], customerOrders: [], purchaseLines: LINES },
    d("2024-02-05"),
    d("2024-03-03"),
    { asOf },
  );
  const changes = weekOverWeek(rows);
  const weeks = rows.map((row, i) => ({ row, lights: kpiLights(row.values), change: changes[i]! }));
  const lt = leadTimeSamples(LINES, { asOf });
  const focus = { key: "T4W@2024-03-03", start: d("2024-02-05"), end: asOf };
  const byGroup = [
    ...computeKpis({ snapshots: [], customerOrders: [], purchaseLines: LINES }, focus, {
      asOf,
      groupBy: groupBySupplier(),
    }),
  ].map(([group, values]) => {
    const lights = kpiLights(values);
    const reds = Object.values(lights).filter((l) => l === "red").length;
    return { dimension: "supplier" as const, group, period: focus, values, lights, reds };
  });
  return {
    asOf,
    missing: ["Aging needs inventory snapshots (date, sku, location, on_hand, unit_cost)."],
    suppliers: {
      window: { key: "T12M", start: d("2023-03-04"), end: asOf },
      trailing: [...card.trailing.values()],
      months: card.periods,
      monthly: card.bySupplier,
      escalation: card.escalation,
      leadTimeByMode: [...lt.bySupplierMode].flatMap(([supplier, m]) =>
        [...m].map(([mode, s]) => ({ supplier, mode, stats: leadTimeStats(s) })),
      ),
    },
    concentration: concentrationReport(LINES, () => true),
    kpis: {
      weeks,
      byGroup: { periods: [focus], focus, dimensions: ["supplier"], rows: byGroup },
      // The week of 19 Feb holds Late Ltd's line due on the 20th, 6 days late: supplier on time red.
      playbooks: playbooksFor(weeks.find((w) => w.row.period.key === "2024-W08")!.lights).map((p) => ({
        ...p,
        level: "red" as const,
      })),
      notMeasured: ["customer orders (COGS, order fulfilment, unit fill rate)"],
    },
    stockouts: null,
    aging: null,
  };
}

describe("renderOperationsSections", () => {
  it("shows every supplier with its rates, lights and escalation, escaped", () => {
    const html = renderOperationsSections(model());
    // Good & Co: 2 of 2 on time; Late Ltd: 0 of 2 (5 and 6 days late) → red.
    expect(html).toContain("Good &amp; Co");
    expect(html).not.toContain("Good & Co");
    expect(html).toMatch(
      /<td>Late Ltd<\/td><td>2<\/td><td>2<\/td><td>0<\/td><td>0<\/td><td class="l-red">0\.0 %<\/td>/,
    );
    expect(html).toMatch(
      /<td>Good &amp; Co<\/td><td>2<\/td><td>2<\/td><td>0<\/td><td>0<\/td><td class="l-green">100\.0 %<\/td>/,
    );
    // HHI of two equal spends = 2 × 50² = 5 000.
    expect(html).toContain("Spend HHI <b>5,000</b> (highly-concentrated)");
    expect(html).toContain("A&lt;&amp;&gt;");
    expect(html).toMatch(/Supplier delivery is degrading/);
  });

  it("tables the KPIs by supplier over the focus window, most red KPIs first", () => {
    const html = renderOperationsSections(model());
    expect(html).toContain("<h3>By supplier: 2024-02-05 to 2024-03-03</h3>");
    // Late Ltd: both lines late (supplier on time 0 %, red) comes before Good &amp; Co (100 %, green).
    const late = html.indexOf('<tr><td>Late Ltd</td><td class="bg-red">0.0 %</td>');
    const good = html.indexOf('<tr><td>Good &amp; Co</td><td class="bg-green">100.0 %</td>');
    expect(late).toBeGreaterThan(0);
    expect(good).toBeGreaterThan(late);
  });

  it("says what each missing section needs", () => {
    const html = renderOperationsSections(model());
    expect(html).toMatch(/<section id="stockouts">.*Not shown: no snapshots or customer orders\./s);
    expect(html).toMatch(/<section id="aging">.*Not shown: Aging needs inventory snapshots/s);
    const empty = renderOperationsSections({
      asOf: null,
      missing: [
        "Weekly KPIs need purchase-order lines, inventory snapshots or customer orders.",
        "Supplier scorecards and concentration need purchase-order lines (supplier, sku, qty_ordered, order / promised / received dates).",
      ],
      suppliers: null,
      concentration: null,
      kpis: null,
      stockouts: null,
      aging: null,
    });
    expect(empty).toMatch(
      /<section id="suppliers">.*Not shown: Supplier scorecards and concentration need purchase-order lines/s,
    );
    expect(empty).toMatch(/<section id="kpis">.*Not shown: Weekly KPIs need/s);
  });

  it("renders a self-contained page for runs without demand", () => {
    const page = renderOperationsReport(model(), { title: "ops", sources: ["po.csv"] });
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain("need a demand history");
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });
});
