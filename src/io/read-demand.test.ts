import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { epochDayFromParts, formatIsoDate, parseIsoDate } from "../core/calendar.js";
import type { Issue } from "../core/result.js";
import { type DemandImport, type ReadDemandOptions, readDemandCsv } from "./read-demand.js";

const dir = mkdtempSync(join(tmpdir(), "takt-read-demand-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (content: string | Buffer, ext = ".csv"): string => {
  const p = join(dir, `f${fileNo++}${ext}`);
  writeFileSync(p, content);
  return p;
};
const day = (s: string) => parseIsoDate(s)!;

async function read(content: string, options: ReadDemandOptions = {}): Promise<DemandImport> {
  const r = await readDemandCsv(write(content), options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
async function issues(content: string, options: ReadDemandOptions = {}): Promise<readonly Issue[]> {
  const p = write(content);
  const r = await readDemandCsv(p, options);
  if (r.ok) throw new Error("expected a failure");
  for (const i of r.issues) if (i.path.file !== undefined) expect(i.path.file).toBe(p);
  return r.issues;
}
const simple = (d: DemandImport) =>
  d.series.map((s) => ({
    id: s.location === "" ? s.sku : `${s.sku}@${s.location}`,
    start: formatIsoDate(s.start),
    q: Array.from(s.quantities),
    price: s.unitPrice,
  }));

// A worked example in the M5 layout, checked by hand:
// A@S1: 01-01 not on sale (empty price, 0); 01-02 priced 0 (leading zero, trimmed); 01-03 = 3;
//       01-04 no row (0); 01-05 = 1; 01-06 no row (0, the file ends 01-06). Price mean (2 + 2 + 3)/3.
// A@S2: first sale 01-06 → [4]; one priced row → 2.5.   B@S1: 01-04 = 2.5 units, 01-06 = 0 → [2.5, 0, 0].
// C@S1: positive quantity with an empty price still counts (units sold are never dropped) → [5, 0], no price.
// D@S1: only zeros → no series, listed as without sales.
const M5 = `item_id,store_id,date,sales,sell_price
A,S1,2021-01-01,0,
A,S1,2021-01-02,0,2.00
A,S1,2021-01-03,3,2.00
A,S1,2021-01-05,1,3.00
A,S2,2021-01-05,0,
A,S2,2021-01-06,4,2.5
B,S1,2021-01-04,2.5,1.5
B,S1,2021-01-06,0,1.5
C,S1,2021-01-05,5,
D,S1,2021-01-05,0,1
`;

describe("readDemandCsv", () => {
  it("builds series from the M5 layout: not-on-sale rows, leading zeros, gaps, prices", async () => {
    const d = await read(M5);
    expect(simple(d)).toEqual([
      { id: "A@S1", start: "2021-01-03", q: [3, 0, 1, 0], price: 7 / 3 },
      { id: "A@S2", start: "2021-01-06", q: [4], price: 2.5 },
      { id: "B@S1", start: "2021-01-04", q: [2.5, 0, 0], price: 1.5 },
      { id: "C@S1", start: "2021-01-05", q: [5, 0], price: null },
    ]);
    expect(d).toMatchObject({
      rowsRead: 10,
      rowsUsed: 8,
      rowsNotOnSale: 2,
      hasLocation: true,
      hasPrice: true,
      frequency: "day",
      delimiter: ",",
      seriesWithoutSales: ["D@S1"],
      mapping: { sku: "item_id", location: "store_id", date: "date", quantity: "sales", price: "sell_price" },
      skipped: { count: 0 },
    });
    expect([formatIsoDate(d.firstDate), formatIsoDate(d.lastDate)]).toEqual(["2021-01-02", "2021-01-06"]);
    expect(d.series.every((s) => s.frequency === "day")).toBe(true);
  });

  it("gives the same result for rows in any order, gzip-compressed", async () => {
    const [header, ...rows] = M5.trim().split("\n");
    const reversed = [header, ...rows.reverse()].join("\n");
    const r = await readDemandCsv(write(gzipSync(reversed), ".csv.gz"));
    expect(r.ok && simple(r.value)).toEqual(simple(await read(M5)));
  });

  it("without location and price columns: location is empty, every row is history, no price", async () => {
    const d = await read("Product;Day;Units\nX;2021/03/01;1,5\nX;2021/03/03;2\n");
    expect(simple(d)).toEqual([{ id: "X", start: "2021-03-01", q: [1.5, 0, 2], price: null }]);
    expect([d.hasLocation, d.hasPrice, d.delimiter]).toEqual([false, false, ";"]);
  });

  it("detects weekly and monthly histories", async () => {
    const w = await read("sku,date,qty\nA,2021-01-04,5\nA,2021-01-18,1\nB,2021-01-11,2\n");
    expect(w.frequency).toBe("week");
    expect(simple(w)).toEqual([
      { id: "A", start: "2021-01-04", q: [5, 0, 1], price: null },
      { id: "B", start: "2021-01-11", q: [2, 0], price: null },
    ]);
    const m = await read("sku,date,qty\nA,2021-01-31,0\nA,2021-02-28,3\nA,2021-04-30,2\nB,2021-03-31,1\n");
    expect(m.frequency).toBe("month");
    expect(simple(m)).toEqual([
      { id: "A", start: "2021-02-01", q: [3, 0, 2], price: null },
      { id: "B", start: "2021-03-01", q: [1, 0], price: null },
    ]);
  });

  it("reads sparse daily files as daily; a forced frequency must fit the dates", async () => {
    const mondays = "sku,date,qty\nA,2021-01-04,1\nA,2021-01-18,1\nA,2021-02-01,1\n";
    expect(simple(await read(mondays))[0]!.q).toEqual([1, 0, 1, 0, 1]);
    const daily = await read(mondays, { frequency: "day" });
    expect(daily.frequency).toBe("day");
    expect(daily.series[0]!.quantities.length).toBe(29);
    expect(daily.series[0]!.quantities.reduce((a, b) => a + b, 0)).toBe(3);
    const mismatch = await issues("sku,date,qty\nA,2021-01-04,1\nA,2021-01-05,1\n", { frequency: "month" });
    expect(mismatch.map((x) => [x.code, x.path.column])).toEqual([["frequency_mismatch", "date"]]);
  });

  it("reports each bad row with line, column, the value and the expected form (strict, all at once)", async () => {
    const i = await issues(
      "sku,date,qty\nA,2021-01-01,1\nA,2021-13-01,1\nA,2021-01-02,-2\nA,2021-01-03,lots\nA,2021-01-04,\n,2021-01-05,1\nA,2021-01-01,7\n",
    );
    expect(i.map((x) => [x.code, x.path.line, x.path.column, x.received])).toEqual([
      ["invalid_date", 3, "date", "2021-13-01"],
      ["negative_quantity", 4, "qty", "-2"],
      ["invalid_number", 5, "qty", "lots"],
      ["missing_value", 6, "qty", ""],
      ["missing_value", 7, "sku", ""],
      ["duplicate_date", 8, "date", "2021-01-01"],
    ]);
    expect(i[0]!.expected).toBe("a date YYYY-MM-DD or YYYY/MM/DD");
    expect(i[1]!.expected).toBe("a non-negative number");
    expect(i[5]!.message).toBe("duplicate date 2021-01-01 for series A: lines 2 and 8");
  });

  it("stops a strict read after maxIssues issues", async () => {
    const bad = Array.from({ length: 50 }, (_, k) => `A,bad${k},1`).join("\n");
    expect((await issues(`sku,date,qty\n${bad}\n`)).length).toBe(20);
    expect((await issues(`sku,date,qty\n${bad}\n`, { maxIssues: 3 })).length).toBe(3);
  });

  it("lenient: skips bad rows, keeps the first of duplicates, counts by code", async () => {
    const d = await read(
      "sku,date,qty\nA,2021-01-01,1\nA,2021-13-01,1\nA,2021-01-02,-2\nA,2021-01-01,7\nA,2021-01-03,2\nA,x,1\n",
      { lenient: true },
    );
    expect(simple(d)).toEqual([{ id: "A", start: "2021-01-01", q: [1, 0, 2], price: null }]);
    expect(d.skipped.count).toBe(4);
    expect(d.skipped.byCode).toEqual({ invalid_date: 2, negative_quantity: 1, duplicate_date: 1 });
    expect(d.skipped.issues.map((x) => x.path.line)).toEqual([3, 4, 5, 7]);
    expect([d.rowsRead, d.rowsUsed]).toEqual([6, 2]);
  });

  it("fails on an empty file, a header without rows, and a file with no history", async () => {
    expect((await issues("")).map((x) => x.code)).toEqual(["empty_file"]);
    expect((await issues("sku,date,qty\n")).map((x) => [x.code, x.message])).toEqual([
      ["no_data", "no data rows after the header"],
    ]);
    expect((await issues("sku,date,qty,price\nA,2021-01-01,0,\n")).map((x) => x.code)).toEqual(["no_data"]);
    const all = await issues("sku,date,qty\nA,x,1\n", { lenient: true });
    expect(all.map((x) => x.code)).toEqual(["no_data", "invalid_date"]);
  });

  it("fails on a missing required column, listing headers and accepted names", async () => {
    const i = await issues("item_id,date,amount\nA,2021-01-01,1\n");
    expect(i.map((x) => [x.code, x.path.field])).toEqual([["missing_column", "quantity"]]);
    expect(i[0]!.message).toContain('found "item_id", "date", "amount"');
    expect(i[0]!.message).toContain("qty, units, sales, demand");
    const mapped = await read("item_id,date,amount\nA,2021-01-01,1\n", { map: { quantity: "amount" } });
    expect(mapped.series[0]!.quantities[0]).toBe(1);
  });

  it("matches a brute-force aggregation on random files (any order, gaps, unpriced rows)", async () => {
    const base = epochDayFromParts(2020, 1, 1);
    const row = fc.record({
      sku: fc.constantFrom("A", "B", "C"),
      loc: fc.constantFrom("S1", "S2"),
      offset: fc.integer({ min: 0, max: 40 }),
      qty: fc.constantFrom(0, 0, 1, 2, 3.5),
      price: fc.constantFrom("", "1", "2.5"),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(row, { selector: (r) => `${r.sku}${r.loc}${r.offset}`, maxLength: 60 }),
        async (rows) => {
          const used = rows.filter((r) => !(r.price === "" && r.qty === 0));
          fc.pre(used.some((r) => r.qty > 0));
          const text = `sku,store,date,qty,price\n${rows
            .map((r) => `${r.sku},${r.loc},${formatIsoDate(base + r.offset)},${r.qty},${r.price}`)
            .join("\n")}\n`;
          const d = await read(text, { frequency: "day" });
          // Oracle: plain objects, one pass per series.
          const last = Math.max(...used.map((r) => r.offset));
          const expected: { id: string; start: string; q: number[]; price: number | null }[] = [];
          for (const sku of ["A", "B", "C"])
            for (const loc of ["S1", "S2"]) {
              const mine = used.filter((r) => r.sku === sku && r.loc === loc);
              const sales = mine.filter((r) => r.qty > 0).map((r) => r.offset);
              if (sales.length === 0) continue;
              const first = Math.min(...sales);
              const q = Array.from(
                { length: last - first + 1 },
                (_, k) => mine.find((r) => r.offset === first + k)?.qty ?? 0,
              );
              const prices = mine.filter((r) => r.price !== "").map((r) => Number(r.price));
              const price = prices.length ? prices.reduce((a, b) => a + b, 0) / prices.length : null;
              expected.push({ id: `${sku}@${loc}`, start: formatIsoDate(base + first), q, price });
            }
          const got = simple(d);
          expect(got.map(({ price, ...rest }) => rest)).toEqual(expected.map(({ price, ...rest }) => rest));
          got.forEach((g, k) => {
            const want = expected[k]!.price;
            if (want === null) expect(g.price).toBeNull();
            else expect(g.price).toBeCloseTo(want, 12);
          });
          expect(d.rowsUsed).toBe(used.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reports progress up to the file size", async () => {
    const p = write(M5);
    const calls: [number, number][] = [];
    const r = await readDemandCsv(p, { onProgress: (a, b) => calls.push([a, b]) });
    expect(r.ok).toBe(true);
    expect(calls.at(-1)).toEqual([Buffer.byteLength(M5), Buffer.byteLength(M5)]);
  });

  it("names the start day of a series correctly across a month boundary", async () => {
    const d = await read("sku,date,qty\nA,2021-01-31,1\nA,2021-02-01,2\n");
    expect(d.series[0]!.start).toBe(day("2021-01-31"));
  });
});
