import type { Issue } from "../core/result.js";

/** The one error type routes throw; the app's error handler turns it into `{ ok: false, issues }`. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    readonly issues: readonly Issue[],
  ) {
    super(issues.map((i) => i.message).join("; "));
  }
}

/** HTTP status for a failed use case, from its issues: 409 for conflicts, 404 for missing, else 422. */
export function statusForIssues(issues: readonly Issue[]): number {
  if (issues.some((i) => i.code === "idempotency_conflict")) return 409;
  if (issues.length > 0 && issues.every((i) => i.code === "not_found")) return 404;
  return 422;
}

export const notFound = (what: string, field: string, received: string): HttpError =>
  new HttpError(404, [{ code: "not_found", path: { field }, message: `${what} not found`, received }]);
