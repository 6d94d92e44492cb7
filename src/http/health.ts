import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import type { Db } from "../db/db.js";
import { sqlState } from "../db/db.js";
import { schemaVersions } from "../db/migrate.js";
import { MIGRATIONS } from "../db/migrations/index.js";
import { doc } from "./openapi.js";

/**
 * Liveness, readiness and the operational plumbing around them:
 * - `GET /health` (anonymous): 200 while the process serves HTTP at all — restart it when this fails;
 * - `GET /ready` (anonymous): 200 when the database answers and every migration this takt knows is
 *   applied; 503 with `Retry-After` otherwise, and from the moment a graceful shutdown starts
 *   (`Lifecycle.draining`) so a load balancer stops routing new requests here;
 * - request ids: `x-request-id` is honoured when it is a plausible id and generated otherwise, logged
 *   with every line of the request and returned on every response;
 * - `databaseUnavailable`: errors meaning "the database is down or restarting", answered 503 with
 *   `Retry-After` (the request changed nothing; re-sending it with the same idempotency key is safe).
 */

/** Shared with `takt serve`: set `draining` when shutdown starts. */
export interface Lifecycle {
  draining: boolean;
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 1;

/** How long /ready waits for the database before calling it unreachable. */
const READY_TIMEOUT_MS = 2000;

/** An incoming id is kept only when short and made of safe characters (no log injection). */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Fastify's `genReqId`: the caller's `x-request-id` when acceptable, else a random UUID. */
export function requestId(req: IncomingMessage): string {
  const h = req.headers["x-request-id"];
  return typeof h === "string" && REQUEST_ID.test(h) ? h : randomUUID();
}

/**
 * SQLSTATE classes and socket errors meaning the database cannot be reached right now: 08 connection
 * exception, 57P01–57P03 admin/crash shutdown and "cannot connect now", 53300 too many connections.
 */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /connection (?:is )?(?:closed|ended|lost)/i,
  /Client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /Cannot use a pool after calling end/i,
  /PGlite is clos(?:ed|ing)/,
];

/** True when `e` says the database is unreachable or restarting (a retryable 503, not a 500). */
export function databaseUnavailable(e: unknown): boolean {
  const state = sqlState(e);
  if (state !== null) return state.startsWith("08") || UNAVAILABLE_STATES.has(state);
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNAVAILABLE_ERRNOS.has(code)) return true;
  const message = e instanceof Error ? e.message : "";
  return UNAVAILABLE_MESSAGES.some((m) => m.test(message));
}

export interface Readiness {
  readonly ready: boolean;
  readonly database: "reachable" | "unreachable";
  /** Schema versions this takt knows that the database lacks (null when unreachable). */
  readonly pendingMigrations: readonly number[] | null;
  readonly draining: boolean;
}

/** Checks the database (bounded by a timeout) and the migrations. */
export async function readiness(db: Db, lifecycle: Lifecycle): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database check timed out")), READY_TIMEOUT_MS);
  });
  try {
    const have = new Set(await Promise.race([schemaVersions(db), timeout]));
    const pending = MIGRATIONS.map((m) => m.version).filter((v) => !have.has(v));
    return {
      ready: pending.length === 0 && !lifecycle.draining,
      database: "reachable",
      pendingMigrations: pending,
      draining: lifecycle.draining,
    };
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: null, draining: lifecycle.draining };
  } finally {
    clearTimeout(timer);
  }
}

/** Registers /health and /ready, and returns every response's `x-request-id`. */
export function healthRoutes(app: FastifyInstance, db: Db, lifecycle: Lifecycle): void {
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.get(
    "/health",
    {
      config: { roles: ["anonymous"] },
      schema: doc({ summary: "Liveness: 200 while the process serves HTTP", tags: ["operations"] }),
      logLevel: "warn",
    },
    async () => ({ ok: true, status: "alive" }),
  );
  app.get(
    "/ready",
    {
      config: { roles: ["anonymous"] },
      schema: doc({
        summary: "Readiness: 200 when the database answers and is fully migrated, else 503",
        tags: ["operations"],
      }),
      logLevel: "warn",
    },
    async (_request, reply) => {
      const r = await readiness(db, lifecycle);
      if (!r.ready) reply.code(503).header("retry-after", String(RETRY_AFTER_SECONDS));
      return { ok: r.ready, ...r };
    },
  );
}
