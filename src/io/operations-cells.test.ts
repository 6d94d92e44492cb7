import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar.js";
import {
  BlankedCells,
  fullYear,
  parseFlag,
  parseFlexibleDate,
  placeholderReason,
} from "./operations-cells.js";

describe("parseFlexibleDate", () => {
  it("reads the SCMS forms and ISO to the same epoch day", () => {
    // 2006-06-02 is epoch day 13301: Python `(date(2006,6,2) - date(1970,1,1)).days`.
    for (const s of [
      "2006-06-02",
      "2006/06/02",
      "2-Jun-06",
      "02-jun-2006",
      "2 Jun 2006",
      "6/2/2006",
      "6/2/06",
      " 6/2/2006 ",
    ]) {
      expect(parseFlexibleDate(s), s).toBe(13301);
    }
    expect(parseFlexibleDate("8/27/14")).toBe(parseIsoDate("2014-08-27"));
    expect(parseFlexibleDate("31-Dec-99")).toBe(parseIsoDate("1999-12-31"));
  });

  it("rejects impossible dates and other text", () => {
    for (const s of [
      "30-Feb-06",
      "13/2/2006",
      "2/30/2006",
      "2-Foo-06",
      "Date Not Captured",
      "",
      "2006-6-2x",
    ]) {
      expect(parseFlexibleDate(s), s).toBeNull();
    }
    expect(parseFlexibleDate("29-Feb-08")).toBe(parseIsoDate("2008-02-29"));
  });

  it("maps two-digit years by the POSIX %y rule", () => {
    expect([fullYear(0), fullYear(68), fullYear(69), fullYear(99)]).toEqual([2000, 2068, 1969, 1999]);
  });
});

describe("placeholderReason", () => {
  it("names the reason of every SCMS placeholder and nothing else", () => {
    expect(placeholderReason("N/A - From RDC")).toBe("not applicable: from regional distribution centre");
    expect(placeholderReason("Date Not Captured")).toBe("not captured");
    expect(placeholderReason("Pre-PQ Process")).toBe("pre-PQ process (no date yet)");
    expect(placeholderReason("See ASN-93 (ID#:1281)")).toBe("recorded on another line");
    expect(placeholderReason("Freight Included in Commodity Cost")).toBe("included in commodity cost");
    expect(placeholderReason("Invoiced Separately")).toBe("invoiced separately");
    expect(placeholderReason("N/A")).toBe("not applicable");
    expect(placeholderReason("-")).toBe("not applicable");
    for (const s of ["12.5", "2-Jun-06", "abc", "", "Seeds"]) expect(placeholderReason(s), s).toBeNull();
  });
});

describe("parseFlag and BlankedCells", () => {
  it("reads yes/no cells and refuses anything else", () => {
    expect(["true", "Yes", "Y", "1", "x", "TRUE"].map(parseFlag)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["false", "no", "N", "0", ""].map(parseFlag)).toEqual([false, false, false, false, false]);
    expect(parseFlag("maybe")).toBeNull();
  });

  it("counts blanked cells per column and reason, most frequent first", () => {
    const b = new BlankedCells();
    b.add("freight", "invoiced separately", "Invoiced Separately");
    b.add("date", "not captured", "Date Not Captured ");
    b.add("date", "not captured", "Not captured");
    expect(b.list()).toEqual([
      { column: "date", reason: "not captured", example: "Date Not Captured", count: 2 },
      { column: "freight", reason: "invoiced separately", example: "Invoiced Separately", count: 1 },
    ]);
  });
});
