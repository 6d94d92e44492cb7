import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../core/calendar.js";
import { DEFAULT_ITEM } from "../../core/item.js";
import { dailyQuantities, storedItem } from "./stored-history.js";

describe("stored history as plan input", () => {
  it("places each stored day at its offset from start, zero elsewhere, drops days outside", () => {
    const start = parseIsoDate("2026-03-02")!;
    const h = {
      location: "L1",
      sku: "A",
      firstDay: "2026-03-01",
      days: [
        ["2026-03-01", 9],
        ["2026-03-02", 4],
        ["2026-03-04", 2.5],
        ["2026-03-06", 7],
      ] as const,
    };
    expect(Array.from(dailyQuantities(h, start, 4))).toEqual([4, 0, 2.5, 0]);
  });

  it("takes the fields the stored row has and defaults the rest, naming them", () => {
    const r = storedItem({
      location: "L1",
      sku: "A",
      category: null,
      unitCost: 4,
      unitPrice: null,
      supplier: "S1",
      leadTimeDays: 5,
      leadTimeSdDays: null,
      moq: 10,
      orderMultiple: null,
    });
    expect(r.params).toMatchObject({ unitCost: 4, supplier: "S1", leadTimeDays: 5, moq: 10 });
    expect(r.params.leadTimeSdDays).toBe(DEFAULT_ITEM.leadTimeSdDays);
    expect(r.defaulted).toContain("leadTimeSdDays");
    expect(r.defaulted).not.toContain("unitCost");
    expect(storedItem(undefined).params.leadTimeDays).toBe(DEFAULT_ITEM.leadTimeDays);
  });
});
