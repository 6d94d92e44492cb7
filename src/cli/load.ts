import { resolve } from "node:path";
import { formatIssue } from "../core/result.js";
import { type DemandImport, readDemandCsv } from "../io/read-demand.js";
import { type CliContext, UserError } from "./context.js";
import { noteSkipped } from "./inputs.js";
import { parseMap } from "./options.js";
import { progressBar } from "./progress.js";

/** Reads a demand file for a command: progress on a TTY, precise errors, a note on skipped rows. */
export async function loadDemand(
  ctx: CliContext,
  file: string,
  o: { map?: string[]; lenient?: boolean },
): Promise<DemandImport> {
  const bar = progressBar(ctx, "reading");
  const r = await readDemandCsv(resolve(ctx.cwd, file), {
    map: parseMap(o.map),
    lenient: o.lenient === true,
    onProgress: (done, total) => bar.update(done, total),
  });
  bar.stop();
  if (!r.ok) throw new UserError(r.issues.map(formatIssue).join("\n"));
  noteSkipped(ctx, file, r.value.skipped);
  return r.value;
}
