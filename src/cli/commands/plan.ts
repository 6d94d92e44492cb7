import type { Command } from "commander";
import { systemClock } from "../../app/live/clock.js";
import { demoState } from "../../app/live/live-demo.js";
import { runPlanningJob } from "../../app/live/planning-job.js";
import { formatIsoDate } from "../../core/calendar.js";
import type { EpochDay } from "../../core/units.js";
import { runChanges } from "../../db/planning-store.js";
import { type CliContext, say } from "../context.js";
import { DATA_OPTION, withDatabase } from "../database.js";
import { parseDateOption, parseThreads } from "../options.js";

const MAX_SHOWN = 20;

/** `takt plan`: the planning job on demand (the same job `takt serve --plan-every` and POST /planning/runs run). */
export function registerPlan(program: Command, ctx: CliContext): void {
  program
    .command("plan")
    .description(
      "Recompute forecasts and policies from the live database's ledger history (the takt analyze pipeline) and propose the changed ones; automatic mode activates pilot-scope proposals.",
    )
    .option(...DATA_OPTION)
    .option(
      "--as-of <date>",
      "plan as of this day (default today; the demo's simulated day for the demo)",
      parseDateOption,
    )
    .option("--propose-only", "never activate, whatever the planning mode")
    .option("--threads <n>", "worker threads (0 = all cores)", parseThreads, 0)
    .option("--actor <name>", "who runs it, for the audit log", "cli")
    .action(
      async (o: { data?: string; asOf?: number; proposeOnly?: boolean; threads: number; actor: string }) => {
        await withDatabase(ctx, o.data, async (db) => {
          const asOf = (o.asOf ?? (await demoState(db))?.today ?? systemClock.today()) as EpochDay;
          const r = await runPlanningJob(db, {
            asOf,
            trigger: "manual",
            actor: o.actor,
            threads: o.threads,
            activate: o.proposeOnly ? "none" : "settings",
          });
          say(
            ctx,
            `Planning run ${r.runId} as of ${formatIsoDate(asOf)} (${r.mode} mode): ${r.series} series planned; ${r.proposed} proposed, ${r.activated} activated, ${r.unchanged} unchanged, ${r.skipped} skipped; ${r.signals.length} signal changes.`,
          );
          const changes = await runChanges(db, r.runId);
          for (const c of changes.slice(0, MAX_SHOWN)) {
            const d = c.detail as { before: Record<string, unknown> | null; after: Record<string, unknown> };
            const fig = (x: Record<string, unknown> | null) =>
              x === null
                ? "none"
                : `r ${x.reorderPoint}, Q ${x.orderQuantity}, SS ${x.safetyStock}, d ${x.meanDailyDemand}/day`;
            say(
              ctx,
              `  ${c.sku}@${c.location} v${c.version} ${c.change}: ${fig(d.before)} → ${fig(d.after)}`,
            );
          }
          if (changes.length > MAX_SHOWN)
            say(ctx, `  … and ${changes.length - MAX_SHOWN} more (GET /planning/runs/${r.runId})`);
        });
      },
    );
}
