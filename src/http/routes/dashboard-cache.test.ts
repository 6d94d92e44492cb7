import { describe, expect, it } from "vitest";
import { FigureCache } from "./dashboard-cache.js";

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
