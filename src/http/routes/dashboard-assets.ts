import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { doc } from "../openapi.js";

/** dist/web from here: src/http/routes and dist/http/routes are both three levels under the package. */
const WEB_DIR = new URL("../../../dist/web/", import.meta.url);

/** The files the build writes (scripts/build-web.mjs) and their content types: nothing else is served. */
const FILES: Readonly<Record<string, string>> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

const FileParams = z.strictObject({ file: z.enum(Object.keys(FILES) as [string, ...string[]]) });

/**
 * The dashboard's files (src/web, bundled into dist/web by `npm run build`): GET / is the page, GET
 * /web/<file> its script and styles. Anonymous (the page asks for a token and sends it to the API).
 * Read from disk once per file and kept; a missing build answers 503 with what to run.
 */
export function dashboardAssetRoutes(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  const send = async (file: string) => {
    let body = cache.get(file);
    if (body === undefined) {
      body = await readFile(new URL(file, WEB_DIR)).catch(() => undefined);
      if (body !== undefined) cache.set(file, body);
    }
    return body;
  };
  const security = {
    "content-security-policy":
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };

  app.get(
    "/",
    {
      config: { roles: ["anonymous"] },
      schema: doc({ summary: "The dashboard (HTML)", tags: ["dashboard"] }),
    },
    async (_request, reply) => {
      const body = await send("index.html");
      if (body === undefined)
        return reply
          .code(503)
          .type("text/plain; charset=utf-8")
          .send("the dashboard is not built: run npm run build (it writes dist/web)");
      return reply
        .headers(security)
        .type(FILES["index.html"]!)
        .header("cache-control", "no-cache")
        .send(body);
    },
  );

  app.get(
    "/web/:file",
    {
      config: { roles: ["anonymous"] },
      schema: doc({ summary: "The dashboard's script and styles", tags: ["dashboard"], params: FileParams }),
    },
    async (request, reply) => {
      const { file } = request.params as z.output<typeof FileParams>;
      const body = await send(file);
      if (body === undefined) return reply.code(503).type("text/plain; charset=utf-8").send("not built");
      return reply.headers(security).type(FILES[file]!).header("cache-control", "no-cache").send(body);
    },
  );
}
