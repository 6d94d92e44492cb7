import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { takt } from "./support/cli.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-cli-"));
  const r = await takt(
    dir,
    "demo",
    "--out",
    "demo",
    "--skus",
    "12",
    "--locations",
    "2",
    "--days",
    "400",
    "--seed",
    "7",
  );
  expect(r.code, r.err).toBe(0);
});

describe("takt demo → analyze → explain", () => {
  it("analyzes the demo and writes plan.csv, plan.json and a self-contained report", async () => {
    const r = await takt(
      dir,
      "analyze",
      "demo/sales.csv",
      "--items",
      "demo/items.csv",
      "--out",
      "plan",
      "--threads",
      "1",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/24 series \(12 SKUs × 2 locations\)/);
    expect(r.out).toMatch(/JIT readiness: jit \d+/);
    const rows = parse(await readFile(join(dir, "plan", "plan.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      expect(["A", "B", "C"]).toContain(row.abc);
      expect(["smooth", "erratic", "intermittent", "lumpy", "no_demand"]).toContain(row.pattern);
      expect(Number(row.reorder_point)).toBeGreaterThanOrEqual(0);
      expect(Number(row.reorder_point) - Number(row.safety_stock)).toBeGreaterThanOrEqual(-1e-6);
      expect(["jit", "hybrid", "buffered"]).toContain(row.readiness);
    }
    const html = await readFile(join(dir, "plan", "report.html"), "utf8");
    expect(html).toContain("ABC × XYZ");
    // nothing is loaded from elsewhere: no external scripts, styles, images or fetches
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/);
    expect(html).not.toMatch(/url\(\s*["']?https?:/);
    expect(html).not.toMatch(/fetch\(/);
    const plan = JSON.parse(await readFile(join(dir, "plan", "plan.json"), "utf8")) as {
      series: { sku: string; explanation: string[] }[];
    };
    expect(plan.series[0]!.explanation.length).toBeGreaterThan(5);

    const sku = rows[0]!.sku!;
    const e = await takt(dir, "explain", sku, rows[0]!.location!, "--plan", "plan/plan.json");
    expect(e.code, e.err).toBe(0);
    expect(e.out).toContain("Reorder point");
    expect(e.out).toContain("Safety stock");
    expect(e.out).toMatch(/Forecast: \w+ — /);
  });

  it("forecasts with a holdout and reports its accuracy", async () => {
    const r = await takt(
      dir,
      "forecast",
      "demo/sales.csv",
      "--holdout",
      "28",
      "--out",
      "f.csv",
      "--threads",
      "1",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/RMSSE/);
    const rows = parse(await readFile(join(dir, "f.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.length).toBe(24 * 28);
    expect(Object.keys(rows[0]!)).toEqual(["sku", "location", "date", "forecast", "method"]);
  });

  it("stops on bad input with file, line, column, value and what was expected", async () => {
    await writeFile(join(dir, "bad.csv"), "sku,date,qty\nA,2024-01-01,3\nA,2024-01-02,-4\n");
    const r = await takt(dir, "analyze", "bad.csv");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv/);
    expect(r.err).toMatch(/3/); // line 3
    expect(r.err).toMatch(/qty/);
    expect(r.err).toMatch(/-4/);
  });

  it("explains what it needs when a plan is missing", async () => {
    const r = await takt(dir, "explain", "NOPE", "--plan", "nowhere/plan.json");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no plan found/);
  });
});
