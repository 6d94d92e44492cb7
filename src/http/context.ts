import type { EpochDay } from "../core/units.js";
import type { Db } from "../db/db.js";

/** What routes need besides the request: the database and today's date (built by app.ts). */
export interface RouteContext {
  readonly db: Db;
  /** Today (UTC) as an epoch day. */
  today(): EpochDay;
  /** The instant now, on the same clock as `today` (time stamps of people's actions, snoozes). */
  now(): Date;
}
