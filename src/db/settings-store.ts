import type { Queryable } from "./db.js";

/** A stored setting (JSON), or `fallback` when absent. */
export async function getSetting<T>(q: Queryable, key: string, fallback: T): Promise<T> {
  const r = await q.query<{ value: T }>("SELECT value FROM settings WHERE key = $1", [key]);
  return r.rows.length > 0 ? r.rows[0]!.value : fallback;
}

export async function putSetting(q: Queryable, key: string, value: unknown): Promise<void> {
  await q.query(
    `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}
