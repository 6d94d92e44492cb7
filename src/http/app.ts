import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { EpochDay } from "../core/units.js";
import type { Db } from "../db/db.js";
import { type AuthFailureLimit, registerAccessControl } from "./auth.js";
import type { RouteContext } from "./context.js";
import { HttpError } from "./errors.js";
import {
  databaseUnavailable,
  healthRoutes,
  type Lifecycle,
  RETRY_AFTER_SECONDS,
  requestId,
} from "./health.js";
import { recordRoutes } from "./openapi.js";
import { alertRoutes } from "./routes/alerts.js";
import { analyzeUploadRoutes } from "./routes/analyze-upload.js";
import { auditRoutes } from "./routes/audit.js";
import { dashboardRoutes } from "./routes/dashboard.js";
import { dashboardAssetRoutes } from "./routes/dashboard-assets.js";
import { dashboardSupplierRoutes } from "./routes/dashboard-suppliers.js";
import { docsRoutes } from "./routes/docs.js";
import { eventRoutes } from "./routes/events.js";
import { itemRoutes } from "./routes/items.js";
import { orderRoutes } from "./routes/orders.js";
import { pilotRoutes } from "./routes/pilot.js";
import { planningRoutes } from "./routes/planning.js";
import { policyRoutes } from "./routes/policies.js";
import { signalRoutes } from "./routes/signals.js";
import { supplierRoutes } from "./routes/suppliers.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { whatIfRoutes } from "./routes/whatif.js";
import { registerValidation, ValidationError } from "./validation.js";

export interface AppOptions {
  /** Fastify's pino logger: false (default), true, or its options (level, stream, …). */
  readonly logger?: FastifyServerOptions["logger"];
  /** Largest request body, bytes (default 16 MiB); larger bodies get 413. */
  readonly bodyLimit?: number;
  /** Trust X-Forwarded-For from a reverse proxy (Fastify's trustProxy) so request.ip is the client's. */
  readonly trustProxy?: FastifyServerOptions["trustProxy"];
  /** Failed authentications per client address before 429 (src/http/auth.ts). */
  readonly authFailures?: AuthFailureLimit;
  /** Set `draining` on shutdown: /ready answers 503 from then on (src/http/health.ts). */
  readonly lifecycle?: Lifecycle;
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
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    genReqId: requestId,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  const now = options.now ?? (() => new Date());
  const ctx: RouteContext = { db, today: () => Math.floor(now().getTime() / 86_400_000) as EpochDay, now };
  const routes = recordRoutes(app);
  registerValidation(app);
  registerAccessControl(app, db, options.authFailures);
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
            code:
              status === 415
                ? "unsupported_media_type"
                : status === 413
                  ? "payload_too_large"
                  : "bad_request",
            path: { field: "body" },
            message: (error as Error).message,
            ...(status === 413 ? { expected: `at most ${app.initialConfig.bodyLimit} bytes` } : {}),
          },
        ],
      });
    if (databaseUnavailable(error)) {
      reply.log.warn({ err: error }, "database unavailable");
      return reply
        .code(503)
        .header("retry-after", String(RETRY_AFTER_SECONDS))
        .send({
          ok: false,
          issues: [
            {
              code: "database_unavailable",
              path: {},
              message:
                "the database is unavailable; the request may not have been applied — retry it unchanged (same idempotency key)",
            },
          ],
        });
    }
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
  healthRoutes(app, db, options.lifecycle ?? { draining: false });
  eventRoutes(app, ctx);
  itemRoutes(app, ctx);
  signalRoutes(app, ctx);
  alertRoutes(app, ctx);
  orderRoutes(app, ctx);
  policyRoutes(app, ctx);
  supplierRoutes(app, ctx);
  auditRoutes(app, ctx);
  planningRoutes(app, ctx);
  webhookRoutes(app, ctx);
  whatIfRoutes(app, ctx);
  analyzeUploadRoutes(app, ctx);
  pilotRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  dashboardSupplierRoutes(app, ctx);
  dashboardAssetRoutes(app);
  docsRoutes(app, routes);
  return app;
}
