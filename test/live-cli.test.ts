import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../src/db/migrations/index.js";
import { openPgliteDb } from "../src/db/pglite-db.js";
import { takt } from "./support/cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-live-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("takt db migrate and takt import (PGlite in a data directory)", () => {
  it("migrates once, then reports the schema up to date", async () => {
    const first = await takt(dir, "db", "migrate", "--data", "db1");
    expect(first.code, first.err).toBe(0);
    const versions = MIGRATIONS.map((m) => m.version);
    const last = versions.at(-1);
    expect(first.out).toMatch(/PGlite in .*db1: applied migration\(s\) /);
    expect(first.out).toContain(`applied migration(s) ${versions.join(", ")}; schema version ${last}.`);
    const again = await takt(dir, "db", "migrate", "--data", "db1");
    expect(again.out).toContain(`schema up to date (version ${last})`);
  });

  it("imports master data and ledger events, all or nothing, each event once", async () => {
    await writeFile(
      join(dir, "items.csv"),
      "sku,location,unit_cost,lead_time_days,moq,supplier\nA,L1,4,5,10,S1\nB,L1,2,,,S1\nB,L2,2,3,,\n",
    );
    await writeFile(
      join(dir, "events.csv"),
      "event_id,date,kind,sku,location,qty,to_location\n" +
        "r1,2026-03-01,receipt,A,L1,100,\nr2,2026-03-01,receipt,B,L1,40,\ns1,2026-03-02,sale,A,L1,30,\nt1,2026-03-02,transfer,B,L1,15,L2\n",
    );
    const items = await takt(dir, "import", "items.csv", "--kind", "items", "--data", "db2");
    expect(items.code, items.err).toBe(0);
    expect(items.out).toContain("2 items, 2 locations, 1 suppliers, 2 supply lanes registered.");
    const first = await takt(dir, "import", "events.csv", "--data", "db2");
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("Events: 4 applied, 0 already applied before (unchanged).");
    const again = await takt(dir, "import", "events.csv", "--data", "db2");
    expect(again.out).toContain("Events: 0 applied, 4 already applied before (unchanged).");

    await writeFile(
      join(dir, "bad.csv"),
      "event_id,date,kind,sku,location,qty\nx1,2026-03-03,sale,A,L1,5\nx2,2026-03-03,sale,ZZZ,L1,5\nx3,2026-03-03,sale,A,L1,-5\n",
    );
    const bad = await takt(dir, "import", "bad.csv", "--data", "db2");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bad.csv:4 field "qty": a sale quantity is positive');
    expect(bad.err).toContain("import failed: nothing was stored");
    await writeFile(
      join(dir, "bad2.csv"),
      "event_id,date,kind,sku,location,qty\nx1,2026-03-03,sale,A,L1,5\nx2,2026-03-03,sale,ZZZ,L1,5\n",
    );
    const unknown = await takt(dir, "import", "bad2.csv", "--data", "db2");
    expect(unknown.err).toContain('bad2.csv:3 field "sku": unknown SKU "ZZZ"');

    const db = await openPgliteDb({ dataDir: join(dir, "db2") });
    try {
      const r = await db.query<{ location_id: string; sku: string; on_hand: number }>(
        "SELECT location_id, sku, on_hand FROM positions ORDER BY 1, 2",
      );
      expect(r.rows).toEqual([
        { location_id: "L1", sku: "A", on_hand: 70 },
        { location_id: "L1", sku: "B", on_hand: 25 },
        { location_id: "L2", sku: "B", on_hand: 15 },
      ]);
      const lanes = await db.query("SELECT sku, lead_time_days, moq FROM supply_lanes ORDER BY sku");
      expect(lanes.rows).toEqual([
        { sku: "A", lead_time_days: 5, moq: 10 },
        { sku: "B", lead_time_days: 7, moq: 1 },
      ]);
    } finally {
      await db.close();
    }
  });

  it("loads the demo company's items master and sales history", async () => {
    const demo = await takt(
      dir,
      "demo",
      "--out",
      "demo",
      "--skus",
      "4",
      "--locations",
      "2",
      "--days",
      "60",
      "--seed",
      "3",
    );
    expect(demo.code, demo.err).toBe(0);
    expect((await takt(dir, "import", "demo/items.csv", "--kind", "items", "--data", "db3")).code).toBe(0);
    const sales = await takt(dir, "import", "demo/sales.csv", "--event-kind", "sale", "--data", "db3");
    expect(sales.code, sales.err).toBe(0);
    expect(sales.out).toMatch(/Events: \d+ applied, 0 already applied before/);
    expect(sales.out).toContain("no event_id column: keys derived from row content");
  });

  it("says what is wrong with the arguments", async () => {
    const r = await takt(dir, "import", "events.csv", "--kind", "nope", "--data", "db2");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Allowed choices are ledger, items/);
  });
});

describe("takt serve", () => {
  it("serves the API until SIGTERM, to callers with a token", async () => {
    const created = await takt(dir, "token", "create", "--role", "planner", "--data", join(dir, "db-serve"));
    expect(created.code, created.err).toBe(0);
    const token = created.out.trim().split("\n").at(-1)!;
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "serve",
        "--no-demo",
        "--port",
        "0",
        "--data",
        join(dir, "db-serve"),
      ],
      {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: "" },
      },
    );
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => {
      err += String(d);
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += String(d);
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    try {
      const anonymous = await fetch(`${url}/items`);
      expect(anonymous.status).toBe(401);
      const docs = await fetch(`${url}/docs`);
      expect(docs.status).toBe(200);
      const r = await fetch(`${url}/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          key: "k",
          kind: "sale",
          sku: "A",
          location: "L1",
          qty: 1,
          occurred_at: "2026-03-02",
        }),
      });
      expect(r.status).toBe(422); // an empty database knows no SKU "A"
      expect(((await r.json()) as { issues: { code: string }[] }).issues[0]!.code).toBe("unknown_item");
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
    expect(out).toContain("takt serve: stopped");
  });
});
