import { describe, expect, it } from "vitest";
import { type ChaosOptions, type ChaosReport, runChaos } from "./crash-harness.js";

/**
 * Crash and replay, small (npm test): the checks of `npm run soak` (test/reliability/soak.ts) on a
 * few hundred events and a few faults per scenario. The PostgreSQL scenarios start a cluster of
 * their own with .ci/postgres.sh and run only where a test server is available
 * (TAKT_TEST_DATABASE_URL set, as in .ci/run).
 */
const postgres =
  process.env.TAKT_TEST_DATABASE_URL !== undefined && process.env.TAKT_TEST_DATABASE_URL !== "";
const base = { skus: 8, concurrency: 6, seed: 9 } as const;

function expectExactlyOnce(r: ChaosReport): void {
  const v = r.verdict;
  expect(r.faults).toBe(r.options.cycles);
  expect(r.stats.unexpected).toEqual([]);
  expect(r.stats.acknowledged).toBe(r.options.events);
  expect(v.missing).toEqual([]);
  expect(v.duplicated).toEqual([]);
  expect(v.unknown).toEqual([]);
  expect(v.ledgerLines).toBe(r.options.events);
  expect(v.positionMismatches).toEqual([]);
  expect(v.wrongAcks).toEqual([]);
  expect(v.signalDifferences).toEqual([]);
  expect(v.signalChanges).toBeGreaterThan(0);
  expect(r.finalExit).toBe(0);
}

const scenario = (o: ChaosOptions) => async () => {
  const r = await runChaos(o);
  expectExactlyOnce(r);
  return r;
};

describe("crash and replay: every event applied exactly once", () => {
  it.runIf(postgres)(
    "PostgreSQL: takt serve SIGKILLed 3 times mid-stream, the client re-sends what was not acknowledged",
    async () => {
      const r = await scenario({ ...base, store: "postgres", fault: "kill-serve", events: 200, cycles: 3 })();
      expect(r.stats.networkErrors).toBeGreaterThan(0);
    },
    180_000,
  );

  it.runIf(postgres)(
    "PostgreSQL restarted twice under a running takt serve: clients get 503 with Retry-After, nothing is lost",
    async () => {
      const r = await scenario({
        ...base,
        store: "postgres",
        fault: "restart-postgres",
        events: 150,
        cycles: 2,
        downMs: 800,
      })();
      expect(r.stats.status503).toBeGreaterThan(0);
    },
    180_000,
  );

  it(
    "PGlite: takt serve SIGKILLed twice mid-stream",
    scenario({ ...base, store: "pglite", fault: "kill-serve", events: 100, cycles: 2 }),
    180_000,
  );
});
