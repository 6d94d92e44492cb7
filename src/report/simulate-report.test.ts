import { describe, expect, it } from "vitest";
import { renderSimulateReport, type SimulateReportModel } from "./simulate-report.js";

const rec = {
  label: "(catalogue)",
  pattern: "all",
  target: 0.95,
  recommendedScale: 0.8,
  status: "cut",
  achieved: 0.96,
  fillRate: 0.96,
  inventoryValue: 900,
  fillRateAtOne: 0.97,
  inventoryValueAtOne: 1000,
  inventoryValueChange: -0.1,
  nextScale: 0.7,
  achievedAtNextScale: 0.94,
  skusBelowTarget: 1,
};

const model: SimulateReportModel = {
  title: "takt simulate",
  sources: ["sales.csv"],
  historyFirst: "2024-01-01",
  planLast: "2024-06-30",
  from: "2024-07-01",
  to: "2024-12-31",
  replayDays: 184,
  policy: "rq",
  settings: ["policy rq"],
  series: 1,
  skipped: 0,
  scales: [1, 0.8],
  totals: [1, 0.8].map((scale) => ({
    group: "all",
    scale,
    skus: 1,
    demand: 100,
    fillRate: scale === 1 ? 0.97 : 0.96,
    meanSkuFillRate: 0.97,
    skusBelowTarget: 0,
    stockoutDays: 1,
    inventoryValue: scale * 1000,
    turns: 5,
    daysOfInventory: 70,
    orders: 3,
    totalCost: 10,
  })),
  overall: [rec, { ...rec, label: "(each SKU at its recommended scale)", recommendedScale: null }],
  statusCounts: [{ status: "cut", count: 1 }],
  recommendations: [{ ...rec, label: "<b>X</b> @ S1" }],
  recommendationsNote: "All 1 series.",
  calibration: {
    tolerance: 0.02,
    counts: [{ status: "ok", count: 1 }],
    readiness: [{ verdict: "jit", before: 1, after: 1 }],
    flagged: [],
    flaggedTotal: 0,
  },
  traces: [
    {
      id: "X@S1",
      title: "</script><script>alert(1)</script>",
      start: 19905,
      rule: "r=5 Q=10",
      recommendedScale: 0.8,
      demand: [1, 2],
      net: [9, 7],
      onOrder: [0, 10],
      orders: [0, 10],
      receipts: [0, 0],
      netAtRecommended: [8, 6],
    },
  ],
};

describe("renderSimulateReport", () => {
  it("renders the charts, tables and traces self-contained, escaping names", () => {
    const html = renderSimulateReport(model);
    expect(html).toContain('id="tradeoff-chart"');
    expect(html).toContain('id="tradeoff-class-chart"');
    expect(html).toContain('id="trace-chart"');
    expect(html).toContain("×0.8");
    expect(html).toContain("&lt;b&gt;X&lt;/b&gt; @ S1");
    expect(html).not.toContain("<b>X</b>");
    // the trace title travels in the embedded JSON and the <select>: never as markup
    expect(html).not.toContain("</script><script>alert(1)");
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
