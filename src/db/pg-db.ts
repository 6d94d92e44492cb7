import pg from "pg";
import {
  beginStatement,
  type Db,
  type QueryOptions,
  type QueryResult,
  RETRYABLE_SQLSTATES,
  retryDelay,
  sqlState,
  type TransactionOptions,
  type Tx,
} from "./db.js";
import { TEXT_PARSERS } from "./type-parsers.js";

export interface PgOptions {
  /** `postgresql://user:password@host:port/database` (libpq URL; `?sslmode=…` and the like accepted). */
  readonly connectionString: string;
  /** Schema to create tables in and read from (sets search_path on every connection). Default: the server's. */
  readonly schema?: string;
  /** Pool size, default 10. */
  readonly maxConnections?: number;
}

const types = {
  getTypeParser(oid: number, format?: "text" | "binary"): (text: string) => unknown {
    const own = format === "binary" ? undefined : TEXT_PARSERS[oid];
    return own ?? (pg.types.getTypeParser(oid, format ?? "text") as (text: string) => unknown);
  },
};

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A PostgreSQL server through a node-postgres pool. */
export function openPgDb(options: PgOptions): Db & { readonly pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema !== undefined ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next checkout reconnects.
  pool.on("error", () => {});
  const run = async <R>(
    q: pg.Pool | pg.PoolClient,
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>> => {
    const values = params === undefined ? [] : [...params];
    const r =
      options?.prepare === undefined
        ? await q.query(sql, values)
        : await q.query({ name: options.prepare, text: sql, values });
    return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
  };
  return {
    dialect: "postgres",
    pool,
    query: (sql, params, options) => run(pool, sql, params, options),
    exec: async (script) => {
      await pool.query(script);
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
      const retries = options.retries ?? 5;
      for (let attempt = 0; ; attempt++) {
        const client = await pool.connect();
        let broken: Error | undefined;
        // A checked-out client whose connection dies between statements (the server restarting)
        // emits "error": without a listener that would crash the process. Note it; the next
        // statement fails and the client is dropped instead of returned to the pool.
        const onError = (e: Error) => {
          broken ??= e;
        };
        client.on("error", onError);
        try {
          await client.query(beginStatement(options.isolation));
          const value = await fn({
            query: (sql, params, options) => run(client, sql, params, options),
            exec: async (script) => {
              await client.query(script);
            },
          });
          await client.query("COMMIT");
          return value;
        } catch (e) {
          try {
            await client.query("ROLLBACK");
          } catch (rollbackError) {
            // The connection is unusable: drop it from the pool instead of returning it.
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
          const state = sqlState(e);
          if (state === null || !RETRYABLE_SQLSTATES.has(state) || attempt >= retries) throw e;
        } finally {
          client.off("error", onError);
          client.release(broken);
        }
        await retryDelay(attempt + 1);
      }
    },
    close: () => pool.end(),
  };
}
