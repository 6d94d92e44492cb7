#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { DataDirLocked } from "../db/pglite-lock.js";
import { registerAnalyze } from "./commands/analyze.js";
import { registerDb } from "./commands/db.js";
import { registerDemo } from "./commands/demo.js";
import { registerExplain } from "./commands/explain.js";
import { registerForecast } from "./commands/forecast.js";
import { registerImport } from "./commands/import.js";
import { registerPlan } from "./commands/plan.js";
import { registerServe } from "./commands/serve.js";
import { registerSimulate } from "./commands/simulate.js";
import { registerToken } from "./commands/token.js";
import { type CliContext, UserError } from "./context.js";

/** Builds the `takt` command line. Every command writes through `ctx`, never to the console. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command()
    .name("takt")
    .description(
      "Just-in-time inventory planning: demand analytics, forecasts with measured accuracy, policies.",
    )
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
  registerDemo(program, ctx);
  registerAnalyze(program, ctx);
  registerForecast(program, ctx);
  registerExplain(program, ctx);
  registerImport(program, ctx);
  registerDb(program, ctx);
  registerPlan(program, ctx);
  registerServe(program, ctx);
  registerSimulate(program, ctx);
  registerToken(program, ctx);
  return program;
}

/** Runs takt with `argv` (without node and script). Resolves to the process exit code. */
export async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UserError || e instanceof DataDirLocked) {
      ctx.stderr.write(`takt: ${e.message}\n`);
      return 1;
    }
    ctx.stderr.write(`takt: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
