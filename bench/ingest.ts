/**
 * Durable ingestion against PostgreSQL itself (issue 8, item 3). On one PostgreSQL server, in one run:
 * a generated catalogue (SKUs × locations, each with an active reorder-point policy and an opening
 * balance in the ledger), then per repeated run
 *  (a) consumption events per second applied through `takt serve`'s POST /events (a child process on
 *      a TCP port, a real HTTP client), per request size — 1 event (many clients: group commit puts
 *      concurrent ones in one transaction), 100 and 1,000 (an ERP export) — each with idempotency,
 *      position update, trigger evaluation and signal storage in its transaction;
 *  (b) the raw INSERT rate of equivalent rows into a plain table on the same server, with the same
 *      rows per statement and the same number of connections: the physical limit;
 *  (c) latency from sending an event to its response (the transaction that stored its signal has
 *      committed) at an offered 1,000 events/s, one event per request, open loop: each event leaves at
 *      its scheduled time whatever the earlier ones are doing, and latency counts from that time (no
 *      coordinated omission).
 * CPU seconds of the server process and of PostgreSQL are read from /proc around each phase: per event,
 * they say where the time goes when the machine's cores are the bound. Targets: a/b ≥ 0.5, p99 ≤ 20 ms.
 * Skipped with the reason when no server can be had.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Db } from "../dist/db/db.js";
import { openPgDb } from "../dist/db/pg-db.js";
import { type Stat, stat } from "./harness.js";
import { type JsonClient, jsonClient } from "./ingest-http.js";
import { benchToken, freshDatabase, pgServer, serverVersion, startServe } from "./ingest-pg.js";

export interface IngestOptions {
  readonly skus: number;
  readonly locations: number;
  readonly runs: number;
  /** Events per request of the throughput phases; 1 = one event per request. */
  readonly batchSizes: readonly number[];
  /** Events per run of each batched throughput phase (and of its raw counterpart). */
  readonly batchedEvents: number;
  /** Concurrent clients (connections) of the batched phases and their raw counterparts. */
  readonly concurrency: number;
  /** Events per run, and concurrent clients, of the one-event-per-request phase. */
  readonly singleEvents: number;
  readonly singleConcurrency: number;
  /** Offered rate and duration of the latency phase. */
  readonly rate: number;
  readonly latencySeconds: number;
}

export const INGEST_DEFAULTS: IngestOptions = {
  skus: 5_000,
  locations: 2,
  runs: 3,
  batchSizes: [1, 100, 1_000],
  batchedEvents: 20_000,
  concurrency: 4,
  singleEvents: 4_000,
  singleConcurrency: 16,
  rate: 1_000,
  latencySeconds: 10,
};

/** The server's database pool (openDb's default): the connections takt's transactions run on. */
const SERVER_POOL = 10;

const DATABASE = "takt_bench_ingest";

export interface Pair {
  readonly location: string;
  readonly sku: string;
}

const DAY = "2026-03-02";

/** Items, locations, one supplier, an active (r, Q) = (60, 100) policy per pair, opening stock 61–260. */
export async function seedCatalogue(db: Db, skus: number, locations: number): Promise<Pair[]> {
  await db.query(
    "INSERT INTO locations (location_id, name) SELECT 'L' || g, 'Store ' || g FROM generate_series(1, $1) g",
    [locations],
  );
  await db.query(
    "INSERT INTO items (sku, name, unit_cost) SELECT 'SKU' || lpad(g::text, 6, '0'), 'Item ' || g, 5 FROM generate_series(1, $1) g",
    [skus],
  );
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO policies (location_id, sku, version, status, rule_kind, reorder_point, order_quantity, safety_stock,
         mean_daily_demand, lead_time_days, auto_replenish_at, review_at_on_hand, proposed_by, approved_by, approved_at,
         activated_at)
       SELECT l.location_id, i.sku, 1, 'active', 'reorder_point', 60, 100, 20, 8, 5, 60, 20, 'bench', 'bench', now(), now()
       FROM locations l CROSS JOIN items i`,
    );
    // Opening balances as ledger adjustments, and the positions equal to them (on hand = ledger sum).
    await tx.query(
      `INSERT INTO inventory_ledger (location_id, sku, kind, qty, occurred_at, source, idempotency_key, on_hand_after)
       SELECT l.location_id, i.sku, 'adjustment', q, '2026-03-01', 'bench-opening', l.location_id || '/' || i.sku, q
       FROM locations l CROSS JOIN items i, LATERAL (SELECT 61 + (hashtext(l.location_id || i.sku) & 1023) % 200 AS q) o`,
    );
    await tx.query(
      `INSERT INTO positions (location_id, sku, on_hand)
       SELECT location_id, sku, qty FROM inventory_ledger WHERE source = 'bench-opening'`,
    );
  });
  await db.query("ANALYZE");
  const r = await db.query<{ location_id: string; sku: string }>(
    "SELECT location_id, sku FROM positions ORDER BY sku, location_id",
  );
  return r.rows.map((x) => ({ location: x.location_id, sku: x.sku }));
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface EventJson {
  key: string;
  kind: "consumption";
  sku: string;
  location: string;
  qty: number;
  occurred_at: string;
}

/** `count` consumption events of 1–3 units on pairs drawn from `pairs`. */
function events(prefix: string, count: number, pairs: readonly Pair[], seed: number): EventJson[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const p = pairs[Math.floor(r() * pairs.length)]!;
    return {
      key: `${prefix}-${i}`,
      kind: "consumption",
      sku: p.sku,
      location: p.location,
      qty: 1 + Math.floor(r() * 3),
      occurred_at: DAY,
    };
  });
}

/** Each client owns a disjoint share of the pairs (one store's POS feeding its own items). */
const share = (pairs: readonly Pair[], k: number, of: number) => pairs.filter((_, i) => i % of === k);

interface Applied {
  applied?: number;
  events?: { signals: { change: string }[] }[];
  event?: { signals: { change: string }[] };
}

function expectOk(r: { status: number; body: unknown }): Applied {
  if (r.status !== 201 && r.status !== 200)
    throw new Error(`POST /events: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Applied;
}

/** A phase's shape: events per request (1 = a bare event, not a one-element batch), clients, events. */
interface Phase {
  readonly size: number;
  readonly clients: number;
  readonly events: number;
}

const phaseOf = (o: IngestOptions, size: number): Phase =>
  size === 1
    ? { size, clients: o.singleConcurrency, events: o.singleEvents }
    : { size, clients: o.concurrency, events: o.batchedEvents };

/** CPU seconds (user + system) so far of each process whose command line `match`es, from /proc (Linux). */
function cpuSeconds(match: (cmdline: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!match(readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "))) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(f[11]) + Number(f[12])) / 100); // USER_HZ
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

interface Cpu {
  readonly serve: number;
  readonly postgres: number;
}

type CpuMark = { readonly serve: Map<string, number>; readonly postgres: Map<string, number> };

const cpuMark = (): CpuMark => ({
  serve: cpuSeconds((c) => c.includes("main.js serve")),
  // The backends serving the bench database (other PostgreSQL servers on the machine are not counted).
  postgres: cpuSeconds((c) => c.startsWith("postgres: ") && c.includes(` ${DATABASE} `)),
});

/**
 * CPU seconds of `takt serve` and of the PostgreSQL backends of the bench database since `from`:
 * per process alive at both marks (the serve's pooled connections stay; a backend that came and went
 * in between — another client's — is not counted).
 */
function cpuSince(from: CpuMark): Cpu {
  const to = cpuMark();
  const sum = (a: Map<string, number>, b: Map<string, number>) =>
    [...b].reduce((s, [pid, t]) => s + (a.has(pid) ? t - a.get(pid)! : 0), 0);
  return { serve: sum(from.serve, to.serve), postgres: sum(from.postgres, to.postgres) };
}

/** Throughput through POST /events: each client sends its share of events, `size` per request, in turn. */
async function takt(
  client: JsonClient,
  ph: Phase,
  pairs: readonly Pair[],
  run: string,
): Promise<{ seconds: number; signalsOpened: number; cpu: Cpu }> {
  const per = Math.ceil(ph.events / ph.clients);
  const work = Array.from({ length: ph.clients }, (_, k) =>
    events(`${run}-${ph.size}-${k}`, per, share(pairs, k, ph.clients), 1 + k + 1000 * ph.size),
  );
  let opened = 0;
  const count = (signals: readonly { change: string }[]) => {
    opened += signals.filter((s) => s.change === "opened").length;
  };
  const c0 = cpuMark();
  const t0 = performance.now();
  await Promise.all(
    work.map(async (evs) => {
      if (ph.size === 1)
        for (const e of evs) {
          const body = expectOk(await client.post("/events", e));
          count(body.event?.signals ?? []);
        }
      else
        for (let i = 0; i < evs.length; i += ph.size) {
          const body = expectOk(await client.post("/events", { events: evs.slice(i, i + ph.size) }));
          for (const e of body.events ?? []) count(e.signals);
        }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, signalsOpened: opened, cpu: cpuSince(c0) };
}

/** Raw INSERTs of the same rows (same rows per statement, same number of connections) into a plain table. */
async function raw(
  url: string,
  ph: Phase,
  pairs: readonly Pair[],
  run: string,
): Promise<{ seconds: number; postgresCpu: number }> {
  const db = openPgDb({ connectionString: url, maxConnections: ph.clients });
  try {
    const per = Math.ceil(ph.events / ph.clients);
    const work = Array.from({ length: ph.clients }, (_, k) =>
      events(`${run}-r${ph.size}-${k}`, per, share(pairs, k, ph.clients), 200 + k),
    );
    // Open the connections before the clock starts, as the server's pool is.
    await Promise.all(work.map(() => db.query("SELECT 1")));
    const c0 = cpuMark();
    const t0 = performance.now();
    await Promise.all(
      work.map(async (evs) => {
        for (let i = 0; i < evs.length; i += ph.size) {
          const b = evs.slice(i, i + ph.size);
          await db.query(
            `INSERT INTO raw_ledger (location_id, sku, kind, qty, occurred_at, source, idempotency_key, on_hand_after)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::timestamptz[], $6::text[],
               $7::text[], $8::numeric[])`,
            [
              b.map((e) => e.location),
              b.map((e) => e.sku),
              b.map((e) => e.kind),
              b.map((e) => -e.qty),
              b.map((e) => e.occurred_at),
              b.map(() => "raw"),
              b.map((e) => e.key),
              b.map(() => 0),
            ],
          );
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, postgresCpu: cpuSince(c0).postgres };
  } finally {
    await db.close();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Open loop at `rate` events/s: event i leaves at t0 + i/rate; latency from that instant to the response. */
async function openLoop(
  client: JsonClient,
  o: IngestOptions,
  pairs: readonly Pair[],
  run: string,
): Promise<{ all: number[]; opened: number[]; achievedRate: number; inFlight: number; cpu: Cpu }> {
  const n = o.rate * o.latencySeconds;
  const evs = events(`${run}-l`, n, pairs, 300);
  const all: number[] = [];
  const opened: number[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let peak = 0;
  const c0 = cpuMark();
  const t0 = performance.now() + 50;
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const e = evs[i]!;
    peak = Math.max(peak, ++inFlight);
    pending.push(
      client.post("/events", e).then((r) => {
        inFlight--;
        const ms = performance.now() - due;
        const body = expectOk(r);
        all.push(ms);
        if (body.event?.signals.some((s) => s.change === "opened")) opened.push(ms);
      }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  return {
    all,
    opened,
    achievedRate: n / seconds,
    inFlight: peak,
    cpu: cpuSince(c0),
  };
}

/** One request size's figures. CPU: milliseconds of CPU per event in `takt serve` and in PostgreSQL. */
export interface SizeFigures {
  readonly batchSize: number;
  readonly clients: number;
  readonly eventsPerRun: number;
  readonly taktEventsPerSecond: Stat;
  readonly rawRowsPerSecond: Stat;
  readonly ratio: Stat;
  readonly serveCpuMsPerEvent: Stat;
  readonly postgresCpuMsPerEvent: Stat;
  /** PostgreSQL's CPU per row of the raw INSERTs. */
  readonly rawPostgresCpuMsPerRow: Stat;
  readonly signalsOpenedPerRun: Stat;
}

export interface IngestFigures {
  readonly server?: string;
  readonly catalogue?: { skus: number; locations: number; pairs: number; activePolicies: number };
  readonly options?: IngestOptions;
  /** Database connections of `takt serve`'s pool. */
  readonly serverPool?: number;
  /** Keep-alive connections the HTTP client opened in the whole run. */
  readonly clientConnections?: number;
  readonly sizes?: readonly SizeFigures[];
  readonly latency?: {
    readonly offeredRate: number;
    readonly achievedRate: Stat;
    /** Most requests in flight at once (each on its own keep-alive connection). */
    readonly peakInFlight: Stat;
    readonly p50Ms: Stat;
    readonly p95Ms: Stat;
    readonly p99Ms: Stat;
    readonly maxMs: Stat;
    readonly signalOpenedP50Ms: Stat;
    readonly signalOpenedP99Ms: Stat;
    readonly signalsOpened: number;
    readonly serveCpuMsPerEvent: Stat;
    readonly postgresCpuMsPerEvent: Stat;
  };
  /** `uptime`'s load averages when the run ended (1, 5, 15 min): the machine's other work. */
  readonly loadAverage?: readonly number[];
  readonly skipped?: string;
  /** Conditions of the run worth reading beside the figures (added by hand to a stored result). */
  readonly note?: string;
}

export async function ingestBench(options: Partial<IngestOptions> = {}): Promise<IngestFigures> {
  const o = { ...INGEST_DEFAULTS, ...options };
  const server = pgServer();
  if ("skipped" in server) {
    console.log(`ingest: skipped — ${server.skipped}`);
    return { skipped: server.skipped };
  }
  const base = await freshDatabase(server.url, DATABASE);
  try {
    const version = await serverVersion(base.db);
    const pairs = await seedCatalogue(base.db, o.skus, o.locations);
    await base.db.query(
      `CREATE TABLE raw_ledger (location_id text NOT NULL, entry_id bigint GENERATED ALWAYS AS IDENTITY, sku text NOT NULL,
         kind text NOT NULL, qty numeric(18, 4) NOT NULL, occurred_at timestamptz NOT NULL,
         recorded_at timestamptz NOT NULL DEFAULT now(), source text NOT NULL, idempotency_key text NOT NULL,
         on_hand_after numeric(18, 4) NOT NULL, signal_changes jsonb NOT NULL DEFAULT '[]', PRIMARY KEY (location_id, entry_id))`,
    );
    const token = await benchToken(base.db, "planner");
    const served = await startServe(base.url);
    const client = jsonClient(served.base, token);
    try {
      console.log(`ingest: ${version}; ${pairs.length} SKU × locations with active policies`);
      const phases = o.batchSizes.map((size) => phaseOf(o, size));
      // Warm-up: JIT, the server's pool, the caches.
      for (const ph of phases) {
        const small = { ...ph, events: Math.min(ph.events, Math.max(500, 2 * ph.size * ph.clients)) };
        await takt(client, small, pairs, "warm");
        await raw(base.url, small, pairs, "warm");
      }
      const per = phases.map(() => ({
        takt: [] as number[],
        raw: [] as number[],
        serve: [] as number[],
        pg: [] as number[],
        rawPg: [] as number[],
        opened: [] as number[],
      }));
      const lat = {
        rate: [] as number[],
        inFlight: [] as number[],
        p50: [] as number[],
        p95: [] as number[],
        p99: [] as number[],
        max: [] as number[],
        serve: [] as number[],
        pg: [] as number[],
      };
      const sig = { p50: [] as number[], p99: [] as number[], n: 0 };
      for (let run = 1; run <= o.runs; run++) {
        const said: string[] = [];
        for (const [i, ph] of phases.entries()) {
          const t = await takt(client, ph, pairs, `r${run}`);
          const r = await raw(base.url, ph, pairs, `r${run}`);
          const x = per[i]!;
          x.takt.push(ph.events / t.seconds);
          x.raw.push(ph.events / r.seconds);
          x.serve.push((t.cpu.serve * 1000) / ph.events);
          x.pg.push((t.cpu.postgres * 1000) / ph.events);
          x.rawPg.push((r.postgresCpu * 1000) / ph.events);
          x.opened.push(t.signalsOpened);
          said.push(
            `${ph.size}/request: takt ${x.takt.at(-1)!.toFixed(0)}/s, raw ${x.raw.at(-1)!.toFixed(0)}/s (CPU ms/event serve ${x.serve.at(-1)!.toFixed(3)}, postgres ${x.pg.at(-1)!.toFixed(3)}; raw postgres ${x.rawPg.at(-1)!.toFixed(3)})`,
          );
        }
        const l = await openLoop(client, o, pairs, `r${run}`);
        const all = [...l.all].sort((x, y) => x - y);
        const op = [...l.opened].sort((x, y) => x - y);
        const n = o.rate * o.latencySeconds;
        lat.rate.push(l.achievedRate);
        lat.inFlight.push(l.inFlight);
        lat.p50.push(percentile(all, 50));
        lat.p95.push(percentile(all, 95));
        lat.p99.push(percentile(all, 99));
        lat.max.push(all[all.length - 1]!);
        lat.serve.push((l.cpu.serve * 1000) / n);
        lat.pg.push((l.cpu.postgres * 1000) / n);
        if (op.length > 0) {
          sig.p50.push(percentile(op, 50));
          sig.p99.push(percentile(op, 99));
        }
        sig.n += op.length;
        console.log(
          `ingest run ${run}: ${said.join("; ")}; ${o.rate}/s open loop p50 ${lat.p50.at(-1)!.toFixed(1)} ms ` +
            `p95 ${lat.p95.at(-1)!.toFixed(1)} ms p99 ${lat.p99.at(-1)!.toFixed(1)} ms (${op.length} signals opened)`,
        );
      }
      const policies = await base.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM policies WHERE status = 'active'",
      );
      const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
      return {
        server: version,
        catalogue: {
          skus: o.skus,
          locations: o.locations,
          pairs: pairs.length,
          activePolicies: policies.rows[0]!.n,
        },
        options: o,
        serverPool: SERVER_POOL,
        clientConnections: client.connections(),
        sizes: phases.map((ph, i) => {
          const x = per[i]!;
          return {
            batchSize: ph.size,
            clients: ph.clients,
            eventsPerRun: ph.events,
            taktEventsPerSecond: stat(x.takt),
            rawRowsPerSecond: stat(x.raw),
            ratio: stat(x.takt.map((v, j) => v / x.raw[j]!)),
            serveCpuMsPerEvent: stat(x.serve),
            postgresCpuMsPerEvent: stat(x.pg),
            rawPostgresCpuMsPerRow: stat(x.rawPg),
            signalsOpenedPerRun: stat(x.opened),
          };
        }),
        latency: {
          offeredRate: o.rate,
          achievedRate: stat(lat.rate),
          peakInFlight: stat(lat.inFlight),
          p50Ms: stat(lat.p50),
          p95Ms: stat(lat.p95),
          p99Ms: stat(lat.p99),
          maxMs: stat(lat.max),
          signalOpenedP50Ms: stat(sig.p50.length > 0 ? sig.p50 : [Number.NaN]),
          signalOpenedP99Ms: stat(sig.p99.length > 0 ? sig.p99 : [Number.NaN]),
          signalsOpened: sig.n,
          serveCpuMsPerEvent: stat(lat.serve),
          postgresCpuMsPerEvent: stat(lat.pg),
        },
        loadAverage: load,
      };
    } finally {
      client.close();
      await served.stop();
    }
  } finally {
    await base.drop();
    server.stop();
  }
}

/** BENCHMARKS.md section for the ingest result. */
export function ingestTable(f: Record<string, unknown>): string[] {
  const g = f as IngestFigures;
  if (g.skipped !== undefined) return [`Skipped: ${g.skipped}`];
  const c = g.catalogue!;
  const l = g.latency!;
  const sizes = g.sizes!;
  const r = (s: Stat, d = 0) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  const what = (x: SizeFigures) =>
    x.batchSize === 1
      ? `1 event per request (group commit), ${x.clients} clients`
      : `batches of ${x.batchSize.toLocaleString("en-US")}, ${x.clients} clients`;
  return [
    `${g.server}, same server for takt and the raw INSERTs. ${c.pairs.toLocaleString("en-US")} SKU × locations ` +
      `(${c.skus.toLocaleString("en-US")} SKUs × ${c.locations} locations), each with an active reorder-point policy. ` +
      `\`takt serve\` in its own process (database pool of ${g.serverPool} connections), HTTP/1.1 keep-alive client; ` +
      `median (min–max) of ${l.p50Ms.runs} runs. Raw: INSERTs of the same rows into a plain table, the same rows per ` +
      `statement over as many connections as takt had clients. CPU ms/event: CPU time of the \`takt serve\` process ` +
      `and of PostgreSQL's processes during the phase, per event (the bound when the machine's cores are busy)` +
      (g.loadAverage !== undefined ? `; load average at the end ${g.loadAverage.join(", ")}.` : "."),
    "",
    "| POST /events: consumption events with trigger evaluation | takt events/s | raw rows/s | ratio takt / raw (target ≥ 0.5) | CPU ms/event: serve / PostgreSQL | raw: PostgreSQL CPU ms/row |",
    "|---|---|---|---|---|---|",
    ...sizes.map(
      (x) =>
        `| ${what(x)} | ${r(x.taktEventsPerSecond)} | ${r(x.rawRowsPerSecond)} | ${r(x.ratio, 3)} | ` +
        `${x.serveCpuMsPerEvent.median.toFixed(3)} / ${x.postgresCpuMsPerEvent.median.toFixed(3)} | ` +
        `${x.rawPostgresCpuMsPerRow.median.toFixed(3)} |`,
    ),
    "",
    `Latency event → response (its transaction, with its signals, committed) at ${l.offeredRate.toLocaleString("en-US")} events/s offered, ` +
      `one event per request, open loop (at most ${l.peakInFlight.max} requests in flight, each on its own keep-alive connection; ${g.clientConnections} client connections in the whole run):`,
    "",
    "| figure | value | target |",
    "|---|---|---|",
    `| p50 ms | ${r(l.p50Ms, 1)} | |`,
    `| p95 ms | ${r(l.p95Ms, 1)} | |`,
    `| p99 ms | ${r(l.p99Ms, 1)} | ≤ 20 |`,
    `| max ms | ${r(l.maxMs, 1)} | |`,
    `| events that opened a signal (${l.signalsOpened} in all runs): p50 / p99 ms | ${l.signalOpenedP50Ms.median.toFixed(1)} / ${l.signalOpenedP99Ms.median.toFixed(1)} | |`,
    `| rate achieved, events/s | ${r(l.achievedRate)} | ${l.offeredRate} |`,
    `| CPU ms/event: serve / PostgreSQL | ${l.serveCpuMsPerEvent.median.toFixed(3)} / ${l.postgresCpuMsPerEvent.median.toFixed(3)} | |`,
    ...(g.note !== undefined ? ["", g.note] : []),
  ];
}
