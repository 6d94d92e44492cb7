import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openPgliteDb } from "./pglite-db.js";
import { DataDirLocked } from "./pglite-lock.js";

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "takt-lock-"));
  dirs.push(d);
  return d;
}

/** A second process that opens the directory, commits a row, says "ready" and waits to be killed. */
function holder(dataDir: string): Promise<ChildProcess> {
  const script = join(dirs[0]!, "holder.mts");
  writeFileSync(
    script,
    `import { openPgliteDb } from ${JSON.stringify(join(import.meta.dirname, "pglite-db.ts"))};
const db = await openPgliteDb({ dataDir: process.argv[2] });
await db.exec("CREATE TABLE IF NOT EXISTS t (x int); INSERT INTO t VALUES (42);");
process.stdout.write("ready\\n");
setInterval(() => {}, 1000);
`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script, dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => {
      err += String(d);
    });
    child.stdout!.on("data", (d) => {
      if (String(d).includes("ready")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}

describe("one process per PGlite data directory", () => {
  it("a second open in the same process fails at once; after close the directory opens again", async () => {
    const dataDir = join(tempDir(), "db");
    const first = await openPgliteDb({ dataDir });
    await first.exec("CREATE TABLE t (x int); INSERT INTO t VALUES (1);");
    const t0 = performance.now();
    const second = openPgliteDb({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DataDirLocked);
    await expect(second).rejects.toThrow(/in use by this process .*one process per directory/);
    expect(performance.now() - t0).toBeLessThan(1_000);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openPgliteDb({ dataDir });
    expect((await again.query<{ x: number }>("SELECT x FROM t")).rows).toEqual([{ x: 1 }]);
    await again.close();
  });

  it("another process fails fast naming the holder; once the holder is killed its stale lock is taken over and the data is intact", async () => {
    const dataDir = join(tempDir(), "db");
    const child = await holder(dataDir);
    const attempt = openPgliteDb({ dataDir });
    await expect(attempt).rejects.toThrow(new RegExp(`in use by process ${child.pid} on `));
    const err = await attempt.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "data_dir_locked", owner: { pid: child.pid } });
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    const db = await openPgliteDb({ dataDir });
    expect((await db.query<{ x: number }>("SELECT x FROM t")).rows).toEqual([{ x: 42 }]);
    await db.close();
  }, 60_000);
});
