import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../calendar.js";
import type { EpochDay } from "../units.js";
import { type ExpediteInputs, type ExpediteLane, expediteOptions, laneQuantity } from "./expedite-options.js";

const day = (s: string): EpochDay => parseIsoDate(s)!;

// Today 2026-03-02; 30 units short; stock runs out 2026-03-04; open order PO-A lands 2026-03-08;
// demand 8/day. Waiting leaves 4 days out of stock (32 units).
const primary: ExpediteLane = {
  supplier: "S1",
  role: "primary",
  mode: "road",
  leadTimeDays: 5,
  moq: 1,
  orderMultiple: 1,
  unitCost: 10,
  expediteLeadTimeDays: 2,
  expediteCostPerUnit: 3,
};
const parcel: ExpediteLane = {
  supplier: "S2",
  role: "backup",
  mode: "parcel",
  leadTimeDays: 1.5,
  moq: 50,
  orderMultiple: 25,
  unitCost: 11,
  expediteLeadTimeDays: null,
  expediteCostPerUnit: null,
};
const cheap: ExpediteLane = {
  supplier: "S3",
  role: "backup",
  mode: "rail",
  leadTimeDays: 4,
  moq: 1,
  orderMultiple: 10,
  unitCost: 9,
  expediteLeadTimeDays: 1,
  expediteCostPerUnit: 6,
};
const inputs = (over: Partial<ExpediteInputs> = {}): ExpediteInputs => ({
  asOf: day("2026-03-02"),
  shortfall: 30,
  needByDay: day("2026-03-04"),
  nextReceiptDay: day("2026-03-08"),
  nextReceiptId: "PO-A",
  dailyDemand: 8,
  lanes: [cheap, parcel, primary],
  ...over,
});

describe("expediteOptions: hand-computed", () => {
  it("lists wait, primary expedite and each backup lane with arrival, stockout avoided and cost", () => {
    const a = expediteOptions(inputs());
    const row = (id: string) => a.options.find((o) => o.id === id)!;
    expect(a.options.map((o) => o.id)).toEqual([
      "wait",
      "expedite:S1",
      "backup:S2",
      "expedite:S3",
      "backup:S3",
    ]);
    expect(row("wait")).toMatchObject({
      orderable: false,
      arrival: "2026-03-08",
      inTime: false,
      stockoutDays: 4,
      stockoutDaysAvoided: 0,
      premium: 0,
      quantity: 0,
    });
    // 2 days → 03-04 (in time); 30 × (10 + 3) = 390, premium 30 × 3 = 90.
    expect(row("expedite:S1")).toMatchObject({
      supplier: "S1",
      mode: "road expedited",
      expedited: true,
      quantity: 30,
      arrival: "2026-03-04",
      inTime: true,
      stockoutDays: 0,
      stockoutDaysAvoided: 4,
      unitsShortAvoided: 32,
      unitCost: 13,
      totalCost: 390,
      premium: 90,
    });
    // ⌈1.5⌉ = 2 days → 03-04; 30 → MOQ 50 → multiple of 25 = 50; 50 × 11 = 550, premium 50 × (11 − 10) = 50.
    expect(row("backup:S2")).toMatchObject({
      expedited: false,
      quantity: 50,
      arrival: "2026-03-04",
      inTime: true,
      totalCost: 550,
      premium: 50,
    });
    // 1 day → 03-03; 30 × (9 + 6) = 450, premium 30 × 5 = 150.
    expect(row("expedite:S3")).toMatchObject({
      arrival: "2026-03-03",
      inTime: true,
      totalCost: 450,
      premium: 150,
    });
    // 4 days → 03-06: out 03-04..03-06 = 2 days instead of 4; 30 × 9 = 270, premium 30 × (−1) = −30.
    expect(row("backup:S3")).toMatchObject({
      arrival: "2026-03-06",
      inTime: false,
      stockoutDays: 2,
      stockoutDaysAvoided: 2,
      unitsShortAvoided: 16,
      totalCost: 270,
      premium: -30,
    });
    // In time: S1 expedite (90), S2 backup (50), S3 expedite (150) → S2. backup:S3 is cheaper but late.
    expect(a.recommended).toBe("backup:S2");
    expect(a.options.filter((o) => o.recommended).map((o) => o.id)).toEqual(["backup:S2"]);
    expect(row("backup:S2").summary).toBe(
      "backup supplier S2 (parcel, 1.5 days): 50 units, arrives 2026-03-04, by the run-out day 2026-03-04, saves 4 stockout days; 50 × 11 = 550, 50 over the primary's 10/unit",
    );
    expect(row("wait").summary).toBe("wait for open order PO-A: arrives 2026-03-08, 4 days out of stock");
  });

  it("recommends the fastest when none arrives in time (ties: cheaper)", () => {
    const a = expediteOptions(inputs({ needByDay: day("2026-03-02") }));
    expect(a.options.filter((o) => o.inTime)).toEqual([]);
    expect(a.recommended).toBe("expedite:S3");
    expect(a.basis).toBe("none arrives by the run-out day 2026-03-02: the fastest");
    // S1 expedite and S2 backup both take 2 days: S2 (premium 50) before S1 (90).
    const b = expediteOptions(inputs({ needByDay: day("2026-03-02"), lanes: [primary, parcel] }));
    expect(b.recommended).toBe("backup:S2");
  });

  it("recommends nothing when no option beats waiting for the open order", () => {
    // The open order lands 03-03; the fastest option (S3 expedited, 1 day) lands 03-03 too: 0 days saved.
    const a = expediteOptions(inputs({ needByDay: day("2026-03-02"), nextReceiptDay: day("2026-03-03") }));
    expect(a.options.every((o) => o.stockoutDaysAvoided === 0)).toBe(true);
    expect(a.recommended).toBeNull();
    expect(a.basis).toBe("none arrives before the next receipt 2026-03-03: waiting is as good");
  });

  it("ranks an unknown cost after known ones", () => {
    const a = expediteOptions(inputs({ lanes: [primary, { ...parcel, unitCost: null }] }));
    expect(a.options.find((o) => o.id === "backup:S2")).toMatchObject({ totalCost: null, premium: null });
    expect(a.recommended).toBe("expedite:S1");
  });

  it("has nothing to order without lanes, and no options without a shortfall", () => {
    const a = expediteOptions(inputs({ lanes: [] }));
    expect(a.options.map((o) => o.id)).toEqual(["wait"]);
    expect(a.recommended).toBeNull();
    expect(expediteOptions(inputs({ shortfall: 0 }))).toMatchObject({ options: [], recommended: null });
    // A primary lane without an expedited mode offers nothing either.
    expect(
      expediteOptions(inputs({ lanes: [{ ...primary, expediteLeadTimeDays: null }] })).recommended,
    ).toBeNull();
  });

  it("rounds to MOQ then a whole multiple", () => {
    expect(laneQuantity(30, { moq: 50, orderMultiple: 25 })).toBe(50);
    expect(laneQuantity(51, { moq: 50, orderMultiple: 25 })).toBe(75);
    expect(laneQuantity(30, { moq: 1, orderMultiple: 10 })).toBe(30);
    expect(laneQuantity(2.5, { moq: 1, orderMultiple: 0.5 })).toBe(2.5);
  });
});
