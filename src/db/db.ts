/**
 * The one database interface takt's live system uses: PostgreSQL only, one SQL dialect, two adapters
 * (src/db/pglite-db.ts in-process, src/db/pg-db.ts for a server). Values come back parsed the same way
 * from both: bigint and numeric as JS numbers, date as `YYYY-MM-DD` text, timestamptz as Date, json
 * and jsonb as values. Pass jsonb parameters as JSON text (`JSON.stringify`) with a `::jsonb` cast.
 */

export interface QueryResult<R> {
  readonly rows: R[];
  /** Rows returned, or changed by INSERT/UPDATE/DELETE. */
  readonly rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepare the statement under this name on each server connection: parsed and planned once per
   * connection (PostgreSQL may then keep a generic plan) instead of at every call. For the few
   * statements of fixed text run at high rates (the event path); one name, one text. PGlite ignores it.
   * Behind a transaction-pooling proxy, it needs protocol-level prepared statements (PgBouncer ≥ 1.21).
   */
  readonly prepare?: string;
}

export interface Queryable {
  /** Runs one parameterised statement ($1, $2, …). */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** The handle inside a transaction. It cannot open a nested transaction: pass it down instead. */
export type Tx = Queryable;

export type Isolation = "read committed" | "repeatable read" | "serializable";

export interface TransactionOptions {
  /** Default "read committed" (row locks serialise writers of the same row). */
  readonly isolation?: Isolation;
  /**
   * Times to re-run the whole transaction after a serialization failure (SQLSTATE 40001) or a
   * deadlock (40P01), with a short randomised back-off. Default 5. The callback must be safe to re-run.
   */
  readonly retries?: number;
}

export interface Db extends Queryable {
  readonly dialect: "pglite" | "postgres";
  /**
   * BEGIN, run `fn`, COMMIT; on any throw ROLLBACK and rethrow. Retries on serialization failures and
   * deadlocks (see TransactionOptions). Resolves to what `fn` resolved to.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** SQLSTATE codes after which a transaction may simply be re-run. */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(["40001", "40P01"]);

/** The SQLSTATE of a database error (both drivers put it in `code`), or null. */
export function sqlState(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export const beginStatement = (isolation: Isolation | undefined): string =>
  `BEGIN ISOLATION LEVEL ${(isolation ?? "read committed").toUpperCase()}`;

/** Waits before retry `attempt` (1-based): 5–15 ms doubled per attempt, capped at 500 ms. */
export function retryDelay(attempt: number): Promise<void> {
  const ms = Math.min(500, 5 * 2 ** (attempt - 1) * (1 + 2 * Math.random()));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
