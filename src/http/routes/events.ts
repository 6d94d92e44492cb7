import type { FastifyInstance } from "fastify";
import { applyEvents } from "../../app/live/apply-events.js";
import type { Db } from "../../db/db.js";
import { HttpError, statusForIssues } from "../errors.js";
import { parseEventsRequest, toEventInput } from "../schemas.js";

/**
 * POST /events — applies one event or a batch (all or nothing), each once per (source, key).
 * 201 when something was applied, 200 when everything was a replay; 400 bad JSON shape, 409 a key
 * reused for different content, 422 invalid events or unknown SKU/location. The source defaults to
 * the `x-takt-source` header, else "api".
 */
export function eventRoutes(app: FastifyInstance, db: Db): void {
  app.post("/events", async (request, reply) => {
    const parsed = parseEventsRequest(request.body);
    if (!parsed.ok) throw new HttpError(400, parsed.issues);
    const header = request.headers["x-takt-source"];
    const source = typeof header === "string" && header !== "" ? header : "api";
    const single = parsed.single;
    const inputs = parsed.events.map((e, i) => toEventInput(e, source, single ? null : i));
    const r = await applyEvents(db, inputs, { actor: `api:${source}` });
    if (!r.ok) throw new HttpError(statusForIssues(r.issues), r.issues);
    reply.code(r.value.applied > 0 ? 201 : 200);
    return single ? { ok: true, event: r.value.events[0] } : { ok: true, ...r.value };
  });
}
