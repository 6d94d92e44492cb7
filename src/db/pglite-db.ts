import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import {
  type Db,
  type QueryResult,
  RETRYABLE_SQLSTATES,
  retryDelay,
  sqlState,
  type TransactionOptions,
  type Tx,
} from "./db.js";
import { lockDataDir, type PgliteLock } from "./pglite-lock.js";
import { TEXT_PARSERS } from "./type-parsers.js";

export interface PgliteOptions {
  /** Directory the database persists to; omitted: in memory only. Created when missing. */
  readonly dataDir?: string;
  /** Start from a dump of another database's data directory (`dumpPgliteDataDir`). */
  readonly loadDataDir?: Blob;
}

/**
 * PostgreSQL in-process (PGlite, WASM). One connection: statements and transactions queue behind one
 * another, so concurrency (row locks, serialization failures) must also be tested on a server.
 * A data directory is held by one process at a time (pglite-lock.ts): a second opener fails at once
 * with DataDirLocked instead of writing the same files.
 */
export async function openPgliteDb(options: PgliteOptions = {}): Promise<Db & { readonly pglite: PGlite }> {
  let lock: PgliteLock | undefined;
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    lock = lockDataDir(options.dataDir);
  }
  const parsers = Object.fromEntries(
    Object.entries(TEXT_PARSERS).map(([oid, parse]) => [oid, (text: string) => parse(text)]),
  );
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}),
      parsers,
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const run = async <R>(q: Queryable, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
    const r = await q.query<R>(sql, params === undefined ? [] : [...params]);
    return { rows: r.rows, rowCount: r.rowCount ?? r.affectedRows ?? r.rows.length };
  };
  return {
    dialect: "pglite",
    pglite: pg,
    query: (sql, params) => run(pg, sql, params),
    exec: async (script) => {
      await pg.exec(script);
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      const retries = options.retries ?? 5;
      for (let attempt = 0; ; attempt++) {
        try {
          // PGlite's transaction() sends BEGIN, then COMMIT, or ROLLBACK when the callback throws.
          return await pg.transaction(async (t) => {
            await t.query(
              `SET TRANSACTION ISOLATION LEVEL ${(options.isolation ?? "read committed").toUpperCase()}`,
            );
            return fn({
              query: (sql, params) => run(t, sql, params),
              exec: async (script) => {
                await t.exec(script);
              },
            });
          });
        } catch (e) {
          const state = sqlState(e);
          if (state === null || !RETRYABLE_SQLSTATES.has(state) || attempt >= retries) throw e;
          await retryDelay(attempt + 1);
        }
      }
    },
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}

interface Queryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount?: number; affectedRows?: number }>;
}

/** A snapshot of a PGlite database (e.g. a migrated template) that `openPgliteDb` can start from. */
export async function dumpPgliteDataDir(db: { readonly pglite: PGlite }): Promise<Blob> {
  return db.pglite.dumpDataDir("none");
}
