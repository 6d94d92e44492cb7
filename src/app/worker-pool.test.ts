import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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

describe("mapParallel on worker threads", () => {
  // a worker speaking serveChunks' protocol, in plain JavaScript (tests run the .ts sources)
  const dir = mkdtempSync(join(tmpdir(), "takt-pool-"));
  const workerFile = join(dir, "times.mjs");
  writeFileSync(
    workerFile,
    `import { parentPort, workerData } from "node:worker_threads";
parentPort.on("message", (m) => parentPort.postMessage({ id: m.id, results: m.chunk.map((x) => x * workerData.k) }));
`,
  );
  const job = {
    workerUrl: pathToFileURL(workerFile),
    handler: (chunk: readonly number[], shared: { k: number }) => chunk.map((x) => x * shared.k),
    shared: { k: 3 },
  };
  const items = Array.from({ length: 23 }, (_, i) => i);

  it("with two chunks in flight per worker, hands every chunk to onChunk once and returns the results in order", async () => {
    const starts: number[] = [];
    const progress: number[] = [];
    const out = await mapParallel(items, job, {
      threads: 2,
      chunkSize: 2,
      onChunk: (start, results) => {
        starts.push(start);
        results[0] = -results[0]!;
      },
      onProgress: (done) => progress.push(done),
    });
    expect(starts.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => 2 * i));
    expect(out).toEqual(items.map((x) => (x % 2 === 0 ? -3 * x : 3 * x)));
    expect(progress.at(-1)).toBe(23);
  });

  it("finishes when the first worker takes every chunk and another gets none", async () => {
    // 2 chunks, 2 workers, two in flight each: worker 0 takes both; worker 1 must not wait for ever.
    expect(await mapParallel([1, 2], job, { threads: 2, chunkSize: 1 })).toEqual([3, 6]);
  }, 10_000);

  it("rejects when onChunk throws (here on the last chunk by index)", async () => {
    await expect(
      mapParallel(items, job, {
        threads: 2,
        chunkSize: 5,
        onChunk: (start) => {
          if (start === 20) throw new Error("disk full");
        },
      }),
    ).rejects.toThrow("disk full");
    rmSync(dir, { recursive: true, force: true });
  });
});
