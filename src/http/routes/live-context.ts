import type { EpochDay } from "../../core/units.js";
import type { Db } from "../../db/db.js";

/** What the planning and webhook routes need (app.ts's route context satisfies it). */
export interface LiveRouteContext {
  readonly db: Db;
  /** Today (UTC, or the demo's simulated day) as an epoch day. */
  today(): EpochDay;
}
