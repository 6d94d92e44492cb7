import { randomBytes } from "node:crypto";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import {
  deleteSubscription,
  dueHeads,
  insertSubscription,
  markDelivered,
  markFailed,
  nextInLine,
  type OutboxRow,
  WEBHOOK_EVENT_KINDS,
  type WebhookSubscription,
} from "../../db/webhooks-store.js";
import type { Clock } from "./clock.js";
import { SIGNATURE_HEADER, signWebhook } from "./webhook-signature.js";

export interface SubscriptionInput {
  readonly url: string;
  /** At least 16 characters; generated (and returned once) when absent. */
  readonly secret?: string;
  /** Event kinds (WEBHOOK_EVENT_KINDS) or `*`. */
  readonly eventKinds: readonly string[];
  readonly description?: string;
}

/** Registers a subscription; the answer carries the secret (the only time it is shown). */
export async function createSubscription(
  db: Db,
  input: SubscriptionInput,
  actor: string,
): Promise<Result<WebhookSubscription & { readonly secret: string }>> {
  const issues: Issue[] = [];
  let url: URL | null = null;
  try {
    url = new URL(input.url);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:"))
    issues.push({
      code: "invalid_url",
      path: { field: "url" },
      message: "the receiver is an http(s) URL",
      expected: "https://host/path",
      received: input.url,
    });
  const allowed = new Set<string>([...WEBHOOK_EVENT_KINDS, "*"]);
  if (input.eventKinds.length === 0)
    issues.push({
      code: "missing_value",
      path: { field: "event_kinds" },
      message: "name at least one event kind",
      expected: [...allowed].join(", "),
    });
  for (const k of input.eventKinds)
    if (!allowed.has(k))
      issues.push({
        code: "invalid_value",
        path: { field: "event_kinds" },
        message: `unknown event kind "${k}"`,
        expected: [...allowed].join(", "),
        received: k,
      });
  if (input.secret !== undefined && input.secret.length < 16)
    issues.push({
      code: "invalid_value",
      path: { field: "secret" },
      message: "a secret has at least 16 characters",
      expected: "16+ characters (or leave it out to have one generated)",
    });
  if (issues.length > 0) return fail(...issues);
  const secret = input.secret ?? randomBytes(24).toString("hex");
  return db.transaction(async (tx) => {
    const s = await insertSubscription(tx, {
      url: input.url,
      secret,
      eventKinds: [...new Set(input.eventKinds)],
      description: input.description ?? "",
      createdBy: actor,
    });
    await appendAudit(tx, {
      actor,
      action: "webhook.subscribed",
      subject: "webhook_subscription",
      subjectId: String(s.id),
      detail: { url: s.url, eventKinds: s.eventKinds },
    });
    return ok({ ...s, secret });
  });
}

export async function removeSubscription(db: Db, id: number, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await deleteSubscription(tx, id);
    if (gone)
      await appendAudit(tx, {
        actor,
        action: "webhook.unsubscribed",
        subject: "webhook_subscription",
        subjectId: String(id),
      });
    return gone;
  });
}

export interface DeliveryOptions {
  readonly clock: Clock;
  /** Per request, ms. Default 10 s. */
  readonly timeoutMs?: number;
  /** First retry after this many ms, doubled per failed attempt up to maxBackoffMs. Default 5 s. */
  readonly backoffMs?: number;
  /** Default 1 h. */
  readonly maxBackoffMs?: number;
  /** Heads (subscription × SKU queues) served per pass. Default 100. */
  readonly batch?: number;
}

export interface DeliveryPass {
  readonly delivered: number;
  readonly failed: number;
}

/** The wait before the next attempt after `attempts` failed ones. */
export const retryDelayMs = (attempts: number, o: Pick<DeliveryOptions, "backoffMs" | "maxBackoffMs">) =>
  Math.min(o.maxBackoffMs ?? 3_600_000, (o.backoffMs ?? 5_000) * 2 ** Math.max(0, attempts - 1));

/** The JSON body of a delivery: the same bytes on every attempt. */
export const webhookBody = (row: OutboxRow): string =>
  JSON.stringify({
    id: row.outboxId,
    kind: row.eventKind,
    createdAt: row.createdAt.toISOString(),
    data: row.payload,
  });

async function post(
  row: OutboxRow,
  o: DeliveryOptions,
): Promise<{ ok: boolean; status: number | null; error: string }> {
  const body = webhookBody(row);
  const t = Math.floor(o.clock.now().getTime() / 1000);
  try {
    const res = await fetch(row.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "takt-webhooks/1",
        "x-takt-event": row.eventKind,
        "x-takt-event-id": String(row.outboxId),
        "x-takt-attempt": String(row.attempts + 1),
        [SIGNATURE_HEADER]: signWebhook(row.secret, t, body),
      },
      body,
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, error: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, status: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/**
 * One pass of the delivery worker: for every (subscription, SKU) queue whose head is due, POST the head
 * (signed, see webhook-signature.ts) and, while the receiver answers 2xx, the rows after it. A failure
 * keeps the row at the head with its next attempt pushed back (retryDelayMs), so later rows of the same
 * SKU wait behind it: in order per SKU, at least once (a receiver dedupes on `x-takt-event-id`).
 * Queues are served concurrently. Run by one worker per database (startWebhookWorker).
 */
export async function deliverWebhooks(db: Db, o: DeliveryOptions): Promise<DeliveryPass> {
  const heads = await dueHeads(db, o.clock.now(), o.batch ?? 100);
  let delivered = 0;
  let failed = 0;
  await Promise.all(
    heads.map(async (head) => {
      let row: OutboxRow | null = head;
      while (row !== null) {
        const r = await post(row, o);
        const now = o.clock.now();
        if (!r.ok) {
          failed++;
          await markFailed(
            db,
            row,
            r.status,
            r.error,
            new Date(now.getTime() + retryDelayMs(row.attempts + 1, o)),
          );
          return;
        }
        delivered++;
        await markDelivered(db, row, r.status ?? 200, now);
        row = await nextInLine(db, row, now);
      }
    }),
  );
  return { delivered, failed };
}

/** Runs deliverWebhooks every `intervalMs` (and at once when `kick` is called) until stopped. */
export function startWebhookWorker(
  db: Db,
  o: DeliveryOptions & { readonly intervalMs?: number; readonly onError?: (e: unknown) => void },
): { kick(): void; stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    running = running
      .then(async () => {
        if (!stopped) await deliverWebhooks(db, o);
      })
      .catch((e) => o.onError?.(e))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, o.intervalMs ?? 1000);
      });
  };
  loop();
  return {
    kick: loop,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
