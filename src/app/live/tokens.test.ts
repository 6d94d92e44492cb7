import { describe, expect, it } from "vitest";
import { dbTargets } from "../../../test/support/db-targets.js";
import type { Db } from "../../db/db.js";
import { authenticateToken, createApiToken, revokeToken } from "./tokens.js";

describe.each(dbTargets())("authenticateToken on $name", (target) => {
  it("concurrent requests of one token share one lookup; the next request looks again and sees a revocation", async () => {
    const t = await target.migrated();
    try {
      const created = await createApiToken(t.db, { role: "planner", name: "pos" }, "test");
      if (!created.ok) throw new Error(JSON.stringify(created.issues));
      let lookups = 0;
      // The real database, counting the token lookups that reach it.
      const counted: Db = {
        ...t.db,
        query: (sql, params) => {
          if (sql.includes("FROM api_tokens WHERE token_sha256")) lookups++;
          return t.db.query(sql, params);
        },
      };
      const token = created.value.token;
      const all = await Promise.all(Array.from({ length: 20 }, () => authenticateToken(counted, token)));
      expect(all.every((p) => p?.role === "planner" && p.name === "pos")).toBe(true);
      expect(lookups).toBe(1);
      expect(await authenticateToken(counted, token)).toMatchObject({ role: "planner" });
      expect(lookups).toBe(2);
      expect(await revokeToken(t.db, all[0]!.tokenId, "test")).toBe(true);
      expect(await authenticateToken(counted, token)).toBeNull();
      expect(lookups).toBe(3);
      expect(await authenticateToken(counted, `takt_${"x".repeat(43)}`)).toBeNull();
    } finally {
      await t.dispose();
    }
  });
});
