import { describe, expect, it } from "vitest";
import { epochDayFromParts, formatIsoDate } from "../calendar.js";
import {
  addMonths,
  isoWeek,
  periodDays,
  periodOf,
  periodsBetween,
  trailingDays,
  trailingMonths,
} from "./period.js";

const d = (y: number, m: number, day: number) => epochDayFromParts(y, m, day);

describe("ISO weeks, months, quarters", () => {
  // ISO 8601 week-date examples (as listed in Wikipedia "ISO week date", "Examples"):
  // 2005-01-01 = 2004-W53-6, 2007-12-31 = 2008-W01-1, 2008-12-29 = 2009-W01-1, 2010-01-03 = 2009-W53-7.
  it.each([
    [2005, 1, 1, 2004, 53],
    [2007, 12, 31, 2008, 1],
    [2008, 12, 29, 2009, 1],
    [2010, 1, 3, 2009, 53],
    [2024, 1, 1, 2024, 1],
    [2024, 12, 30, 2025, 1],
  ])("%i-%i-%i is week %i-W%i", (y, m, day, wy, w) => {
    expect(isoWeek(d(y, m, day))).toEqual({ year: wy, week: w });
  });

  it("gives Monday–Sunday weeks with ISO keys", () => {
    const p = periodOf(d(2010, 1, 3), "week");
    expect(p.key).toBe("2009-W53");
    expect(formatIsoDate(p.start)).toBe("2009-12-28");
    expect(formatIsoDate(p.end)).toBe("2010-01-03");
    expect(periodDays(p)).toBe(7);
  });

  it("gives calendar months and quarters (leap February has 29 days)", () => {
    const feb = periodOf(d(2024, 2, 15), "month");
    expect(feb.key).toBe("2024-02");
    expect(periodDays(feb)).toBe(29);
    const q4 = periodOf(d(2023, 11, 5), "quarter");
    expect(q4.key).toBe("2023-Q4");
    expect(formatIsoDate(q4.start)).toBe("2023-10-01");
    expect(formatIsoDate(q4.end)).toBe("2023-12-31");
    expect(periodDays(periodOf(d(2024, 1, 1), "quarter"))).toBe(31 + 29 + 31);
  });

  it("lists the consecutive periods touching a range", () => {
    // January 2024: Mon 1 Jan is W01, Mon 29 Jan is W05 → W01 … W05.
    const weeks = periodsBetween(d(2024, 1, 1), d(2024, 1, 31), "week");
    expect(weeks.map((w) => w.key)).toEqual(["2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05"]);
    expect(periodsBetween(d(2023, 11, 20), d(2024, 2, 1), "month").map((p) => p.key)).toEqual([
      "2023-11",
      "2023-12",
      "2024-01",
      "2024-02",
    ]);
    expect(periodsBetween(d(2024, 2, 1), d(2024, 1, 1), "month")).toEqual([]);
  });
});

describe("trailing windows", () => {
  it("clamps month arithmetic to the month's end", () => {
    expect(formatIsoDate(addMonths(d(2024, 1, 31), 1))).toBe("2024-02-29");
    expect(formatIsoDate(addMonths(d(2024, 2, 29), -12))).toBe("2023-02-28");
    expect(formatIsoDate(addMonths(d(2024, 3, 15), -14))).toBe("2023-01-15");
  });

  it("covers the 12 months ending on the as-of day", () => {
    const t = trailingMonths(d(2024, 3, 31));
    expect(t.key).toBe("T12M@2024-03-31");
    expect(formatIsoDate(t.start)).toBe("2023-04-01");
    expect(periodDays(t)).toBe(366); // 2023-04-01 … 2024-03-31 spans 29 Feb 2024
    const w = trailingDays(d(2024, 3, 31), 28);
    expect(formatIsoDate(w.start)).toBe("2024-03-04");
    expect(periodDays(w)).toBe(28);
  });
});
