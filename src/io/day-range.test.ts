import { describe, expect, it } from "vitest";
import { DayRange } from "./day-range.js";

describe("DayRange", () => {
  it("is empty until a day is added, ignores unknown dates, keeps the extremes", () => {
    const r = new DayRange();
    expect([r.first, r.last]).toEqual([null, null]);
    r.add(null);
    expect([r.first, r.last]).toEqual([null, null]);
    r.add(20_000, null, 19_990);
    r.add(20_010);
    expect([r.first, r.last]).toEqual([19_990, 20_010]);
  });
});
