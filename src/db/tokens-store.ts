import type { Queryable } from "./db.js";

/** The roles an API token can carry (docs/api.md). A supplier token is bound to one supplier. */
export const ROLES = ["admin", "planner", "viewer", "supplier"] as const;
export type Role = (typeof ROLES)[number];

/** A stored token: never the token itself, only its SHA-256. */
export interface ApiTokenRecord {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly supplier: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

interface TokenRow {
  token_id: number;
  name: string;
  role: Role;
  supplier_id: string | null;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = "token_id, name, role, supplier_id, created_by, created_at, last_used_at, revoked_at";

const toRecord = (r: TokenRow): ApiTokenRecord => ({
  id: r.token_id,
  name: r.name,
  role: r.role,
  supplier: r.supplier_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export async function insertApiToken(
  tx: Queryable,
  t: { name: string; role: Role; supplier: string | null; sha256: string; createdBy: string },
): Promise<ApiTokenRecord> {
  const r = await tx.query<TokenRow>(
    `INSERT INTO api_tokens (name, role, supplier_id, token_sha256, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${COLUMNS}`,
    [t.name, t.role, t.supplier, t.sha256, t.createdBy],
  );
  return toRecord(r.rows[0]!);
}

/** The live (not revoked) token with this hash, with the stored hash for a constant-time comparison. */
export async function findApiTokenByHash(
  q: Queryable,
  sha256: string,
): Promise<{ record: ApiTokenRecord; sha256: string } | null> {
  const r = await q.query<TokenRow & { token_sha256: string }>(
    `SELECT ${COLUMNS}, token_sha256 FROM api_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL`,
    [sha256],
    { prepare: "takt_token_by_hash" },
  );
  const row = r.rows[0];
  return row === undefined ? null : { record: toRecord(row), sha256: row.token_sha256 };
}

/** Notes the token's use, at most once a minute (keeps reads from writing on every request). */
export async function touchApiToken(q: Queryable, id: number): Promise<void> {
  await q.query(
    `UPDATE api_tokens SET last_used_at = now()
     WHERE token_id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id],
  );
}

export async function listApiTokens(q: Queryable): Promise<ApiTokenRecord[]> {
  const r = await q.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY token_id`);
  return r.rows.map(toRecord);
}

/** Revokes a live token; false when there is none with that id (or it was revoked already). */
export async function revokeApiToken(tx: Queryable, id: number): Promise<boolean> {
  const r = await tx.query(
    "UPDATE api_tokens SET revoked_at = now() WHERE token_id = $1 AND revoked_at IS NULL",
    [id],
  );
  return r.rowCount > 0;
}
