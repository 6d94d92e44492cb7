import type { Command } from "commander";
import { createApiToken, listTokens, revokeToken } from "../../app/live/tokens.js";
import { formatIssue } from "../../core/result.js";
import { ROLES } from "../../db/tokens-store.js";
import { type CliContext, say, UserError } from "../context.js";
import { DATA_OPTION, withDatabase } from "../database.js";
import { textTable } from "../table.js";

const ACTOR = "cli";

/** `takt token create|list|revoke`: API tokens for `takt serve` (stored as SHA-256 hashes). */
export function registerToken(program: Command, ctx: CliContext): void {
  const token = program.command("token").description("Manage API tokens for takt serve (docs/api.md).");
  token
    .command("create")
    .description("Create a token and print it once (only its SHA-256 is stored).")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--supplier <id>", "the supplier a supplier token is bound to")
    .option("--name <name>", "what the token is for (shown by list and in the audit log)")
    .option(...DATA_OPTION)
    .action(async (o: { role: string; supplier?: string; name?: string; data?: string }) => {
      await withDatabase(ctx, o.data, async (db) => {
        const r = await createApiToken(db, { role: o.role, supplier: o.supplier, name: o.name }, ACTOR);
        if (!r.ok) throw new UserError(r.issues.map(formatIssue).join("\n"));
        const rec = r.value.record;
        say(
          ctx,
          `Token ${rec.id} (${rec.role}${rec.supplier !== null ? ` for supplier ${rec.supplier}` : ""}${rec.name !== "" ? `, "${rec.name}"` : ""}) — shown only now, store it safely:`,
        );
        say(ctx, r.value.token);
      });
    });
  token
    .command("list")
    .description("List tokens (id, name, role, supplier, created, last used, revoked).")
    .option(...DATA_OPTION)
    .action(async (o: { data?: string }) => {
      await withDatabase(ctx, o.data, async (db) => {
        const rows = await listTokens(db);
        if (rows.length === 0) {
          say(ctx, "No API tokens (takt token create --role ROLE).");
          return;
        }
        const iso = (d: Date | null) => (d === null ? "" : d.toISOString().slice(0, 19).replace("T", " "));
        say(
          ctx,
          textTable(
            ["id", "name", "role", "supplier", "created", "last used", "revoked"],
            rows.map((t) => [
              String(t.id),
              t.name,
              t.role,
              t.supplier ?? "",
              iso(t.createdAt),
              iso(t.lastUsedAt),
              iso(t.revokedAt),
            ]),
          ),
        );
      });
    });
  token
    .command("revoke")
    .description("Revoke a token by id: it stops working at once.")
    .argument("<id>", "token id (takt token list)")
    .option(...DATA_OPTION)
    .action(async (id: string, o: { data?: string }) => {
      if (!/^\d+$/.test(id)) throw new UserError(`a token id is a whole number (got "${id}")`);
      await withDatabase(ctx, o.data, async (db) => {
        if (!(await revokeToken(db, Number(id), ACTOR)))
          throw new UserError(`no live token with id ${id} (takt token list)`);
        say(ctx, `Token ${id} revoked.`);
      });
    });
}
