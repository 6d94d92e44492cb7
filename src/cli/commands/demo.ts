import { resolve } from "node:path";
import type { Command } from "commander";
import { parseIsoDate } from "../../core/calendar.js";
import { generateDemo } from "../../demo/generate-demo.js";
import { writeDemo } from "../../demo/write-demo.js";
import { type CliContext, say, UserError } from "../context.js";
import { parsePositiveInt, parseThreads } from "../options.js";

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command("demo")
    .description(
      "Write a generated demo company (sales, items master, suppliers, purchase orders, stock) as CSV files.",
    )
    .option("--out <dir>", "folder to write into", "takt-demo")
    .option("--seed <n>", "random seed: the same seed writes the same files", parseThreads, 42)
    .option("--skus <n>", "number of SKUs", parsePositiveInt, 60)
    .option("--locations <n>", "number of locations", parsePositiveInt, 3)
    .option("--days <n>", "days of daily history", parsePositiveInt, 730)
    .option("--end <date>", "last day of history (YYYY-MM-DD)", "2026-10-31")
    .action(
      async (o: {
        out: string;
        seed: number;
        skus: number;
        locations: number;
        days: number;
        end: string;
      }) => {
        const end = parseIsoDate(o.end);
        if (end === null) throw new UserError(`--end: "${o.end}" is not a date (expected YYYY-MM-DD)`);
        const company = generateDemo({
          seed: o.seed,
          skus: o.skus,
          locations: o.locations,
          days: o.days,
          endDate: end,
        });
        const dir = resolve(ctx.cwd, o.out);
        const files = await writeDemo(dir, company);
        say(ctx, `Demo company (seed ${o.seed}) written to ${dir}:`);
        for (const f of files) say(ctx, `  ${f}`);
      },
    );
}
