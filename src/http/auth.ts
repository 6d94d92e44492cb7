import type { FastifyInstance, FastifyRequest } from "fastify";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { authenticateToken, type Principal } from "../app/live/tokens.js";
import type { Db } from "../db/db.js";
import type { Role } from "../db/tokens-store.js";
import { HttpError } from "./errors.js";

/**
 * Access control: every route declares who may call it in `config: { roles: [...] }` — role names
 * (admin, planner, viewer, supplier), or "anonymous" for a route open to everyone (the API document
 * and its page). A route without `config.roles` is admin-only. One onRequest hook (below) enforces it:
 * 401 without a valid bearer token, 403 when the token's role is not listed. Supplier tokens carry
 * their supplier: routes open to suppliers narrow what they return with `supplierScope`.
 *
 * Guessing tokens is rate limited: each 401 counts against the caller's IP address (`request.ip`;
 * behind a reverse proxy set Fastify's `trustProxy` so it is the client's), and an address with
 * `points` failures within `durationSeconds` gets 429 with `Retry-After` — before its token is even
 * looked at — until the window ends. Successful calls do not count.
 */
export type RouteRole = Role | "anonymous";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route (see src/http/auth.ts); omitted = admin only. */
    roles?: readonly RouteRole[];
  }
  interface FastifyRequest {
    /** The authenticated caller; null on anonymous routes. */
    principal: Principal | null;
  }
}

/** The roles a route allows (admin only when it declares none). */
export const routeRoles = (config: { roles?: readonly RouteRole[] } | undefined): readonly RouteRole[] =>
  config?.roles ?? ["admin"];

const unauthorized = (message: string): HttpError =>
  new HttpError(401, [
    {
      code: "unauthorized",
      path: { field: "authorization" },
      message,
      expected: "Authorization: Bearer <token>",
    },
  ]);

/** Authentication failures allowed per client address and window before it gets 429. */
export interface AuthFailureLimit {
  readonly points: number;
  readonly durationSeconds: number;
}

/** 20 failed authentications a minute per address. */
export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { points: 20, durationSeconds: 60 };

export function registerAccessControl(
  app: FastifyInstance,
  db: Db,
  limit: AuthFailureLimit = DEFAULT_AUTH_FAILURE_LIMIT,
): void {
  const failures = new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds });
  const fail = async (ip: string, message: string): Promise<never> => {
    await failures.consume(ip).catch(() => undefined);
    throw unauthorized(message);
  };
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request, reply) => {
    if (request.is404) return;
    const roles = routeRoles(request.routeOptions.config);
    if (roles.includes("anonymous")) return;
    const seen = await failures.get(request.ip);
    if (seen !== null && seen.consumedPoints >= limit.points) {
      const wait = Math.max(1, Math.ceil(seen.msBeforeNext / 1000));
      reply.header("retry-after", String(wait));
      throw new HttpError(429, [
        {
          code: "too_many_auth_failures",
          path: { field: "authorization" },
          message: `${seen.consumedPoints} failed authentications from ${request.ip} within ${limit.durationSeconds} s; retry in ${wait} s`,
          expected: `at most ${limit.points} failures per ${limit.durationSeconds} s`,
          received: String(seen.consumedPoints),
        },
      ]);
    }
    const header = request.headers.authorization;
    const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (match === null) return fail(request.ip, "this route needs an API token (takt token create)");
    const principal = await authenticateToken(db, match[1]!);
    if (principal === null) return fail(request.ip, "unknown or revoked API token");
    request.principal = principal;
    if (!roles.includes(principal.role))
      throw new HttpError(403, [
        {
          code: "forbidden",
          path: { field: "role" },
          message: `the ${principal.role} role may not ${request.method} ${request.routeOptions.url}`,
          expected: roles.join(" | "),
          received: principal.role,
        },
      ]);
  });
}

/** The caller (routes behind the hook always have one). */
export function principal(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error("no principal: the route is anonymous");
  return request.principal;
}

/** The supplier a supplier token is bound to, or null for every other role (sees all suppliers). */
export const supplierScope = (request: FastifyRequest): string | null =>
  request.principal?.role === "supplier" ? request.principal.supplier : null;
