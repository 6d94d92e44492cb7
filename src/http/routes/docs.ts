import type { FastifyInstance } from "fastify";
import { renderDocsPage } from "../docs-page.js";
import { doc, openApiDocument, type RouteRecord } from "../openapi.js";

const VERSION = "0.1.0";

/** GET /openapi.json (the OpenAPI 3.1 document) and GET /docs (a self-contained reference page); open to all. */
export function docsRoutes(app: FastifyInstance, routes: readonly RouteRecord[]): void {
  let cached: { json: Record<string, unknown>; html: string } | undefined;
  const build = () => {
    if (cached === undefined) {
      const json = openApiDocument(routes, VERSION);
      cached = { json, html: renderDocsPage(json) };
    }
    return cached;
  };
  app.get(
    "/openapi.json",
    {
      config: { roles: ["anonymous"] },
      schema: doc({ summary: "This API's OpenAPI 3.1 document", tags: ["docs"] }),
    },
    async () => build().json,
  );
  app.get(
    "/docs",
    {
      config: { roles: ["anonymous"] },
      schema: doc({ summary: "The API reference as a web page (offline, no CDN)", tags: ["docs"] }),
    },
    async (_request, reply) => reply.type("text/html; charset=utf-8").send(build().html),
  );
}
