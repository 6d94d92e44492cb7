import { resolve } from "node:path";
import { formatIssue } from "../core/result.js";
import type { Db } from "../db/db.js";
import { migrate } from "../db/migrate.js";
import { DEFAULT_DATA_DIR, describeTarget, type OpenDbOptions, openDb } from "../db/open-db.js";
import { type CliContext, say, UserError } from "./context.js";

/** The `--data` option shared by the database commands. */
export const DATA_OPTION = [
  "--data <dir>",
  `PGlite data directory (default ${DEFAULT_DATA_DIR}; without --data, DATABASE_URL selects a PostgreSQL server)`,
] as const;

/** Where the database is: DATABASE_URL (a server) unless --data names a PGlite directory. */
export function databaseOptions(ctx: CliContext, data: string | undefined): OpenDbOptions {
  return {
    databaseUrl: process.env.DATABASE_URL,
    dataDir: resolve(ctx.cwd, data ?? DEFAULT_DATA_DIR),
    dataDirExplicit: data !== undefined,
  };
}

/** Opens the database, brings its schema up to date (migrations apply on start), runs `fn`, closes. */
export async function withDatabase<T>(
  ctx: CliContext,
  data: string | undefined,
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  const options = databaseOptions(ctx, data);
  const db = await openDb(options);
  try {
    const m = await migrate(db);
    if (!m.ok) throw new UserError(m.issues.map(formatIssue).join("\n"));
    if (m.value.applied.length > 0)
      say(
        ctx,
        `${describeTarget(options)}: applied migration(s) ${m.value.applied.join(", ")}; schema version ${m.value.version}.`,
      );
    return await fn(db);
  } finally {
    await db.close();
  }
}
