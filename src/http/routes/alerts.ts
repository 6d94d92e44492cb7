import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actOnAlertAs, actOnSignalAs } from "../../app/live/alert-actions.js";
import type { Result } from "../../core/result.js";
import type { AlertAction } from "../../db/alerts-store.js";
import { listAlertPage } from "../../db/alerts-store.js";
import type { Db } from "../../db/db.js";
import type { SignalAction } from "../../db/signal-actions-store.js";
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
const AlertsQuery = z.strictObject({
  ...PageQuery,
  status: z
    .enum(["unresolved", "open", "acknowledged", "escalated", "resolved", "snoozed", "all"])
    .optional()
    .describe("default unresolved: open, acknowledged or escalated and not snoozed now"),
  severity: z.enum(["info", "warning", "critical"]).optional(),
  tier: z.coerce
    .number<string>()
    .int()
    .min(0)
    .max(10)
    .optional()
    .describe("escalation level (0 = first notice)"),
  kind: z.enum(["stockout", "late_order", "emergency", "supplier_performance", "data_quality"]).optional(),
  supplier: z.string().min(1).optional(),
  sku: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  assigned_to: z.string().min(1).optional(),
});
const NoteBody = z.strictObject({ note: z.string().max(2000).optional() }).default({});
const AssignBody = z.strictObject({
  assignee: z.string().trim().min(1).max(200).describe("the user or name the item is assigned to"),
});
const SnoozeBody = z.strictObject({
  until: z
    .union([z.iso.datetime({ offset: true }), IsoDate])
    .describe("ISO 8601 time stamp, or YYYY-MM-DD (that day's start, UTC); after now"),
});

const instant = (s: string): Date => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);

/**
 * The escalation queue: GET /alerts (paged; filters status, severity, tier = escalation level, kind,
 * supplier, sku, location, assigned_to), GET /alerts/:id, and people's actions on an unresolved alert —
 * POST /alerts/:id/acknowledge, /assign, /snooze, /resolve — and on an open signal — POST
 * /signals/:id/assign, /snooze, /resolve (approve, dismiss and acknowledge are in signals.ts). Actions
 * are audited and time-stamped on the app's clock; a snoozed item leaves the open queue until then.
 */
export function alertRoutes(app: FastifyInstance, { db, now }: RouteContext): void {
  app.get(
    "/alerts",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "List alerts (escalations)", tags: ["alerts"], querystring: AlertsQuery }),
    },
    async (request) => {
      const q = request.query as z.output<typeof AlertsQuery>;
      const slice = await listAlertPage(
        db,
        {
          status: q.status,
          severity: q.severity,
          level: q.tier,
          kind: q.kind,
          supplier: q.supplier,
          sku: q.sku,
          location: q.location,
          assignedTo: q.assigned_to,
        },
        now(),
        q,
      );
      return pageBody(request, q, slice);
    },
  );

  app.get(
    "/alerts/:id",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "One alert with its detail", tags: ["alerts"], params: IdParams }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const a = (await listAlertPage(db, { id, status: "all" }, now(), { limit: 1, offset: 0 })).rows[0];
      if (a === undefined) throw notFound("alert", "id", String(id));
      return { ok: true, alert: a };
    },
  );

  /**
   * POST /<subject>/:id/<verb> for a work-queue action: planners and admins, the body mapped to the
   * action, answered with the changed row under `key`.
   */
  const workAction =
    <A>(
      subject: "alerts" | "signals",
      key: "alert" | "signal",
      act: (db: Db, id: number, action: A, actor: string, at: Date) => Promise<Result<unknown>>,
    ) =>
    (verb: string, summary: string, body: z.ZodType, toAction: (b: never) => A) =>
      app.post(
        `/${subject}/:id/${verb}`,
        {
          config: { roles: [...PLAN] },
          schema: doc({ summary, tags: [subject], params: IdParams, body }),
        },
        async (request) => {
          const { id } = request.params as z.output<typeof IdParams>;
          const r = await act(db, id, toAction(request.body as never), principal(request).actor, now());
          if (!r.ok) throw failure(r.issues);
          return { ok: true, [key]: r.value };
        },
      );
  const alertAction = workAction<AlertAction>("alerts", "alert", actOnAlertAs);
  alertAction("acknowledge", "Acknowledge an alert (seen, being handled)", NoteBody, () => ({
    action: "acknowledge",
  }));
  // The bodies shared by alert and signal actions, as the action they ask for.
  const toAssign = (b: z.output<typeof AssignBody>) => ({ action: "assign" as const, assignee: b.assignee });
  const toSnooze = (b: z.output<typeof SnoozeBody>) => ({
    action: "snooze" as const,
    until: instant(b.until),
  });
  const toResolve = (b: z.output<typeof NoteBody>) => ({ action: "resolve" as const, note: b.note ?? null });
  alertAction("assign", "Assign an alert to someone", AssignBody, toAssign);
  alertAction(
    "snooze",
    "Snooze an alert: out of the open queue until `until`, then back",
    SnoozeBody,
    toSnooze,
  );
  alertAction("resolve", "Resolve an alert, with a note", NoteBody, toResolve);

  const signalAction = workAction<SignalAction>("signals", "signal", actOnSignalAs);
  signalAction("assign", "Assign an open signal to someone", AssignBody, toAssign);
  signalAction(
    "snooze",
    "Snooze an open signal: out of the open queue until `until`, then back",
    SnoozeBody,
    toSnooze,
  );
  signalAction(
    "resolve",
    "Resolve an open signal handled outside takt (closes it), with a note",
    NoteBody,
    toResolve,
  );
}
