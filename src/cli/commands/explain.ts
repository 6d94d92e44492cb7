import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type CliContext, say, UserError } from "../context.js";

interface PlannedSeries {
  readonly sku: string;
  readonly location: string;
  readonly abc: string;
  readonly xyz: string;
  readonly pattern: string;
  readonly explanation: readonly string[];
}

export function registerExplain(program: Command, ctx: CliContext): void {
  program
    .command("explain")
    .description(
      "Explain every recommended figure of a SKU (and location): inputs, formula, distribution, intermediate values.",
    )
    .argument("<sku>", "the SKU")
    .argument("[location]", "the location (all locations of the SKU when left out)")
    .option("--plan <file>", "plan.json written by takt analyze", "takt-out/plan.json")
    .action(async (sku: string, location: string | undefined, o: { plan: string }) => {
      const path = resolve(ctx.cwd, o.plan);
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch {
        throw new UserError(
          `${path}: no plan found (run \`takt analyze SALES.csv --out DIR\` first, or pass --plan DIR/plan.json)`,
        );
      }
      const plan = JSON.parse(text) as { series: PlannedSeries[] };
      const hits = plan.series.filter(
        (s) => s.sku === sku && (location === undefined || s.location === location),
      );
      if (hits.length === 0) {
        const near = [...new Set(plan.series.map((s) => s.sku))]
          .filter((k) => k.toLowerCase().includes(sku.toLowerCase()))
          .slice(0, 5);
        throw new UserError(
          `${path}: no series for SKU "${sku}"${location !== undefined ? ` at location "${location}"` : ""}${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}`,
        );
      }
      for (const s of hits) {
        say(
          ctx,
          `${s.sku}${s.location ? ` @ ${s.location}` : ""} — ABC ${s.abc}, XYZ ${s.xyz}, ${s.pattern} demand`,
        );
        for (const line of s.explanation) say(ctx, line);
        say(ctx, "");
      }
    });
}
