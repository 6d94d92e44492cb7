import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../calendar.js";
import type { PurchaseOrderLine } from "../supplier/purchase-order.js";
import type { EpochDay } from "../units.js";
import { type Attribution, attributeStockout, type RootCauseContext } from "./attribute.js";
import type { StockoutEpisode } from "./episodes.js";
import { paretoOfCauses } from "./pareto.js";

const b = epochDayFromParts(2024, 1, 1);
const day = (n: number) => (b + n) as EpochDay;

/** The episode under study: SKU a out on days 20–22; lead time L = 7, so the window is days 13–19. */
const episode: StockoutEpisode = {
  sku: "a",
  location: "",
  start: day(20),
  end: day(22),
  durationDays: 3,
  open: false,
  source: "snapshot",
  unitsShort: Number.NaN,
};

function po(p: Partial<PurchaseOrderLine> & { poId: string }): PurchaseOrderLine {
  return {
    supplier: "S",
    sku: "a",
    location: "",
    qtyOrdered: 100,
    unitCost: 1,
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

const ctx = (c: Partial<RootCauseContext> = {}): RootCauseContext => ({
  purchaseLines: [],
  leadTimeDays: 7,
  ...c,
});

/** Forecast 10 a day from day 0; demand 10 a day except `spike` a day on days 13–19. */
function demandContext(spike: number): Pick<RootCauseContext, "demand" | "forecast"> {
  const n = 30;
  const demand = new Float64Array(n).fill(10);
  for (let d = 13; d <= 19; d++) demand[d] = spike;
  return {
    demand: { start: day(0), values: demand },
    forecast: { start: day(0), values: new Float64Array(n).fill(10) },
  };
}

describe("stockout root cause: one case per cause", () => {
  it("process: trigger on day 10 (10 + 7 ≤ 20) and the order only went out on day 15", () => {
    const a = attributeStockout(
      episode,
      ctx({
        triggerDays: [day(10)],
        purchaseLines: [po({ poId: "late-order", orderDay: day(15), promisedDay: day(22) })],
      }),
    );
    expect(a.primary).toBe("process");
    expect(a.evidence[0]!.figures).toEqual({
      triggerDay: day(10),
      graceDays: 1,
      nextOrderDay: day(15),
      daysUntilOrder: 5,
    });
  });

  it("no process failure when the order was placed within the grace day", () => {
    const a = attributeStockout(
      episode,
      ctx({
        triggerDays: [day(10)],
        purchaseLines: [po({ poId: "ok", orderDay: day(11), promisedDay: day(25) })],
      }),
    );
    expect(a.primary).toBe("undetermined");
    // A trigger too late for an order to land before day 20 (14 + 7 > 20) is not a process failure.
    expect(attributeStockout(episode, ctx({ triggerDays: [day(14)] })).primary).toBe("undetermined");
  });

  it("supplier late: promised day 18, received day 23, no ASN", () => {
    const a = attributeStockout(
      episode,
      ctx({
        purchaseLines: [po({ poId: "P", promisedDay: day(18), receivedDay: day(23), qtyReceived: 100 })],
      }),
    );
    expect(a.primary).toBe("supplier-late");
    expect(a.evidence[0]!.poId).toBe("P");
    expect(a.evidence[0]!.figures.daysLate).toBe(5);
  });

  it("supplier late when the ASN itself announced a late arrival", () => {
    const a = attributeStockout(
      episode,
      ctx({
        purchaseLines: [
          po({ poId: "P", promisedDay: day(18), asnDay: day(21), receivedDay: day(21), qtyReceived: 100 }),
        ],
      }),
    );
    expect(a.primary).toBe("supplier-late");
  });

  it("transit delay: ASN announced day 18 as promised, goods arrived day 21", () => {
    const a = attributeStockout(
      episode,
      ctx({
        purchaseLines: [
          po({ poId: "P", promisedDay: day(18), asnDay: day(18), receivedDay: day(21), qtyReceived: 100 }),
        ],
      }),
    );
    expect(a.primary).toBe("transit-delay");
    expect(a.evidence[0]!.figures).toEqual({
      promisedDay: day(18),
      asnDay: day(18),
      receivedDay: day(21),
      daysLate: 3,
    });
  });

  it("supplier short: 60 of 100 received on time on day 15", () => {
    const a = attributeStockout(
      episode,
      ctx({
        purchaseLines: [po({ poId: "P", promisedDay: day(15), receivedDay: day(15), qtyReceived: 60 })],
      }),
    );
    expect(a.primary).toBe("supplier-short");
    expect(a.evidence[0]!.figures.unitsShort).toBe(40);
  });

  it("quality rejection: 100 received on time, 30 rejected", () => {
    const a = attributeStockout(
      episode,
      ctx({
        purchaseLines: [
          po({ poId: "P", promisedDay: day(15), receivedDay: day(15), qtyReceived: 100, qtyRejected: 30 }),
        ],
      }),
    );
    expect(a.primary).toBe("quality-rejection");
    expect(a.evidence[0]!.figures.qtyAccepted).toBe(70);
  });

  it("demand spike: 7 × 14 = 98 over the window against 70 forecast + 15 buffer", () => {
    const a = attributeStockout(episode, ctx({ ...demandContext(14), bufferUnits: 15 }));
    expect(a.primary).toBe("demand-spike");
    expect(a.evidence[0]!.figures).toEqual({ demand: 98, forecast: 70, buffer: 15, excess: 13 });
    // 7 × 12 = 84 ≤ 85: within forecast + buffer, no spike.
    expect(attributeStockout(episode, ctx({ ...demandContext(12), bufferUnits: 15 })).primary).toBe(
      "undetermined",
    );
  });

  it("threshold too aggressive: reorder point 50 in force against 60 recommended", () => {
    const a = attributeStockout(episode, ctx({ reorderPointInForce: 50, reorderPointRecommended: 60 }));
    expect(a.primary).toBe("threshold-too-low");
    expect(a.evidence[0]!.figures.gap).toBe(10);
    const tolerated = attributeStockout(
      episode,
      ctx({ reorderPointInForce: 50, reorderPointRecommended: 60, thresholdTolerance: 0.2 }),
    );
    expect(tolerated.primary).toBe("undetermined");
  });

  it("undetermined, saying which checks could not run", () => {
    const a = attributeStockout(episode, ctx());
    expect(a.primary).toBe("undetermined");
    expect(a.evidence).toEqual([]);
    expect(a.notChecked).toHaveLength(3);
  });
});

describe("decision order and the lines that count", () => {
  it("supply failure beats demand spike beats threshold; all are kept as evidence", () => {
    const a = attributeStockout(
      episode,
      ctx({
        ...demandContext(14),
        bufferUnits: 15,
        reorderPointInForce: 50,
        reorderPointRecommended: 60,
        purchaseLines: [po({ poId: "P", promisedDay: day(18), receivedDay: day(23), qtyReceived: 100 })],
      }),
    );
    expect(a.primary).toBe("supplier-late");
    expect(a.evidence.map((e) => e.cause)).toEqual(["supplier-late", "demand-spike", "threshold-too-low"]);
  });

  it("ignores lines that arrived late but before the stockout, lines promised after it began, other SKUs", () => {
    const a = attributeStockout(
      episode,
      ctx({
        purchaseLines: [
          po({ poId: "late-but-before", promisedDay: day(14), receivedDay: day(17), qtyReceived: 100 }),
          po({ poId: "promised-after-start", promisedDay: day(21), receivedDay: day(25), qtyReceived: 100 }),
          po({ poId: "other-sku", sku: "b", promisedDay: day(18), receivedDay: day(25), qtyReceived: 100 }),
          po({ poId: "outside-window", promisedDay: day(12), receivedDay: day(12), qtyReceived: 10 }),
        ],
      }),
    );
    expect(a.primary).toBe("undetermined");
  });

  it("a line never received counts as late up to the episode's end", () => {
    const a = attributeStockout(episode, ctx({ purchaseLines: [po({ poId: "P", promisedDay: day(19) })] }));
    expect(a.primary).toBe("supplier-late");
    expect(a.evidence[0]!.figures.daysLate).toBe(3);
  });
});

describe("Pareto of causes", () => {
  const at = (start: number, primary: Attribution["primary"], durationDays = 1): Attribution => ({
    episode: { ...episode, start: day(start), durationDays },
    primary,
    evidence: [],
    notChecked: [],
  });
  const all = [
    at(1, "supplier-late", 2),
    at(2, "supplier-late", 2),
    at(3, "supplier-late", 2),
    at(4, "process", 5),
    at(5, "process", 1),
    at(6, "demand-spike", 1),
    at(40, "transit-delay", 4),
  ];

  it("ranks causes per month by episodes with cumulative shares", () => {
    const p = paretoOfCauses(all, "month");
    expect(p.map((x) => x.key)).toEqual(["2024-01", "2024-02"]);
    expect(p[0]!.rows.map((r) => [r.cause, r.episodes, r.share, r.cumulativeShare])).toEqual([
      ["supplier-late", 3, 0.5, 0.5],
      ["process", 2, 2 / 6, 5 / 6],
      ["demand-spike", 1, 1 / 6, 1],
    ]);
    expect(p[1]!.rows).toEqual([
      { cause: "transit-delay", episodes: 1, weight: 1, share: 1, cumulativeShare: 1 },
    ]);
  });

  it("ranks by stockout days when asked: process 6 of 13 days first", () => {
    const p = paretoOfCauses(all, "month", "days");
    expect(p[0]!.rows.map((r) => [r.cause, r.weight])).toEqual([
      ["process", 6],
      ["supplier-late", 6],
      ["demand-spike", 1],
    ]);
    expect(p[0]!.rows[0]!.share).toBeCloseTo(6 / 13, 12);
  });
});
