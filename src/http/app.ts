import Fastify, { type FastifyInstance } from "fastify";
import type { EpochDay } from "../core/units.js";
import type { Db } from "../db/db.js";
import { registerAccessControl } from "./auth.js";
import type { RouteContext } from "./context.js";
import { HttpError } from "./errors.js";
import { recordRoutes } from "./openapi.js";
import { auditRoutes } from "./routes/audit.js";
import { docsRoutes } from "./routes/docs.js";
import { eventRoutes } from "./routes/events.js";
import { itemRoutes } from "./routes/items.js";
import { orderRoutes } from "./routes/orders.js";
import { planningRoutes } from "./routes/planning.js";
import { policyRoutes } from "./routes/policies.js";
import { signalRoutes } from "./routes/signals.js";
import { supplierRoutes } from "./routes/suppliers.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { registerValidation, ValidationError } from "./validation.js";

export interface AppOptions {
  readonly logger?: boolean;
  /** The clock (default the system's): "today" for approvals, ASNs and confirmations. */
  readonly now?: () => Date;
}

/**
 * The live system's HTTP API over a migrated database. Every route declares its roles in
 * `config.roles` (src/http/auth.ts, one onRequest hook enforces them) and its request schemas in
 * `schema` (zod; src/http/validation.ts validates, src/http/openapi.ts documents). Every 4xx/5xx
 * answers `{ ok: false, issues: [{ code, path, message, expected?, received? }] }`, mapped to a status
 * here and in errors.ts. Tests call it in-process with `app.inject`, no port.
 */
export function buildApp(db: Db, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  const now = options.now ?? (() => new Date());
  const ctx: RouteContext = { db, today: () => Math.floor(now().getTime() / 86_400_000) as EpochDay };
  const routes = recordRoutes(app);
  registerValidation(app);
  registerAccessControl(app, db);
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError || error instanceof ValidationError) {
      const status = error instanceof HttpError ? error.status : 400;
      if (status === 401) reply.header("www-authenticate", 'Bearer realm="takt"');
      return reply.code(status).send({ ok: false, issues: error.issues });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return reply.code(status).send({
        ok: false,
        issues: [
          {
            code: status === 415 ? "unsupported_media_type" : "bad_request",
            path: { field: "body" },
            message: (error as Error).message,
          },
        ],
      });
    reply.log.error(error);
    return reply
      .code(500)
      .send({ ok: false, issues: [{ code: "internal", path: {}, message: "internal error" }] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      ok: false,
      issues: [
        { code: "not_found", path: { field: "url" }, message: `no route ${request.method} ${request.url}` },
      ],
    }),
  );
  eventRoutes(app, ctx);
  itemRoutes(app, ctx);
  signalRoutes(app, ctx);
  orderRoutes(app, ctx);
  policyRoutes(app, ctx);
  supplierRoutes(app, ctx);
  auditRoutes(app, ctx);
  planningRoutes(app, ctx);
  webhookRoutes(app, ctx);
  docsRoutes(app, routes);
  return app;
}
