import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach } from "vitest";
import type { Db } from "../../src/db/db.js";
import { migrate } from "../../src/db/migrate.js";
import { openPgDb } from "../../src/db/pg-db.js";
import { dumpPgliteDataDir, openPgliteDb } from "../../src/db/pglite-db.js";

/**
 * The databases every db test runs on (Kysely's way: the same suite on each target, no mocks):
 * - `pglite` always: a fresh in-process database per test, restored from a snapshot taken once per
 *   worker (empty, or with every migration applied);
 * - `postgres` when TAKT_TEST_DATABASE_URL is set (see .ci/postgres.sh): a fresh schema per test on
 *   that server, dropped afterwards, so tests stay independent and may run in parallel.
 * TAKT_TEST_DB=pglite or =postgres narrows the list.
 */
export interface DbTarget {
  readonly name: "pglite" | "postgres";
  /** A fresh database without tables. */
  empty(): Promise<TestDb>;
  /** A fresh database with every migration applied. */
  migrated(): Promise<TestDb>;
}

export interface TestDb {
  readonly db: Db;
  dispose(): Promise<void>;
}

export function dbTargets(): DbTarget[] {
  const only = process.env.TAKT_TEST_DB;
  const url = process.env.TAKT_TEST_DATABASE_URL;
  const targets: DbTarget[] = [];
  if (only === undefined || only === "pglite") targets.push(pgliteTarget);
  if ((only === undefined || only === "postgres") && url !== undefined && url !== "")
    targets.push(postgresTarget(url));
  if (targets.length === 0) throw new Error(`TAKT_TEST_DB=${only} selects no database target`);
  return targets;
}

/**
 * Registers beforeEach/afterEach hooks giving each test of the enclosing describe its own database;
 * returns a getter for it.
 */
export function useTestDb(target: DbTarget, state: "migrated" | "empty" = "migrated"): () => Db {
  let current: TestDb | undefined;
  beforeEach(async () => {
    current = await target[state]();
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  afterAll(closeAdmins);
  return () => {
    if (current === undefined) throw new Error("no test database: use it inside a test");
    return current.db;
  };
}

let emptySnapshot: Promise<Blob> | undefined;
let migratedSnapshot: Promise<Blob> | undefined;

async function snapshot(withMigrations: boolean): Promise<Blob> {
  const db = await openPgliteDb();
  try {
    if (withMigrations) {
      const r = await migrate(db);
      if (!r.ok) throw new Error(`migrations failed: ${JSON.stringify(r.issues)}`);
    }
    return await dumpPgliteDataDir(db);
  } finally {
    await db.close();
  }
}

async function fromSnapshot(blob: Blob): Promise<TestDb> {
  const db = await openPgliteDb({ loadDataDir: blob });
  return { db, dispose: () => db.close() };
}

const pgliteTarget: DbTarget = {
  name: "pglite",
  async empty() {
    emptySnapshot ??= snapshot(false);
    return fromSnapshot(await emptySnapshot);
  },
  async migrated() {
    migratedSnapshot ??= snapshot(true);
    return fromSnapshot(await migratedSnapshot);
  },
};

const admins = new Map<string, Db>();

async function closeAdmins(): Promise<void> {
  const open = [...admins.values()];
  admins.clear();
  await Promise.all(open.map((a) => a.close()));
}

function postgresTarget(url: string): DbTarget {
  const admin = (): Db => {
    let a = admins.get(url);
    if (a === undefined) {
      a = openPgDb({ connectionString: url, maxConnections: 2 });
      admins.set(url, a);
    }
    return a;
  };
  const fresh = async (withMigrations: boolean): Promise<TestDb> => {
    const schema = `takt_test_${process.pid}_${randomBytes(6).toString("hex")}`;
    await admin().query(`CREATE SCHEMA "${schema}"`);
    const db = openPgDb({ connectionString: url, schema, maxConnections: 8 });
    const dispose = async (): Promise<void> => {
      await db.close();
      await admin().query(`DROP SCHEMA "${schema}" CASCADE`);
    };
    if (withMigrations) {
      const r = await migrate(db);
      if (!r.ok) {
        await dispose();
        throw new Error(`migrations failed: ${JSON.stringify(r.issues)}`);
      }
    }
    return { db, dispose };
  };
  return { name: "postgres", empty: () => fresh(false), migrated: () => fresh(true) };
}
