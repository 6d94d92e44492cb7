import { parse as csvParseSync } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvSyntaxError, CsvTokenizer } from "./csv-tokenizer.js";

interface Out {
  records: { fields: string[]; line: number }[];
  errors: CsvSyntaxError[];
}

/** Tokenizes `chunks` (pushed one by one) and collects everything. */
function tokenize(chunks: readonly string[], delimiter = ",", maxRecordChars?: number): Out {
  const out: Out = { records: [], errors: [] };
  const t = new CsvTokenizer(
    delimiter,
    (fields, line) => {
      out.records.push({ fields, line });
      return true;
    },
    (e) => {
      out.errors.push(e);
      return true;
    },
    maxRecordChars,
  );
  for (const c of chunks) t.push(c);
  t.end();
  return out;
}

/** Splits a string at the given cut points. */
function cut(s: string, points: readonly number[]): string[] {
  const at = [...new Set(points.map((p) => p % (s.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let prev = 0;
  for (const p of at) {
    parts.push(s.slice(prev, p));
    prev = p;
  }
  parts.push(s.slice(prev));
  return parts;
}

describe("CsvTokenizer", () => {
  it("reads plain, quoted, escaped and multi-line fields with start line numbers", () => {
    const text = 'a,b,c\r\n1,"x, y",3\n\n"multi\nline",""""," q ""in"" "\n4,5,6';
    const { records, errors } = tokenize([text]);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { fields: ["a", "b", "c"], line: 1 },
      { fields: ["1", "x, y", "3"], line: 2 },
      { fields: ["multi\nline", '"', ' q "in" '], line: 4 },
      { fields: ["4", "5", "6"], line: 6 },
    ]);
  });

  it("gives the same records and lines whatever the chunking", () => {
    const text = 'h1;h2\n"a;\nb";2\r\n\r\n  \nx;"y"""\nlast;1';
    const whole = tokenize([text], ";");
    for (let i = 0; i <= text.length; i++)
      for (let j = i; j <= text.length; j += 3)
        expect(tokenize([text.slice(0, i), text.slice(i, j), text.slice(j)], ";")).toEqual(whole);
    expect(whole.records.map((r) => r.line)).toEqual([1, 2, 6, 7]);
  });

  it("keeps a quote inside an unquoted field literally", () => {
    expect(tokenize(['12" pipe,3\n']).records[0]!.fields).toEqual(['12" pipe', "3"]);
  });

  it("reports text after a closing quote and resumes on the next line", () => {
    const { records, errors } = tokenize(['a,b\n"x"y,1\n2,3\n']);
    expect(errors).toEqual([
      {
        code: "text_after_quote",
        line: 2,
        message: 'unexpected text after a closing quote: "y,1"',
        fatal: false,
      },
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it("fails on an unclosed quote at the end of the file, naming the line where it opened", () => {
    const { records, errors } = tokenize(['a,b\n1,2\n3,"open\n4,5\n']);
    expect(records.length).toBe(2);
    expect(errors.map((e) => [e.code, e.line, e.fatal])).toEqual([["unclosed_quote", 3, true]]);
  });

  it("stops with a fatal error when one record outgrows the cap (memory guard)", () => {
    const chunks = ['a\n"', "x".repeat(50), "x".repeat(50), "x".repeat(50)];
    const { errors } = tokenize(chunks, ",", 100);
    expect(errors.map((e) => [e.code, e.line, e.fatal])).toEqual([["record_too_long", 2, true]]);
  });

  it("stops when the record handler returns false", () => {
    const seen: number[] = [];
    const t = new CsvTokenizer(
      ",",
      (_f, line) => {
        seen.push(line);
        return line < 3;
      },
      () => true,
    );
    expect(t.push("a\nb\nc\nd\ne\n")).toBe(false);
    expect(seen).toEqual([1, 2, 3]);
    expect(t.isStopped).toBe(true);
  });

  it("agrees with csv-parse (the reference implementation) on random well-formed CSV, any chunking", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "b", " ", ",", ";", '"', "\n", "\r\n", "é", "1", "."),
    });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(",", ";"),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.array(fc.nat(400), { maxLength: 6 }),
        (rows, delimiter, eol, trailing, cuts) => {
          const quote = (v: string) => (/[",;\r\n]/.test(v) || v === "" ? `"${v.replaceAll('"', '""')}"` : v);
          const text = rows.map((r) => r.map(quote).join(delimiter)).join(eol) + (trailing ? eol : "");
          const expected = csvParseSync(text, { delimiter, relax_column_count: true }) as string[][];
          const got = tokenize(cut(text, cuts), delimiter);
          expect(got.errors).toEqual([]);
          expect(got.records.map((r) => r.fields)).toEqual(expected);
          // Start lines: 1 + line breaks before the record.
          let line = 1;
          rows.forEach((r, k) => {
            expect(got.records[k]!.line).toBe(line);
            line += 1 + r.map((v) => v.split("\n").length - 1).reduce((a, b) => a + b, 0);
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
