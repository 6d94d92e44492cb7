import { describe, expect, it } from "vitest";

// The package's own entry (package.json "exports" → dist/index.js, built by `npm test` first), as a
// user's `import … from "takt"` sees it.
const takt = await import("takt");

describe("takt as a library", () => {
  it("exports the core: forecasting, policies, simulation, scorecards", () => {
    for (const name of [
      "describeDemand",
      "selectForecast",
      "planSeries",
      "planPolicy",
      "simulate",
      "walkForward",
      "whatIfBufferScales",
      "supplierScorecard",
      "classifyAbc",
      "parseIsoDate",
    ])
      expect(typeof (takt as Record<string, unknown>)[name], name).toBe("function");
  });

  it("computes worked examples through the public entry", () => {
    // EOQ: D = 1,200/yr, K = 50, h = 0.25 × 8 = 2 → √(2·1200·50/2) = √60,000 = 244.95.
    expect(takt.economicOrderQuantity(1200, 50, 2)).toBeCloseTo(244.949, 3);
    // Kanban: D 40/day, L 3 days, α 0.1, C 25 → ⌈40·3·1.1/25⌉ = ⌈5.28⌉ = 6 cards.
    expect(takt.kanbanCards(40, 3, 0.1, 25)).toBe(6);
    expect(takt.formatIsoDate(takt.parseIsoDate("2024-02-29")!)).toBe("2024-02-29");
  });
});
