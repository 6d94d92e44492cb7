import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../src/app/live/webhook-signature.js";
import { createSubscription } from "../../src/app/live/webhooks.js";
import { migrate } from "../../src/db/migrate.js";
import { openPgDb } from "../../src/db/pg-db.js";
import { generateEvents, ServeProcess, seedWorld, streamEvents } from "./crash-harness.js";

/**
 * The webhook outbox end to end (issue 9): a real `takt serve` on PostgreSQL with a subscription to
 * every event kind; events stream in while the receiver is down (connection refused) and the server
 * is SIGKILLed once; then the receiver comes up on its port. Every outbox row is delivered at least
 * once, the first deliveries of each SKU arrive in outbox order, and every signature verifies.
 */
const url = process.env.TAKT_TEST_DATABASE_URL;
const SECRET = "reliability-webhook-secret";

interface Got {
  readonly id: number;
  readonly sku: string | null;
  readonly signatureOk: boolean;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

function receiver(port: number, got: Got[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const j = JSON.parse(body) as { id: number; data: { sku?: string } };
      const h = req.headers["x-takt-signature"];
      got.push({
        id: j.id,
        sku: j.data.sku ?? null,
        signatureOk: verifyWebhook(
          SECRET,
          typeof h === "string" ? h : undefined,
          body,
          Math.floor(Date.now() / 1000),
        ),
      });
      res.writeHead(204).end();
    });
  });
  return new Promise((r) => server.listen(port, "127.0.0.1", () => r(server)));
}

describe("webhook outbox", () => {
  it.runIf(url !== undefined && url !== "")(
    "receiver down, server killed, receiver back: every row delivered at least once, in order per SKU, signed",
    async () => {
      const name = `takt_wh_${randomBytes(5).toString("hex")}`;
      const admin = openPgDb({ connectionString: url!, maxConnections: 1 });
      await admin.query(`CREATE DATABASE ${name}`);
      const dbUrl = new URL(url!);
      dbUrl.pathname = `/${name}`;
      const db = openPgDb({ connectionString: dbUrl.toString(), maxConnections: 2 });
      const server = new ServeProcess({ kind: "postgres", url: dbUrl.toString() });
      let hook: Server | null = null;
      try {
        expect((await migrate(db)).ok).toBe(true);
        const port = await freePort();
        const sub = await createSubscription(
          db,
          { url: `http://127.0.0.1:${port}/hook`, secret: SECRET, eventKinds: ["*"] },
          "test",
        );
        expect(sub.ok).toBe(true);
        const token = await seedWorld(db, 4);
        await server.start();
        const events = generateEvents(120, 4, 3);
        let killed = false;
        const stats = await streamEvents(events, {
          token,
          url: () => server.url,
          concurrency: 4,
          afterAck: async (n) => {
            if (!killed && n >= 60) {
              killed = true;
              await server.stop("SIGKILL");
              await server.start();
            }
          },
        });
        expect(stats.acks.size).toBe(events.length);
        const failedYet = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM webhook_outbox WHERE attempts > 0 AND delivered_at IS NULL",
        );
        expect(failedYet.rows[0]!.n).toBeGreaterThan(0); // the receiver was really down
        const got: Got[] = [];
        hook = await receiver(port, got);
        const deadline = Date.now() + 120_000;
        let owed = 1;
        while (owed > 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 1000));
          owed = (
            await db.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM webhook_outbox WHERE delivered_at IS NULL",
            )
          ).rows[0]!.n;
        }
        expect(owed).toBe(0);
        const rows = (
          await db.query<{ outbox_id: number; sku: string | null }>(
            "SELECT outbox_id, sku FROM webhook_outbox ORDER BY outbox_id",
          )
        ).rows;
        expect(rows.length).toBeGreaterThan(20);
        const seen = new Set(got.map((g) => g.id));
        expect(rows.filter((r) => !seen.has(r.outbox_id))).toEqual([]);
        expect(got.filter((g) => !g.signatureOk)).toEqual([]);
        for (const sku of new Set(rows.map((r) => r.sku))) {
          const first: number[] = [];
          for (const g of got) if (g.sku === sku && !first.includes(g.id)) first.push(g.id);
          expect(first, `order for ${sku}`).toEqual(
            rows.filter((r) => r.sku === sku).map((r) => r.outbox_id),
          );
        }
      } finally {
        await server.stop("SIGTERM");
        await new Promise((r) => (hook === null ? r(undefined) : hook.close(r)));
        await db.close();
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin.close();
      }
    },
    240_000,
  );
});
