import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { csvText } from "../demo/csv-text.js";
import { demoTables } from "../demo/demo-tables.js";
import { generateDemo } from "../demo/generate-demo.js";
import { analyzeUploadedFiles, type UploadedFile } from "./file-analysis.js";

const company = generateDemo({ seed: 3, skus: 12, locations: 2, days: 200 });
const table = (file: string): UploadedFile => {
  const t = demoTables(company).find((x) => x.file === file)!;
  return { name: file, bytes: Buffer.from(csvText(t.header, t.rows()), "utf8") };
};

/** The temporary upload folders present now. */
const uploadDirs = async () => (await readdir(tmpdir())).filter((f) => f.startsWith("takt-upload-")).sort();

describe("analyze uploaded files", () => {
  it("plans a demand history with its items master as takt analyze does, and leaves nothing behind", async () => {
    const sales = table("sales.csv");
    const before = await uploadDirs();
    const r = await analyzeUploadedFiles(
      [
        { name: "sales.csv.gz", bytes: gzipSync(sales.bytes) },
        table("items.csv"),
        table("purchase_orders.csv"),
      ],
      { includeReport: true },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const a = r.value;
    expect(a.files.map((f) => [f.name, f.kind])).toEqual([
      ["sales.csv.gz", "demand"],
      ["items.csv", "items"],
      ["purchase_orders.csv", "purchase_orders"],
    ]);
    expect(a.demand).toMatchObject({ file: "sales.csv.gz", frequency: "day" });
    const n = a.demand!.series;
    expect(n).toBeGreaterThan(10);
    expect(a.rows).toHaveLength(n);
    expect(Object.values(a.patterns).reduce((s, x) => s + x, 0)).toBe(n);
    expect(Object.values(a.abc).reduce((s, x) => s + x, 0)).toBe(n);
    expect(a.readiness.reduce((s, x) => s + x.series, 0)).toBe(n);
    const col = (c: string) => a.columns.indexOf(c);
    for (const row of a.rows) {
      expect(Number(row[col("reorder_point")])).toBeGreaterThanOrEqual(0);
      expect(["jit", "hybrid", "buffered"]).toContain(row[col("readiness")]);
    }
    expect(a.reportHtml).toMatch(/^<!doctype html>/i);
    expect(await uploadDirs()).toEqual(before);
  });

  it("names the file, line and column of a bad cell, and refuses what it cannot read", async () => {
    const bad = await analyzeUploadedFiles([
      { name: "mine.csv", bytes: Buffer.from("date,sku,quantity\n2026-01-01,A,3\n2026-13-02,A,4\n") },
    ]);
    expect(!bad.ok && bad.issues[0]).toMatchObject({ path: { file: "mine.csv", line: 3, column: "date" } });
    const unknown = await analyzeUploadedFiles([{ name: "notes.csv", bytes: Buffer.from("a,b\n1,2\n") }]);
    expect(!unknown.ok && unknown.issues[0]).toMatchObject({
      code: "unknown_kind",
      path: { file: "notes.csv" },
    });
    expect(!unknown.ok && unknown.issues[0]!.expected).not.toMatch(/--kind/);
    const names = await analyzeUploadedFiles([
      { name: "../x.csv", bytes: Buffer.from("") },
      { name: "report.pdf", bytes: Buffer.from("") },
    ]);
    expect(!names.ok && names.issues.map((i) => [i.code, i.path.file])).toEqual([
      ["invalid_name", "../x.csv"],
      ["not_csv", "report.pdf"],
    ]);
    const two = await analyzeUploadedFiles([
      table("sales.csv"),
      { ...table("sales.csv"), name: "again.csv" },
    ]);
    expect(!two.ok && two.issues[0]).toMatchObject({ code: "ambiguous_input", path: { file: "again.csv" } });
  });
});
