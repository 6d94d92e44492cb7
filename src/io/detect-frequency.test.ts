import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../core/calendar.js";
import { commonSpacing, detectFrequency, fitsFrequency } from "./detect-frequency.js";

const d = (y: number, m: number, day: number) => epochDayFromParts(y, m, day);
const range = (start: number, count: number, step: number) =>
  Array.from({ length: count }, (_, i) => start + i * step);

describe("detectFrequency", () => {
  it("daily: consecutive days, also with gaps", () => {
    expect(detectFrequency(range(d(2021, 1, 1), 30, 1))).toBe("day");
    expect(detectFrequency([d(2021, 1, 1), d(2021, 1, 3), d(2021, 1, 8)])).toBe("day");
    expect(detectFrequency([d(2021, 1, 1)])).toBe("day");
  });
  it("weekly: one weekday, gaps of whole weeks allowed", () => {
    expect(detectFrequency(range(d(2021, 1, 4), 20, 7))).toBe("week");
    expect(detectFrequency([d(2021, 1, 4), d(2021, 1, 11), d(2021, 2, 1)])).toBe("week");
  });
  it("monthly: first of month, month ends, or a fixed day", () => {
    const firsts = range(0, 24, 1).map((i) => d(2020 + Math.floor(i / 12), (i % 12) + 1, 1));
    expect(commonSpacing(firsts)).toBe(1); // why spacing alone cannot tell months
    expect(detectFrequency(firsts)).toBe("month");
    expect(detectFrequency([d(2021, 1, 31), d(2021, 2, 28), d(2021, 3, 31), d(2021, 4, 30)])).toBe("month");
    expect(detectFrequency([d(2021, 1, 15), d(2021, 2, 15), d(2021, 4, 15)])).toBe("month");
  });
  it("sparse daily files (rows only on sale days) stay daily; whole-week spacing is weekly", () => {
    expect(detectFrequency(range(d(2021, 1, 4), 10, 2))).toBe("day");
    expect(detectFrequency([d(2021, 1, 4), d(2021, 1, 7), d(2021, 1, 13)])).toBe("day");
    expect(detectFrequency(range(d(2021, 1, 4), 10, 14))).toBe("week");
  });
  it("checks a frequency the caller insists on", () => {
    const biweekly = range(d(2021, 1, 4), 10, 14);
    expect(fitsFrequency(biweekly, "week")).toBe(true);
    expect(fitsFrequency(biweekly, "month")).toBe(false);
    expect(fitsFrequency(range(d(2021, 1, 1), 5, 1), "week")).toBe(false);
    expect(fitsFrequency(range(d(2021, 1, 1), 5, 1), "day")).toBe(true);
  });
});
