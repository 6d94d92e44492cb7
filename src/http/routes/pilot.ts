import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  activatePilot,
  comparePilot,
  definePilot,
  getPilot,
  MAX_PILOT_MEMBERS,
} from "../../app/live/pilot.js";
import { principal } from "../auth.js";
import { doc } from "../openapi.js";
import { failure } from "./failure.js";
import type { LiveRouteContext } from "./live-context.js";

const READ = ["admin", "planner", "viewer"] as const;
const PLAN = ["admin", "planner"] as const;

const PilotBody = z.strictObject({
  name: z.string().min(1).max(200),
  members: z
    .array(z.strictObject({ sku: z.string().min(1), location: z.string().min(1) }))
    .min(1)
    .max(MAX_PILOT_MEMBERS)
    .describe("the item × locations in the pilot"),
});
const KpiQuery = z.strictObject({
  days: z.coerce.number<string>().int().min(1).max(366).default(28).describe("days in each period"),
});

/**
 * The pilot (app/live/pilot.ts): POST /pilot defines (or replaces) its scope, POST /pilot/activate takes its pending
 * policies live with scope "pilot", GET /pilot/kpis compares before/after KPIs of the pilot and of
 * the control group from the stored ledger.
 */
export function pilotRoutes(app: FastifyInstance, { db, today }: LiveRouteContext): void {
  app.get(
    "/pilot",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "The pilot scope and its activation (null when none is defined)",
        tags: ["pilot"],
      }),
    },
    async () => ({ ok: true, pilot: await getPilot(db) }),
  );

  app.post(
    "/pilot",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary: "Define the pilot scope",
        description: "Every member must hold a stock position. Redefining starts over (not activated).",
        tags: ["pilot"],
        body: PilotBody,
      }),
    },
    async (request) => {
      const b = request.body as z.output<typeof PilotBody>;
      const r = await definePilot(db, b.name, b.members, principal(request).actor);
      if (!r.ok) throw failure(r.issues);
      return { ok: true, pilot: r.value };
    },
  );

  app.post(
    "/pilot/activate",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary: "Activate the pilot's policies pilot-first",
        description:
          "Approves and activates each member's newest pending policy version with scope pilot (audited; signals re-evaluated); today becomes the start of the pilot's after period.",
        tags: ["pilot"],
      }),
    },
    async (request) => {
      const r = await activatePilot(db, principal(request).actor, today());
      if (!r.ok) throw failure(r.issues);
      return { ok: true, ...r.value };
    },
  );

  app.get(
    "/pilot/kpis",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "Before/after KPIs of the pilot and the control group",
        description:
          "From the stored ledger: units sold, COGS, average inventory value, turns, stockout days and episodes, in-stock rate, customer-order fill rate (null without orders), for the days before activation and from it (ending yesterday).",
        tags: ["pilot"],
        querystring: KpiQuery,
      }),
    },
    async (request) => {
      const q = request.query as z.output<typeof KpiQuery>;
      const r = await comparePilot(db, q.days, today());
      if (!r.ok) throw failure(r.issues);
      return { ok: true, comparison: r.value };
    },
  );
}
