import { type ChaosOptions, type ChaosReport, runChaos } from "./crash-harness.js";

/**
 * `npm run soak`: the full crash-and-replay runs of issue 9 (never part of npm test) — 10,000
 * consumption and receipt events, 20 faults each:
 *   1. PostgreSQL server, takt serve SIGKILLed at random points and restarted;
 *   2. PostgreSQL server stopped (immediate shutdown) and restarted under a running takt serve;
 *   3. PGlite, takt serve SIGKILLed and restarted.
 * Each run starts its own PostgreSQL cluster with .ci/postgres.sh. Prints one line per fault and a
 * summary per run; exits 1 when any check fails. Options: `--events N --cycles N --only NAME`.
 */
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const events = arg("events", 10_000);
const cycles = arg("cycles", 20);
const base = { events, cycles, skus: 50, concurrency: 8, seed: arg("seed", 20261205) };
const RUNS: Record<string, ChaosOptions> = {
  "kill-serve-postgres": { ...base, store: "postgres", fault: "kill-serve" },
  "restart-postgres": { ...base, store: "postgres", fault: "restart-postgres", downMs: 2000 },
  "kill-serve-pglite": { ...base, store: "pglite", fault: "kill-serve" },
};

const failed = (r: ChaosReport): string[] => {
  const v = r.verdict;
  const problems: string[] = [];
  if (v.missing.length > 0) problems.push(`${v.missing.length} events missing`);
  if (v.duplicated.length > 0) problems.push(`${v.duplicated.length} events applied twice`);
  if (v.unknown.length > 0) problems.push(`${v.unknown.length} unknown ledger keys`);
  if (v.positionMismatches.length > 0) problems.push(`${v.positionMismatches.length} positions ≠ ledger`);
  if (v.wrongAcks.length > 0) problems.push(`${v.wrongAcks.length} wrong acknowledgements`);
  if (v.signalDifferences.length > 0)
    problems.push(`signals differ: ${v.signalDifferences.slice(0, 3).join("; ")}`);
  if (r.stats.unexpected.length > 0)
    problems.push(`unexpected statuses: ${JSON.stringify(r.stats.unexpected.slice(0, 3))}`);
  if (r.stats.acknowledged !== r.options.events) problems.push(`${r.stats.acknowledged} acknowledged`);
  return problems;
};

let bad = 0;
for (const [name, options] of Object.entries(RUNS)) {
  if (only !== undefined && only !== name) continue;
  process.stdout.write(
    `\n== ${name}: ${options.events} events, ${options.cycles} faults, seed ${options.seed}\n`,
  );
  const r = await runChaos({ ...options, log: (l) => process.stdout.write(`  ${l}\n`) });
  const problems = failed(r);
  bad += problems.length > 0 ? 1 : 0;
  const s = r.stats;
  process.stdout.write(
    `${name}: ${problems.length === 0 ? "PASS" : `FAIL — ${problems.join("; ")}`}\n` +
      `  ${r.faults} faults in ${r.seconds.toFixed(1)} s; ${s.acknowledged} acknowledged (${s.replayedAcks} as replays), ` +
      `${s.requests} requests, ${s.resent} re-sent after ${s.networkErrors} network errors and ${s.status503} × 503; ` +
      `ledger ${r.verdict.ledgerLines} lines; ${r.verdict.signals} signals, ${r.verdict.signalChanges} signal changes, ` +
      `identical to the crash-free replay: ${r.verdict.signalDifferences.length === 0}; final SIGTERM exit ${r.finalExit}\n`,
  );
}
process.exit(bad > 0 ? 1 : 0);
