import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { fail, ok, type Result } from "../../core/result.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import { missingKeys } from "../../db/master-data.js";
import {
  type ApiTokenRecord,
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  ROLES,
  type Role,
  revokeApiToken,
  touchApiToken,
} from "../../db/tokens-store.js";

/** Who is calling: the token's id, name, role and (supplier tokens) the supplier it is bound to. */
export interface Principal {
  readonly tokenId: number;
  readonly name: string;
  readonly role: Role;
  readonly supplier: string | null;
  /** How the audit log names this caller: `token:<id>` plus the name when there is one. */
  readonly actor: string;
}

/** SHA-256 of the token text, hex: what the database stores. */
export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** A new token: `takt_` and 32 random bytes (256 bits) in base64url. */
export const newToken = (): string => `takt_${randomBytes(32).toString("base64url")}`;

const actorOf = (r: ApiTokenRecord): string => `token:${r.id}${r.name !== "" ? `:${r.name}` : ""}`;

/**
 * Creates a token with a role (a supplier token names its supplier, which must exist) and returns the
 * token text — the only time it is seen: the database keeps its SHA-256.
 */
export async function createApiToken(
  db: Db,
  input: {
    readonly role: string;
    readonly supplier?: string | undefined;
    readonly name?: string | undefined;
  },
  actor: string,
): Promise<Result<{ readonly token: string; readonly record: ApiTokenRecord }>> {
  if (!(ROLES as readonly string[]).includes(input.role))
    return fail({
      code: "invalid_role",
      path: { field: "role" },
      message: `unknown role "${input.role}"`,
      expected: ROLES.join(" | "),
      received: input.role,
    });
  const role = input.role as Role;
  if ((role === "supplier") !== (input.supplier !== undefined))
    return fail({
      code: "invalid_supplier",
      path: { field: "supplier" },
      message:
        role === "supplier"
          ? "a supplier token is bound to one supplier"
          : "only supplier tokens name a supplier",
      expected: role === "supplier" ? "--supplier ID" : "no --supplier",
      ...(input.supplier !== undefined ? { received: input.supplier } : {}),
    });
  return db.transaction(async (tx) => {
    if (input.supplier !== undefined && (await missingKeys(tx, "suppliers", [input.supplier])).length > 0)
      return fail({
        code: "unknown_supplier",
        path: { field: "supplier" },
        message: `unknown supplier "${input.supplier}"`,
        expected: "a registered supplier (takt import --kind items)",
        received: input.supplier,
      });
    const token = newToken();
    const record = await insertApiToken(tx, {
      name: input.name ?? "",
      role,
      supplier: input.supplier ?? null,
      sha256: hashToken(token),
      createdBy: actor,
    });
    await appendAudit(tx, {
      actor,
      action: "token.created",
      subject: "api_token",
      subjectId: String(record.id),
      detail: { name: record.name, role, supplier: record.supplier },
    });
    return ok({ token, record });
  });
}

type Found = Awaited<ReturnType<typeof findApiTokenByHash>>;

/** Lookups in flight per database and token hash (see authenticateToken). */
const lookups = new WeakMap<Db, Map<string, Promise<Found>>>();

/**
 * findApiTokenByHash, shared by the concurrent callers of one token: a request arriving while the same
 * token's lookup is in flight takes that lookup's answer instead of sending its own query (an
 * integration sending many requests at once costs one query per round trip, not one per request).
 * Nothing is cached: the next request after the answer queries again, so a revocation holds from then on.
 */
function lookUp(db: Db, hash: string): Promise<Found> {
  let mine = lookups.get(db);
  if (mine === undefined) {
    mine = new Map();
    lookups.set(db, mine);
  }
  const pending = mine.get(hash);
  if (pending !== undefined) return pending;
  const map = mine;
  const p = findApiTokenByHash(db, hash).finally(() => map.delete(hash));
  map.set(hash, p);
  return p;
}

/**
 * The caller a bearer token stands for, or null (unknown, revoked or malformed). Looks the token up by
 * its hash (one query shared by concurrent requests of the same token) and compares the hashes in
 * constant time.
 */
export async function authenticateToken(db: Db, token: string): Promise<Principal | null> {
  if (!/^takt_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hash = hashToken(token);
  const found = await lookUp(db, hash);
  if (found === null) return null;
  const a = Buffer.from(found.sha256, "hex");
  const b = Buffer.from(hash, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  const r = found.record;
  // last use is kept to the minute: most requests skip the write (touchApiToken re-checks in SQL)
  if (r.lastUsedAt === null || Date.now() - r.lastUsedAt.getTime() >= 60_000) await touchApiToken(db, r.id);
  return { tokenId: r.id, name: r.name, role: r.role, supplier: r.supplier, actor: actorOf(r) };
}

export const listTokens = (db: Db): Promise<ApiTokenRecord[]> => listApiTokens(db);

/** Revokes a token (audited); false when no live token has that id. */
export async function revokeToken(db: Db, id: number, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const done = await revokeApiToken(tx, id);
    if (done)
      await appendAudit(tx, { actor, action: "token.revoked", subject: "api_token", subjectId: String(id) });
    return done;
  });
}
