import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

/**
 * One process at a time on a PGlite data directory. PGlite is PostgreSQL compiled to WASM with no
 * postmaster: two processes (or two instances in one process) opening the same directory would each
 * write its files unaware of the other and corrupt it. So the directory gets a lock file,
 * `<dataDir>.lock`, created atomically (O_EXCL) with the owner's pid, host and start time; a second
 * opener fails at once with an error naming the owner. A lock left by a process that no longer runs
 * on this host (killed, crashed) is stale and is taken over.
 */

export interface PgliteLock {
  readonly path: string;
  release(): void;
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Thrown when another live process holds the directory. */
export class DataDirLocked extends Error {
  readonly code = "data_dir_locked";
  constructor(
    readonly dataDir: string,
    readonly owner: Owner | null,
  ) {
    super(
      `the PGlite data directory ${dataDir} is in use by ${
        owner === null
          ? "another process (lock file unreadable)"
          : `${owner.pid === process.pid && owner.host === hostname() ? "this process" : `process ${owner.pid}`} on ${owner.host} since ${owner.since}`
      }: PGlite allows one process per directory. Stop that process, use another --data directory, or share a PostgreSQL server through DATABASE_URL (lock file ${dataDir}.lock)`,
    );
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, "utf8")) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.host === "string" && typeof o.since === "string"
      ? { pid: o.pid, host: o.host, since: o.since }
      : null;
  } catch {
    return null;
  }
}

/** Takes the directory's lock or throws DataDirLocked. */
export function lockDataDir(dataDir: string): PgliteLock {
  const path = `${dataDir}.lock`;
  const me: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = readOwner(path);
      const stale =
        owner !== null && owner.host === me.host && owner.pid !== process.pid && !alive(owner.pid);
      if (!stale || attempt > 0) throw new DataDirLocked(dataDir, owner);
      // The owner is gone: remove its lock and race once more for ours (O_EXCL picks one winner).
      try {
        unlinkSync(path);
      } catch {
        // another opener removed it first
      }
    }
  }
  const onExit = () => release();
  process.once("exit", onExit);
  let held = true;
  function release(): void {
    if (!held) return;
    held = false;
    process.removeListener("exit", onExit);
    const owner = readOwner(path);
    if (owner?.pid === me.pid && owner.since === me.since)
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
  }
  return { path, release };
}
