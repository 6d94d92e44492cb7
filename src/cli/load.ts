import { resolve } from "node:path";
import { formatIssue } from "../core/result.js";
import { type DemandImport, readDemandCsv } from "../io/read-demand.js";
import { type CliContext, say, UserError } from "./context.js";
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
  const d = r.value;
  if (d.skipped.count > 0) {
    say(ctx, `skipped ${d.skipped.count} bad row(s) (--lenient):`);
    for (const i of d.skipped.issues.slice(0, 10)) say(ctx, `  ${formatIssue(i)}`);
    if (d.skipped.count > 10) say(ctx, `  … and ${d.skipped.count - 10} more`);
  }
  return d;
}
