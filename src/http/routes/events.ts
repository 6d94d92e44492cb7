import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { applyEvents } from "../../app/live/apply-events.js";
import { eventGroupCommit } from "../../app/live/event-group-commit.js";
import { principal } from "../auth.js";
import type { RouteContext } from "../context.js";
import { HttpError, statusForIssues } from "../errors.js";
import { doc } from "../openapi.js";
import { EventBatchBody, EventBody, parseEventsRequest, toEventInput } from "../schemas.js";
import { withParser } from "../validation.js";

/** One event or a batch; validated by parseEventsRequest so issues name the exact field (`events.3.qty`). */
const EventsRequest = withParser(z.union([EventBody, EventBatchBody]), (data) => {
  const r = parseEventsRequest(data);
  return r.ok ? { value: data } : { issues: r.issues };
});

/**
 * POST /events — applies one event or a batch (all or nothing), each once per (source, key).
 * 201 when something was applied, 200 when everything was a replay; 400 bad JSON shape, 409 a key
 * reused for different content, 422 invalid events or unknown SKU/location. The source defaults to
 * the `x-takt-source` header, else "api". Concurrent single-event requests are applied together in one
 * transaction (event-group-commit.ts), each answered with its own event's result, as if alone; closing
 * the app waits for the groups in flight.
 */
export function eventRoutes(app: FastifyInstance, { db }: RouteContext): void {
  const groups = eventGroupCommit((inputs, actor) => applyEvents(db, inputs, { actor }));
  app.addHook("onClose", () => groups.drain());
  app.post(
    "/events",
    {
      config: { roles: ["admin", "planner"] },
      schema: doc({
        summary: "Apply ledger events (one or a batch, each once per source and key)",
        tags: ["events"],
        body: EventsRequest,
        successStatus: 201,
      }),
    },
    async (request, reply) => {
      const parsed = parseEventsRequest(request.body);
      if (!parsed.ok) throw new HttpError(400, parsed.issues);
      const header = request.headers["x-takt-source"];
      const source = typeof header === "string" && header !== "" ? header : "api";
      const actor = `${principal(request).actor}@${source}`;
      if (parsed.single) {
        const r = await groups.submit(toEventInput(parsed.events[0]!, source, null), actor);
        if (!r.ok) throw new HttpError(statusForIssues(r.issues), r.issues);
        reply.code(r.value.status === "applied" ? 201 : 200);
        return { ok: true, event: r.value };
      }
      const inputs = parsed.events.map((e, i) => toEventInput(e, source, i));
      const r = await applyEvents(db, inputs, { actor });
      if (!r.ok) throw new HttpError(statusForIssues(r.issues), r.issues);
      reply.code(r.value.applied > 0 ? 201 : 200);
      return { ok: true, ...r.value };
    },
  );
}
