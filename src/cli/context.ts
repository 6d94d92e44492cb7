/** What a command needs from the outside world, injected so commands are testable in-process. */
export interface CliContext {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly cwd: string;
}

/** A failure the user can fix (bad input, missing file): printed without a stack trace, exit code 1. */
export class UserError extends Error {
  override readonly name = "UserError";
}

export const say = (ctx: CliContext, text: string): void => {
  ctx.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
};
