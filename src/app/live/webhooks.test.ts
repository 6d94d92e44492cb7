import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { activate, count, event, ropPolicy, seedMasterData } from "../../../test/support/live-fixture.js";
import { applyEvents } from "./apply-events.js";
import { manualClock } from "./clock.js";
import { verifyWebhook } from "./webhook-signature.js";
import { createSubscription, deliverWebhooks, retryDelayMs } from "./webhooks.js";

interface Received {
  readonly id: number;
  readonly kind: string;
  readonly sku: string;
  readonly signatureOk: boolean;
}

/** A real local receiver: answers 503 while `failing`, else 200; records what it accepted. */
class Receiver {
  server: Server | null = null;
  port = 0;
  failing = 0;
  attempts = 0;
  accepted: Received[] = [];
  constructor(readonly secret: string) {}
  handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      this.attempts++;
      if (this.failing > 0) {
        this.failing--;
        res.writeHead(503).end("busy");
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const j = JSON.parse(body) as { id: number; kind: string; data: { sku: string } };
      const header = req.headers["x-takt-signature"];
      this.accepted.push({
        id: j.id,
        kind: j.kind,
        sku: j.data.sku,
        signatureOk:
          verifyWebhook(
            this.secret,
            typeof header === "string" ? header : undefined,
            body,
            Math.floor(Date.now() / 1000),
          ) && req.headers["x-takt-event-id"] === String(j.id),
      });
      res.writeHead(204).end();
    });
  };
  async listen(port = 0): Promise<void> {
    this.server = createServer(this.handler);
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

describe.each(dbTargets())("webhooks on $name", (target) => {
  const db = useTestDb(target);
  const secret = "s3cret-s3cret-s3cret";
  let receiver: Receiver;
  beforeEach(async () => {
    await seedMasterData(db());
    receiver = new Receiver(secret);
    await receiver.listen();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("writes the outbox in the signal's transaction: a rolled-back batch owes nothing", async () => {
    const sub = await createSubscription(
      db(),
      { url: `http://127.0.0.1:${receiver.port}/hook`, secret, eventKinds: ["*"] },
      "admin",
    );
    expect(sub.ok).toBe(true);
    await activate(db(), ropPolicy());
    const before = await count(db(), "SELECT 1 FROM webhook_outbox");
    expect(before).toBeGreaterThan(0); // activation with nothing on hand opened signals
    const bad = await applyEvents(db(), [
      event({ kind: "receipt", qty: 200 }),
      event({ kind: "sale", qty: 1, sku: "NOPE" }),
    ]);
    expect(bad.ok).toBe(false);
    expect(await count(db(), "SELECT 1 FROM webhook_outbox")).toBe(before);
    const good = await applyEvents(db(), [event({ kind: "receipt", qty: 200 })]);
    expect(good.ok).toBe(true);
    const closed = good.ok ? good.value.events[0]!.signals.filter((s) => s.change === "closed").length : 0;
    expect(closed).toBeGreaterThan(0);
    expect(await count(db(), "SELECT 1 FROM webhook_outbox WHERE event_kind = 'signal.closed'")).toBe(closed);
  });

  it("retries with backoff while the receiver is down, then delivers everything, in order per SKU, signed", async () => {
    const url = `http://127.0.0.1:${receiver.port}/hook`;
    const sub = await createSubscription(
      db(),
      { url, secret, eventKinds: ["signal.opened", "signal.closed"] },
      "admin",
    );
    expect(sub.ok).toBe(true);
    // Signals on A and B: opened on activation (nothing on hand), closed by receipts, reopened by sales.
    await activate(db(), ropPolicy("L1", "A"));
    await activate(db(), ropPolicy("L1", "B"));
    for (const sku of ["A", "B"]) {
      await applyEvents(db(), [event({ sku, kind: "receipt", qty: 300 })]);
      await applyEvents(db(), [event({ sku, kind: "sale", qty: 250 })]);
    }
    const owed = await count(db(), "SELECT 1 FROM webhook_outbox");
    expect(owed).toBeGreaterThanOrEqual(6);

    // Down: nothing listens on the port (connection refused).
    const port = receiver.port;
    await receiver.close();
    const clock = manualClock(new Date());
    const o = { clock, backoffMs: 1000, timeoutMs: 2000 };
    const down = await deliverWebhooks(db(), o);
    expect(down).toEqual({ delivered: 0, failed: 2 }); // one head per SKU queue, the rest wait behind it
    expect(await deliverWebhooks(db(), o)).toEqual({ delivered: 0, failed: 0 }); // backing off
    clock.advance(retryDelayMs(1, o));
    // Back, but still busy for two more requests (503).
    await receiver.listen(port);
    receiver.failing = 2;
    const busy = await deliverWebhooks(db(), o);
    expect(busy.delivered).toBe(0);
    expect(busy.failed).toBe(2);
    expect(await deliverWebhooks(db(), o)).toEqual({ delivered: 0, failed: 0 });
    clock.advance(retryDelayMs(2, o));
    const back = await deliverWebhooks(db(), o);
    expect(back).toEqual({ delivered: owed, failed: 0 });
    expect(await count(db(), "SELECT 1 FROM webhook_outbox WHERE delivered_at IS NULL")).toBe(0);
    expect(await count(db(), "SELECT 1 FROM webhook_outbox WHERE attempts = 3")).toBe(2);

    const got = receiver.accepted;
    expect(got).toHaveLength(owed);
    expect(got.every((r) => r.signatureOk)).toBe(true);
    for (const sku of ["A", "B"]) {
      const ids = got.filter((r) => r.sku === sku).map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    const kinds = got.filter((r) => r.sku === "A").map((r) => r.kind);
    expect(kinds[0]).toBe("signal.opened");
    expect(kinds).toContain("signal.closed");
  });

  it("refuses a bad subscription and signs verifiably", async () => {
    const bad = await createSubscription(
      db(),
      { url: "ftp://x", secret: "short", eventKinds: ["nope"] },
      "admin",
    );
    expect(bad).toMatchObject({
      ok: false,
      issues: [
        { code: "invalid_url" },
        { code: "invalid_value", path: { field: "event_kinds" } },
        { path: { field: "secret" } },
      ],
    });
    const made = await createSubscription(
      db(),
      { url: "https://example.test/x", eventKinds: ["alert.raised"] },
      "admin",
    );
    expect(made.ok && made.value.secret.length >= 32).toBe(true);
    expect(verifyWebhook(secret, "t=100,v1=00", "{}", 100)).toBe(false);
  });
});
