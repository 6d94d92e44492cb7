import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../core/calendar.js";
import { DateCache, parseDateCell, parseDecimal, parseFraction } from "./cell-values.js";

describe("parseDecimal", () => {
  it("reads plain and signed decimals, with or without spaces", () => {
    expect(parseDecimal("0")).toBe(0);
    expect(parseDecimal("42")).toBe(42);
    expect(parseDecimal("3.49")).toBe(3.49);
    expect(parseDecimal(".5")).toBe(0.5);
    expect(parseDecimal("7.")).toBe(7);
    expect(parseDecimal(" 12 ")).toBe(12);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal("+2.5")).toBe(2.5);
    expect(parseDecimal("1e3")).toBe(1000);
    expect(parseDecimal("12345678901234567")).toBe(Number("12345678901234567")); // beyond the integer fast path
  });
  it("rejects what is not a plain decimal", () => {
    for (const s of ["", " ", ".", "abc", "1,5", "0x10", "Infinity", "NaN", "1.2.3", "1 000", "--1", "1e"])
      expect(parseDecimal(s), s).toBeNaN();
  });
  it("reads a decimal comma only when asked (semicolon files)", () => {
    expect(parseDecimal("1,5", true)).toBe(1.5);
    expect(parseDecimal("1.5", true)).toBe(1.5);
    expect(parseDecimal("1,5,0", true)).toBeNaN();
  });
});

describe("parseDateCell", () => {
  it("reads YYYY-MM-DD and YYYY/MM/DD, real calendar dates only", () => {
    expect(parseDateCell("2016-02-29")).toBe(epochDayFromParts(2016, 2, 29));
    expect(parseDateCell("2016/02/29")).toBe(epochDayFromParts(2016, 2, 29));
    expect(parseDateCell(" 2011-01-29 ")).toBe(Date.UTC(2011, 0, 29) / 86_400_000);
    for (const s of ["2015-02-29", "2015/13/01", "2015-1-1", "29/01/2011", "2011-01-29T00:00", ""])
      expect(parseDateCell(s), s).toBeNull();
  });
  it("memoises without changing results", () => {
    const c = new DateCache(2);
    for (const s of ["2020-01-01", "2020-01-02", "2020-01-03", "bad", "2020-01-01"])
      expect(c.parse(s)).toBe(parseDateCell(s) ?? Number.NaN);
  });
});

describe("parseFraction", () => {
  it("reads fractions and percentages", () => {
    expect(parseFraction("0.25")).toBe(0.25);
    expect(parseFraction("25%")).toBe(0.25);
    expect(parseFraction("12,5 %", true)).toBe(0.125);
    expect(parseFraction("95", false, (v) => v > 1)).toBe(0.95);
    expect(parseFraction("0.95", false, (v) => v > 1)).toBe(0.95);
    expect(parseFraction("%")).toBeNaN();
  });
});
