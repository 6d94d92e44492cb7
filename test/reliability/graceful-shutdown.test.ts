import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import { generateEvents, openStore, ServeProcess, type Store, seedWorld } from "./crash-harness.js";

/**
 * Graceful shutdown (issue 9): SIGTERM while batches of events are in flight. takt serve exits 0 after
 * "stopped"; every batch it acknowledged is in the ledger; no batch is there in part (each is one
 * transaction, committed whole or rolled back); nothing is answered 500.
 */
describe("takt serve on SIGTERM", () => {
  it("drains in-flight requests: acknowledged batches are stored whole, nothing partial, exit 0", async () => {
    const dir = await mkdtemp(join(tmpdir(), "takt-drain-"));
    const store: Store = { kind: "pglite", dir: join(dir, "db") };
    try {
      const setup = await openStore(store);
      let token: string;
      try {
        expect((await migrate(setup)).ok).toBe(true);
        token = await seedWorld(setup, 5);
      } finally {
        await setup.close();
      }
      const server = new ServeProcess(store);
      const url = await server.start();
      const events = generateEvents(30 * 40, 5, 11);
      const batches = Array.from({ length: 30 }, (_, b) => events.slice(b * 40, (b + 1) * 40));
      const answers = batches.map((batch) =>
        fetch(`${url}/events`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ events: batch }),
        }).then(
          (r) => r.status,
          () => 0,
        ),
      );
      // SIGTERM once the server is busy: the first batch is answered, the others are queued behind it
      await Promise.race(answers);
      const exit = server.stop("SIGTERM");
      const statuses = await Promise.all(answers);
      expect(await exit).toBe(0);
      expect(server.log).toContain("takt serve: stopped");
      expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
      const acked = batches.filter((_, i) => statuses[i] === 201);
      expect(acked.length).toBeGreaterThan(1);
      const db = await openStore(store);
      try {
        const keys = new Set(
          (await db.query<{ k: string }>("SELECT idempotency_key AS k FROM inventory_ledger")).rows.map(
            (r) => r.k,
          ),
        );
        for (const batch of acked) for (const e of batch) expect(keys.has(e.key)).toBe(true);
        for (const batch of batches) {
          const stored = batch.filter((e) => keys.has(e.key)).length;
          expect([0, batch.length]).toContain(stored);
        }
      } finally {
        await db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
