import type { FastifyInstance } from "fastify";

/**
 * Figures the dashboard may show a little late: computed once per key and kept for `ttlMs`; callers
 * arriving while a computation runs share it; a failed computation is not kept. Used for the scorecards
 * of a chosen period (GET /suppliers/:id/scorecard?from=…), where keys are the caller's choice.
 */
export class FigureCache {
  private readonly entries = new Map<string, { readonly at: number; readonly value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock();
    for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit.value as Promise<T>;
    const value = compute();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

export interface RefreshingOptions {
  /** Recompute at least this often (the freshness bound for changes made outside this server). */
  readonly refreshEveryMs: number;
  /** After a write, recompute no sooner than this after the previous computation started. */
  readonly minGapMs: number;
  /** A write triggers a recomputation only when the figure was read within this window. */
  readonly watchedMs: number;
  /** Milliseconds now (tests pass their own). */
  readonly clock?: () => number;
  /** Where a failed background computation is reported (the previous value stays served). */
  readonly onError?: (error: unknown) => void;
}

/**
 * The dashboard's refresh: every 30 s at the latest; after a write through this server, within 1 s plus
 * one computation while someone has read the figure in the last minute (docs/dashboard.md).
 */
export const FIGURE_REFRESH = { refreshEveryMs: 30_000, minGapMs: 1_000, watchedMs: 60_000 } as const;

/**
 * A figure over the whole catalogue (the dashboard overview, supplier scorecards, ABC classes) served
 * stale-while-revalidate, so requests never wait for its computation except the very first one for a
 * key (the server warms it at start) and the first after the key changes (a new day):
 * - `get()` answers the last value computed for the current key at once;
 * - `refresh()` recomputes in the background — the server calls it at start, on a timer every
 *   `refreshEveryMs`, and `invalidate()` after every successful write through this server;
 * - after a write the figure is recomputed within `minGapMs` plus one computation while someone reads
 *   it (read within `watchedMs`); an unwatched figure is only marked stale, so a stream of writes
 *   nobody looks at costs nothing, and the next read (answered with the value at most `refreshEveryMs`
 *   old) starts the recomputation.
 * One computation runs at a time; a write during it queues exactly one more. A failed computation
 * keeps the previous value (reported through `onError`); a first computation that fails rejects.
 */
export class RefreshingFigure<T> {
  private current: { readonly key: string; readonly value: T } | undefined;
  private running: { readonly key: string; readonly done: Promise<T> } | undefined;
  private again = false;
  private stale = false;
  private startedAt = Number.NEGATIVE_INFINITY;
  private readAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly clock: () => number;

  constructor(
    private readonly key: () => string,
    private readonly compute: (key: string) => Promise<T>,
    private readonly options: RefreshingOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  /** The figure for the current key: the last computed value, or the running/first computation. */
  async get(): Promise<T> {
    const key = this.key();
    this.readAt = this.clock();
    for (;;) {
      if (this.current?.key === key) {
        if (this.stale && this.running === undefined) void this.refresh().catch(() => {});
        return this.current.value;
      }
      if (this.running === undefined) return this.refresh();
      if (this.running.key === key) return this.running.done;
      // a computation for another key (yesterday) is running: let it finish, then compute today's
      await this.running.done.catch(() => {});
    }
  }

  /** Starts a computation (or queues one after the running one) and resolves with its value. */
  refresh(): Promise<T> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running.done;
    }
    const key = this.key();
    this.startedAt = this.clock();
    this.stale = false;
    const done = this.compute(key).then(
      (value) => {
        if (!this.closed) this.current = { key, value };
        return value;
      },
      (error: unknown) => {
        if (this.current !== undefined) this.options.onError?.(error);
        throw error;
      },
    );
    this.running = { key, done };
    const settle = () => {
      this.running = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        void this.refresh().catch(() => {});
      }
    };
    done.then(settle, settle);
    return done;
  }

  /** A write changed what the figure counts: recompute soon if someone is looking, else mark it stale. */
  invalidate(): void {
    if (this.closed) return;
    const now = this.clock();
    this.stale = true;
    if (now - this.readAt > this.options.watchedMs || this.timer !== undefined) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    const wait = this.startedAt + this.options.minGapMs - now;
    if (wait <= 0) {
      void this.refresh().catch(() => {});
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) void this.refresh().catch(() => {});
    }, wait);
    this.timer.unref?.();
  }

  /**
   * Warm-up: computes now unless a value or a computation is already there (a request came first),
   * then every `refreshEveryMs` until `close()`. Resolves when the first value is in (or failed).
   */
  async start(): Promise<void> {
    if (this.closed || this.ticker !== undefined) return;
    this.ticker = setInterval(() => void this.refresh().catch(() => {}), this.options.refreshEveryMs);
    this.ticker.unref?.();
    const first = this.running?.done ?? (this.current === undefined ? this.refresh() : undefined);
    await first?.catch((e: unknown) => this.options.onError?.(e));
  }

  /** Stops the timers and waits for a running computation (the database may close next). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ticker);
    clearTimeout(this.timer);
    await this.running?.done.catch(() => {});
  }
}

/** Each app's warm-up: its figures' first computations, one after the other. */
const warmups = new WeakMap<FastifyInstance, Promise<void>>();

/** Methods that never change stored figures. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Serves `figures` from the app: each is computed in the background once the server is ready (warm-up,
 * started after ready resolves and not awaited: /ready answers meanwhile — on a server database; PGlite
 * answers between the warm-up's statements, as it runs them on this thread) and on its timer; those with `onWrite` are invalidated after
 * every successful (2xx/3xx) write request through this server; all stop when the app closes.
 */
export function refreshWithApp(
  app: FastifyInstance,
  figures: readonly { readonly figure: RefreshingFigure<unknown>; readonly onWrite: boolean }[],
): void {
  app.addHook("onReady", async () => {
    // After ready resolves (PGlite runs a statement on this thread: even the first must not hold up
    // ready or listen), one figure after the other across the app, so the first ones are in soon
    // instead of every figure sharing the database at once.
    setImmediate(() => {
      const chain = warmups.get(app) ?? Promise.resolve();
      warmups.set(
        app,
        figures.reduce((c, f) => c.then(() => f.figure.start()), chain),
      );
    });
  });
  app.addHook("onResponse", async (request, reply) => {
    if (READS.has(request.method) || reply.statusCode >= 400) return;
    for (const f of figures) if (f.onWrite) f.figure.invalidate();
  });
  app.addHook("onClose", async () => {
    await Promise.all(figures.map((f) => f.figure.close()));
  });
}
