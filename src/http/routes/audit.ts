import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { listAudit } from "../../db/read-models.js";
import type { RouteContext } from "../context.js";
import { doc } from "../openapi.js";
import { pageBody } from "../pagination.js";
import { PageQuery } from "../validation.js";

const AuditQuery = z.strictObject({
  ...PageQuery,
  actor: z.string().min(1).optional(),
  action: z.string().min(1).optional().describe("e.g. policy.approved, signal.opened"),
  subject: z.string().min(1).optional().describe("e.g. policy, signal, purchase_order"),
  subject_id: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  since: z.iso.datetime({ offset: true }).optional().describe("ISO 8601 time stamp"),
});

/** GET /audit — who did what, when (newest first); admins only. */
export function auditRoutes(app: FastifyInstance, { db }: RouteContext): void {
  app.get(
    "/audit",
    {
      config: { roles: ["admin"] },
      schema: doc({ summary: "The audit log, newest first", tags: ["audit"], querystring: AuditQuery }),
    },
    async (request) => {
      const q = request.query as z.output<typeof AuditQuery>;
      return pageBody(
        request,
        q,
        await listAudit(
          db,
          {
            actor: q.actor,
            action: q.action,
            subject: q.subject,
            subjectId: q.subject_id,
            location: q.location,
            since: q.since,
          },
          q,
        ),
      );
    },
  );
}
