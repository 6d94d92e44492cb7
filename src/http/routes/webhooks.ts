import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { createSubscription, removeSubscription } from "../../app/live/webhooks.js";
import {
  getSubscription,
  listSubscriptions,
  outboxCounts,
  setSubscriptionActive,
  WEBHOOK_EVENT_KINDS,
} from "../../db/webhooks-store.js";
import { principal } from "../auth.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { NumericId } from "../validation.js";
import { failure } from "./failure.js";
import type { LiveRouteContext } from "./live-context.js";

const ADMIN = ["admin"] as const;
const IdParams = z.strictObject({ id: NumericId });
const CreateBody = z.strictObject({
  url: z.string().min(1).describe("the receiver, http(s)"),
  event_kinds: z
    .array(z.enum([...WEBHOOK_EVENT_KINDS, "*"]))
    .min(1)
    .describe("what to send; * = everything"),
  secret: z.string().min(16).optional().describe("HMAC key; generated and returned once when absent"),
  description: z.string().max(500).optional(),
});
const PatchBody = z.strictObject({ active: z.boolean() });

/**
 * Outgoing webhooks (admin only): subscriptions to signal and alert events. Deliveries are signed
 * (HMAC-SHA256 over `<t>.<body>`, header x-takt-signature) and retried until the receiver answers 2xx,
 * in order per SKU (app/live/webhooks.ts; docs/live-events.md, Webhooks).
 */
export function webhookRoutes(app: FastifyInstance, { db }: LiveRouteContext): void {
  app.post(
    "/webhooks/subscriptions",
    {
      config: { roles: [...ADMIN] },
      schema: doc({
        summary: "Subscribe a receiver to signal and alert events",
        tags: ["webhooks"],
        body: CreateBody,
        successStatus: 201,
      }),
    },
    async (request, reply) => {
      const b = request.body as z.output<typeof CreateBody>;
      const r = await createSubscription(
        db,
        {
          url: b.url,
          eventKinds: b.event_kinds,
          ...(b.secret !== undefined ? { secret: b.secret } : {}),
          ...(b.description !== undefined ? { description: b.description } : {}),
        },
        principal(request).actor,
      );
      if (!r.ok) throw failure(r.issues);
      reply.code(201);
      return { ok: true, subscription: r.value };
    },
  );

  app.get(
    "/webhooks/subscriptions",
    {
      config: { roles: [...ADMIN] },
      schema: doc({ summary: "Webhook subscriptions with their delivery backlog", tags: ["webhooks"] }),
    },
    async () => {
      const subs = [];
      for (const s of await listSubscriptions(db)) subs.push({ ...s, outbox: await outboxCounts(db, s.id) });
      return { ok: true, subscriptions: subs };
    },
  );

  app.get(
    "/webhooks/subscriptions/:id",
    {
      config: { roles: [...ADMIN] },
      schema: doc({ summary: "One webhook subscription", tags: ["webhooks"], params: IdParams }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const s = await getSubscription(db, id);
      if (s === null) throw notFound("webhook subscription", "id", String(id));
      return { ok: true, subscription: { ...s, outbox: await outboxCounts(db, id) } };
    },
  );

  app.patch(
    "/webhooks/subscriptions/:id",
    {
      config: { roles: [...ADMIN] },
      schema: doc({
        summary: "Pause or resume a subscription (owed deliveries wait)",
        tags: ["webhooks"],
        params: IdParams,
        body: PatchBody,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const { active } = request.body as z.output<typeof PatchBody>;
      if (!(await setSubscriptionActive(db, id, active)))
        throw notFound("webhook subscription", "id", String(id));
      return { ok: true, subscription: await getSubscription(db, id) };
    },
  );

  app.delete(
    "/webhooks/subscriptions/:id",
    {
      config: { roles: [...ADMIN] },
      schema: doc({
        summary: "Delete a subscription and what is still owed to it",
        tags: ["webhooks"],
        params: IdParams,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      if (!(await removeSubscription(db, id, principal(request).actor)))
        throw notFound("webhook subscription", "id", String(id));
      return { ok: true, deleted: id };
    },
  );
}
