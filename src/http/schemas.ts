import { z } from "zod";
import type { LedgerEventInput } from "../core/ledger/ledger-event.js";
import type { Issue } from "../core/result.js";

/** A ledger event as JSON (snake_case, as in the CSV format: docs/live-events.md). */
export const EventBody = z.strictObject({
  key: z.string().min(1),
  source: z.string().min(1).optional(),
  kind: z.string().min(1),
  sku: z.string().min(1),
  location: z.string().min(1),
  qty: z.number(),
  occurred_at: z.string().min(1),
  reference: z.string().optional(),
  to_location: z.string().optional(),
  rejected_qty: z.number().optional(),
});
export type EventBody = z.infer<typeof EventBody>;

export const EventBatchBody = z.strictObject({ events: z.array(EventBody).min(1).max(10_000) });

/**
 * POST /events: one event, or `{ events: [...] }` applied all or nothing. The shape is picked by the
 * presence of `events`, so issues name the exact field (`sku`, `events.3.qty`).
 */
export function parseEventsRequest(
  body: unknown,
): { ok: true; events: EventBody[]; single: boolean } | { ok: false; issues: Issue[] } {
  if (typeof body === "object" && body !== null && "events" in body) {
    const r = EventBatchBody.safeParse(body);
    return r.success
      ? { ok: true, events: r.data.events, single: false }
      : { ok: false, issues: schemaIssues(r.error) };
  }
  const r = EventBody.safeParse(body);
  return r.success
    ? { ok: true, events: [r.data], single: true }
    : { ok: false, issues: schemaIssues(r.error) };
}

export const toEventInput = (b: EventBody, source: string, index: number | null): LedgerEventInput => ({
  key: b.key,
  source: b.source ?? source,
  kind: b.kind,
  sku: b.sku,
  location: b.location,
  qty: b.qty,
  occurredAt: b.occurred_at,
  reference: b.reference,
  toLocation: b.to_location,
  rejectedQty: b.rejected_qty,
  origin: { field: index === null ? "body" : `events[${index}]` },
});

/** Zod's issues as takt issues (code, path.field, message, expected). */
export function schemaIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    code: "invalid_body",
    path: { field: i.path.length > 0 ? i.path.join(".") : "body" },
    message: i.message,
    expected: "a JSON event { key, kind, sku, location, qty, occurred_at } or { events: [...] }",
  }));
}
