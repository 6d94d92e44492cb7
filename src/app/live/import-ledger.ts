import { fail, ok, type Result } from "../../core/result.js";
import type { Db } from "../../db/db.js";
import { type LedgerImport, type ReadLedgerOptions, readLedgerCsv } from "../../io/read-ledger.js";
import { type AppliedBatch, applyEvents } from "./apply-events.js";

export interface LedgerFileImport {
  readonly read: Omit<LedgerImport, "events">;
  readonly batch: AppliedBatch;
}

/**
 * Loads a ledger-events CSV: reads it strictly (io/read-ledger.ts), then applies every event in one
 * transaction (applyEvents): all rows or none. Re-importing the same file replays and changes nothing.
 */
export async function importLedger(
  db: Db,
  path: string,
  options: ReadLedgerOptions & { readonly actor?: string } = {},
): Promise<Result<LedgerFileImport>> {
  const read = await readLedgerCsv(path, options);
  if (!read.ok) return fail(...read.issues);
  const { events, ...summary } = read.value;
  const batch = await applyEvents(db, events, options.actor !== undefined ? { actor: options.actor } : {});
  if (!batch.ok) return fail(...batch.issues);
  return ok({ read: summary, batch: batch.value });
}
