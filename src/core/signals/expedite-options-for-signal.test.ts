import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../calendar.js";
import { defaultThresholds } from "../policy/escalation.js";
import type { EpochDay } from "../units.js";
import { evaluateSignals } from "./evaluate.js";
import type { ExpediteLane } from "./expedite-options.js";
import { withExpediteOptions } from "./expedite-options-for-signal.js";

const day = (s: string): EpochDay => parseIsoDate(s)!;
const asOf = day("2026-03-02");
const lanes: ExpediteLane[] = [
  {
    supplier: "S1",
    role: "primary",
    mode: "road",
    leadTimeDays: 5,
    moq: 1,
    orderMultiple: 1,
    unitCost: 10,
    expediteLeadTimeDays: 1,
    expediteCostPerUnit: 4,
  },
];

describe("withExpediteOptions", () => {
  it("advises on the emergency from the triggers' own figures, and leaves other signals alone", () => {
    // d = 8/day, safety stock 20, L = 5; on hand 15 covers 1.875 days (runs out 03-03), PO-A of 100 lands
    // in 4 days (03-06): expected demand 32, shortfall ⌈1 × 32 − 15⌉ = 17.
    const e = evaluateSignals({
      asOf,
      position: { onHand: 15, onOrder: 100, allocated: 0 },
      policy: {
        version: 1,
        rule: { kind: "reorder_point", reorderPoint: 60, orderQuantity: 100 },
        thresholds: defaultThresholds({
          reorderPoint: 60,
          safetyStock: 20,
          meanDailyDemand: 8,
          leadTimeDays: 5,
        }),
        constraints: { moq: 1, orderMultiple: 1 },
      },
      openOrders: [{ id: "PO-A", quantity: 100, dueDay: day("2026-03-06") }],
      forecastDailyDemand: 8,
    });
    const emergency = e.signals.find((s) => s.kind === "emergency")!;
    expect(emergency).toMatchObject({ quantity: 17, needByDay: day("2026-03-03") });
    const advised = withExpediteOptions(emergency, asOf, lanes);
    expect(advised.explanation.reasons).toEqual(emergency.explanation.reasons);
    // Waiting: out 03-03 → 03-06 = 3 days. Expedite S1: 1 day → 03-03, in time, 17 × 14 = 238, premium 68.
    expect(advised.explanation.expedite).toMatchObject({
      recommended: "expedite:S1",
      options: [
        { id: "wait", arrival: "2026-03-06", stockoutDays: 3, summary: expect.stringContaining("PO-A") },
        {
          id: "expedite:S1",
          quantity: 17,
          arrival: "2026-03-03",
          inTime: true,
          stockoutDaysAvoided: 3,
          unitsShortAvoided: 24,
          totalCost: 238,
          premium: 68,
          recommended: true,
        },
      ],
    });
    const other = e.signals.find((s) => s.kind !== "emergency")!;
    expect(withExpediteOptions(other, asOf, lanes)).toBe(other);
  });
});
