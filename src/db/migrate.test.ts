import { describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../test/support/db-targets.js";
import { migrate, migrationChecksum, schemaVersions } from "./migrate.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Migration } from "./migrations/migration.js";

const TABLES = [
  "alerts",
  "asns",
  "audit_log",
  "customer_orders",
  "inventory_ledger",
  "items",
  "locations",
  "policies",
  "positions",
  "purchase_order_lines",
  "planning_run_changes",
  "planning_runs",
  "purchase_orders",
  "receipts",
  "schema_migrations",
  "settings",
  "signals",
  "stockout_episodes",
  "suppliers",
  "supply_lanes",
  "webhook_outbox",
  "webhook_subscriptions",
];
const VERSIONS = MIGRATIONS.map((m) => m.version);
const LATEST = VERSIONS[VERSIONS.length - 1]!;

describe.each(dbTargets())("migrate on $name", (target) => {
  const db = useTestDb(target, "empty");

  const tables = async (): Promise<string[]> =>
    (
      await db().query<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
      )
    ).rows.map((r) => r.t);

  it("creates the schema from empty and records each version", async () => {
    expect(await schemaVersions(db())).toEqual([]);
    const r = await migrate(db());
    expect(r).toEqual({ ok: true, value: { applied: VERSIONS, version: LATEST } });
    expect(await tables()).toEqual(expect.arrayContaining(TABLES));
    const rec = await db().query<{ version: number; name: string; checksum: string }>(
      "SELECT version, name, checksum FROM schema_migrations",
    );
    expect(rec.rows).toEqual(
      expect.arrayContaining([
        { version: 1, name: "foundation", checksum: migrationChecksum(MIGRATIONS[0]!) },
      ]),
    );
    expect(rec.rows).toHaveLength(MIGRATIONS.length);
  });

  it("is idempotent: a second run applies nothing", async () => {
    await migrate(db());
    const again = await migrate(db());
    expect(again).toEqual({ ok: true, value: { applied: [], version: LATEST } });
    expect(await schemaVersions(db())).toEqual(VERSIONS);
  });

  it("two migrators at once apply each migration once", async () => {
    const [a, b] = await Promise.all([migrate(db()), migrate(db())]);
    const applied = [...(a.ok ? a.value.applied : []), ...(b.ok ? b.value.applied : [])];
    // each version once, whichever migrator applied it (the lock is per migration)
    expect([...applied].sort((x, y) => x - y)).toEqual(VERSIONS);
  });

  it("applies later migrations in order, each in its own transaction", async () => {
    const two: Migration = { version: 2, name: "notes", sql: "CREATE TABLE notes (id int PRIMARY KEY);" };
    expect(await migrate(db(), [MIGRATIONS[0]!])).toMatchObject({ ok: true, value: { applied: [1] } });
    expect(await migrate(db(), [MIGRATIONS[0]!, two])).toMatchObject({ ok: true, value: { applied: [2] } });
    expect(await schemaVersions(db())).toEqual([1, 2]);
  });

  it("a failing migration leaves no trace and keeps the earlier ones", async () => {
    const broken: Migration = {
      version: 2,
      name: "broken",
      sql: "CREATE TABLE half_done (id int); SELECT no_such_column FROM items;",
    };
    await expect(migrate(db(), [MIGRATIONS[0]!, broken])).rejects.toThrow(/no_such_column/);
    expect(await schemaVersions(db())).toEqual([1]);
    expect(await tables()).not.toContain("half_done");
  });

  it("refuses an edited migration and a database from a newer takt", async () => {
    await migrate(db());
    const edited: Migration = { ...MIGRATIONS[0]!, sql: `${MIGRATIONS[0]!.sql}\n-- edited` };
    const r = await migrate(db(), [edited]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: "migration_changed" });
    await db().query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9, 'future', 'x')");
    const newer = await migrate(db());
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.issues[0]).toMatchObject({ code: "unknown_migration", received: "9" });
  });

  it("the ledger and the audit log are append-only", async () => {
    await migrate(db());
    await db().query("INSERT INTO locations (location_id) VALUES ('L1')");
    await db().query("INSERT INTO items (sku) VALUES ('A')");
    await db().query(
      `INSERT INTO inventory_ledger (location_id, sku, kind, qty, occurred_at, source, idempotency_key, on_hand_after)
       VALUES ('L1', 'A', 'receipt', 5, now(), 'test', 'k1', 5)`,
    );
    await expect(db().query("UPDATE inventory_ledger SET qty = 6")).rejects.toThrow(/append-only/);
    await expect(db().query("DELETE FROM inventory_ledger")).rejects.toThrow(/append-only/);
    await expect(db().query("TRUNCATE inventory_ledger CASCADE")).rejects.toThrow(/append-only/);
    await db().query(
      "INSERT INTO audit_log (actor, action, subject, subject_id) VALUES ('t', 'x', 'y', 'z')",
    );
    await expect(db().query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });
});
