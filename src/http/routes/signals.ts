import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { acknowledgeSignal, approveSignal, dismissSignal } from "../../app/live/signal-decisions.js";
import { formatIsoDate } from "../../core/calendar.js";
import { listSignalViews, type SignalView } from "../../db/read-models.js";
import { principal } from "../auth.js";
import type { RouteContext } from "../context.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { pageBody } from "../pagination.js";
import { IsoDate, NumericId, PageQuery } from "../validation.js";
import { failure } from "./failure.js";

const READ = ["admin", "planner", "viewer"] as const;
const PLAN = ["admin", "planner"] as const;

const IdParams = z.strictObject({ id: NumericId });
const SignalsQuery = z.strictObject({
  ...PageQuery,
  kind: z.enum(["replenishment", "review", "emergency"]).optional(),
  status: z.enum(["open", "approved", "dismissed", "closed"]).optional(),
  location: z.string().min(1).optional(),
  sku: z.string().min(1).optional(),
  supplier: z.string().min(1).optional().describe("the item × location's primary supplier"),
});
const ApproveBody = z
  .strictObject({
    po_number: z.string().min(1).max(64).optional().describe("default SIG-<signal id>"),
    supplier: z.string().min(1).optional().describe("default the primary supply lane's supplier"),
    quantity: z.number().positive().optional().describe("units; default the signal's quantity"),
    ordered_on: IsoDate.optional().describe("default today"),
    due_on: IsoDate.optional().describe("default order day + the lane's lead time"),
    option: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        "emergency signals: the expedite option to order on (its id in `options`, e.g. expedite:S1, backup:S2); default the recommended one",
      ),
  })
  .default({});
const NoteBody = z.strictObject({ note: z.string().max(2000).optional() }).default({});
const ReasonBody = z.strictObject({ reason: z.string().max(2000).optional() }).default({});

/** An emergency's expedite options (stored in its explanation) as fields of their own; null otherwise. */
const withOptions = (s: SignalView) => ({
  ...s,
  options: s.explanation.expedite?.options ?? null,
  recommendedOption: s.explanation.expedite?.recommended ?? null,
});

/**
 * Signals: GET /signals (filters kind, status, location, sku, supplier), GET /signals/:id (with its
 * explanation; an emergency's expedite options also as `options` and `recommendedOption`),
 * POST /signals/:id/approve (a replenishment or emergency proposal becomes a purchase order; an
 * emergency on the `option` chosen, default the recommended one), /dismiss, /acknowledge.
 */
export function signalRoutes(app: FastifyInstance, { db, today }: RouteContext): void {
  app.get(
    "/signals",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "List signals", tags: ["signals"], querystring: SignalsQuery }),
    },
    async (request) => {
      const q = request.query as z.output<typeof SignalsQuery>;
      return pageBody(request, q, await listSignalViews(db, q, q), withOptions);
    },
  );

  app.get(
    "/signals/:id",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "One signal with its explanation", tags: ["signals"], params: IdParams }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const s = (await listSignalViews(db, { id }, { limit: 1, offset: 0 })).rows[0];
      if (s === undefined) throw notFound("signal", "id", String(id));
      return { ok: true, signal: withOptions(s) };
    },
  );

  app.post(
    "/signals/:id/approve",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary: "Approve a replenishment or emergency proposal: place its purchase order",
        tags: ["signals"],
        params: IdParams,
        body: ApproveBody,
        successStatus: 201,
      }),
    },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const b = request.body as z.output<typeof ApproveBody>;
      const r = await approveSignal(db, id, principal(request).actor, {
        orderedOn: b.ordered_on ?? formatIsoDate(today()),
        poNumber: b.po_number,
        supplier: b.supplier,
        quantity: b.quantity,
        dueOn: b.due_on,
        option: b.option,
      });
      if (!r.ok) throw failure(r.issues);
      reply.code(201);
      return { ok: true, ...r.value };
    },
  );

  app.post(
    "/signals/:id/dismiss",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary: "Dismiss an open signal",
        tags: ["signals"],
        params: IdParams,
        body: ReasonBody,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const r = await dismissSignal(
        db,
        id,
        principal(request).actor,
        (request.body as { reason?: string }).reason,
      );
      if (!r.ok) throw failure(r.issues);
      return { ok: true, signal: r.value };
    },
  );

  app.post(
    "/signals/:id/acknowledge",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary: "Acknowledge an open signal (seen, being handled; it stays open)",
        tags: ["signals"],
        params: IdParams,
        body: NoteBody,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const r = await acknowledgeSignal(
        db,
        id,
        principal(request).actor,
        (request.body as { note?: string }).note,
      );
      if (!r.ok) throw failure(r.issues);
      return { ok: true, signal: r.value };
    },
  );
}
