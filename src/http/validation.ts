import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Issue } from "../core/result.js";

/**
 * Requests are validated with the zod schemas routes declare in `schema` (params, querystring, body):
 * one source of truth for validation and for the OpenAPI document (src/http/openapi.ts). A failure is
 * a 400 whose issues name the field path, what was expected and what was received.
 */

/** Validators that replace the plain zod parse for a schema (e.g. POST /events' precise batch paths). */
const customParsers = new WeakMap<z.ZodType, (data: unknown) => { value: unknown } | { issues: Issue[] }>();

/** Validates `schema` with `parse` instead of zod (the schema still documents the API). */
export function withParser<T extends z.ZodType>(
  schema: T,
  parse: (data: unknown) => { value: unknown } | { issues: Issue[] },
): T {
  customParsers.set(schema, parse);
  return schema;
}

/** A validation failure, carrying takt issues to the error handler. */
export class ValidationError extends Error {
  override readonly name = "ValidationError";
  readonly statusCode = 400;
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => i.message).join("; "));
  }
}

const PART: Record<string, string> = {
  body: "body",
  querystring: "query",
  params: "params",
  headers: "headers",
};

export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const part = PART[httpPart ?? "body"] ?? "body";
    const zschema = schema as unknown as z.ZodType;
    const custom = customParsers.get(zschema);
    return (data: unknown) => {
      if (custom !== undefined) {
        const r = custom(data);
        return "value" in r ? { value: r.value } : { error: new ValidationError(r.issues) };
      }
      const r = zschema.safeParse(data);
      return r.success ? { value: r.data } : { error: new ValidationError(zodIssues(r.error, part, data)) };
    };
  });
}

/** Zod's issues as takt issues: code `invalid_<part>`, the field path, expected and received. */
export function zodIssues(error: z.ZodError, part: string, input: unknown): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String);
    if (i.code === "unrecognized_keys" && i.keys.length === 1) path.push(i.keys[0]!);
    const value = valueAt(input, i.path);
    const expected = expectedOf(i);
    return {
      code: `invalid_${part}`,
      path: { field: path.length > 0 ? path.join(".") : part },
      message: path.length > 0 ? `${part} field "${path.join(".")}": ${i.message}` : `${part}: ${i.message}`,
      ...(expected !== undefined ? { expected } : {}),
      received: describe(value, i),
    };
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describe(value: unknown, issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return issue.keys.join(", ");
  if (value === undefined) return "nothing (missing)";
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function expectedOf(i: z.core.$ZodIssue): string | undefined {
  switch (i.code) {
    case "invalid_type":
      return i.expected;
    case "invalid_value":
      return i.values.map((v) => JSON.stringify(v)).join(" | ");
    case "too_small":
      return `${i.origin === "string" ? "length " : i.origin === "array" ? "items " : ""}${i.inclusive === false ? ">" : "≥"} ${String(i.minimum)}`;
    case "too_big":
      return `${i.origin === "string" ? "length " : i.origin === "array" ? "items " : ""}${i.inclusive === false ? "<" : "≤"} ${String(i.maximum)}`;
    case "invalid_format":
      return i.format === "regex" && "pattern" in i ? `text matching ${String(i.pattern)}` : i.format;
    case "unrecognized_keys":
      return "only the documented fields";
    case "not_multiple_of":
      return `a multiple of ${String(i.divisor)}`;
    default:
      return undefined;
  }
}

// ------------------------------------------------------------ shared schema pieces

/** YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date is written YYYY-MM-DD")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "no such day",
  );

/** A whole-number id in a path. */
export const NumericId = z.coerce
  .number<string>()
  .int("an id is a whole number")
  .positive()
  .max(Number.MAX_SAFE_INTEGER);

/** Pagination: `limit` (1–500, default 50) and `offset` (default 0). */
export const PageQuery = {
  limit: z.coerce.number<string>().int().min(1).max(500).default(50).describe("rows per page (1–500)"),
  offset: z.coerce.number<string>().int().min(0).default(0).describe("rows to skip (see page.next)"),
};

/** A boolean in a query string: true/false. */
export const QueryBool = z.enum(["true", "false"]).transform((s) => s === "true");
