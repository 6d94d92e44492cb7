import type { Db } from "./db.js";
import { openPgDb } from "./pg-db.js";
import { openPgliteDb } from "./pglite-db.js";

/** Where the in-process database lives unless told otherwise (relative to the working directory). */
export const DEFAULT_DATA_DIR = ".takt/db";

export interface OpenDbOptions {
  /** A PostgreSQL server URL (DATABASE_URL); wins unless `dataDir` was asked for explicitly. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory (absolute, or resolved by the caller). */
  readonly dataDir: string;
  /** True when the user named the data directory (e.g. --data): then PGlite is used even with a URL. */
  readonly dataDirExplicit?: boolean;
}

/** Where a Db will be opened, for messages. */
export const describeTarget = (o: OpenDbOptions): string =>
  useServer(o) ? `PostgreSQL at ${redact(o.databaseUrl!)}` : `PGlite in ${o.dataDir}`;

const useServer = (o: OpenDbOptions): boolean =>
  o.databaseUrl !== undefined && o.databaseUrl !== "" && o.dataDirExplicit !== true;

/** Opens a PostgreSQL server when a URL is given, otherwise PGlite persisted in the data directory. */
export async function openDb(o: OpenDbOptions): Promise<Db> {
  return useServer(o) ? openPgDb({ connectionString: o.databaseUrl! }) : openPgliteDb({ dataDir: o.dataDir });
}

/** The URL without its password. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
