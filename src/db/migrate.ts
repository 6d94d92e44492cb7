import { createHash } from "node:crypto";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import type { Db, Tx } from "./db.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Migration } from "./migrations/migration.js";

export interface MigrationReport {
  /** Versions applied by this run, in order. */
  readonly applied: readonly number[];
  /** The schema version after the run. */
  readonly version: number;
}

/** sha256 of a migration's SQL, recorded so an edited migration is caught instead of silently skipped. */
export const migrationChecksum = (m: Migration): string => createHash("sha256").update(m.sql).digest("hex");

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Serialises migrators of the same schema (several processes starting at once). */
const lock = (tx: Tx) =>
  tx.query("SELECT pg_advisory_xact_lock(hashtext('takt.migrate.' || current_schema()))");

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the schema up to date: applies every migration not yet recorded in schema_migrations, in
 * version order, each in its own transaction together with its record (so a failed migration leaves
 * no trace). Idempotent: a second run applies nothing. Fails (applying nothing) when a recorded
 * migration's checksum differs from the code's, or when the database has versions this code does
 * not know (it was migrated by a newer takt). SQL errors propagate.
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<Result<MigrationReport>> {
  checkOrder(migrations);
  const recorded = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.query(CREATE_TABLE);
    return (
      await tx.query<AppliedRow>("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
    ).rows;
  });
  const issues = compare(recorded, migrations);
  if (issues.length > 0) return fail(...issues);
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await lock(tx);
      const seen = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        migrationChecksum(m),
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return ok({ applied, version: migrations.at(-1)?.version ?? 0 });
}

/** The versions recorded in schema_migrations (empty before the first migration). */
export async function schemaVersions(db: Db): Promise<number[]> {
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (exists.rows[0]?.t == null) return [];
  const r = await db.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
  return r.rows.map((x) => x.version);
}

/**
 * Versions start at 1 and strictly increase. A gap is tolerated (migrations written in parallel land
 * in any order, e.g. 003 before 002); a missing version applies when it arrives.
 */
function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!(Number.isInteger(m.version) && m.version > previous && (i > 0 || m.version === 1)))
      throw new Error(
        `migration ${m.name} has version ${m.version}, expected ${i === 0 ? 1 : `more than ${previous}`} (versions run 1, 2, 3, …)`,
      );
  });
}

function compare(recorded: readonly AppliedRow[], migrations: readonly Migration[]): Issue[] {
  const issues: Issue[] = [];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const r of recorded) {
    const m = known.get(r.version);
    if (m === undefined) {
      issues.push({
        code: "unknown_migration",
        path: { field: "schema_migrations" },
        message: `the database has migration ${r.version} (${r.name}) that this version of takt does not know; upgrade takt`,
        expected: `versions up to ${migrations.length}`,
        received: String(r.version),
      });
    } else if (migrationChecksum(m) !== r.checksum) {
      issues.push({
        code: "migration_changed",
        path: { field: "schema_migrations" },
        message: `migration ${r.version} (${r.name}) differs from the one applied to this database; shipped migrations must not be edited`,
        expected: r.checksum,
        received: migrationChecksum(m),
      });
    }
  }
  return issues;
}
