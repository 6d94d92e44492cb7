/**
 * Durable ingestion against PostgreSQL itself (issue 8, item 3). On one PostgreSQL server, in one run:
 * a generated catalogue (SKUs × locations, each with an active reorder-point policy and an opening
 * balance in the ledger), then per repeated run
 *  (a) consumption events per second applied through `takt serve`'s POST /events (a child process on
 *      a TCP port, a real HTTP client), in batches and one by one, each with idempotency, position
 *      update, trigger evaluation and signal storage in its transaction;
 *  (b) the raw batched-INSERT rate of equivalent rows into a plain table on the same server (same
 *      batch size and concurrency): the physical limit;
 *  (c) latency from sending an event to its response (the transaction that stored its signal has
 *      committed) at an offered 1,000 events/s, open loop: each event leaves at its scheduled time
 *      whatever the earlier ones are doing, and latency counts from that time (no coordinated omission).
 * Targets: a/b ≥ 0.5, p99 ≤ 20 ms. Skipped with the reason when no server can be had.
 */
import type { Db } from "../dist/db/db.js";
import { openPgDb } from "../dist/db/pg-db.js";
import { type Stat, stat } from "./harness.js";
import { type JsonClient, jsonClient } from "./ingest-http.js";
import { benchToken, freshDatabase, pgServer, serverVersion, startServe } from "./ingest-pg.js";

export interface IngestOptions {
  readonly skus: number;
  readonly locations: number;
  readonly runs: number;
  /** Events per run for the batched and raw phases. */
  readonly batchedEvents: number;
  readonly batchSize: number;
  /** Concurrent clients (connections) of the batched and raw phases. */
  readonly concurrency: number;
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
  batchedEvents: 20_000,
  batchSize: 100,
  concurrency: 4,
  singleEvents: 4_000,
  singleConcurrency: 16,
  rate: 1_000,
  latencySeconds: 10,
};

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

async function batched(
  client: JsonClient,
  o: IngestOptions,
  pairs: readonly Pair[],
  run: string,
): Promise<{ seconds: number; signalsOpened: number }> {
  const per = Math.ceil(o.batchedEvents / o.concurrency);
  const work = Array.from({ length: o.concurrency }, (_, k) =>
    events(`${run}-b${k}`, per, share(pairs, k, o.concurrency), k + 1),
  );
  let opened = 0;
  const t0 = performance.now();
  await Promise.all(
    work.map(async (evs) => {
      for (let i = 0; i < evs.length; i += o.batchSize) {
        const body = expectOk(await client.post("/events", { events: evs.slice(i, i + o.batchSize) }));
        for (const e of body.events ?? []) opened += e.signals.filter((s) => s.change === "opened").length;
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, signalsOpened: opened };
}

async function singles(
  client: JsonClient,
  o: IngestOptions,
  pairs: readonly Pair[],
  run: string,
): Promise<{ seconds: number }> {
  const per = Math.ceil(o.singleEvents / o.singleConcurrency);
  const work = Array.from({ length: o.singleConcurrency }, (_, k) =>
    events(`${run}-s${k}`, per, share(pairs, k, o.singleConcurrency), 100 + k),
  );
  const t0 = performance.now();
  await Promise.all(
    work.map(async (evs) => {
      for (const e of evs) expectOk(await client.post("/events", e));
    }),
  );
  return { seconds: (performance.now() - t0) / 1000 };
}

/** Raw batched INSERTs of the same rows (same batch size, same number of connections) into a plain table. */
async function raw(
  url: string,
  o: IngestOptions,
  pairs: readonly Pair[],
  run: string,
): Promise<{ seconds: number }> {
  const db = openPgDb({ connectionString: url, maxConnections: o.concurrency });
  try {
    const per = Math.ceil(o.batchedEvents / o.concurrency);
    const work = Array.from({ length: o.concurrency }, (_, k) =>
      events(`${run}-r${k}`, per, share(pairs, k, o.concurrency), 200 + k),
    );
    // Open the connections before the clock starts, as the server's pool is.
    await Promise.all(work.map(() => db.query("SELECT 1")));
    const t0 = performance.now();
    await Promise.all(
      work.map(async (evs) => {
        for (let i = 0; i < evs.length; i += o.batchSize) {
          const b = evs.slice(i, i + o.batchSize);
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
    return { seconds: (performance.now() - t0) / 1000 };
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
): Promise<{ all: number[]; opened: number[]; achievedRate: number }> {
  const n = o.rate * o.latencySeconds;
  const evs = events(`${run}-l`, n, pairs, 300);
  const all: number[] = [];
  const opened: number[] = [];
  const pending: Promise<void>[] = [];
  const t0 = performance.now() + 50;
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const e = evs[i]!;
    pending.push(
      client.post("/events", e).then((r) => {
        const ms = performance.now() - due;
        const body = expectOk(r);
        all.push(ms);
        if (body.event?.signals.some((s) => s.change === "opened")) opened.push(ms);
      }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  return { all, opened, achievedRate: n / seconds };
}

export interface IngestFigures {
  readonly server?: string;
  readonly catalogue?: { skus: number; locations: number; pairs: number; activePolicies: number };
  readonly options?: IngestOptions;
  readonly takt?: {
    readonly batchedEventsPerSecond: Stat;
    readonly singleEventsPerSecond: Stat;
    readonly signalsOpenedPerRun: Stat;
  };
  readonly raw?: { readonly rowsPerSecond: Stat };
  readonly ratio?: { readonly batched: Stat; readonly single: Stat };
  readonly latency?: {
    readonly offeredRate: number;
    readonly achievedRate: Stat;
    readonly p50Ms: Stat;
    readonly p99Ms: Stat;
    readonly maxMs: Stat;
    readonly signalOpenedP50Ms: Stat;
    readonly signalOpenedP99Ms: Stat;
    readonly signalsOpened: number;
  };
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
  const base = await freshDatabase(server.url, "takt_bench_ingest");
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
      // Warm-up: JIT, the server's pool, the caches.
      await batched(client, { ...o, batchedEvents: 2_000 }, pairs, "warm");
      await singles(client, { ...o, singleEvents: 500 }, pairs, "warm");
      await raw(base.url, { ...o, batchedEvents: 2_000 }, pairs, "warm");
      const b: number[] = [];
      const s: number[] = [];
      const rr: number[] = [];
      const opened: number[] = [];
      const lat = { rate: [] as number[], p50: [] as number[], p99: [] as number[], max: [] as number[] };
      const sig = { p50: [] as number[], p99: [] as number[], n: 0 };
      for (let run = 1; run <= o.runs; run++) {
        const bt = await batched(client, o, pairs, `r${run}`);
        const rt = await raw(base.url, o, pairs, `r${run}`);
        const st = await singles(client, o, pairs, `r${run}`);
        const l = await openLoop(client, o, pairs, `r${run}`);
        b.push(o.batchedEvents / bt.seconds);
        rr.push(o.batchedEvents / rt.seconds);
        s.push(o.singleEvents / st.seconds);
        opened.push(bt.signalsOpened);
        const all = [...l.all].sort((x, y) => x - y);
        const op = [...l.opened].sort((x, y) => x - y);
        lat.rate.push(l.achievedRate);
        lat.p50.push(percentile(all, 50));
        lat.p99.push(percentile(all, 99));
        lat.max.push(all[all.length - 1]!);
        if (op.length > 0) {
          sig.p50.push(percentile(op, 50));
          sig.p99.push(percentile(op, 99));
        }
        sig.n += op.length;
        console.log(
          `ingest run ${run}: takt batched ${b.at(-1)!.toFixed(0)}/s, raw ${rr.at(-1)!.toFixed(0)}/s, single ${s.at(-1)!.toFixed(0)}/s; ` +
            `${o.rate}/s open loop p50 ${lat.p50.at(-1)!.toFixed(1)} ms p99 ${lat.p99.at(-1)!.toFixed(1)} ms (${op.length} signals opened)`,
        );
      }
      const policies = await base.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM policies WHERE status = 'active'",
      );
      return {
        server: version,
        catalogue: {
          skus: o.skus,
          locations: o.locations,
          pairs: pairs.length,
          activePolicies: policies.rows[0]!.n,
        },
        options: o,
        takt: {
          batchedEventsPerSecond: stat(b),
          singleEventsPerSecond: stat(s),
          signalsOpenedPerRun: stat(opened),
        },
        raw: { rowsPerSecond: stat(rr) },
        ratio: { batched: stat(b.map((x, i) => x / rr[i]!)), single: stat(s.map((x, i) => x / rr[i]!)) },
        latency: {
          offeredRate: o.rate,
          achievedRate: stat(lat.rate),
          p50Ms: stat(lat.p50),
          p99Ms: stat(lat.p99),
          maxMs: stat(lat.max),
          signalOpenedP50Ms: stat(sig.p50.length > 0 ? sig.p50 : [Number.NaN]),
          signalOpenedP99Ms: stat(sig.p99.length > 0 ? sig.p99 : [Number.NaN]),
          signalsOpened: sig.n,
        },
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
  const o = g.options!;
  const c = g.catalogue!;
  const t = g.takt!;
  const l = g.latency!;
  const r = (s: Stat, d = 0) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  return [
    `${g.server}, same server for takt and the raw INSERTs. ${c.pairs.toLocaleString("en-US")} SKU × locations ` +
      `(${c.skus.toLocaleString("en-US")} SKUs × ${c.locations} locations), each with an active reorder-point policy. ` +
      `\`takt serve\` in its own process, HTTP/1.1 keep-alive client; median (min–max) of ${t.batchedEventsPerSecond.runs} runs.`,
    "",
    "| what | figure | target |",
    "|---|---|---|",
    `| takt POST /events, batches of ${o.batchSize}, ${o.concurrency} clients: consumption events/s with trigger evaluation | ${r(t.batchedEventsPerSecond)} | |`,
    `| takt POST /events, one event per request, ${o.singleConcurrency} clients: events/s | ${r(t.singleEventsPerSecond)} | |`,
    `| raw batched INSERT of the same rows into a plain table, batches of ${o.batchSize}, ${o.concurrency} connections: rows/s | ${r(g.raw!.rowsPerSecond)} | |`,
    `| ratio takt batched / raw | ${r(g.ratio!.batched, 3)} | ≥ 0.5 |`,
    `| ratio takt single / raw | ${r(g.ratio!.single, 3)} | |`,
    `| latency event → response (signal stored and committed) at ${l.offeredRate}/s offered, open loop: p50 ms | ${r(l.p50Ms, 1)} | |`,
    `| same, p99 ms | ${r(l.p99Ms, 1)} | ≤ 20 |`,
    `| same, events that opened a signal (${l.signalsOpened} in all runs): p50 / p99 ms | ${l.signalOpenedP50Ms.median.toFixed(1)} / ${l.signalOpenedP99Ms.median.toFixed(1)} | |`,
    `| rate achieved in the open-loop phase, events/s | ${r(l.achievedRate)} | ${l.offeredRate} |`,
    ...(g.note !== undefined ? ["", g.note] : []),
  ];
}
