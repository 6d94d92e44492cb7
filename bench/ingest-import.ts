/**
 * `takt import` speed (issue 6): a ledger-events CSV of consumption events on a catalogue with active
 * policies (bench/ingest.ts seedCatalogue), imported by importLedger — the code behind `takt import`,
 * one transaction, all rows or none — on PGlite (a data directory, as `takt import` uses it) and on a
 * PostgreSQL server when one can be had. Beside it, in the same run, the reference path that applies
 * the events one by one (applyEvents with setBased: false, the algorithm before the set-based path) on
 * a smaller file, since it is ~10× slower. Parsing the CSV is inside the timing of both.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyEvents } from "../dist/app/live/apply-events.js";
import { importLedger } from "../dist/app/live/import-ledger.js";
import type { Db } from "../dist/db/db.js";
import { migrate } from "../dist/db/migrate.js";
import { openPgliteDb } from "../dist/db/pglite-db.js";
import { readLedgerCsv } from "../dist/io/read-ledger.js";
import { type Pair, seedCatalogue } from "./ingest.js";
import { freshDatabase, pgServer } from "./ingest-pg.js";

export interface ImportOptions {
  readonly events: number;
  readonly referenceEvents: number;
  readonly skus: number;
  readonly locations: number;
}

export const IMPORT_DEFAULTS: ImportOptions = {
  events: 100_000,
  referenceEvents: 5_000,
  skus: 1_000,
  locations: 2,
};

function writeCsv(path: string, count: number, pairs: readonly Pair[], prefix: string): void {
  const lines = ["event_id,occurred_at,kind,sku,location,qty"];
  for (let i = 0; i < count; i++) {
    const p = pairs[(i * 7919) % pairs.length]!;
    lines.push(
      `${prefix}-${i},2026-03-02T${String(8 + (i % 10)).padStart(2, "0")}:00:00Z,consumption,${p.sku},${p.location},${1 + (i % 3)}`,
    );
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

interface Timing {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

async function timeImport(db: Db, path: string, events: number, setBased: boolean): Promise<Timing> {
  const t0 = performance.now();
  if (setBased) {
    const r = await importLedger(db, path, { source: "bench" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    if (r.value.batch.applied !== events) throw new Error(`applied ${r.value.batch.applied} of ${events}`);
  } else {
    const read = await readLedgerCsv(path, { source: "bench" });
    if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
    const r = await applyEvents(db, read.value.events, { setBased: false });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    if (r.value.applied !== events) throw new Error(`applied ${r.value.applied} of ${events}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { events, seconds, eventsPerSecond: events / seconds };
}

async function onTarget(db: Db, o: ImportOptions, dir: string, name: string) {
  const pairs = await seedCatalogue(db, o.skus, o.locations);
  const ref = join(dir, `${name}-reference.csv`);
  const big = join(dir, `${name}-import.csv`);
  writeCsv(ref, o.referenceEvents, pairs, "ref");
  writeCsv(big, o.events, pairs, "imp");
  const reference = await timeImport(db, ref, o.referenceEvents, false);
  console.log(`ingest-import ${name}: one by one ${reference.eventsPerSecond.toFixed(0)} events/s`);
  const setBased = await timeImport(db, big, o.events, true);
  console.log(
    `ingest-import ${name}: set-based ${setBased.eventsPerSecond.toFixed(0)} events/s (${setBased.seconds.toFixed(1)} s)`,
  );
  const again = await importLedger(db, big, { source: "bench" });
  if (!again.ok || again.value.batch.replayed !== o.events)
    throw new Error("re-import did not replay every event");
  return {
    pairs: pairs.length,
    reference,
    setBased,
    speedup: setBased.eventsPerSecond / reference.eventsPerSecond,
  };
}

export async function importBench(options: Partial<ImportOptions> = {}) {
  const o = { ...IMPORT_DEFAULTS, ...options };
  const dir = mkdtempSync(join(tmpdir(), "takt-bench-import-"));
  try {
    const lite = await openPgliteDb({ dataDir: join(dir, "db") });
    let pglite: Awaited<ReturnType<typeof onTarget>>;
    try {
      const m = await migrate(lite);
      if (!m.ok) throw new Error(JSON.stringify(m.issues));
      pglite = await onTarget(lite, o, dir, "pglite");
    } finally {
      await lite.close();
    }
    const server = pgServer();
    if ("skipped" in server) return { options: o, pglite, postgres: { skipped: server.skipped } };
    try {
      const base = await freshDatabase(server.url, "takt_bench_import");
      try {
        return { options: o, pglite, postgres: await onTarget(base.db, o, dir, "postgres") };
      } finally {
        await base.drop();
      }
    } finally {
      server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** BENCHMARKS.md section for the ingest-import result. */
export function importTable(f: Record<string, unknown>): string[] {
  type T = { events: number; seconds: number; eventsPerSecond: number };
  type R = { pairs: number; reference: T; setBased: T; speedup: number } | { skipped: string };
  const row = (name: string, r: R) =>
    "skipped" in r
      ? [`| ${name} | skipped: ${r.skipped} | | |`]
      : [
          `| ${name}, one by one (before) | ${r.reference.events.toLocaleString("en-US")} | ${r.reference.seconds.toFixed(1)} | ${r.reference.eventsPerSecond.toFixed(0)} |`,
          `| ${name}, set-based (takt import now) | ${r.setBased.events.toLocaleString("en-US")} | ${r.setBased.seconds.toFixed(1)} | ${r.setBased.eventsPerSecond.toFixed(0)} (×${r.speedup.toFixed(1)}) |`,
        ];
  const o = f.options as ImportOptions;
  return [
    `\`takt import\` of a consumption-events CSV in one transaction (CSV parsing included), ${(o.skus * o.locations).toLocaleString("en-US")} SKU × locations with active policies; one run each.`,
    "",
    "| database, path | events | seconds | events/s |",
    "|---|---|---|---|",
    ...row("PGlite (data directory)", f.pglite as R),
    ...row("PostgreSQL server", f.postgres as R),
    ...(typeof f.note === "string" ? ["", f.note] : []),
  ];
}
