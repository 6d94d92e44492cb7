import type { Db } from "../../db/db.js";
import { type Clock, epochDayOf } from "./clock.js";
import { type LateOrderPass, reevaluateLateOrders } from "./late-orders.js";
import { type PlanningRunResult, runPlanningJob } from "./planning-job.js";
import { startWebhookWorker } from "./webhooks.js";

export interface LiveJobsOptions {
  /** The business clock (today = the "as of" day of the late-order check and the planning job). */
  readonly clock: Clock;
  /** Wall clock for webhook retry times (default `clock`). */
  readonly wallClock?: Clock;
  /** Late-order re-evaluation interval, ms (0 = only on start). */
  readonly lateEveryMs: number;
  /** Planning job interval, ms (0 = never scheduled). */
  readonly planEveryMs: number;
  /** Webhook delivery poll interval, ms. */
  readonly webhookEveryMs?: number;
  readonly webhookBackoffMs?: number;
  /** Worker threads for the planning job. */
  readonly threads?: number;
  /** Serialises planning runs with other callers (the HTTP route). */
  readonly serialise?: <T>(job: () => Promise<T>) => Promise<T>;
  readonly onLate?: (p: LateOrderPass) => void;
  readonly onPlan?: (r: PlanningRunResult) => void;
  readonly onError?: (what: string, e: unknown) => void;
}

export interface LiveJobs {
  /** Resolves when the on-start late-order check is done. */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The scheduler of `takt serve`: the late-order re-evaluation on start and every `lateEveryMs`, the
 * planning job every `planEveryMs`, and the webhook delivery worker. Runs never overlap with
 * themselves (a tick that finds the previous run still busy is skipped).
 */
export function startLiveJobs(db: Db, o: LiveJobsOptions): LiveJobs {
  const timers: NodeJS.Timeout[] = [];
  const busy = new Set<string>();
  const pending = new Set<Promise<void>>();
  let stopped = false;
  const once = (name: string, job: () => Promise<void>): Promise<void> => {
    if (stopped || busy.has(name)) return Promise.resolve();
    busy.add(name);
    const p = job()
      .catch((e) => o.onError?.(name, e))
      .finally(() => {
        busy.delete(name);
        pending.delete(p);
      });
    pending.add(p);
    return p;
  };
  const late = () =>
    once("late-orders", async () => {
      // alerts stamped with the clock's instant when it is on the business day (the demo's clock keeps
      // wall time but a simulated day: then the start of that day)
      const today = o.clock.today();
      const now = o.clock.now();
      const r = await reevaluateLateOrders(
        db,
        today,
        "scheduler",
        epochDayOf(now) === today ? now : undefined,
      );
      o.onLate?.(r);
    });
  const plan = () =>
    once("planning", async () => {
      const job = () =>
        runPlanningJob(db, {
          asOf: o.clock.today(),
          trigger: "schedule",
          actor: "scheduler",
          ...(o.threads !== undefined ? { threads: o.threads } : {}),
        });
      const r = await (o.serialise ? o.serialise(job) : job());
      o.onPlan?.(r);
    });
  const started = late();
  if (o.lateEveryMs > 0) timers.push(setInterval(late, o.lateEveryMs));
  if (o.planEveryMs > 0) timers.push(setInterval(plan, o.planEveryMs));
  const worker = startWebhookWorker(db, {
    clock: o.wallClock ?? o.clock,
    intervalMs: o.webhookEveryMs ?? 1000,
    ...(o.webhookBackoffMs !== undefined ? { backoffMs: o.webhookBackoffMs } : {}),
    onError: (e) => o.onError?.("webhooks", e),
  });
  return {
    started,
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await worker.stop();
      await Promise.all([...pending]);
    },
  };
}

/** Parses an interval: `90` (seconds), `500ms`, `30s`, `5m`, `1h`, `1d`; `0` = off. Null when unreadable. */
export function parseInterval(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (m === null) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? "s") as "s"];
  return Math.round(Number(m[1]) * unit);
}
