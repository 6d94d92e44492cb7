import type { Command } from "commander";
import { formatIssue } from "../../core/result.js";
import { migrate } from "../../db/migrate.js";
import { describeTarget, openDb } from "../../db/open-db.js";
import { type CliContext, say, UserError } from "../context.js";
import { DATA_OPTION, databaseOptions } from "../database.js";

export function registerDb(program: Command, ctx: CliContext): void {
  const db = program.command("db").description("Manage the live system's PostgreSQL database.");
  db.command("migrate")
    .description("Create or upgrade the database schema (each migration once, in order, in a transaction).")
    .option(...DATA_OPTION)
    .action(async (o: { data?: string }) => {
      const options = databaseOptions(ctx, o.data);
      const conn = await openDb(options);
      try {
        const r = await migrate(conn);
        if (!r.ok) throw new UserError(r.issues.map(formatIssue).join("\n"));
        const where = describeTarget(options);
        if (r.value.applied.length === 0)
          say(ctx, `${where}: schema up to date (version ${r.value.version}).`);
        else
          say(
            ctx,
            `${where}: applied migration(s) ${r.value.applied.join(", ")}; schema version ${r.value.version}.`,
          );
      } finally {
        await conn.close();
      }
    });
}
