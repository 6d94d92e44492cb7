import { type ChildProcess, execFile, spawn } from "node:child_process";
import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { applyEvents } from "../../src/app/live/apply-events.js";
import { createApiToken } from "../../src/app/live/tokens.js";
import type { LedgerEventInput } from "../../src/core/ledger/ledger-event.js";
import type { Db } from "../../src/db/db.js";
import { upsertItems, upsertLocations } from "../../src/db/master-data.js";
import { migrate } from "../../src/db/migrate.js";
import { openPgDb } from "../../src/db/pg-db.js";
import { openPgliteDb } from "../../src/db/pglite-db.js";
import type { EventBody } from "../../src/http/schemas.js";
import { toEventInput } from "../../src/http/schemas.js";
import { activate, ropPolicy } from "../support/live-fixture.js";

/**
 * Crash and replay (issue 9): a client streams consumption and receipt events, each with its own
 * idempotency key, to a real `takt serve` subprocess; the server is SIGKILLed at random points (or the
 * PostgreSQL server under it is stopped and restarted), and the client re-sends every event it has no
 * acknowledgement for until all are acknowledged. Then the database is checked:
 * - every event is in the ledger exactly once (one line per key, no other lines);
 * - on hand = the ledger sum for every SKU, and equals the last line's on_hand_after;
 * - every acknowledgement the client got names the ledger line that is stored for its key;
 * - no signal lost or duplicated: the same events applied in the same (ledger) order to a fresh
 *   database without any crash give the same signals and the same per-line signal changes and
 *   on_hand_after values (ids and timestamps aside).
 * Used by test/reliability/crash-replay.test.ts (small, in npm test) and soak.ts (npm run soak).
 */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const LOCATION = "L1";

/** A PostgreSQL cluster of this run's own (from .ci/postgres.sh), which the run may stop and restart. */
export interface Cluster {
  readonly url: string;
  /** Stops it at once (`-m immediate`: like a crash), waits `downMs`, starts it again. */
  crashAndRestart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const { stdout } = await run(join(ROOT, ".ci/postgres.sh"), [], { cwd: ROOT, maxBuffer: 1 << 24 });
  const url = /TAKT_TEST_DATABASE_URL=(\S+)/.exec(stdout)?.[1];
  const pgdata = /TAKT_TEST_PGDATA=(\S+)/.exec(stdout)?.[1];
  if (url === undefined || pgdata === undefined) throw new Error(`.ci/postgres.sh printed: ${stdout}`);
  const data = join(pgdata, "data");
  const pgCtl = await findPgCtl();
  const asOwner = async (args: string[]) => {
    const owner = statSync(data).uid;
    if (process.getuid?.() === 0 && owner !== 0) {
      const { stdout: name } = await run("id", ["-nu", String(owner)]);
      return run("runuser", ["-u", name.trim(), "--", pgCtl, ...args]);
    }
    return run(pgCtl, args);
  };
  // .ci/postgres.sh runs the cluster with fsync and synchronous_commit off (fast, and fine for tests
  // that never crash it); a crash test needs the durability a real server has: restart it with the
  // defaults (fsync on, synchronous_commit on), keeping its address.
  const port = new URL(url).port;
  await asOwner(["-D", data, "-m", "fast", "-w", "stop"]);
  await asOwner([
    "-D",
    data,
    "-l",
    join(pgdata, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${pgdata} -c max_connections=200`,
    "start",
  ]);
  return {
    url,
    async crashAndRestart(downMs) {
      await asOwner(["-D", data, "-m", "immediate", "-w", "stop"]);
      await sleep(downMs);
      // restart on a stopped cluster starts it with the options it last ran with (postmaster.opts)
      await asOwner(["-D", data, "-l", join(pgdata, "server.log"), "-w", "-t", "60", "restart"]).catch(
        async () => asOwner(["-D", data, "-w", "status"]),
      );
    },
    async stop() {
      await run(join(ROOT, ".ci/postgres.sh"), ["stop"], {
        cwd: ROOT,
        env: { ...process.env, TAKT_TEST_PGDATA: pgdata },
      });
    },
  };
}

async function findPgCtl(): Promise<string> {
  const { stdout } = await run("bash", [
    "-c",
    "command -v pg_ctl || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V -r | head -1",
  ]);
  const path = stdout.trim().split("\n")[0];
  if (path === undefined || path === "") throw new Error("pg_ctl not found");
  return path;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A deterministic PRNG (mulberry32), so a failing run can be repeated from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const skuIds = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `SKU-${String(i + 1).padStart(3, "0")}`);

/**
 * `count` events over `skus` SKUs at L1: consumption of 1–12 units (three in four) and receipts of
 * 20–80, on days from 2026-03-02 on, so on hand crosses the policies' thresholds (review 20,
 * emergency 40, reorder 60) over and over and signals open, update and close.
 */
export function generateEvents(count: number, skus: number, seed: number): EventBody[] {
  const rand = prng(seed);
  const ids = skuIds(skus);
  return Array.from({ length: count }, (_, i) => {
    const receipt = rand() < 0.25;
    const day = new Date(Date.UTC(2026, 2, 2) + Math.floor((i / count) * 60) * 86_400_000);
    return {
      key: `ev-${seed}-${String(i).padStart(6, "0")}`,
      kind: receipt ? "receipt" : "consumption",
      sku: ids[Math.floor(rand() * ids.length)]!,
      location: LOCATION,
      qty: receipt ? 20 + Math.floor(rand() * 61) : 1 + Math.floor(rand() * 12),
      occurred_at: day.toISOString().slice(0, 10),
    };
  });
}

/** Locations, items and an active (r, Q) policy per SKU; returns a planner token. */
export async function seedWorld(db: Db, skus: number): Promise<string> {
  await upsertLocations(db, [{ id: LOCATION, name: "Store 1" }]);
  await upsertItems(
    db,
    skuIds(skus).map((sku) => ({ sku })),
  );
  for (const sku of skuIds(skus)) await activate(db, ropPolicy(LOCATION, sku));
  const t = await createApiToken(db, { role: "planner", name: "crash client" }, "test");
  if (!t.ok) throw new Error(JSON.stringify(t.issues));
  return t.value.token;
}

/** Where the server keeps its data: a PostgreSQL URL or a PGlite directory. */
export type Store =
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "pglite"; readonly dir: string };

export async function openStore(store: Store): Promise<Db> {
  return store.kind === "postgres"
    ? openPgDb({ connectionString: store.url, maxConnections: 4 })
    : openPgliteDb({ dataDir: store.dir });
}

/** One `takt serve` subprocess (run from the TypeScript sources with tsx, like the CLI tests). */
export class ServeProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  url = "";
  log = "";

  constructor(private readonly store: Store) {}

  async start(): Promise<string> {
    const args = ["--import", "tsx", "src/cli/main.ts", "serve", "--no-demo", "--port", "0"];
    args.push("--late-every", "0", "--log-level", "warn", "--shutdown-timeout", "20s");
    if (this.store.kind === "pglite") args.push("--data", this.store.dir);
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: this.store.kind === "postgres" ? this.store.url : "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exited = new Promise((r) => child.on("exit", (code) => r(code)));
    let out = "";
    child.stderr!.on("data", (d) => {
      this.log += String(d);
    });
    this.url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout!.on("data", (d) => {
        out += String(d);
        this.log += String(d);
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolveUrl(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`takt serve exited ${code}: ${this.log.slice(-2000)}`)));
    });
    return this.url;
  }

  /** SIGKILL (a crash) or SIGTERM (graceful); resolves with the exit code once it is gone. */
  async stop(signal: "SIGKILL" | "SIGTERM"): Promise<number | null> {
    this.child?.kill(signal);
    const code = await this.exited;
    this.child = null;
    return code;
  }
}

export interface StreamStats {
  /** Requests sent (first sends and re-sends). */
  requests: number;
  /** Re-sends after a network error or a 503. */
  resent: number;
  networkErrors: number;
  status503: number;
  /** Statuses other than 200, 201 and 503 (each is a failure of the run). */
  unexpected: { status: number; body: string }[];
  /** Acknowledged events: key → the ledger entry id and status the server reported. */
  acks: Map<string, { entryId: number; status: string }>;
}

/**
 * Sends every event (POST /events, one event a request, `concurrency` at a time) until each is
 * acknowledged with 200/201. A network error or a 503 puts the event back in the queue; it is re-sent
 * unchanged, to whatever URL `url()` gives then. `afterAck` runs after each acknowledgement (the
 * chaos controller: it may kill and restart the server while other requests are in flight).
 */
export async function streamEvents(
  events: readonly EventBody[],
  o: {
    token: string;
    url: () => string;
    concurrency: number;
    afterAck: (acked: number) => Promise<void> | void;
    /** Called every 5 s with the progress so far. */
    progress?: (line: string) => void;
  },
): Promise<StreamStats> {
  const stats: StreamStats = {
    requests: 0,
    resent: 0,
    networkErrors: 0,
    status503: 0,
    unexpected: [],
    acks: new Map(),
  };
  const queue = [...events];
  let inFlight = 0;
  const worker = async () => {
    for (;;) {
      const e = queue.shift();
      if (e === undefined) {
        if (inFlight === 0) return;
        await sleep(20);
        continue;
      }
      inFlight++;
      stats.requests++;
      let retry = false;
      try {
        const r = await fetch(`${o.url()}/events`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${o.token}` },
          body: JSON.stringify(e),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await r.text();
        if (r.status === 200 || r.status === 201) {
          const body = JSON.parse(text) as { event: { status: string; entries: { entryId: number }[] } };
          stats.acks.set(e.key, { entryId: body.event.entries[0]!.entryId, status: body.event.status });
        } else if (r.status === 503) {
          stats.status503++;
          retry = true;
        } else {
          stats.unexpected.push({ status: r.status, body: text.slice(0, 500) });
          retry = r.status >= 500;
        }
      } catch {
        stats.networkErrors++;
        retry = true;
      } finally {
        inFlight--;
      }
      if (retry) {
        stats.resent++;
        queue.push(e);
        await sleep(50 + Math.random() * 100);
      } else if (stats.acks.has(e.key)) await o.afterAck(stats.acks.size);
    }
  };
  const timer = setInterval(
    () =>
      o.progress?.(
        `${stats.acks.size}/${events.length} acknowledged, ${inFlight} in flight, ${stats.networkErrors} network errors, ${stats.status503} × 503`,
      ),
    5000,
  );
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    clearInterval(timer);
  }
  return stats;
}

export interface Verdict {
  readonly ledgerLines: number;
  /** Keys with other than exactly one ledger line, and ledger keys that were never sent. */
  readonly duplicated: string[];
  readonly missing: string[];
  readonly unknown: string[];
  /** (sku, on hand, ledger sum, last on_hand_after) where they disagree. */
  readonly positionMismatches: { sku: string; onHand: number; ledgerSum: number; lastAfter: number }[];
  /** Acknowledgements naming another ledger line than the stored one. */
  readonly wrongAcks: string[];
  readonly signals: number;
  readonly signalChanges: number;
  /** Differences from the crash-free reference (signals and per-line changes). */
  readonly signalDifferences: string[];
}

interface LedgerRow {
  entry_id: number;
  idempotency_key: string;
  sku: string;
  kind: string;
  qty: number;
  occurred_at: Date;
  on_hand_after: number;
  signal_changes: { kind: string; causeKey: string; change: string; quantity: number | null }[];
}

interface SignalRow {
  sku: string;
  kind: string;
  status: string;
  cause_key: string;
  quantity: number | null;
  order_on: string;
  need_by: string;
  closed_reason: string | null;
}

const readLedger = async (db: Db) =>
  (
    await db.query<LedgerRow>(
      `SELECT entry_id, idempotency_key, sku, kind, qty, occurred_at, on_hand_after, signal_changes
       FROM inventory_ledger ORDER BY entry_id`,
    )
  ).rows;

const readSignals = async (db: Db) =>
  (
    await db.query<SignalRow>(
      `SELECT sku, kind, status, cause_key, quantity, order_on, need_by, closed_reason
       FROM signals ORDER BY opened_at, signal_id`,
    )
  ).rows;

const changesOf = (r: LedgerRow) =>
  JSON.stringify(r.signal_changes.map((c) => [c.kind, c.causeKey, c.change, c.quantity]));

/** Checks the database after a run against the events sent and the acknowledgements received. */
export async function verify(
  db: Db,
  events: readonly EventBody[],
  acks: StreamStats["acks"],
  skus: number,
): Promise<Verdict> {
  const ledger = await readLedger(db);
  const sent = new Map(events.map((e) => [e.key, e]));
  const perKey = new Map<string, LedgerRow[]>();
  for (const r of ledger) perKey.set(r.idempotency_key, [...(perKey.get(r.idempotency_key) ?? []), r]);
  const duplicated = [...perKey].filter(([, rows]) => rows.length > 1).map(([k]) => k);
  const missing = events.filter((e) => !perKey.has(e.key)).map((e) => e.key);
  const unknown = [...perKey.keys()].filter((k) => !sent.has(k));
  const wrongAcks = [...acks]
    .filter(([k, a]) => perKey.get(k)?.[0]?.entry_id !== a.entryId)
    .map(([k, a]) => `${k}: acknowledged entry ${a.entryId}, stored ${perKey.get(k)?.[0]?.entry_id}`);

  const positions = await db.query<{ sku: string; on_hand: number }>(
    "SELECT sku, on_hand FROM positions WHERE location_id = $1",
    [LOCATION],
  );
  const positionMismatches = [];
  for (const p of positions.rows) {
    const lines = ledger.filter((r) => r.sku === p.sku);
    const ledgerSum = lines.reduce((s, r) => s + r.qty, 0);
    const lastAfter = lines.at(-1)?.on_hand_after ?? 0;
    if (Math.abs(ledgerSum - p.on_hand) > 1e-6 || Math.abs(lastAfter - p.on_hand) > 1e-6)
      positionMismatches.push({ sku: p.sku, onHand: p.on_hand, ledgerSum, lastAfter });
  }

  // the crash-free reference: the same events, in the order the ledger recorded them
  const signalDifferences: string[] = [];
  const reference = await openPgliteDb();
  try {
    const m = await migrate(reference);
    if (!m.ok) throw new Error(JSON.stringify(m.issues));
    await seedWorld(reference, skus);
    const refLines: LedgerRow[] = [];
    for (const r of ledger) {
      const body = sent.get(r.idempotency_key);
      if (body === undefined) continue;
      const input: LedgerEventInput = toEventInput(body, "api", null);
      const applied = await applyEvents(reference, [input]);
      if (!applied.ok) throw new Error(JSON.stringify(applied.issues));
    }
    refLines.push(...(await readLedger(reference)));
    const ours = ledger.filter((r) => sent.has(r.idempotency_key));
    for (let i = 0; i < Math.max(ours.length, refLines.length); i++) {
      const a = ours[i];
      const b = refLines[i];
      if (a === undefined || b === undefined || a.idempotency_key !== b.idempotency_key) {
        signalDifferences.push(`line ${i}: ${a?.idempotency_key} vs reference ${b?.idempotency_key}`);
        continue;
      }
      if (Math.abs(a.on_hand_after - b.on_hand_after) > 1e-6 || changesOf(a) !== changesOf(b))
        signalDifferences.push(
          `${a.idempotency_key}: on hand after ${a.on_hand_after}, changes ${changesOf(a)}; reference ${b.on_hand_after}, ${changesOf(b)}`,
        );
    }
    const key = (s: SignalRow) =>
      JSON.stringify([
        s.sku,
        s.kind,
        s.status,
        s.cause_key,
        s.quantity,
        s.order_on,
        s.need_by,
        s.closed_reason,
      ]);
    const mine = (await readSignals(db)).map(key).sort();
    const theirs = (await readSignals(reference)).map(key).sort();
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
      const a = new Set(mine);
      const b = new Set(theirs);
      signalDifferences.push(
        `signals: ${mine.length} vs reference ${theirs.length}; only here ${mine
          .filter((x) => !b.has(x))
          .slice(0, 5)
          .join(" ")}; only in reference ${theirs
          .filter((x) => !a.has(x))
          .slice(0, 5)
          .join(" ")}`,
      );
    }
  } finally {
    await reference.close();
  }
  const signals = (await readSignals(db)).length;
  return {
    ledgerLines: ledger.length,
    duplicated,
    missing,
    unknown,
    positionMismatches,
    wrongAcks,
    signals,
    signalChanges: ledger.reduce((s, r) => s + r.signal_changes.length, 0),
    signalDifferences,
  };
}

export interface ChaosOptions {
  readonly store: "postgres" | "pglite";
  /** What fails: the takt serve process (SIGKILL) or the PostgreSQL server (immediate stop, restart). */
  readonly fault: "kill-serve" | "restart-postgres";
  readonly events: number;
  readonly cycles: number;
  readonly skus: number;
  readonly concurrency: number;
  readonly seed: number;
  /** PostgreSQL down time per restart, ms (restart-postgres). */
  readonly downMs?: number;
  readonly log?: (line: string) => void;
}

export interface ChaosReport {
  readonly options: ChaosOptions;
  readonly faults: number;
  readonly stats: Omit<StreamStats, "acks"> & { acknowledged: number; replayedAcks: number };
  readonly verdict: Verdict;
  readonly seconds: number;
  /** Exit code of the final graceful stop (SIGTERM). */
  readonly finalExit: number | null;
}

/** One whole run: a fresh store, `cycles` faults at random acknowledgement counts, then verify. */
export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const rand = prng(o.seed ^ 0x5eed);
  let cluster: Cluster | null = null;
  let dir: string | null = null;
  try {
    let store: Store;
    if (o.store === "postgres") {
      cluster = await startCluster();
      store = { kind: "postgres", url: cluster.url };
    } else {
      dir = await mkdtemp(join(tmpdir(), "takt-crash-"));
      store = { kind: "pglite", dir: join(dir, "db") };
    }
    const setup = await openStore(store);
    let token: string;
    try {
      const m = await migrate(setup);
      if (!m.ok) throw new Error(JSON.stringify(m.issues));
      token = await seedWorld(setup, o.skus);
    } finally {
      await setup.close();
    }
    const events = generateEvents(o.events, o.skus, o.seed);
    // one fault at a random point in each of `cycles` equal stretches of the stream
    const stretch = (o.events * 0.9) / o.cycles;
    const points = Array.from(
      { length: o.cycles },
      (_, k) => Math.floor((k + 0.15 + 0.7 * rand()) * stretch) + 1,
    );
    const server = new ServeProcess(store);
    await server.start();
    let faults = 0;
    let busy: Promise<void> | null = null;
    const fault = async () => {
      faults++;
      if (o.fault === "kill-serve") {
        // random point inside the request flow: some requests are mid-transaction
        await sleep(rand() * 15);
        await server.stop("SIGKILL");
        log(`fault ${faults}: SIGKILL takt serve`);
        await server.start();
      } else {
        log(`fault ${faults}: PostgreSQL stopped (immediate)`);
        await cluster!.crashAndRestart(o.downMs ?? 1500);
        log(`fault ${faults}: PostgreSQL back`);
      }
    };
    const stats = await streamEvents(events, {
      token,
      url: () => server.url,
      concurrency: o.concurrency,
      progress: log,
      afterAck: async (acked) => {
        while (points.length > 0 && acked >= points[0]!) {
          if (busy !== null) {
            await busy;
            continue;
          }
          points.shift();
          busy = fault().finally(() => {
            busy = null;
          });
          await busy;
        }
      },
    });
    if (busy !== null) await busy;
    const finalExit = await server.stop("SIGTERM");
    const db = await openStore(store);
    let verdict: Verdict;
    try {
      verdict = await verify(db, events, stats.acks, o.skus);
    } finally {
      await db.close();
    }
    const { acks, ...rest } = stats;
    return {
      options: o,
      faults,
      stats: {
        ...rest,
        acknowledged: acks.size,
        replayedAcks: [...acks.values()].filter((a) => a.status === "replayed").length,
      },
      verdict,
      seconds: (Date.now() - started) / 1000,
      finalExit,
    };
  } finally {
    await cluster?.stop().catch(() => undefined);
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}
