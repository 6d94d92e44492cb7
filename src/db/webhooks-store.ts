import type { Queryable } from "./db.js";

/** What a subscription can ask for; `*` is every kind. */
export const WEBHOOK_EVENT_KINDS = [
  "signal.opened",
  "signal.closed",
  "alert.raised",
  "alert.escalated",
  "alert.resolved",
  "purchase_order.placed",
] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENT_KINDS)[number];

export interface WebhookSubscription {
  readonly id: number;
  readonly url: string;
  readonly eventKinds: readonly string[];
  readonly active: boolean;
  readonly description: string;
  readonly createdBy: string;
  readonly createdAt: Date;
}

interface SubscriptionRow {
  subscription_id: number;
  url: string;
  event_kinds: string[];
  active: boolean;
  description: string;
  created_by: string;
  created_at: Date;
}

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.subscription_id,
  url: r.url,
  eventKinds: r.event_kinds,
  active: r.active,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const SUB_COLUMNS = "subscription_id, url, event_kinds, active, description, created_by, created_at";

export async function insertSubscription(
  q: Queryable,
  s: { url: string; secret: string; eventKinds: readonly string[]; description: string; createdBy: string },
): Promise<WebhookSubscription> {
  const r = await q.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions (url, secret, event_kinds, description, created_by)
     VALUES ($1, $2, $3::text[], $4, $5) RETURNING ${SUB_COLUMNS}`,
    [s.url, s.secret, s.eventKinds, s.description, s.createdBy],
  );
  return toSubscription(r.rows[0]!);
}

export async function listSubscriptions(q: Queryable): Promise<WebhookSubscription[]> {
  const r = await q.query<SubscriptionRow>(
    `SELECT ${SUB_COLUMNS} FROM webhook_subscriptions ORDER BY subscription_id`,
  );
  return r.rows.map(toSubscription);
}

export async function getSubscription(q: Queryable, id: number): Promise<WebhookSubscription | null> {
  const r = await q.query<SubscriptionRow>(
    `SELECT ${SUB_COLUMNS} FROM webhook_subscriptions WHERE subscription_id = $1`,
    [id],
  );
  return r.rows.length > 0 ? toSubscription(r.rows[0]!) : null;
}

/** Pauses or resumes a subscription (deliveries owed stay in the outbox). False when unknown. */
export async function setSubscriptionActive(q: Queryable, id: number, active: boolean): Promise<boolean> {
  const r = await q.query("UPDATE webhook_subscriptions SET active = $2 WHERE subscription_id = $1", [
    id,
    active,
  ]);
  return r.rowCount > 0;
}

/** Deletes a subscription and what is still owed to it. False when unknown. */
export async function deleteSubscription(q: Queryable, id: number): Promise<boolean> {
  const r = await q.query("DELETE FROM webhook_subscriptions WHERE subscription_id = $1", [id]);
  return r.rowCount > 0;
}

/**
 * Writes one outbox row per active subscription that wants `kind`, inside the caller's transaction
 * (the one that changed the signal or alert): the event is owed exactly when the change commits.
 * Rows are delivered in outbox_id order per subscription and order key (the SKU). Returns rows written.
 */
export async function enqueueWebhookEvent(
  tx: Queryable,
  e: { kind: WebhookEventKind; location: string; sku: string | null; data: unknown },
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO webhook_outbox (location_id, subscription_id, event_kind, sku, order_key, payload)
     SELECT $1, subscription_id, $2, $3, $4, $5::jsonb FROM webhook_subscriptions
     WHERE active AND ($2 = ANY(event_kinds) OR '*' = ANY(event_kinds))
     ORDER BY subscription_id`,
    [e.location, e.kind, e.sku, e.sku ?? `location:${e.location}`, JSON.stringify(e.data)],
  );
  return r.rowCount;
}

export interface OutboxRow {
  readonly location: string;
  readonly outboxId: number;
  readonly subscriptionId: number;
  readonly url: string;
  readonly secret: string;
  readonly eventKind: string;
  readonly sku: string | null;
  readonly orderKey: string;
  readonly payload: unknown;
  readonly createdAt: Date;
  readonly attempts: number;
}

interface OutboxDbRow {
  location_id: string;
  outbox_id: number;
  subscription_id: number;
  url: string;
  secret: string;
  event_kind: string;
  sku: string | null;
  order_key: string;
  payload: unknown;
  created_at: Date;
  attempts: number;
}

const toOutbox = (r: OutboxDbRow): OutboxRow => ({
  location: r.location_id,
  outboxId: r.outbox_id,
  subscriptionId: r.subscription_id,
  url: r.url,
  secret: r.secret,
  eventKind: r.event_kind,
  sku: r.sku,
  orderKey: r.order_key,
  payload: r.payload,
  createdAt: r.created_at,
  attempts: r.attempts,
});

/**
 * The first undelivered row of each (active subscription, order key) whose retry time has come: only
 * a head may be sent, so a receiver sees each SKU's events in order. At most `limit` heads.
 */
export async function dueHeads(q: Queryable, now: Date, limit: number): Promise<OutboxRow[]> {
  const r = await q.query<OutboxDbRow>(
    `SELECT h.*, s.url, s.secret FROM (
       SELECT DISTINCT ON (subscription_id, order_key) location_id, outbox_id, subscription_id, event_kind,
         sku, order_key, payload, created_at, attempts, next_attempt_at
       FROM webhook_outbox WHERE delivered_at IS NULL
       ORDER BY subscription_id, order_key, outbox_id) h
     JOIN webhook_subscriptions s ON s.subscription_id = h.subscription_id AND s.active
     WHERE h.next_attempt_at <= $1
     ORDER BY h.outbox_id LIMIT $2`,
    [now, limit],
  );
  return r.rows.map(toOutbox);
}

/** The next undelivered row after `afterId` for the same subscription and order key, if due. */
export async function nextInLine(q: Queryable, head: OutboxRow, now: Date): Promise<OutboxRow | null> {
  const r = await q.query<OutboxDbRow>(
    `SELECT o.location_id, o.outbox_id, o.subscription_id, o.event_kind, o.sku, o.order_key, o.payload,
       o.created_at, o.attempts, s.url, s.secret
     FROM webhook_outbox o JOIN webhook_subscriptions s ON s.subscription_id = o.subscription_id AND s.active
     WHERE o.subscription_id = $1 AND o.order_key = $2 AND o.delivered_at IS NULL AND o.outbox_id > $3
       AND o.next_attempt_at <= $4
     ORDER BY o.outbox_id LIMIT 1`,
    [head.subscriptionId, head.orderKey, head.outboxId, now],
  );
  return r.rows.length > 0 ? toOutbox(r.rows[0]!) : null;
}

export async function markDelivered(q: Queryable, row: OutboxRow, status: number, at: Date): Promise<void> {
  await q.query(
    `UPDATE webhook_outbox SET delivered_at = $3, attempts = attempts + 1, last_status = $4, last_error = NULL
     WHERE location_id = $1 AND outbox_id = $2`,
    [row.location, row.outboxId, at, status],
  );
}

export async function markFailed(
  q: Queryable,
  row: OutboxRow,
  status: number | null,
  error: string,
  retryAt: Date,
): Promise<void> {
  await q.query(
    `UPDATE webhook_outbox SET attempts = attempts + 1, last_status = $3, last_error = $4, next_attempt_at = $5
     WHERE location_id = $1 AND outbox_id = $2`,
    [row.location, row.outboxId, status, error.slice(0, 500), retryAt],
  );
}

export interface OutboxCounts {
  readonly pending: number;
  readonly delivered: number;
  readonly failing: number;
}

/** Outbox totals (failing = pending with at least one failed attempt). */
export async function outboxCounts(q: Queryable, subscriptionId?: number): Promise<OutboxCounts> {
  const r = await q.query<OutboxCounts>(
    `SELECT count(*) FILTER (WHERE delivered_at IS NULL)::int AS pending,
            count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered,
            count(*) FILTER (WHERE delivered_at IS NULL AND attempts > 0)::int AS failing
     FROM webhook_outbox WHERE $1::bigint IS NULL OR subscription_id = $1`,
    [subscriptionId ?? null],
  );
  return r.rows[0]!;
}
