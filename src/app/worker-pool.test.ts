import { describe, expect, it } from "vitest";
import { mapParallel } from "./worker-pool.js";

describe("mapParallel in-process", () => {
  it("hands each chunk to onChunk with its first index, and returns what onChunk leaves", async () => {
    const starts: number[] = [];
    const out = await mapParallel(
      [1, 2, 3, 4, 5],
      {
        workerUrl: new URL("file:///unused.js"),
        handler: (chunk: readonly number[], shared: { k: number }) => chunk.map((x) => x * shared.k),
        shared: { k: 10 },
      },
      {
        threads: 1,
        chunkSize: 2,
        onChunk: (start, results) => {
          starts.push(start);
          results[0] = -results[0]!;
        },
      },
    );
    expect(starts).toEqual([0, 2, 4]);
    expect(out).toEqual([-10, 20, -30, 40, -50]);
  });
});
