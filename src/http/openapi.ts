import type { FastifyInstance, FastifySchema, RouteOptions } from "fastify";
import { z } from "zod";
import { type RouteRole, routeRoles } from "./auth.js";

/**
 * The OpenAPI 3.1 document, generated from the routes as registered: their `schema` (the zod schemas
 * the requests are validated with, converted to JSON Schema 2020-12 — OpenAPI 3.1's dialect), their
 * `config.roles`, and the documentation fields `summary`, `description`, `tags` in `schema`. Routes
 * added anywhere (by any module) appear without further work.
 */

/** What a route may put in `schema` besides the request parts. */
export interface RouteDoc {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly body?: z.ZodType;
  /** The success status (default 200). */
  readonly successStatus?: number;
}

export interface RouteRecord {
  readonly method: string;
  readonly url: string;
  readonly roles: readonly RouteRole[];
  readonly doc: RouteDoc;
}

/** Starts recording routes (call before registering them). */
export function recordRoutes(app: FastifyInstance): RouteRecord[] {
  const routes: RouteRecord[] = [];
  app.addHook("onRoute", (r: RouteOptions) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === "HEAD" || r.url === "*" || r.url.endsWith("*")) continue;
      routes.push({
        method,
        url: r.url,
        roles: routeRoles(r.config as { roles?: readonly RouteRole[] } | undefined),
        doc: (r.schema ?? {}) as RouteDoc,
      });
    }
  });
  return routes;
}

const jsonSchema = (s: z.ZodType): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return rest;
};

const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

function parameters(s: z.ZodType | undefined, where: "path" | "query"): unknown[] {
  if (s === undefined) return [];
  const js = jsonSchema(s);
  const props = (js.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

const ERROR_RESPONSES: Record<string, string> = {
  "400": "the request does not match the schema (issues name the field, expected and received)",
  "401": "no API token, or an unknown or revoked one",
  "403": "the token's role may not call this route",
  "404": "not found (also: another supplier's object, for supplier tokens)",
  "409": "conflict with the current state (not open, already exists, ambiguous)",
  "422": "well-formed but not acceptable (unknown keys, invalid transition)",
};

const operationId = (method: string, url: string): string =>
  method.toLowerCase() +
  url
    .split("/")
    .filter((p) => p !== "")
    .map((p) => (p.startsWith(":") ? `By${p.slice(1)}` : p))
    .map((p) => p.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase()))
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");

export function openApiDocument(routes: readonly RouteRecord[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const r of [...routes].sort((a, b) => a.url.localeCompare(b.url))) {
    const anonymous = r.roles.includes("anonymous");
    const d = r.doc;
    for (const t of d.tags ?? []) tags.add(t);
    const errors = anonymous
      ? ["400"]
      : r.method === "GET"
        ? ["400", "401", "403", "404"]
        : ["400", "401", "403", "404", "409", "422"];
    const op: Record<string, unknown> = {
      operationId: operationId(r.method, r.url),
      summary: d.summary ?? `${r.method} ${r.url}`,
      description: `${d.description ?? ""}${d.description ? "\n\n" : ""}Roles: ${r.roles.join(", ")}.`,
      tags: d.tags ?? ["other"],
      "x-takt-roles": r.roles,
      security: anonymous ? [] : [{ bearerAuth: [] }],
      parameters: [...parameters(d.params, "path"), ...parameters(d.querystring, "query")],
      responses: {
        [String(d.successStatus ?? 200)]: {
          description: "success",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Success" } } },
        },
        ...Object.fromEntries(errors.map((s) => [s, { $ref: `#/components/responses/E${s}` }])),
        default: { $ref: "#/components/responses/E500" },
      },
    };
    if (d.body !== undefined)
      op.requestBody = {
        required: !d.body.safeParse(undefined).success,
        content: { "application/json": { schema: jsonSchema(d.body) } },
      };
    const path = openApiPath(r.url);
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = op;
  }
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "takt live API",
      version,
      description:
        "The live pull system's REST API (takt serve). Authenticate with `Authorization: Bearer <token>` " +
        "(takt token create). Lists take `limit` and `offset` and answer `page.next`. Errors answer " +
        "`{ ok: false, issues: [{ code, path: { field }, message, expected?, received? }] }`. See docs/api.md.",
      license: { name: "MIT", identifier: "MIT" },
    },
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "an API token from `takt token create`" },
      },
      schemas: {
        Issue: {
          type: "object",
          required: ["code", "path", "message"],
          properties: {
            code: { type: "string", examples: ["invalid_query", "not_found", "forbidden"] },
            path: {
              type: "object",
              properties: { field: { type: "string" } },
              description: "where: the field path (e.g. `lines.0.qty_shipped`)",
            },
            message: { type: "string" },
            expected: { type: "string" },
            received: { type: "string" },
          },
        },
        Error: {
          type: "object",
          required: ["ok", "issues"],
          properties: {
            ok: { const: false },
            issues: { type: "array", items: { $ref: "#/components/schemas/Issue" }, minItems: 1 },
          },
        },
        Page: {
          type: "object",
          required: ["limit", "offset", "next"],
          properties: {
            limit: { type: "integer" },
            offset: { type: "integer" },
            next: { type: ["string", "null"], description: "the next page's URL, null on the last page" },
          },
        },
        Success: {
          type: "object",
          required: ["ok"],
          properties: {
            ok: { const: true },
            items: { type: "array", description: "lists: the rows of this page" },
            page: { $ref: "#/components/schemas/Page" },
          },
          additionalProperties: true,
        },
      },
      responses: {
        ...Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([s, d]) => [`E${s}`, errorResponse(d)])),
        E500: errorResponse("internal error"),
      },
    },
  };
}

/** A route's `schema`: its request schemas (zod) and documentation, typed for Fastify. */
export const doc = (d: RouteDoc): FastifySchema => d as unknown as FastifySchema;
