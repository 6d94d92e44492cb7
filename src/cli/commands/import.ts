import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { importLedger } from "../../app/live/import-ledger.js";
import { importMasterData } from "../../app/live/import-master-data.js";
import { LEDGER_KINDS, type LedgerKind } from "../../core/ledger/ledger-event.js";
import { formatIssue, type Issue } from "../../core/result.js";
import { listSignals } from "../../db/signals-store.js";
import { type CliContext, say, UserError } from "../context.js";
import { DATA_OPTION, withDatabase } from "../database.js";
import { parseMap } from "../options.js";

const MAX_SHOWN = 20;

const failure = (issues: readonly Issue[]): UserError => {
  const shown = issues.slice(0, MAX_SHOWN).map(formatIssue);
  if (issues.length > MAX_SHOWN) shown.push(`… and ${issues.length - MAX_SHOWN} more`);
  return new UserError(`${shown.join("\n")}\nimport failed: nothing was stored`);
};

function parseEventKind(v: string): LedgerKind {
  if (!(LEDGER_KINDS as readonly string[]).includes(v))
    throw new InvalidArgumentError(`expected one of ${LEDGER_KINDS.join(", ")}, got "${v}"`);
  return v as LedgerKind;
}

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description(
      "Load a CSV into the live database, all rows or none: ledger events (applied once per key, positions and signals updated) or an items master (items, locations, suppliers, supply lanes).",
    )
    .argument("<file>", "CSV or .csv.gz file")
    .addOption(
      new Option("--kind <kind>", "what the file holds").choices(["ledger", "items"]).default("ledger"),
    )
    .option(...DATA_OPTION)
    .option(
      "--source <name>",
      "ledger: the sending system, for rows without a source column (default file:<name>)",
    )
    .option(
      "--event-kind <kind>",
      "ledger: the kind of every row when the file has no kind column",
      parseEventKind,
    )
    .option("--map <role=Column...>", "map a role to a header name explicitly")
    .option("--actor <name>", "who imports, for the audit log", "cli")
    .action(
      async (
        file: string,
        o: {
          kind: "ledger" | "items";
          data?: string;
          source?: string;
          eventKind?: LedgerKind;
          map?: string[];
          actor: string;
        },
      ) => {
        const path = resolve(ctx.cwd, file);
        await withDatabase(ctx, o.data, async (db) => {
          if (o.kind === "items") {
            const r = await importMasterData(db, path, o.actor, { map: parseMap(o.map), label: file });
            if (!r.ok) throw failure(r.issues);
            const v = r.value;
            say(
              ctx,
              `${file}: ${v.items} items, ${v.locations} locations, ${v.suppliers} suppliers, ${v.lanes} supply lanes registered.`,
            );
            return;
          }
          const r = await importLedger(db, path, {
            map: parseMap(o.map),
            label: file,
            actor: o.actor,
            ...(o.source !== undefined ? { source: o.source } : {}),
            ...(o.eventKind !== undefined ? { kind: o.eventKind } : {}),
          });
          if (!r.ok) throw failure(r.issues);
          const { read, batch } = r.value;
          const changes = batch.events.filter((e) => e.status === "applied").flatMap((e) => e.signals);
          const n = (c: string) => changes.filter((s) => s.change === c).length;
          say(
            ctx,
            `${file}: ${read.rowsRead} rows read${read.zeroRows > 0 ? ` (${read.zeroRows} with quantity 0 left out)` : ""}${read.derivedKeys ? "; no event_id column: keys derived from row content" : ""}.`,
          );
          say(ctx, `Events: ${batch.applied} applied, ${batch.replayed} already applied before (unchanged).`);
          say(
            ctx,
            `Signals: ${n("opened")} opened, ${n("updated")} updated, ${n("closed")} closed; ${(await listSignals(db)).length} open now.${n("ordered") > 0 ? ` Automatic orders placed: ${n("ordered")}.` : ""}`,
          );
        });
      },
    );
}
