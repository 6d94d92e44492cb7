/**
 * API under load (issue 8, item 4): a PostgreSQL database with 30,000 SKU × locations (10,000 SKUs × 3
 * locations; active policies, positions with their ledger opening, a primary supplier lane each, open
 * signals on a fifth of them, 15,000 purchase orders of which a third open, late-order alerts), `takt
 * serve` listening in its own process, and autocannon (a real HTTP load generator) on every list and
 * dashboard endpoint, one after another: requests/s and latency p50 / p95 / p99 (p95 from every
 * response's time, autocannon's own summary stops at p97.5). Target p95 ≤ 50 ms.
 *
 * Beside the latencies, the CPU each request costs: the server process's and the PostgreSQL backends'
 * (of this benchmark's database: processes titled `postgres: … takt_bench_api …`, when the server runs
 * on this machine) user + system time from /proc over each run, per request and as cores busy. On a
 * 2-core machine shared by autocannon, node and PostgreSQL, p95 is bounded below by that CPU × the
 * connections queued on it. Also the first call of each endpoint right after the server is ready (the
 * catalogue-wide dashboard figures warm up in the background from then on) and the load average.
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import type { Db } from "../dist/db/db.js";
import { type Stat, stat } from "./harness.js";
import { seedCatalogue } from "./ingest.js";
import { benchToken, freshDatabase, pgServer, serverVersion, startServe } from "./ingest-pg.js";

export interface ApiLoadOptions {
  readonly skus: number;
  readonly locations: number;
  readonly connections: number;
  readonly seconds: number;
  readonly runs: number;
  /** Endpoints to load (default ENDPOINTS). */
  readonly endpoints?: readonly string[];
}

export const API_LOAD_DEFAULTS: ApiLoadOptions = {
  skus: 10_000,
  locations: 3,
  connections: 10,
  seconds: 8,
  runs: 3,
};

const DATABASE = "takt_bench_api";

export const ENDPOINTS = [
  "/items",
  "/positions",
  "/signals",
  "/purchase-orders",
  "/suppliers",
  "/suppliers/S01/scorecard",
  "/dashboard/overview",
  "/dashboard/queue",
  "/dashboard/skus",
  "/dashboard/suppliers",
  "/dashboard/alerts",
] as const;

/** Lanes, signals, purchase orders and alerts on top of the catalogue, set-based. */
async function seedOperations(db: Db): Promise<void> {
  await db.query(
    "INSERT INTO suppliers (supplier_id, name) SELECT 'S' || lpad(g::text, 2, '0'), 'Supplier ' || g FROM generate_series(1, 20) g",
  );
  await db.query(
    `INSERT INTO supply_lanes (location_id, sku, supplier_id, lead_time_days, unit_cost)
     SELECT location_id, sku, 'S' || lpad((1 + abs(hashtext(sku)) % 20)::text, 2, '0'), 5 + abs(hashtext(sku)) % 10, 5
     FROM positions`,
  );
  await db.query(
    `INSERT INTO signals (location_id, sku, kind, cause_key, quantity, order_on, need_by, policy_version, explanation)
     SELECT p.location_id, p.sku, 'replenishment', 'reorder_point', 100, DATE '2026-03-02', DATE '2026-03-09', 1,
       jsonb_build_object('asOf', '2026-03-02', 'policyVersion', 1,
         'rule', jsonb_build_object('kind', 'reorder_point', 'reorderPoint', 60, 'orderQuantity', 100),
         'position', jsonb_build_object('onHand', p.on_hand, 'onOrder', 0, 'allocated', 0, 'committed', 0,
           'inventoryPosition', p.on_hand),
         'reasons', jsonb_build_array('inventory position ' || p.on_hand || ' ≤ reorder point 60'))
     FROM positions p WHERE abs(hashtext(p.location_id || p.sku)) % 5 = 0`,
  );
  await db.query(
    `INSERT INTO purchase_orders (location_id, po_number, supplier_id, status, ordered_on)
     SELECT l.location_id, 'PO' || g, l.supplier_id, CASE WHEN g % 3 = 0 THEN 'open' ELSE 'closed' END,
       DATE '2026-03-02' - (g % 300)
     FROM generate_series(1, 15000) g
     JOIN LATERAL (SELECT location_id, sku, supplier_id FROM supply_lanes OFFSET (g * 7) % 30000 LIMIT 1) l ON true`,
  );
  await db.query(
    `INSERT INTO purchase_order_lines (location_id, po_number, line_no, sku, qty_ordered, qty_received, due_on, unit_cost)
     SELECT o.location_id, o.po_number, 1, l.sku, 100, CASE WHEN o.status = 'open' THEN 0 ELSE 100 END,
       o.ordered_on + 7, 5
     FROM purchase_orders o
     JOIN LATERAL (SELECT sku FROM supply_lanes s WHERE s.location_id = o.location_id AND s.supplier_id = o.supplier_id
                   LIMIT 1) l ON true`,
  );
  await db.query(
    `INSERT INTO alerts (location_id, sku, supplier_id, kind, severity, message, detail)
     SELECT o.location_id, l.sku, o.supplier_id, 'late_order', CASE WHEN l.due_on < DATE '2026-02-01' THEN 'critical' ELSE 'warning' END,
       'purchase order ' || o.po_number || ' is late', jsonb_build_object('poNumber', o.po_number)
     FROM purchase_orders o JOIN purchase_order_lines l ON l.location_id = o.location_id AND l.po_number = o.po_number
     WHERE o.status = 'open' AND l.due_on < DATE '2026-03-02' AND abs(hashtext(o.po_number)) % 4 = 0`,
  );
  // A settled database: statistics, and the visibility map set (index-only scans need it; otherwise
  // autovacuum would do this in the middle of the measurements).
  await db.query("VACUUM ANALYZE");
}

interface EndpointFigures {
  readonly path: string;
  readonly status: string;
  readonly requestsPerSecond: Stat;
  readonly p50Ms: Stat;
  readonly p95Ms: Stat;
  readonly p99Ms: Stat;
  /** CPU milliseconds per request: the takt server process, and this database's PostgreSQL backends. */
  readonly serverCpuMsPerRequest: Stat;
  readonly postgresCpuMsPerRequest: Stat | null;
  /** CPU milliseconds per request of this process: autocannon, the load generator. */
  readonly clientCpuMsPerRequest: Stat;
  /** Cores kept busy during the run (CPU seconds ÷ wall seconds), server and PostgreSQL. */
  readonly serverCores: Stat;
  readonly postgresCores: Stat | null;
  /** 1-minute load average after the runs. */
  readonly loadAverage: number;
  readonly errors: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process in clock ticks, or 0 when it is gone. */
function ticks(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** Processes whose command line contains `needle` (Linux /proc; empty elsewhere). */
function pidsWith(needle: string): number[] {
  let dirs: string[];
  try {
    dirs = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const d of dirs) {
    try {
      if (readFileSync(`/proc/${d}/cmdline`, "utf8").replaceAll("\0", " ").includes(needle))
        out.push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/**
 * CPU ticks per process: the server's (`--port <port>` in its command line) and PostgreSQL's backends
 * serving `database` (autovacuum workers left out).
 */
function cpuTicks(
  serverPort: string,
  database: string,
): { server: Map<number, number>; postgres: Map<number, number> } {
  const of = (pids: number[]) => new Map(pids.map((p) => [p, ticks(p)]));
  const backends = pidsWith("postgres: ").filter((p) => {
    try {
      const title = readFileSync(`/proc/${p}/cmdline`, "utf8");
      return title.includes(` ${database} `) && !title.includes("autovacuum");
    } catch {
      return false;
    }
  });
  return { server: of(pidsWith(`--port ${serverPort}`)), postgres: of(backends) };
}

/**
 * CPU seconds between two snapshots: per process still there, its growth (from 0 for one started
 * meanwhile); a process that exited meanwhile (an idle pooled connection closed) is left out, so the
 * figure is a lower bound. Null when there was no such process (PostgreSQL on another machine).
 */
function cpuSeconds(before: Map<number, number>, after: Map<number, number>): number | null {
  if (before.size === 0 && after.size === 0) return null;
  let t = 0;
  for (const [pid, n] of after) t += Math.max(0, n - (before.get(pid) ?? 0));
  return t / CLOCK_TICKS;
}

const pct = (sorted: readonly number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function load(base: string, token: string, path: string, o: ApiLoadOptions) {
  const port = new URL(base).port;
  const cpu0 = cpuTicks(port, DATABASE);
  const client0 = process.cpuUsage();
  const wall0 = performance.now();
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `${base}${path}`,
        connections: o.connections,
        duration: o.seconds,
        headers: { authorization: `Bearer ${token}` },
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  void instance;
  const wall = (performance.now() - wall0) / 1000;
  const cpu1 = cpuTicks(port, DATABASE);
  const client = process.cpuUsage(client0);
  const serverCpu = cpuSeconds(cpu0.server, cpu1.server) ?? 0;
  const pgCpu = cpuSeconds(cpu0.postgres, cpu1.postgres);
  times.sort((a, b) => a - b);
  return {
    serverCpuMs: (serverCpu * 1000) / times.length,
    pgCpuMs: pgCpu === null ? null : (pgCpu * 1000) / times.length,
    clientCpuMs: (client.user + client.system) / 1000 / times.length,
    serverCores: serverCpu / wall,
    pgCores: pgCpu === null ? null : pgCpu / wall,
    rps: times.length / o.seconds,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    errors: result.errors + result.non2xx,
    statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(" "),
  };
}

export async function apiLoadBench(options: Partial<ApiLoadOptions> = {}) {
  const o = { ...API_LOAD_DEFAULTS, ...options };
  const loadAtStart = Math.round(loadavg()[0]! * 100) / 100;
  const server = pgServer();
  if ("skipped" in server) return { skipped: server.skipped };
  const base = await freshDatabase(server.url, DATABASE);
  try {
    const version = await serverVersion(base.db);
    const pairs = await seedCatalogue(base.db, o.skus, o.locations);
    await seedOperations(base.db);
    const counts = (
      await base.db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM positions) AS positions, (SELECT count(*)::int FROM policies) AS policies,
                (SELECT count(*)::int FROM signals) AS signals, (SELECT count(*)::int FROM purchase_orders) AS orders,
                (SELECT count(*)::int FROM alerts) AS alerts, (SELECT count(*)::int FROM inventory_ledger) AS ledger`,
      )
    ).rows[0]!;
    const token = await benchToken(base.db, "admin");
    const started = performance.now();
    const served = await startServe(base.url);
    const readyMs = performance.now() - started;
    try {
      console.log(`api-load: ${version}; ${pairs.length} SKU × locations; ${JSON.stringify(counts)}`);
      // One call of each endpoint right after the server listens (the warm-up runs in the background).
      const firstCallMs: Record<string, number> = {};
      for (const path of o.endpoints ?? ENDPOINTS) {
        const t = performance.now();
        const r = await fetch(`${served.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
        await r.arrayBuffer();
        firstCallMs[path] = Math.round((performance.now() - t) * 10) / 10;
      }
      console.log(
        `api-load: listening after ${readyMs.toFixed(0)} ms; first calls ${JSON.stringify(firstCallMs)}`,
      );
      const endpoints: EndpointFigures[] = [];
      for (const path of o.endpoints ?? ENDPOINTS) {
        await load(served.base, token, path, { ...o, seconds: 2 }); // warm-up
        const runs = [];
        for (let i = 0; i < o.runs; i++) runs.push(await load(served.base, token, path, o));
        const f: EndpointFigures = {
          path,
          status: runs[0]!.statuses,
          requestsPerSecond: stat(runs.map((r) => r.rps)),
          p50Ms: stat(runs.map((r) => r.p50)),
          p95Ms: stat(runs.map((r) => r.p95)),
          p99Ms: stat(runs.map((r) => r.p99)),
          serverCpuMsPerRequest: stat(runs.map((r) => r.serverCpuMs)),
          clientCpuMsPerRequest: stat(runs.map((r) => r.clientCpuMs)),
          postgresCpuMsPerRequest: runs.every((r) => r.pgCpuMs !== null)
            ? stat(runs.map((r) => r.pgCpuMs!))
            : null,
          serverCores: stat(runs.map((r) => r.serverCores)),
          postgresCores: runs.every((r) => r.pgCores !== null) ? stat(runs.map((r) => r.pgCores!)) : null,
          loadAverage: Math.round(loadavg()[0]! * 100) / 100,
          errors: runs.reduce((s, r) => s + r.errors, 0),
        };
        console.log(
          `api-load ${path}: ${f.requestsPerSecond.median.toFixed(0)} req/s, p50 ${f.p50Ms.median} p95 ${f.p95Ms.median} p99 ${f.p99Ms.median} ms, ` +
            `CPU/req client ${f.clientCpuMsPerRequest.median.toFixed(2)} server ${f.serverCpuMsPerRequest.median.toFixed(2)} PostgreSQL ${f.postgresCpuMsPerRequest?.median.toFixed(2) ?? "n/a"} ms, load ${f.loadAverage} (${f.status})`,
        );
        endpoints.push(f);
      }
      return {
        server: version,
        options: o,
        counts,
        machineCpus: cpus().length,
        readyMs: Math.round(readyMs),
        firstCallMs,
        loadAverageAtStart: loadAtStart,
        endpoints,
      };
    } finally {
      await served.stop();
    }
  } finally {
    await base.drop();
    server.stop();
  }
}

/** BENCHMARKS.md section for the api-load result. */
export function apiLoadTable(f: Record<string, unknown>): string[] {
  if (typeof f.skipped === "string") return [`Skipped: ${f.skipped}`];
  const o = f.options as ApiLoadOptions;
  const c = f.counts as Record<string, number>;
  const r = (s: Stat) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
  const ms = (s: Stat | null | undefined) => (s == null ? "–" : s.median.toFixed(2));
  const cores = (e: EndpointFigures) =>
    e.serverCores === undefined ? "–" : (e.serverCores.median + (e.postgresCores?.median ?? 0)).toFixed(2);
  const first = (f.firstCallMs ?? {}) as Record<string, number>;
  return [
    `${f.server}; ${c.positions!.toLocaleString("en-US")} SKU × locations, ${c.signals!.toLocaleString("en-US")} open signals, ` +
      `${c.orders!.toLocaleString("en-US")} purchase orders, ${c.alerts!.toLocaleString("en-US")} alerts. autocannon, ${o.connections} connections, ` +
      `${o.seconds} s per run, median (min–max) of ${o.runs} runs, default page of each list. Target p95 ≤ 50 ms. ` +
      "CPU per request: autocannon (this process), the takt server process and this database's PostgreSQL backends " +
      "(/proc, user + system; a backend that closed during a run is left out); cores: server and PostgreSQL together, CPU seconds ÷ wall seconds (the machine has " +
      `${(f.machineCpus as number | undefined) ?? "its"} cores for autocannon, node and PostgreSQL). ` +
      "First call: right after the server listens (dashboard figures warm up in the background from then on)." +
      (typeof f.loadAverageAtStart === "number" ? ` Load average at start ${f.loadAverageAtStart}.` : ""),
    "",
    "| endpoint | requests/s | p50 ms | p95 ms | p99 ms | CPU ms/req: autocannon | server | PostgreSQL | cores busy | first call ms | load avg | responses |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...(f.endpoints as EndpointFigures[]).map(
      (e) =>
        `| \`GET ${e.path}\` | ${r(e.requestsPerSecond)} | ${r(e.p50Ms)} | ${r(e.p95Ms)} | ${r(e.p99Ms)} | ` +
        `${ms(e.clientCpuMsPerRequest)} | ${ms(e.serverCpuMsPerRequest)} | ${ms(e.postgresCpuMsPerRequest)} | ${cores(e)} | ${first[e.path] ?? "–"} | ` +
        `${e.loadAverage ?? "–"} | ${e.status} |`,
    ),
    ...(typeof f.note === "string" ? ["", f.note] : []),
  ];
}
