import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../src/io/csv-writer.js";

/**
 * Exports neutralise spreadsheet formula injection (issue 9; OWASP "CSV injection"): whatever text
 * goes into a CSV cell, a spreadsheet reading the file back gets a cell that does not start with
 * = + - @ tab or carriage return — it starts with an apostrophe instead, followed by the original text
 * — and every other cell comes back exactly as written. Numbers stay numbers.
 */
const DANGEROUS = /^[=+\-@\t\r]/;
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom("=", "+", "-", "@", "\t", "\r", "=cmd|' /C calc'!A0", '=HYPERLINK("http://x")'),
      fc.string(),
    )
    .map(([a, b]) => a + b),
);

describe("CSV exports and formula injection", () => {
  it("any text cell reads back as itself, or as an apostrophe and itself when it would start a formula", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (cells) => {
        const rows = parse(csvLine(cells), { relax_column_count: true, bom: false }) as string[][];
        expect(rows).toHaveLength(1);
        const back = rows[0]!;
        expect(back).toHaveLength(cells.length);
        cells.forEach((c, i) => {
          expect(DANGEROUS.test(back[i]!)).toBe(false);
          expect(back[i]).toBe(DANGEROUS.test(c) ? `'${c}` : c);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("numbers, negative ones included, stay numbers", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell("-12.5")).toBe("'-12.5");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
  });
});
