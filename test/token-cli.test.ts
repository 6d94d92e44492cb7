import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteDb } from "../src/db/pglite-db.js";
import { takt } from "./support/cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-token-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("takt token create | list | revoke", () => {
  it("prints a token once, stores only its hash, lists and revokes", async () => {
    const db = await openPgliteDb({ dataDir: join(dir, "db") });
    try {
      await db.query("SELECT 1");
    } finally {
      await db.close();
    }
    const created = await takt(dir, "token", "create", "--role", "planner", "--name", "ci", "--data", "db");
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain('Token 1 (planner, "ci") — shown only now');
    const token = created.out.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^takt_[A-Za-z0-9_-]{43}$/);

    const bad = await takt(dir, "token", "create", "--role", "root", "--data", "db");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('unknown role "root"');
    const unbound = await takt(dir, "token", "create", "--role", "supplier", "--data", "db");
    expect(unbound.err).toContain("a supplier token is bound to one supplier");
    const unknown = await takt(
      dir,
      "token",
      "create",
      "--role",
      "supplier",
      "--supplier",
      "S9",
      "--data",
      "db",
    );
    expect(unknown.err).toContain('unknown supplier "S9"');

    const list = await takt(dir, "token", "list", "--data", "db");
    expect(list.out).toMatch(/1\s+ci\s+planner/);
    expect(list.out).not.toContain(token);

    const revoke = await takt(dir, "token", "revoke", "1", "--data", "db");
    expect(revoke.out).toContain("Token 1 revoked.");
    expect((await takt(dir, "token", "revoke", "1", "--data", "db")).code).toBe(1);

    const check = await openPgliteDb({ dataDir: join(dir, "db") });
    try {
      const r = await check.query<Record<string, unknown>>("SELECT * FROM api_tokens");
      const dump = JSON.stringify(r.rows);
      expect(dump).not.toContain(token);
      expect(r.rows[0]).toMatchObject({
        token_sha256: createHash("sha256").update(token).digest("hex"),
        role: "planner",
        created_by: "cli",
      });
      expect(r.rows[0]!.revoked_at).not.toBeNull();
    } finally {
      await check.close();
    }
  });
});
