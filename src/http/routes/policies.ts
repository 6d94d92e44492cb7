import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { proposeOrderingChange, transitionPolicy } from "../../app/live/policies.js";
import type { PolicyStatus } from "../../core/policy/lifecycle.js";
import type { Db } from "../../db/db.js";
import { getPolicy } from "../../db/policies-store.js";
import { listPolicyRefs, type PolicyRef } from "../../db/read-models.js";
import { principal } from "../auth.js";
import type { RouteContext } from "../context.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { pageBody } from "../pagination.js";
import { NumericId, PageQuery } from "../validation.js";
import { failure } from "./failure.js";

const READ = ["admin", "planner", "viewer"] as const;
const PLAN = ["admin", "planner"] as const;

const IdParams = z.strictObject({ id: NumericId });
const PoliciesQuery = z.strictObject({
  ...PageQuery,
  status: z.enum(["proposed", "approved", "active", "retired"]).optional(),
  sku: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  scope: z.enum(["pilot", "all"]).optional(),
});
const ActivateBody = z
  .strictObject({ scope: z.enum(["pilot", "all"]).optional().describe("default: the version's scope") })
  .default({});
const EmptyBody = z.strictObject({}).default({});
const OrderingBody = z
  .strictObject({
    mode: z
      .enum(["approval", "automatic"])
      .describe("approval: a planner approves each proposal; automatic: the trigger places the order"),
    auto_order_max_value: z
      .number()
      .positive()
      .nullable()
      .optional()
      .describe("automatic only: highest order value (quantity × primary lane unit cost); default no limit"),
  })
  .superRefine((b, ctx) => {
    if (b.mode === "approval" && b.auto_order_max_value != null)
      ctx.addIssue({
        code: "custom",
        path: ["auto_order_max_value"],
        message: "a value limit applies to automatic ordering only (expected: none with mode approval)",
      });
  });

async function view(db: Db, ref: PolicyRef) {
  const p = await getPolicy(db, ref.location, ref.sku, ref.version);
  return { ...ref, ...p! };
}

/**
 * Policies: GET /policies (filters status, sku, location, scope), GET /policies/:id, and the lifecycle
 * (core/policy/lifecycle.ts) for planners and admins: approve, activate (scope pilot | all), retire.
 * Every transition is written to the audit log with who, when and what (app/live/policies.ts).
 */
export function policyRoutes(app: FastifyInstance, { db, today }: RouteContext): void {
  app.get(
    "/policies",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "List policy versions", tags: ["policies"], querystring: PoliciesQuery }),
    },
    async (request) => {
      const q = request.query as z.output<typeof PoliciesQuery>;
      const slice = await listPolicyRefs(db, q, q);
      const rows = [];
      for (const r of slice.rows) rows.push(await view(db, r));
      return pageBody(request, q, { rows, more: slice.more });
    },
  );

  app.get(
    "/policies/:id",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "One policy version", tags: ["policies"], params: IdParams }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const ref = (await listPolicyRefs(db, { id }, { limit: 1, offset: 0 })).rows[0];
      if (ref === undefined) throw notFound("policy", "id", String(id));
      return { ok: true, policy: await view(db, ref) };
    },
  );

  const transition = (verb: string, to: PolicyStatus, summary: string, body: z.ZodType) =>
    app.post(
      `/policies/:id/${verb}`,
      {
        config: { roles: [...PLAN] },
        schema: doc({ summary, tags: ["policies"], params: IdParams, body }),
      },
      async (request) => {
        const { id } = request.params as z.output<typeof IdParams>;
        const ref = (await listPolicyRefs(db, { id }, { limit: 1, offset: 0 })).rows[0];
        if (ref === undefined) throw notFound("policy", "id", String(id));
        const scope = (request.body as { scope?: "pilot" | "all" }).scope;
        const r = await transitionPolicy(
          db,
          ref,
          to,
          principal(request).actor,
          today(),
          scope ? { scope } : {},
        );
        if (!r.ok) throw failure(r.issues);
        const after = (await listPolicyRefs(db, { id }, { limit: 1, offset: 0 })).rows[0]!;
        return { ok: true, policy: await view(db, after), signals: r.value.signals };
      },
    );
  app.post(
    "/policies/:id/ordering",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary:
          "Propose the next version with another ordering mode (approval | automatic) and value limit; approve and activate it as any version",
        tags: ["policies"],
        params: IdParams,
        body: OrderingBody,
        successStatus: 201,
      }),
    },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const ref = (await listPolicyRefs(db, { id }, { limit: 1, offset: 0 })).rows[0];
      if (ref === undefined) throw notFound("policy", "id", String(id));
      const b = request.body as z.output<typeof OrderingBody>;
      const r = await proposeOrderingChange(
        db,
        ref,
        { mode: b.mode, maxValue: b.auto_order_max_value ?? null },
        principal(request).actor,
      );
      if (!r.ok) throw failure(r.issues);
      const created = await listPolicyRefs(
        db,
        { location: r.value.location, sku: r.value.sku, status: "proposed" },
        { limit: 100, offset: 0 },
      );
      const mine = created.rows.find((x) => x.version === r.value.version)!;
      reply.code(201);
      return { ok: true, policy: await view(db, mine) };
    },
  );

  transition("approve", "approved", "Approve a proposed policy version", EmptyBody);
  transition("activate", "active", "Activate an approved version (retires the active one)", ActivateBody);
  transition("retire", "retired", "Retire a version (reject a proposal, withdraw or end it)", EmptyBody);
}
