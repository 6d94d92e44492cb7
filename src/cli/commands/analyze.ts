import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { runAnalyze, runOperations } from "../../app/analyze.js";
import type { DemandImport } from "../../io/read-demand.js";
import { type CliContext, say, UserError } from "../context.js";
import { loadItems, loadOperations, routeInputs } from "../inputs.js";
import { loadDemand } from "../load.js";
import { parseDateOption, parsePositiveInt, parseThreads } from "../options.js";
import { progressBar } from "../progress.js";
import { operationsSummary, summary } from "../summaries.js";

interface AnalyzeFlags {
  items?: string;
  kind?: string[];
  out: string;
  horizon: number;
  map?: string[];
  lenient?: boolean;
  threads: number;
  reportSeries: number;
  seed: number;
  asOf?: number;
  months: number;
}

export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command("analyze")
    .description(
      "Demand patterns, forecasts with measured accuracy, ABC/XYZ and the replenishment plan per SKU × location; supplier scorecards, weekly KPIs, stockout root cause and aging from operational files.",
    )
    .argument(
      "<inputs...>",
      "CSV files (.csv or .csv.gz) or folders of them, each recognised by its header: demand history (date, sku, [location], quantity), items master, purchase-order lines, inventory snapshots, customer orders",
    )
    .option("--items <file>", "items master CSV (costs, lead times, MOQ, service targets, suppliers)")
    .option(
      "--kind <file=kind...>",
      "say what a file holds instead of recognising it: demand, items, purchase_orders, snapshots or customer_orders",
    )
    .option(
      "--out <dir>",
      "output folder: plan.csv, plan.json and report.html; with purchase orders, snapshots or customer orders also suppliers.csv, kpis.csv and kpis_by_group.csv",
      "takt-out",
    )
    .option("--horizon <periods>", "forecast horizon", parsePositiveInt, 28)
    .option(
      "--map <role=column...>",
      "name the demand file's columns explicitly, e.g. --map sku=Article date=Day",
    )
    .option("--lenient", "skip bad rows (and report them) instead of stopping")
    .option("--threads <n>", "worker threads (0 = all cores)", parseThreads, 0)
    .option(
      "--report-series <n>",
      "series charted in the report (highest annual value first)",
      parsePositiveInt,
      100,
    )
    .option("--seed <n>", "seed for bootstraps (results are reproducible)", parseThreads, 1)
    .option(
      "--as-of <date>",
      "day the operations review is drawn up (default: the last day anything happened in the files)",
      parseDateOption,
    )
    .option(
      "--months <n>",
      "months in the supplier scorecard's trailing window and monthly history",
      parsePositiveInt,
      12,
    )
    .action(async (inputs: string[], o: AnalyzeFlags) => {
      const files = await routeInputs(ctx, inputs, o.kind);
      if (o.items !== undefined) files.items.push(o.items);
      if (files.demand.length > 1)
        throw new UserError(
          `more than one demand history: ${files.demand.join(", ")}; pass one (or name the others with --kind)`,
        );
      if (files.items.length > 1)
        throw new UserError(`more than one items master: ${files.items.join(", ")}; pass one`);
      const demandFile = files.demand[0];
      const demand: DemandImport | null =
        demandFile === undefined ? null : await loadDemand(ctx, demandFile, o);
      const items = await loadItems(ctx, files.items[0], o.lenient === true);
      const operations = await loadOperations(ctx, files, o.lenient === true);
      const sources = [
        ...files.demand,
        ...files.items,
        ...files.purchase_orders,
        ...files.snapshots,
        ...files.customer_orders,
      ].map((f) => basename(f));
      const outDir = resolve(ctx.cwd, o.out);
      const window = { months: o.months, ...(o.asOf === undefined ? {} : { asOf: o.asOf }) };
      if (demand === null) {
        if (operations === null)
          throw new UserError(
            "no demand history and no purchase-order, snapshot or customer-order file among the inputs: nothing to analyze",
          );
        const run = await runOperations(operations, items, { outDir, sources, window });
        say(ctx, "No demand history given: forecasts and the replenishment plan are left out.");
        say(ctx, operationsSummary(run.operations));
        say(ctx, `\nWrote ${run.files.join(", ")}`);
        return;
      }
      const bar = progressBar(ctx, "planning");
      const run = await runAnalyze(demand, items, {
        outDir,
        horizon: o.horizon,
        threads: o.threads,
        reportSeries: o.reportSeries,
        seed: o.seed,
        sources,
        onProgress: (d, t) => bar.update(d, t),
        window,
        ...(operations ? { operations } : {}),
      });
      bar.stop();
      say(ctx, summary(run));
      if (run.operations) say(ctx, `\n${operationsSummary(run.operations)}`);
      say(ctx, `\nWrote ${run.files.join(", ")}`);
    });
}
