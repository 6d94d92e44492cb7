import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  type PlanningRunResult,
  planningSettings,
  runPlanningJob,
  savePlanningSettings,
  serialisePlanning,
} from "../../app/live/planning-job.js";
import { getRun, listRuns, runChanges } from "../../db/planning-store.js";
import { principal } from "../auth.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { NumericId, QueryBool } from "../validation.js";
import type { LiveRouteContext } from "./live-context.js";

const READ = ["admin", "planner", "viewer"] as const;
const PLAN = ["admin", "planner"] as const;

const IdParams = z.strictObject({ id: NumericId });
const RunBody = z
  .strictObject({
    activate: z
      .enum(["settings", "none"])
      .optional()
      .describe("settings (default): automatic mode activates pilot-scope proposals; none: propose only"),
  })
  .default({});
const RunQuery = z.strictObject({ all: QueryBool.optional().describe("include unchanged and skipped rows") });
const SettingsBody = z.strictObject({
  mode: z.enum(["manual", "automatic"]),
  pilot_locations: z.array(z.string().min(1)).max(10_000).default([]),
  pilot_skus: z.array(z.string().min(1)).max(100_000).default([]),
});

const summary = (r: PlanningRunResult) => ({ ...r, signals: r.signals.length, signalChanges: r.signals });

/**
 * The planning job (app/live/planning-job.ts) over HTTP: POST /planning/runs runs it now (forecasts and
 * proposed policies from the stored history; automatic mode activates pilot-scope proposals), GET
 * /planning/runs[/:id] shows runs and what each changed, GET/PUT /planning/settings the mode and pilot.
 */
export function planningRoutes(app: FastifyInstance, { db, today }: LiveRouteContext): void {
  app.post(
    "/planning/runs",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary: "Run the planning job now",
        description:
          "Recomputes forecasts and policies from the ledger history (the takt analyze pipeline) and proposes the changed ones.",
        tags: ["planning"],
        body: RunBody,
        successStatus: 201,
      }),
    },
    async (request, reply) => {
      const body = request.body as z.output<typeof RunBody>;
      const r = await serialisePlanning(db, () =>
        runPlanningJob(db, {
          asOf: today(),
          trigger: "manual",
          actor: principal(request).actor,
          activate: body.activate ?? "settings",
        }),
      );
      reply.code(201);
      return { ok: true, run: summary(r) };
    },
  );

  app.get(
    "/planning/runs",
    { config: { roles: [...READ] }, schema: doc({ summary: "Recent planning runs", tags: ["planning"] }) },
    async () => ({ ok: true, runs: await listRuns(db) }),
  );

  app.get(
    "/planning/runs/:id",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "One planning run and what it changed",
        tags: ["planning"],
        params: IdParams,
        querystring: RunQuery,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const q = request.query as z.output<typeof RunQuery>;
      const run = await getRun(db, id);
      if (run === null) throw notFound("planning run", "id", String(id));
      return { ok: true, run, changes: await runChanges(db, id, q.all ?? false) };
    },
  );

  app.get(
    "/planning/settings",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "Planning mode and pilot scope", tags: ["planning"] }),
    },
    async () => ({ ok: true, settings: await planningSettings(db) }),
  );

  app.put(
    "/planning/settings",
    {
      config: { roles: ["admin"] },
      schema: doc({
        summary: "Set the planning mode and pilot scope",
        tags: ["planning"],
        body: SettingsBody,
      }),
    },
    async (request) => {
      const b = request.body as z.output<typeof SettingsBody>;
      const settings = { mode: b.mode, pilotLocations: b.pilot_locations, pilotSkus: b.pilot_skus };
      await savePlanningSettings(db, settings);
      return { ok: true, settings };
    },
  );
}
