import { describe, expect, it } from "vitest";
import { epochDayFromParts, formatIsoDate, isoWeekday, parseIsoDate, partsFromEpochDay } from "./calendar.js";

describe("calendar", () => {
  it("matches Date.UTC over four centuries", () => {
    for (let d = -150000; d < 150000; d += 37) {
      const js = new Date(d * 86400000);
      expect(partsFromEpochDay(d)).toEqual({
        year: js.getUTCFullYear(),
        month: js.getUTCMonth() + 1,
        day: js.getUTCDate(),
      });
      expect(epochDayFromParts(js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate())).toBe(d);
    }
  });
  it("parses strictly and round-trips", () => {
    expect(parseIsoDate("2011-01-29")).toBe(Date.UTC(2011, 0, 29) / 86400000);
    expect(formatIsoDate(parseIsoDate("2016-02-29")!)).toBe("2016-02-29");
    expect(parseIsoDate("2015-02-29")).toBeNull();
    expect(parseIsoDate("2015-13-01")).toBeNull();
    expect(parseIsoDate("15-1-1")).toBeNull();
  });
  it("knows the weekday", () => {
    expect(isoWeekday(0)).toBe(4); // 1970-01-01 Thursday
    expect(isoWeekday(parseIsoDate("2026-11-22")!)).toBe(7); // a Sunday
  });
});
