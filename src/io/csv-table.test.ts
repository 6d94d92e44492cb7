import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { Issue } from "../core/result.js";
import {
  type ColumnRole,
  type CsvTableOptions,
  resolveColumns,
  scanCsvTable,
  sniffDelimiter,
} from "./csv-table.js";

const dir = mkdtempSync(join(tmpdir(), "takt-csv-table-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const ROLES: readonly ColumnRole[] = [
  { role: "sku", aliases: ["item_id", "product"], required: true },
  { role: "quantity", aliases: ["qty", "sales"], required: true },
  { role: "price", aliases: ["sell_price"], required: false },
];

/** Scans a file and collects rows as role → value objects, plus row issues. */
async function collect(path: string, options: CsvTableOptions = {}) {
  const rows: { line: number; sku: string; quantity: string; price: string | null }[] = [];
  const issues: Issue[] = [];
  const r = await scanCsvTable(path, ROLES, options, (t) => ({
    row(f, line) {
      rows.push({
        line,
        sku: f[t.index.sku!]!,
        quantity: f[t.index.quantity!]!,
        price: t.index.price! >= 0 ? f[t.index.price!]! : null,
      });
      return true;
    },
    issue(i) {
      issues.push(i);
      return true;
    },
  }));
  return { r, rows, issues };
}

describe("scanCsvTable", () => {
  it("reads a gzip file by its magic bytes (any name), strips the BOM, maps aliases", async () => {
    const text = "\uFEFFItem ID,SALES,Sell Price\nA,1,2.5\nB,0,\n";
    for (const name of ["t.csv.gz", "t-gz-without-extension.csv"]) {
      const { r, rows } = await collect(write(name, gzipSync(text)));
      expect(r.ok && r.value.table.mapping).toEqual({
        sku: "Item ID",
        quantity: "SALES",
        price: "Sell Price",
      });
      expect(rows).toEqual([
        { line: 2, sku: "A", quantity: "1", price: "2.5" },
        { line: 3, sku: "B", quantity: "0", price: "" },
      ]);
    }
  });

  it("sniffs a semicolon delimiter and flags decimal commas", async () => {
    const { r, rows } = await collect(write("semi.csv", "product;qty\nA;1,5\n"));
    expect(r.ok && [r.value.table.delimiter, r.value.table.decimalComma]).toEqual([";", true]);
    expect(rows[0]!.quantity).toBe("1,5");
    expect(sniffDelimiter('"a;b",c,d')).toBe(",");
    expect(sniffDelimiter("a\tb\tc")).toBe("\t");
    expect(sniffDelimiter("single")).toBe(",");
  });

  it("honours an explicit map over aliases", async () => {
    const { r, rows } = await collect(write("map.csv", "sku,units sold,qty\nA,7,99\n"), {
      map: { quantity: "Units Sold" },
    });
    expect(r.ok && r.value.table.mapping.quantity).toBe("units sold");
    expect(rows[0]!.quantity).toBe("7");
  });

  it("names the file, the headers found and the aliases accepted when a required column is missing", async () => {
    const p = write("missing.csv", "item_id,amount\nA,1\n");
    const { r } = await collect(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: "missing_column", path: { file: p, field: "quantity" } });
    expect(r.issues[0]!.message).toContain('found "item_id", "amount"');
    expect(r.issues[0]!.message).toContain("accepted names: quantity, qty, sales");
  });

  it("reports unknown roles, absent mapped headers and ambiguous columns together", () => {
    const r = resolveColumns("f.csv", ["sku", "qty", "sales", "x"], ROLES, { colour: "x", price: "cost" });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([
      "unknown_role",
      "missing_column",
      "ambiguous_column",
    ]);
  });

  it("reports a row with the wrong number of fields and tolerates trailing empty fields", async () => {
    const { r, rows, issues } = await collect(write("width.csv", "sku,qty\nA,1\nB,2,3\nC,3,,\nD\n"));
    expect(r.ok && r.value.rowsRead).toBe(4);
    expect(rows.map((x) => x.sku)).toEqual(["A", "C"]);
    expect(issues.map((i) => [i.code, i.path.line, i.received])).toEqual([
      ["field_count", 3, "3"],
      ["field_count", 5, "1"],
    ]);
  });

  it("fails cleanly for a missing file, an empty file, a corrupt gzip and an unclosed quote", async () => {
    const codes = async (p: string) => {
      const { r } = await collect(p);
      return r.ok ? [] : r.issues.map((i) => [i.code, i.path.line]);
    };
    expect(await codes(join(dir, "nope.csv"))).toEqual([["file_not_found", undefined]]);
    expect(await codes(write("empty.csv", ""))).toEqual([["empty_file", undefined]]);
    expect(await codes(write("bom-only.csv", "\uFEFF\n\n"))).toEqual([["empty_file", undefined]]);
    expect(await codes(write("bad.csv.gz", gzipSync("sku,qty\nA,1\n".repeat(1000)).subarray(0, 60)))).toEqual(
      [["read_error", undefined]],
    );
    expect(await codes(write("quote.csv", 'sku,qty\nA,1\n"B,2\n'))).toEqual([["unclosed_quote", 3]]);
    expect(await codes(dir)).toEqual([["read_error", undefined]]);
  });

  it("streams a multi-chunk file with multi-byte characters across chunk borders, reporting progress", async () => {
    const n = 150_000;
    const lines = ["sku,qty"];
    for (let i = 0; i < n; i++) lines.push(`ÄÖ€${i},${i % 7}`);
    const text = `${lines.join("\n")}\n`;
    const p = write("big.csv", text);
    const progress: [number, number][] = [];
    const { r, rows } = await collect(p, { onProgress: (a, b) => progress.push([a, b]) });
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThan(2 * (1 << 20));
    // The first 1 MiB read chunk ends inside a multi-byte character.
    expect(Buffer.from(text)[1 << 20]! & 0xc0).toBe(0x80);
    expect(r.ok && r.value.rowsRead).toBe(n);
    expect(rows[n - 1]).toEqual({
      line: n + 1,
      sku: `ÄÖ€${n - 1}`,
      quantity: String((n - 1) % 7),
      price: null,
    });
    expect(rows.every((x, i) => x.sku === `ÄÖ€${i}`)).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual([bytes, bytes]);
    expect(progress.every(([a], i) => i === 0 || a >= progress[i - 1]![0])).toBe(true);
  });

  it("stops early when the sink says so", async () => {
    const p = write("stop.csv", `sku,qty\n${"A,1\n".repeat(10)}`);
    let seen = 0;
    const r = await scanCsvTable(p, ROLES, {}, () => ({
      row: () => ++seen < 3,
      issue: () => true,
    }));
    expect(r.ok && r.value.stopped).toBe(true);
    expect(seen).toBe(3);
  });
});
