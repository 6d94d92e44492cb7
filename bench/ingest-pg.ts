/**
 * What the service benchmarks (ingest, api-load) share: a PostgreSQL server (DATABASE_URL or
 * TAKT_TEST_DATABASE_URL, else a throwaway one from .ci/postgres.sh), a fresh database on it per
 * benchmark, and `takt serve` (dist/cli/main.js) as a child process listening on a free port — the real
 * server, in its own process, measured from outside by a real HTTP client.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { createApiToken } from "../dist/app/live/tokens.js";
import type { Db } from "../dist/db/db.js";
import { migrate } from "../dist/db/migrate.js";
import { openPgDb } from "../dist/db/pg-db.js";

const ROOT = join(import.meta.dirname, "..");

export interface PgServer {
  readonly url: string;
  /** Stops the server when this run started it. */
  stop(): void;
}

/** The server to measure on, or a reason it cannot be had. */
export function pgServer(): PgServer | { skipped: string } {
  const given = process.env.DATABASE_URL || process.env.TAKT_TEST_DATABASE_URL;
  if (given) return { url: given, stop: () => {} };
  try {
    const out = execFileSync(join(ROOT, ".ci", "postgres.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = /TAKT_TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
    const data = /TAKT_TEST_PGDATA=(\S+)/.exec(out)?.[1];
    if (url === undefined || data === undefined) return { skipped: `.ci/postgres.sh printed no URL: ${out}` };
    return {
      url,
      stop: () => {
        execFileSync(join(ROOT, ".ci", "postgres.sh"), ["stop"], {
          env: { ...process.env, TAKT_TEST_PGDATA: data },
          stdio: "inherit",
        });
      },
    };
  } catch (e) {
    return {
      skipped: `no PostgreSQL server: DATABASE_URL is not set and .ci/postgres.sh failed (${(e as Error).message})`,
    };
  }
}

/** The server's version string, e.g. "PostgreSQL 17.6 (Debian …)". */
export async function serverVersion(db: Db): Promise<string> {
  const r = await db.query<{ v: string }>("SELECT version() AS v");
  return r.rows[0]!.v.split(" on ")[0]!;
}

export interface BenchDatabase {
  readonly url: string;
  readonly db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated database `name` on the server (dropped first if a previous run left it). */
export async function freshDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const admin = openPgDb({ connectionString: serverUrl, maxConnections: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = openPgDb({ connectionString: url, maxConnections: 8 });
  const m = await migrate(db);
  if (!m.ok) throw new Error(`migrations failed: ${JSON.stringify(m.issues)}`);
  return {
    url,
    db,
    async drop() {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** A bearer token of the role, created in the database. */
export async function benchToken(db: Db, role: "planner" | "admin" | "viewer"): Promise<string> {
  const t = await createApiToken(db, { role, name: `bench ${role}` }, "bench");
  if (!t.ok) throw new Error(JSON.stringify(t.issues));
  return t.value.token;
}

export interface Served {
  readonly base: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `takt serve --no-demo` on the database and resolves once it listens. */
export async function startServe(databaseUrl: string): Promise<Served> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // TAKT_BENCH_CPU_PROF=<dir>: profile the server (node --cpu-prof), written when it stops.
      ...(process.env.TAKT_BENCH_CPU_PROF
        ? ["--cpu-prof", "--cpu-prof-dir", process.env.TAKT_BENCH_CPU_PROF]
        : []),
      join(ROOT, "dist", "cli", "main.js"),
      "serve",
      "--no-demo",
      "--port",
      String(port),
      "--threads",
      "1",
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"] },
  );
  // The server logs a line per request: keep the last 64 KiB for error messages, not the whole run.
  let log = "";
  const keep = (d: unknown) => {
    log = (log + String(d)).slice(-65_536);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`takt serve did not start in 60 s:\n${log}`)), 60_000);
    const check = () => {
      if (log.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`takt serve exited (${code}):\n${log}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
