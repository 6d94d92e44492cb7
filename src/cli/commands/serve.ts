import { dirname, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { epochDayOf, systemClock } from "../../app/live/clock.js";
import { demoState, isEmpty, loadDemo, startDemoReplay } from "../../app/live/live-demo.js";
import { parseInterval, startLiveJobs } from "../../app/live/live-jobs.js";
import { serialisePlanning } from "../../app/live/planning-job.js";
import { createApiToken } from "../../app/live/tokens.js";
import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import { formatIssue } from "../../core/result.js";
import { migrate } from "../../db/migrate.js";
import { describeTarget, openDb } from "../../db/open-db.js";
import { buildApp } from "../../http/app.js";
import type { Lifecycle } from "../../http/health.js";
import { type CliContext, say, UserError } from "../context.js";
import { DATA_OPTION, databaseOptions } from "../database.js";
import { parseThreads } from "../options.js";

const interval = (v: string): number => {
  const ms = parseInterval(v);
  if (ms === null)
    throw new InvalidArgumentError(`expected an interval like 30s, 5m, 1h or 0 (off), got "${v}"`);
  return ms;
};

const speed = (v: string): number => {
  const n = Number(v);
  if (!(Number.isFinite(n) && n >= 0))
    throw new InvalidArgumentError(`expected simulated days per second ≥ 0, got "${v}"`);
  return n;
};

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const logLevel = (v: string): (typeof LOG_LEVELS)[number] => {
  if (!(LOG_LEVELS as readonly string[]).includes(v))
    throw new InvalidArgumentError(`expected one of ${LOG_LEVELS.join(", ")}, got "${v}"`);
  return v as (typeof LOG_LEVELS)[number];
};

const bytes = (v: string): number => {
  const m = /^\s*(\d+)\s*(b|kib|mib)?\s*$/i.exec(v);
  if (m === null || Number(m[1]) < 1)
    throw new InvalidArgumentError(`expected a size like 65536, 512KiB or 16MiB, got "${v}"`);
  return Number(m[1]) * { b: 1, kib: 1024, mib: 1024 * 1024 }[(m[2] ?? "b").toLowerCase() as "b"];
};

interface ServeOptions {
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  bodyLimit: number;
  shutdownTimeout: number;
  data?: string;
  port: number;
  host: string;
  demo: boolean;
  demoSpeed: number;
  demoSkus: number;
  planEvery: number;
  lateEvery: number;
  threads: number;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "Run the live pull system's REST API (bearer tokens from takt token create; reference at /docs, OpenAPI at /openapi.json) with its scheduler: late-order checks, the planning job, webhook delivery. On an empty database it loads a generated demo company first. Migrates on start; stops on SIGINT/SIGTERM.",
    )
    .option(...DATA_OPTION)
    .option("--port <n>", "TCP port (0 = any free port)", parseThreads, 8080)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--no-demo", "do not load the demo company into an empty database")
    .option(
      "--demo-speed <days>",
      "replay the demo company's demand at this many simulated days per real second (0 = off)",
      speed,
      0,
    )
    .option("--demo-skus <n>", "SKUs of the demo company loaded on first start", parseThreads, 200)
    .option(
      "--plan-every <interval>",
      "run the planning job every interval (e.g. 1h, 1d; 0 = off)",
      interval,
      0,
    )
    .option(
      "--late-every <interval>",
      "re-evaluate late orders every interval (0 = on start only)",
      interval,
      60_000,
    )
    .option("--threads <n>", "worker threads for the planning job (0 = all cores)", parseThreads, 0)
    .option(
      "--log-level <level>",
      `structured JSON request logs on stdout, one line each with its request id (${LOG_LEVELS.join(", ")})`,
      logLevel,
      "info",
    )
    .option("--trust-proxy", "take the client address from X-Forwarded-For (behind a reverse proxy)", false)
    .option(
      "--body-limit <size>",
      "largest request body (e.g. 1MiB); larger ones get 413",
      bytes,
      16 * 1024 * 1024,
    )
    .option(
      "--shutdown-timeout <interval>",
      "on SIGTERM/SIGINT, wait this long for in-flight requests and jobs before exiting anyway",
      interval,
      30_000,
    )
    .action(async (o: ServeOptions) => {
      const options = databaseOptions(ctx, o.data);
      const db = await openDb(options);
      try {
        const m = await migrate(db);
        if (!m.ok) throw new UserError(m.issues.map(formatIssue).join("\n"));
        if (o.demo && (await isEmpty(db))) {
          const dir = resolve(
            o.data !== undefined ? dirname(options.dataDir) : resolve(ctx.cwd, ".takt"),
            "demo",
          );
          say(ctx, `takt serve: empty database — loading the demo company (files in ${dir}) …`);
          const d = await loadDemo(db, {
            dir,
            skus: o.demoSkus,
            threads: o.threads,
            log: (line) => say(ctx, `takt serve: ${line}`),
          });
          say(
            ctx,
            `takt serve: demo loaded — planning run ${d.plan.runId}: ${d.plan.activated} policies active, ${d.plan.skipped} skipped; ${d.plan.signals.length} signal changes; ${d.late.alertsRaised} late-order alerts; today is ${formatIsoDate(d.state.today)} (simulated)`,
          );
          const t = await createApiToken(db, { role: "admin", name: "demo admin" }, "demo");
          if (t.ok) say(ctx, `takt serve: demo admin token (shown once): ${t.value.token}`);
        }
        const demo = await demoState(db);
        let demoToday = demo?.today ?? null;
        const clock =
          demo === null
            ? systemClock
            : { now: () => systemClock.now(), today: () => (demoToday ?? epochDayOf(new Date())) as never };
        const now =
          demo === null
            ? undefined
            : () => {
                const wall = systemClock.now().getTime();
                return new Date((demoToday ?? 0) * 86_400_000 + (wall % 86_400_000));
              };
        const lifecycle: Lifecycle = { draining: false };
        const app = buildApp(db, {
          ...(now !== undefined ? { now } : {}),
          logger: o.logLevel === "silent" ? false : { level: o.logLevel },
          trustProxy: o.trustProxy,
          bodyLimit: o.bodyLimit,
          lifecycle,
        });
        const address = await app.listen({ port: o.port, host: o.host });
        say(
          ctx,
          `takt serve: ${describeTarget(options)}, schema version ${m.value.version}; listening on ${address}`,
        );
        const jobs = startLiveJobs(db, {
          clock,
          wallClock: systemClock,
          lateEveryMs: o.lateEvery,
          planEveryMs: o.planEvery,
          threads: o.threads,
          serialise: (job) => serialisePlanning(db, job),
          onLate: (p) => {
            if (p.alertsRaised + p.alertsEscalated + p.alertsResolved > 0)
              say(
                ctx,
                `takt serve: late orders as of ${p.asOf}: ${p.lateLines} late lines; alerts ${p.alertsRaised} raised, ${p.alertsEscalated} escalated, ${p.alertsResolved} resolved`,
              );
          },
          onPlan: (r) =>
            say(
              ctx,
              `takt serve: planning run ${r.runId} (${r.asOf}): ${r.proposed} proposed, ${r.activated} activated, ${r.unchanged} unchanged`,
            ),
          onError: (what, e) =>
            ctx.stderr.write(`takt serve: ${what} failed: ${e instanceof Error ? e.message : String(e)}\n`),
        });
        const replay =
          demo !== null && o.demoSpeed > 0
            ? startDemoReplay(db, demo, {
                speed: o.demoSpeed,
                onDay: (d) => {
                  demoToday = (parseIsoDate(d.day) ?? clock.today()) + 1;
                  const changes = d.batch?.events.flatMap((e) => e.signals) ?? [];
                  const opened = changes.filter((c) => c.change === "opened");
                  const kinds = ["replenishment", "review", "emergency"].map(
                    (k) => `${opened.filter((c) => c.kind === k).length} ${k}`,
                  );
                  say(
                    ctx,
                    `demo ${d.day}: ${d.batch?.applied ?? 0} events, ${d.ordersPlaced} orders placed, ${d.autoOrders} automatic orders, ${d.asns} ASNs; signals opened ${kinds.join(", ")}, closed ${changes.filter((c) => c.change === "closed").length}; late lines ${d.late.lateLines}, alerts ${d.late.alertsRaised} raised, ${d.late.alertsEscalated} escalated, ${d.late.alertsResolved} resolved`,
                  );
                },
                onEnd: () => say(ctx, "demo: end of the generated demand — replay stopped"),
                onError: (e) =>
                  ctx.stderr.write(`demo replay failed: ${e instanceof Error ? e.message : String(e)}\n`),
              })
            : null;
        if (demo !== null)
          say(
            ctx,
            replay === null
              ? `takt serve: demo company, simulated day ${formatIsoDate(demo.today)} (replay with --demo-speed N)`
              : `takt serve: replaying the demo from ${formatIsoDate(demo.today)} at ${o.demoSpeed} simulated days per second`,
          );
        const signal = await new Promise<string>((done) => {
          process.once("SIGINT", () => done("SIGINT"));
          process.once("SIGTERM", () => done("SIGTERM"));
        });
        // Graceful shutdown: /ready turns 503, the listener closes (requests arriving on open
        // connections get 503), in-flight requests finish — each one's transaction commits or rolls
        // back — and the scheduler's running jobs end; then the database is closed (finally below).
        // A second signal, or the timeout, exits at once: the database rolls back what was open.
        lifecycle.draining = true;
        say(ctx, `takt serve: ${signal} — draining in-flight requests and jobs …`);
        const force = (why: string) => {
          ctx.stderr.write(`takt serve: ${why} — exiting without waiting\n`);
          process.exit(1);
        };
        const timer = setTimeout(
          () => force(`still busy after ${o.shutdownTimeout} ms`),
          Math.max(1, o.shutdownTimeout),
        );
        timer.unref();
        const again = () => force("second signal");
        process.once("SIGINT", again);
        process.once("SIGTERM", again);
        await Promise.all([app.close(), replay?.stop(), jobs.stop()]);
        clearTimeout(timer);
        process.off("SIGINT", again);
        process.off("SIGTERM", again);
        say(ctx, "takt serve: stopped");
      } finally {
        await db.close();
      }
    });
}
