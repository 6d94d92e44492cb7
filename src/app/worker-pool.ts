import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

/**
 * Runs a pure per-item function over many items on worker threads, in chunks, keeping the order.
 * The same `handler` runs in-process when `threads` is 1 (and in tests, which import the .ts sources).
 */
export interface ParallelJob<I, O, S> {
  /** The compiled worker module, which calls `serveChunks(handler)`. */
  readonly workerUrl: URL;
  /** The same function the worker serves, for in-process runs. */
  readonly handler: (chunk: readonly I[], shared: S) => O[];
  /** Data every worker needs once (options, lookups), structured-cloned at start-up. */
  readonly shared: S;
  /** Typed-array buffers to transfer with a chunk instead of copying (optional). */
  readonly transfer?: (chunk: readonly I[]) => ArrayBuffer[];
}

export interface ParallelOptions<O = unknown> {
  /** Worker threads; 0 = all cores; 1 = run in this thread. */
  readonly threads: number;
  readonly chunkSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called with each chunk's results as it completes (in completion order; `start` = index of the
   * chunk's first item), before they are kept. It may replace entries of `results` (e.g. with slimmer
   * ones once written out): the replacements are what `mapParallel` returns.
   */
  readonly onChunk?: (start: number, results: O[]) => void;
}

export const defaultThreads = (): number => Math.max(1, availableParallelism());

/**
 * Items per chunk in this thread: small, so results that onChunk writes out and slims die young
 * instead of surviving into the old generation (analyze at 6,000 series: ≈ 6 % less CPU, ≈ 15 % less
 * peak RSS than chunks of 512).
 */
const IN_PROCESS_CHUNK = 32;
/**
 * Most items per chunk sent to a worker, with two chunks in flight per worker so it never waits for
 * the next: small chunks keep results short-lived on both sides (analyze at 30,000 series × 2 threads:
 * CPU ≈ 30 → 27 s, peak RSS ≈ 960 → 790 MiB against chunks of 512 with one in flight).
 */
const WORKER_CHUNK = 64;

export async function mapParallel<I, O, S>(
  items: readonly I[],
  job: ParallelJob<I, O, S>,
  opts: ParallelOptions<O>,
): Promise<O[]> {
  const threads = opts.threads <= 0 ? defaultThreads() : opts.threads;
  const total = items.length;
  const chunkSize = Math.max(
    1,
    opts.chunkSize ??
      (threads === 1 ? IN_PROCESS_CHUNK : Math.min(WORKER_CHUNK, Math.ceil(total / (threads * 8)) || 1)),
  );
  const chunks: (readonly I[])[] = [];
  for (let i = 0; i < total; i += chunkSize) chunks.push(items.slice(i, i + chunkSize));
  const results: O[][] = new Array(chunks.length);
  let done = 0;

  if (threads === 1 || chunks.length <= 1) {
    chunks.forEach((chunk, i) => {
      results[i] = job.handler(chunk, job.shared);
      opts.onChunk?.(i * chunkSize, results[i]);
      done += chunk.length;
      opts.onProgress?.(done, total);
    });
    return results.flat();
  }

  const workers = Array.from(
    { length: Math.min(threads, chunks.length) },
    () => new Worker(job.workerUrl, { workerData: job.shared }),
  );
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              if (next >= chunks.length) return;
              inFlight++;
              const id = next++;
              const chunk = chunks[id]!;
              w.postMessage({ id, chunk }, job.transfer?.(chunk) ?? []);
            };
            w.on("message", (m: { id: number; results?: O[]; error?: string }) => {
              if (m.error !== undefined) {
                reject(new Error(`worker failed on chunk ${m.id}: ${m.error}`));
                return;
              }
              results[m.id] = m.results!;
              inFlight--;
              // the next chunk goes out before this one is handled here, so the worker is not idle
              // while the main thread writes results out
              send();
              try {
                opts.onChunk?.(m.id * chunkSize, m.results!);
              } catch (e) {
                reject(e);
                return;
              }
              done += chunks[m.id]!.length;
              opts.onProgress?.(done, total);
              if (inFlight === 0) resolve();
            });
            w.on("error", reject);
            w.on("exit", (code) => {
              if (code !== 0 && next <= chunks.length) reject(new Error(`worker exited with code ${code}`));
            });
            // two chunks in flight: the next is queued in the worker while one is planned
            send();
            send();
            // the workers before it may have taken every chunk
            if (inFlight === 0) resolve();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}

/** Called at the top level of a worker module: answers chunks with `handler`. */
export function serveChunks<I, O, S>(handler: (chunk: readonly I[], shared: S) => O[]): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  const shared = workerData as S;
  port.on("message", (m: { id: number; chunk: I[] }) => {
    try {
      port.postMessage({ id: m.id, results: handler(m.chunk, shared) });
    } catch (e) {
      port.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}
