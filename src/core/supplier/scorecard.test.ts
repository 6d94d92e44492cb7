import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../calendar.js";
import { periodOf } from "../kpi/period.js";
import type { EpochDay } from "../units.js";
import { latenessHistogram, leadTimeStats } from "./lead-time-stats.js";
import { classifyLine, type PurchaseOrderLine } from "./purchase-order.js";
import { escalationFor, leadTimeSamples, scoreSuppliers, supplierScorecard } from "./scorecard.js";

const b = epochDayFromParts(2024, 1, 1); // Monday, 2024-W01
const day = (n: number) => (b + n) as EpochDay;

function line(p: Partial<PurchaseOrderLine> & { poId: string }): PurchaseOrderLine {
  return {
    supplier: "S",
    sku: "x",
    location: "",
    qtyOrdered: 100,
    unitCost: 2,
    orderDay: null,
    promisedDay: null,
    asnDay: null,
    asnQty: null,
    receivedDay: null,
    qtyReceived: 0,
    qtyRejected: 0,
    mode: "Air",
    freightCost: null,
    expedited: false,
    ...p,
  };
}

// Supplier S, January 2024, scored as of 15 Feb (day 45). Hand-worked figures below.
//  1: ordered d0, promised d10, received d10 (0 late), 100/100, ASN d10 × 100 → on time, in full, LT 10
//  2: ordered d2, promised d12, received d14 (+2), 100/100, 2 rejected, ASN d12 × 100 → late, LT 12
//  3: ordered d5, promised d15, received d13 (−2), 40 of 50, ASN d13 × 40 → on time, short, LT 8
//  4: ordered d6, promised d20, received d16 (−4: too early), 80/80, no ASN → not on time, LT 10
//  5: ordered d10, promised d25, never received → overdue on d45
//  6: promised d40 (February), overdue on d45
// Supplier T: one line promised and received d5, 300 units at cost 1, no order day.
const lines: PurchaseOrderLine[] = [
  line({
    poId: "1",
    orderDay: day(0),
    promisedDay: day(10),
    receivedDay: day(10),
    qtyReceived: 100,
    asnDay: day(10),
    asnQty: 100,
  }),
  line({
    poId: "2",
    orderDay: day(2),
    promisedDay: day(12),
    receivedDay: day(14),
    qtyReceived: 100,
    qtyRejected: 2,
    asnDay: day(12),
    asnQty: 100,
  }),
  line({
    poId: "3",
    orderDay: day(5),
    promisedDay: day(15),
    receivedDay: day(13),
    qtyOrdered: 50,
    qtyReceived: 40,
    asnDay: day(13),
    asnQty: 40,
    mode: "Truck",
  }),
  line({
    poId: "4",
    orderDay: day(6),
    promisedDay: day(20),
    receivedDay: day(16),
    qtyOrdered: 80,
    qtyReceived: 80,
    mode: "Truck",
  }),
  line({ poId: "5", orderDay: day(10), promisedDay: day(25) }),
  line({ poId: "6", orderDay: day(20), promisedDay: day(40) }),
  line({
    poId: "7",
    supplier: "T",
    qtyOrdered: 300,
    unitCost: 1,
    promisedDay: day(5),
    receivedDay: day(5),
    qtyReceived: 300,
  }),
];
const asOf = day(45);
const january = periodOf(b, "month");

describe("classifyLine", () => {
  const l = line({ poId: "p", promisedDay: day(10) });
  it("applies the default window of 2 days early to 0 days late", () => {
    expect(classifyLine({ ...l, receivedDay: day(8), qtyReceived: 100 }, asOf).onTime).toBe(true);
    expect(classifyLine({ ...l, receivedDay: day(7), qtyReceived: 100 }, asOf).onTime).toBe(false);
    expect(classifyLine({ ...l, receivedDay: day(11), qtyReceived: 100 }, asOf).onTime).toBe(false);
    expect(
      classifyLine({ ...l, receivedDay: day(11), qtyReceived: 100 }, asOf, { ...dflt(), lateDays: 1 }).onTime,
    ).toBe(true);
  });
  it("is open until the late tolerance has passed, then overdue", () => {
    expect(classifyLine(l, day(10)).status).toBe("open");
    const o = classifyLine(l, day(11));
    expect(o.status).toBe("overdue");
    expect(o.onTime).toBe(false);
    expect(o.inFull).toBe(false);
    expect(o.daysLate).toBe(1);
    // A receipt after asOf is not yet known on asOf.
    expect(classifyLine({ ...l, receivedDay: day(12), qtyReceived: 100 }, day(11)).status).toBe("overdue");
  });
  it("counts in full against the tolerance", () => {
    const short = { ...l, receivedDay: day(10), qtyReceived: 98 };
    expect(classifyLine(short, asOf).inFull).toBe(false);
    expect(classifyLine(short, asOf, { ...dflt(), inFullTolerance: 0.02 }).inFull).toBe(true);
  });
});

function dflt() {
  return { earlyDays: 2, lateDays: 0, inFullTolerance: 0, asnDateToleranceDays: 0, asnQtyTolerance: 0 };
}

describe("lead-time statistics", () => {
  it("matches the hand-worked mean, sd, CV and type-7 percentiles", () => {
    // By hand from the definitions (R's sd and quantile type 7, Hyndman & Fan 1996):
    // sorted 8, 10, 10, 12; Σ(x − 10)² = 0 + 4 + 4 + 0 = 8, var = 8/3, sd = 1.632993, CV = 0.1632993;
    // type 7: h = (n − 1)·p; p50: h = 1.5 → 10; p90: h = 2.7 → 10 + 0.7·(12 − 10) = 11.4; p95: 11.7.
    const s = leadTimeStats([10, 12, 8, 10]);
    expect(s.n).toBe(4);
    expect(s.mean).toBe(10);
    expect(s.sd).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.cv).toBeCloseTo(Math.sqrt(8 / 3) / 10, 12);
    expect(s.p50).toBe(10);
    expect(s.p90).toBeCloseTo(11.4, 12);
    expect(s.p95).toBeCloseTo(11.7, 12);
  });
  it("gives NaN CV for fewer than two samples", () => {
    expect(Number.isNaN(leadTimeStats([5]).cv)).toBe(true);
    expect(Number.isNaN(leadTimeStats([]).mean)).toBe(true);
  });
  it("bins days late", () => {
    const h = latenessHistogram([-4, -2, 0, 1, 2, 3, 7, 8, 30, 31, 90]);
    expect(h.map((x) => [x.label, x.count])).toEqual([
      ["≤ -1", 2],
      ["0", 1],
      ["1–2", 2],
      ["3–7", 2],
      ["8–14", 1],
      ["15–30", 1],
      ["≥ 31", 2],
    ]);
  });
});

describe("supplier scorecard for one period", () => {
  const [s, t] = scoreSuppliers(lines, january, { asOf });

  it("counts scored, received, overdue lines", () => {
    expect(s!.supplier).toBe("S");
    expect(s!.linesScored).toBe(5);
    expect(s!.linesReceived).toBe(4);
    expect(s!.linesOverdue).toBe(1);
    expect(s!.linesOpen).toBe(0);
  });

  it("claims no rejection rate when no line records an inspection result (light none, not green)", () => {
    const unknown = lines.map((l) => ({ ...l, qtyRejected: null }));
    const [u] = scoreSuppliers(unknown, january, { asOf });
    expect(u!.rejectionRate).toBeNaN();
    expect(u!.lights.rejection).toBe("none");
    // One line with a result: the rate is over that line's units only (2 of 100).
    const one = unknown.map((l) => (l.poId === "2" ? { ...l, qtyRejected: 2 } : l));
    expect(scoreSuppliers(one, january, { asOf })[0]!.rejectionRate).toBeCloseTo(0.02, 12);
  });

  it("computes on time 2/5, in full 3/5, OTIF 1/5", () => {
    expect(s!.onTimeRate).toBeCloseTo(0.4, 12);
    expect(s!.inFullRate).toBeCloseTo(0.6, 12);
    expect(s!.otifRate).toBeCloseTo(0.2, 12);
  });

  it("summarises lead times 10, 12, 8, 10 and the lateness 0, +2, −2, −4", () => {
    expect(s!.leadTime.n).toBe(4);
    expect(s!.leadTime.mean).toBe(10);
    expect(s!.leadTime.cv).toBeCloseTo(0.1632993161855452, 12);
    expect(s!.leadTime.p90).toBeCloseTo(11.4, 12);
    expect(s!.lateness.map((x) => x.count)).toEqual([2, 1, 1, 0, 0, 0, 0]);
  });

  it("computes rejection 2/320 = 0.625 % = 6 250 PPM", () => {
    expect(s!.unitsReceived).toBe(320);
    expect(s!.unitsRejected).toBe(2);
    expect(s!.rejectionRate).toBeCloseTo(0.00625, 12);
    expect(s!.ppm).toBeCloseTo(6250, 6);
  });

  it("computes ASN coverage 3/4, quantity accuracy 3/3, date accuracy 2/3", () => {
    expect(s!.asnLines).toBe(3);
    expect(s!.asnCoverage).toBeCloseTo(0.75, 12);
    expect(s!.asnQtyAccuracy).toBe(1);
    expect(s!.asnDateAccuracy).toBeCloseTo(2 / 3, 12);
    expect(s!.asnAccuracy).toBeCloseTo(2 / 3, 12);
  });

  it("computes volume share 430/730 and value share 860/1160", () => {
    expect(s!.unitsOrdered).toBe(430);
    expect(s!.valueOrdered).toBe(860);
    expect(s!.volumeShare).toBeCloseTo(430 / 730, 12);
    expect(s!.valueShare).toBeCloseTo(860 / 1160, 12);
    expect(t!.volumeShare + s!.volumeShare).toBeCloseTo(1, 12);
  });

  it("rates S red (on time and ASN below minimum) and T green", () => {
    expect(s!.lights).toEqual({ onTime: "red", leadTimeCv: "green", rejection: "green", asnAccuracy: "red" });
    expect(s!.standing).toBe("red");
    expect(t!.lights).toEqual({
      onTime: "green",
      leadTimeCv: "none",
      rejection: "green",
      asnAccuracy: "none",
    });
    expect(t!.standing).toBe("green");
  });

  it("applies per-supplier contract overrides", () => {
    const lenient = new Map([
      [
        "S",
        {
          onTime: { direction: "higher-better" as const, green: 0.4, yellow: 0.3 },
          asnAccuracy: { direction: "higher-better" as const, green: 0.9, yellow: 0.6 },
        },
      ],
    ]);
    const [s2] = scoreSuppliers(lines, january, { asOf, contracts: lenient });
    expect(s2!.lights.onTime).toBe("green");
    expect(s2!.lights.asnAccuracy).toBe("yellow");
    expect(s2!.standing).toBe("yellow");
  });
});

describe("escalation", () => {
  it.each([
    [["green", "red", "red"], "improvement-plan", 2, 2],
    [["red", "red", "red", "red"], "qualify-backup", 4, 4],
    [["red", "yellow"], "watch", 0, 2],
    [["red", "none", "red"], "improvement-plan", 2, 2],
    [["yellow", "yellow", "red", "yellow"], "improvement-plan", 0, 4],
    [["red", "red", "green"], "none", 0, 0],
    [["green", "red"], "watch", 1, 1],
    [[], "none", 0, 0],
  ] as const)("%j → %s", (standings, step, red, nonGreen) => {
    const e = escalationFor(standings);
    expect(e.step).toBe(step);
    expect(e.consecutiveRed).toBe(red);
    expect(e.consecutiveNonGreen).toBe(nonGreen);
  });
});

describe("full scorecard and lead-time samples", () => {
  it("scores each month and the trailing 12 months, and escalates S after two red months", () => {
    const card = supplierScorecard(lines, { asOf, kind: "month", from: b, to: day(45) });
    expect(card.periods.map((p) => p.key)).toEqual(["2024-01", "2024-02"]);
    const rowS = card.bySupplier.get("S")!;
    expect(rowS[1]!.linesOverdue).toBe(1); // line 6, promised 10 Feb
    expect(rowS[1]!.onTimeRate).toBe(0);
    expect(card.bySupplier.get("T")![1]).toBeNull();
    expect(card.escalation.get("S")).toEqual({
      step: "improvement-plan",
      consecutiveRed: 2,
      consecutiveNonGreen: 2,
    });
    expect(card.escalation.get("T")!.step).toBe("none");
    const tS = card.trailing.get("S")!;
    expect(tS.period.key).toBe("T12M@2024-02-15");
    expect(tS.linesScored).toBe(6);
    expect(tS.onTimeRate).toBeCloseTo(2 / 6, 12);
  });

  it("exposes lead-time samples per supplier and mode in receipt order", () => {
    const s = leadTimeSamples(lines, { asOf });
    expect(s.bySupplier.get("S")).toEqual(Float64Array.of(10, 8, 12, 10));
    expect(s.bySupplierMode.get("S")!.get("Air")).toEqual(Float64Array.of(10, 12));
    expect(s.bySupplierMode.get("S")!.get("Truck")).toEqual(Float64Array.of(8, 10));
    expect(s.bySupplier.has("T")).toBe(false); // no order day
    expect(leadTimeSamples(lines, { asOf: day(13) }).bySupplier.get("S")).toEqual(Float64Array.of(10, 8));
    expect(leadTimeSamples(lines, { asOf, from: day(14) }).bySupplier.get("S")).toEqual(
      Float64Array.of(12, 10),
    );
  });
});
