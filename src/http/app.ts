import Fastify, { type FastifyInstance } from "fastify";
import type { Db } from "../db/db.js";
import { HttpError } from "./errors.js";
import { eventRoutes } from "./routes/events.js";
import { itemRoutes } from "./routes/items.js";
import { signalRoutes } from "./routes/signals.js";

/**
 * The live system's HTTP API over a migrated database. Errors answer `{ ok: false, issues }` (takt
 * issues: code, path, message, expected, received), mapped to a status in one place (here and
 * errors.ts). Tests call it in-process with `app.inject`, no port.
 */
export function buildApp(db: Db, options: { readonly logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).send({ ok: false, issues: error.issues });
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return reply.code(status).send({
        ok: false,
        issues: [{ code: "bad_request", path: {}, message: (error as Error).message }],
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
  eventRoutes(app, db);
  signalRoutes(app, db);
  itemRoutes(app, db);
  return app;
}
