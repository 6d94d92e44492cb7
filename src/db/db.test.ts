import { describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../test/support/db-targets.js";
import { type Queryable, sqlState } from "./db.js";

describe.each(dbTargets())("Db adapter $name", (target) => {
  const db = useTestDb(target, "empty");

  it("parses values the same way on every adapter", async () => {
    const r = await db().query(
      `SELECT 9007199254740991::bigint AS big, 12.3456::numeric(18, 4) AS qty, '2026-03-02'::date AS day,
              '2026-03-02T10:00:00Z'::timestamptz AS at, $1::jsonb AS doc, NULL::numeric AS none`,
      [JSON.stringify({ a: [1, "x"] })],
    );
    expect(r.rows).toEqual([
      {
        big: 9007199254740991,
        qty: 12.3456,
        day: "2026-03-02",
        at: new Date("2026-03-02T10:00:00Z"),
        doc: { a: [1, "x"] },
        none: null,
      },
    ]);
    await expect(db().query("SELECT 9007199254740993::bigint AS big")).rejects.toThrow(/does not fit/);
  });

  it("runs a prepared statement again and again, in and out of transactions, with its parameters each time", async () => {
    await db().exec("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a'), (2, 'b');");
    const byId = (q: Queryable, id: number) =>
      q.query<{ v: string }>("SELECT v FROM t WHERE id = $1", [id], { prepare: "test_t_by_id" });
    for (let i = 0; i < 8; i++)
      expect((await byId(db(), 1 + (i % 2))).rows).toEqual([{ v: i % 2 ? "b" : "a" }]);
    await expect(
      db().transaction(async (tx) => {
        expect((await byId(tx, 2)).rows).toEqual([{ v: "b" }]);
        await tx.query("UPDATE t SET v = 'z' WHERE id = 2");
        expect((await byId(tx, 2)).rows).toEqual([{ v: "z" }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await byId(db(), 2)).rows).toEqual([{ v: "b" }]);
  });

  it("runs scripts and counts changed rows", async () => {
    await db().exec("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a'), (2, 'b');");
    const r = await db().query("UPDATE t SET v = 'c' WHERE id >= $1", [1]);
    expect(r.rowCount).toBe(2);
  });

  it("commits a transaction and returns its value; rolls back on a throw or an SQL error", async () => {
    await db().exec("CREATE TABLE t (id int PRIMARY KEY)");
    const v = await db().transaction(async (tx) => {
      await tx.query("INSERT INTO t VALUES (1)");
      return "done";
    });
    expect(v).toBe("done");
    await expect(
      db().transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (2)");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await expect(
      db().transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (3)");
        await tx.query("INSERT INTO t VALUES (1)");
      }),
    ).rejects.toSatisfy((e) => sqlState(e) === "23505");
    const r = await db().query<{ id: number }>("SELECT id FROM t ORDER BY id");
    expect(r.rows).toEqual([{ id: 1 }]);
  });

  it("sets the isolation level asked for", async () => {
    const level = await db().transaction(
      async (tx) =>
        (await tx.query<{ l: string }>("SELECT current_setting('transaction_isolation') AS l")).rows[0]!.l,
      { isolation: "serializable" },
    );
    expect(level).toBe("serializable");
  });

  // PGlite has one connection: its transactions never overlap, so only a server can conflict.
  it.skipIf(target.name === "pglite")(
    "re-runs a serializable transaction after a serialization failure",
    async () => {
      await db().exec("CREATE TABLE duty (doctor text PRIMARY KEY, on_call boolean NOT NULL)");
      await db().query("INSERT INTO duty VALUES ('alice', true), ('bob', true)");
      let attempts = 0;
      let arrived = 0;
      let release: () => void = () => {};
      const barrier = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Write skew: each reads that two are on call, then takes one off. Serializable lets only one win.
      const goOff = (doctor: string) =>
        db().transaction(
          async (tx) => {
            attempts++;
            const n = (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM duty WHERE on_call"))
              .rows[0]!.n;
            if (++arrived === 2) release();
            await barrier;
            if (n >= 2) await tx.query("UPDATE duty SET on_call = false WHERE doctor = $1", [doctor]);
            return n;
          },
          { isolation: "serializable" },
        );
      await Promise.all([goOff("alice"), goOff("bob")]);
      expect(attempts).toBe(3);
      const r = await db().query<{ n: number }>("SELECT count(*)::int AS n FROM duty WHERE on_call");
      expect(r.rows[0]!.n).toBe(1);
    },
  );

  it.skipIf(target.name === "pglite")("gives up after the retries allowed", async () => {
    await db().exec("CREATE TABLE c (id int PRIMARY KEY, n int NOT NULL); INSERT INTO c VALUES (1, 0);");
    let arrived = 0;
    let release: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bump = () =>
      db().transaction(
        async (tx) => {
          await tx.query("SELECT n FROM c WHERE id = 1");
          if (++arrived === 2) release();
          await barrier;
          await tx.query("UPDATE c SET n = n + 1 WHERE id = 1");
        },
        { isolation: "serializable", retries: 0 },
      );
    const results = await Promise.allSettled([bump(), bump()]);
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(sqlState((failed[0] as PromiseRejectedResult).reason)).toBe("40001");
  });
});
