import { describe, expect, it } from "vitest";
import { FigureCache, RefreshingFigure } from "./dashboard-cache.js";

describe("FigureCache", () => {
  it("computes once per key within the ttl, shares a running computation, forgets failures", async () => {
    let now = 0;
    const cache = new FigureCache(1000, () => now);
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.get("k", compute), cache.get("k", compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    now = 999;
    expect(await cache.get("k", compute)).toBe(1);
    expect(await cache.get("other", compute)).toBe(2);
    now = 1000;
    expect(await cache.get("k", compute)).toBe(3);
    await expect(cache.get("bad", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await cache.get("bad", compute)).toBe(4);
  });
});

/** A computation the test finishes by hand, recording the key each run was for. */
function manual() {
  const runs: { key: string; finish: (v: number) => void; fail: (e: Error) => void }[] = [];
  const compute = (key: string) =>
    new Promise<number>((finish, fail) => {
      runs.push({ key, finish, fail });
    });
  return { runs, compute };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("RefreshingFigure", () => {
  const options = (clock: () => number) => ({
    refreshEveryMs: 30_000,
    minGapMs: 1_000,
    watchedMs: 60_000,
    clock,
  });

  it("shares the first computation, then answers the last value at once while a refresh runs", async () => {
    const now = 0;
    const { runs, compute } = manual();
    const f = new RefreshingFigure(
      () => "d1",
      compute,
      options(() => now),
    );
    const first = [f.get(), f.get()];
    expect(runs).toHaveLength(1);
    runs[0]!.finish(1);
    expect(await Promise.all(first)).toEqual([1, 1]);
    void f.refresh();
    expect(runs).toHaveLength(2);
    expect(await f.get()).toBe(1); // the refresh is still running: no wait
    runs[1]!.finish(2);
    await tick();
    expect(await f.get()).toBe(2);
    expect(runs).toHaveLength(2);
    await f.close();
  });

  it("recomputes after a write while watched (once per min gap), and only marks it stale when not", async () => {
    let now = 10_000;
    const { runs, compute } = manual();
    const f = new RefreshingFigure(
      () => "d1",
      compute,
      options(() => now),
    );
    const v = f.get();
    runs[0]!.finish(1);
    expect(await v).toBe(1);
    // written 500 ms after the computation started: waits for the min gap (1 s), then recomputes
    now += 500;
    f.invalidate();
    expect(runs).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 600));
    expect(runs).toHaveLength(2);
    // writes during that computation queue exactly one more
    f.invalidate();
    f.invalidate();
    runs[1]!.finish(2);
    await tick();
    expect(runs).toHaveLength(3);
    runs[2]!.finish(3);
    await tick();
    expect(await f.get()).toBe(3);
    // nobody read it for more than a minute: a write only marks it stale; the next read answers the
    // value it has and starts the recomputation
    now += 61_000;
    f.invalidate();
    await tick();
    expect(runs).toHaveLength(3);
    expect(await f.get()).toBe(3);
    expect(runs).toHaveLength(4);
    runs[3]!.finish(4);
    await tick();
    expect(await f.get()).toBe(4);
    await f.close();
  });

  it("waits for the new key's value when the day changes, and keeps the last value when a refresh fails", async () => {
    let day = "d1";
    const errors: unknown[] = [];
    const { runs, compute } = manual();
    const f = new RefreshingFigure(() => day, compute, {
      ...options(() => 0),
      onError: (e) => errors.push(e),
    });
    const v = f.get();
    runs[0]!.finish(1);
    expect(await v).toBe(1);
    void f.refresh().catch(() => {});
    runs[1]!.fail(new Error("db down"));
    await tick();
    expect(await f.get()).toBe(1);
    expect(errors).toHaveLength(1);
    day = "d2";
    const next = f.get();
    expect(runs.map((r) => r.key)).toEqual(["d1", "d1", "d2"]);
    runs[2]!.finish(20);
    expect(await next).toBe(20);
    await f.close();
  });

  it("warm-up computes once, or joins the computation a request started first", async () => {
    const { runs, compute } = manual();
    const f = new RefreshingFigure(
      () => "d1",
      compute,
      options(() => 0),
    );
    const read = f.get();
    const warm = f.start();
    expect(runs).toHaveLength(1);
    runs[0]!.finish(7);
    await warm;
    expect(await read).toBe(7);
    await f.start(); // already started: nothing more
    expect(runs).toHaveLength(1);
    await f.close();
    const g = new RefreshingFigure(
      () => "d1",
      compute,
      options(() => 0),
    );
    const w = g.start();
    expect(runs).toHaveLength(2);
    runs[1]!.finish(8);
    await w;
    expect(await g.get()).toBe(8);
    await g.close();
  });

  it("a first computation that fails rejects, and the next read tries again", async () => {
    const { runs, compute } = manual();
    const f = new RefreshingFigure(
      () => "d1",
      compute,
      options(() => 0),
    );
    const v = f.get();
    runs[0]!.fail(new Error("no"));
    await expect(v).rejects.toThrow("no");
    const w = f.get();
    runs[1]!.finish(5);
    expect(await w).toBe(5);
    await f.close();
  });
});
