import { resolve } from "node:path";
import type { Command } from "commander";
import { runForecast } from "../../app/forecast.js";
import { type CliContext, say } from "../context.js";
import { loadDemand } from "../load.js";
import { parsePositiveInt, parseThreads } from "../options.js";
import { progressBar } from "../progress.js";
import { textTable } from "../table.js";

export function registerForecast(program: Command, ctx: CliContext): void {
  program
    .command("forecast")
    .description("Forecast every series with the method chosen by backtest; optionally score a holdout.")
    .argument("<sales>", "demand history CSV (.csv or .csv.gz)")
    .option("--horizon <periods>", "periods to forecast after the history", parsePositiveInt, 28)
    .option(
      "--holdout <periods>",
      "hold out the last N periods, forecast them from the rest and score",
      parsePositiveInt,
    )
    .option("--out <file>", "forecast CSV to write", "forecasts.csv")
    .option("--map <role=column...>", "name columns explicitly, e.g. --map sku=Article date=Day")
    .option("--lenient", "skip bad rows (and report them) instead of stopping")
    .option("--threads <n>", "worker threads (0 = all cores)", parseThreads, 0)
    .action(
      async (
        sales: string,
        o: {
          horizon: number;
          holdout?: number;
          out: string;
          map?: string[];
          lenient?: boolean;
          threads: number;
        },
      ) => {
        const demand = await loadDemand(ctx, sales, o);
        const bar = progressBar(ctx, "forecast");
        const out = resolve(ctx.cwd, o.out);
        const r = await runForecast(demand, {
          horizon: o.holdout ?? o.horizon,
          holdout: o.holdout ?? 0,
          threads: o.threads,
          outFile: out,
          onProgress: (d, t) => bar.update(d, t),
        });
        bar.stop();
        say(ctx, `${r.series} series forecast (${r.periods} periods each) → ${out}`);
        if (r.accuracy.length) {
          say(
            ctx,
            `\nHoldout accuracy, last ${o.holdout} periods (mean per series; MAPE over non-zero actuals):`,
          );
          say(
            ctx,
            textTable(
              ["pattern", "series", "MAPE", "WAPE", "MASE", "RMSSE", "bias"],
              r.accuracy.map((a) => [
                a.group,
                String(a.series),
                pctText(a.mape),
                pctText(a.wape),
                a.mase.toFixed(3),
                a.rmsse.toFixed(3),
                pctText(a.bias),
              ]),
            ),
          );
        }
      },
    );
}

const pctText = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : "–");
