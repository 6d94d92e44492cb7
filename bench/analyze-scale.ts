/**
 * Planning throughput at scale: the whole `takt analyze` pipeline (demand profile, forecast selection
 * by backtest, policies, ABC, writing plan.csv / plan.json / report.html) on a generated catalogue of
 * 30,000 daily series × 3 years, with 1 worker thread and with all cores. Each configuration runs in
 * its own process so its peak RSS is its own.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAnalyze } from "../dist/app/analyze.js";
import { generateDemandSeries } from "../dist/demo/generate-demand-series.js";
import type { DemandImport } from "../dist/io/read-demand.js";
import { NO_SKIPPED_ROWS } from "../dist/io/row-issues.js";
import { stat } from "./harness.js";

interface ChildResult {
  readonly seconds: number;
  /** CPU time of the process (all threads, user + system) over the analyze run: stable on a busy machine. */
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  readonly series: number;
}

async function child(count: number, days: number, threads: number): Promise<ChildResult> {
  const series = generateDemandSeries({ seed: 1, count, days });
  let rows = 0;
  for (const s of series) rows += s.quantities.length;
  const demand: DemandImport = {
    file: "generated",
    series,
    rowsRead: rows,
    rowsUsed: rows,
    rowsNotOnSale: 0,
    mapping: { sku: "sku", location: "location", date: "date", quantity: "qty", price: "price" },
    delimiter: ",",
    hasLocation: true,
    hasPrice: true,
    frequency: "day",
    firstDate: Math.min(...series.map((s) => s.start)) as DemandImport["firstDate"],
    lastDate: (series[0]!.start + series[0]!.quantities.length - 1) as DemandImport["lastDate"],
    seriesWithoutSales: [],
    skipped: NO_SKIPPED_ROWS,
  };
  const out = mkdtempSync(join(tmpdir(), "takt-scale-"));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runAnalyze(demand, null, {
    outDir: out,
    horizon: 28,
    threads,
    reportSeries: 100,
    seed: 1,
    sources: ["generated"],
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  rmSync(out, { recursive: true, force: true });
  return { seconds, cpuSeconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, series: count };
}

export function analyzeScale(opts: { count: number; days: number; runs: number }): Record<string, unknown> {
  const result: Record<string, unknown> = { series: opts.count, days: opts.days };
  for (const threads of [1, 0]) {
    const runs: ChildResult[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const text = execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          import.meta.filename,
          "--child",
          String(opts.count),
          String(opts.days),
          String(threads),
        ],
        { encoding: "utf8", maxBuffer: 1 << 20 },
      );
      runs.push(JSON.parse(text.trim().split("\n").pop()!) as ChildResult);
    }
    const seconds = stat(runs.map((r) => r.seconds));
    result[threads === 1 ? "oneThread" : "allCores"] = {
      seconds,
      cpuSeconds: stat(runs.map((r) => r.cpuSeconds)),
      peakRssMiB: stat(runs.map((r) => r.peakRssMiB)),
      seriesPerSecond: opts.count / seconds.median,
    };
  }
  return result;
}

if (process.argv[2] === "--child") {
  const [count, days, threads] = process.argv.slice(3).map(Number);
  process.stdout.write(`${JSON.stringify(await child(count!, days!, threads!))}\n`);
}
