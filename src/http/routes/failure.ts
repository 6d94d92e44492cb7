import type { Issue } from "../../core/result.js";
import { HttpError } from "../errors.js";

/**
 * The HTTP error for a failed use case: 404 when everything is not found, 409 for conflicts (not open,
 * exists already, ambiguous, idempotency), 422 for the rest.
 */
export function failure(issues: readonly Issue[]): HttpError {
  if (issues.length > 0 && issues.every((i) => i.code === "not_found")) return new HttpError(404, issues);
  if (
    issues.some((i) =>
      ["conflict", "ambiguous", "idempotency_conflict", "invalid_transition"].includes(i.code),
    )
  )
    return new HttpError(409, issues);
  return new HttpError(422, issues);
}
