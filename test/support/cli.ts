import { PassThrough } from "node:stream";
import { run } from "../../src/cli/main.js";

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the `takt` CLI in-process in `cwd` with captured stdout and stderr. */
export async function takt(cwd: string, ...argv: string[]): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => {
    out += String(d);
  });
  stderr.on("data", (d) => {
    err += String(d);
  });
  const code = await run(argv, { stdout, stderr, cwd });
  return { code, out, err };
}
