import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { type AnalyzeRun, runAnalyze } from "../../app/analyze.js";
import { formatIssue } from "../../core/result.js";
import { readItemsCsv } from "../../io/read-items.js";
import { type CliContext, say, UserError } from "../context.js";
import { loadDemand } from "../load.js";
import { parsePositiveInt, parseThreads } from "../options.js";
import { progressBar } from "../progress.js";
import { textTable } from "../table.js";

interface AnalyzeFlags {
  items?: string;
  out: string;
  horizon: number;
  map?: string[];
  lenient?: boolean;
  threads: number;
  reportSeries: number;
  seed: number;
}

export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command("analyze")
    .description(
      "Demand patterns, forecasts with measured accuracy, ABC/XYZ and the replenishment plan, per SKU × location.",
    )
    .argument("<sales>", "demand history CSV (.csv or .csv.gz): date, sku, [location], quantity, [price]")
    .option("--items <file>", "items master CSV (costs, lead times, MOQ, service targets, suppliers)")
    .option("--out <dir>", "output folder for plan.csv, plan.json and report.html", "takt-out")
    .option("--horizon <periods>", "forecast horizon", parsePositiveInt, 28)
    .option("--map <role=column...>", "name columns explicitly, e.g. --map sku=Article date=Day")
    .option("--lenient", "skip bad rows (and report them) instead of stopping")
    .option("--threads <n>", "worker threads (0 = all cores)", parseThreads, 0)
    .option(
      "--report-series <n>",
      "series charted in the report (highest annual value first)",
      parsePositiveInt,
      100,
    )
    .option("--seed <n>", "seed for bootstraps (results are reproducible)", parseThreads, 1)
    .action(async (sales: string, o: AnalyzeFlags) => {
      const demand = await loadDemand(ctx, sales, o);
      let items = null;
      if (o.items !== undefined) {
        const r = await readItemsCsv(resolve(ctx.cwd, o.items));
        if (!r.ok) throw new UserError(r.issues.map(formatIssue).join("\n"));
        items = r.value;
      }
      const bar = progressBar(ctx, "planning");
      const outDir = resolve(ctx.cwd, o.out);
      const run = await runAnalyze(demand, items, {
        outDir,
        horizon: o.horizon,
        threads: o.threads,
        reportSeries: o.reportSeries,
        seed: o.seed,
        sources: [basename(sales), ...(o.items ? [basename(o.items)] : [])],
        onProgress: (d, t) => bar.update(d, t),
      });
      bar.stop();
      say(ctx, summary(run));
      say(ctx, `\nWrote ${run.files.join(", ")}`);
    });
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : "–");
const n1 = (v: number) =>
  Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: 1 }) : "–";
const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–");

/** The concise terminal summary: what a planner reads before opening the report. */
export function summary(run: AnalyzeRun): string {
  const m = run.report;
  const out: string[] = [];
  out.push(
    `${m.totals.series} series (${m.totals.skus} SKUs × ${m.totals.locations} locations), ${m.firstDate} to ${m.lastDate}, ${m.totals.rows.toLocaleString("en-US")} rows`,
  );
  out.push(`Demand patterns: ${m.patterns.map((p) => `${p.pattern} ${p.count}`).join(" · ")}`);
  out.push("\nABC × XYZ (series):");
  out.push(
    textTable(
      ["", "X", "Y", "Z"],
      ["A", "B", "C"].map((a, i) => [a, ...m.matrix.counts[i]!.map(String)]),
    ),
  );
  out.push("\nForecast accuracy (rolling-origin backtest, mean per series):");
  out.push(
    textTable(
      ["pattern", "series", "MAPE", "lead-time MAPE", "WAPE", "MASE", "RMSSE", "bias"],
      m.accuracy.map((a) => [
        a.group,
        String(a.series),
        pct(a.mape),
        pct(a.leadTimeMape),
        pct(a.wape),
        a.mase.toFixed(3),
        a.rmsse.toFixed(3),
        pct(a.bias),
      ]),
    ),
  );
  out.push(
    `\nJIT readiness: ${m.readiness.map((r) => `${r.verdict} ${r.count} (${n0(r.inventoryValue)} tied up)`).join(" · ")}`,
  );
  out.push("\nTop series by annual value:");
  out.push(
    textTable(
      [
        "sku",
        "location",
        "class",
        "pattern",
        "method",
        "LT MAPE",
        "safety stock",
        "reorder pt",
        "order qty",
        "readiness",
      ],
      m.table
        .slice(0, 10)
        .map((r) => [
          r.sku,
          r.location,
          `${r.abc}${r.xyz}`,
          r.pattern,
          r.method,
          pct(r.leadTimeMape),
          n1(r.safetyStock),
          n1(r.reorderPoint),
          n0(r.orderQuantity),
          r.readiness,
        ]),
    ),
  );
  if (m.defaults.length)
    out.push(
      `\nDefaulted items-master fields: ${m.defaults.map((d) => `${d.field} (${d.series})`).join(", ")}`,
    );
  return out.join("\n");
}
