import type { Command } from "commander";
import { formatIssue } from "../../core/result.js";
import { migrate } from "../../db/migrate.js";
import { describeTarget, openDb } from "../../db/open-db.js";
import { buildApp } from "../../http/app.js";
import { type CliContext, say, UserError } from "../context.js";
import { DATA_OPTION, databaseOptions } from "../database.js";
import { parseThreads } from "../options.js";

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "Run the live pull system's HTTP API: POST /events, GET /signals/:id, GET /items/:sku/why. Migrates on start; stops on SIGINT/SIGTERM.",
    )
    .option(...DATA_OPTION)
    .option("--port <n>", "TCP port (0 = any free port)", parseThreads, 8080)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .action(async (o: { data?: string; port: number; host: string }) => {
      const options = databaseOptions(ctx, o.data);
      const db = await openDb(options);
      try {
        const m = await migrate(db);
        if (!m.ok) throw new UserError(m.issues.map(formatIssue).join("\n"));
        const app = buildApp(db);
        const address = await app.listen({ port: o.port, host: o.host });
        say(
          ctx,
          `takt serve: ${describeTarget(options)}, schema version ${m.value.version}; listening on ${address}`,
        );
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await app.close();
        say(ctx, "takt serve: stopped");
      } finally {
        await db.close();
      }
    });
}
