import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import { DEFAULT_ITEM } from "../../core/item.js";
import { type PeriodKpis, type PositionDays, periodKpis } from "../../core/kpi/period-kpis.js";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import type { EpochDay } from "../../core/units.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import { type PositionWindow, positionKeys, positionWindows } from "../../db/pilot-store.js";
import { latestLivePolicies } from "../../db/planning-store.js";
import { getSetting, putSetting } from "../../db/settings-store.js";
import { transitionPolicy } from "./policies.js";

/** An item × location. */
export interface PilotMember {
  readonly sku: string;
  readonly location: string;
}

/** The pilot: a named set of item × locations whose policies go live first (scope "pilot"). */
export interface Pilot {
  readonly name: string;
  readonly members: readonly PilotMember[];
  readonly definedBy: string;
  /** YYYY-MM-DD the pilot's policies were activated; null until then. */
  readonly activatedOn: string | null;
  readonly activatedBy: string | null;
}

export const PILOT_SETTING_KEY = "pilot";
/** Most item × locations in a pilot. */
export const MAX_PILOT_MEMBERS = 5000;

const key = (m: PilotMember): string => `${m.location}\u0000${m.sku}`;

/** The pilot as defined, or null. */
export const getPilot = (db: Db): Promise<Pilot | null> =>
  getSetting<Pilot | null>(db, PILOT_SETTING_KEY, null);

/**
 * Defines (or redefines) the pilot scope: every member must be an item × location holding a position
 * (issues name `members.<i>`); duplicates are dropped. A redefinition starts over (not activated).
 * Audited (pilot.defined).
 */
export async function definePilot(
  db: Db,
  name: string,
  members: readonly PilotMember[],
  actor: string,
): Promise<Result<Pilot>> {
  const positions = new Set((await positionKeys(db)).map(key));
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const unique: PilotMember[] = [];
  members.forEach((m, i) => {
    if (!positions.has(key(m)))
      issues.push({
        code: "unknown_position",
        path: { field: `members.${i}` },
        message: `no stock position for ${m.sku} at ${m.location}`,
        expected: "an item × location with a position",
        received: `${m.sku}@${m.location}`,
      });
    else if (!seen.has(key(m))) {
      seen.add(key(m));
      unique.push({ sku: m.sku, location: m.location });
    }
  });
  if (issues.length > 0) return fail(...issues.slice(0, 20));
  if (unique.length === 0)
    return fail({
      code: "empty_pilot",
      path: { field: "members" },
      message: "a pilot needs at least one item × location",
      expected: "≥ 1 member",
      received: "0",
    });
  const pilot: Pilot = { name, members: unique, definedBy: actor, activatedOn: null, activatedBy: null };
  await putSetting(db, PILOT_SETTING_KEY, pilot);
  await appendAudit(db, {
    actor,
    action: "pilot.defined",
    subject: "pilot",
    subjectId: name,
    detail: { members: unique.length },
  });
  return ok(pilot);
}

export interface PilotActivation {
  readonly pilot: Pilot;
  readonly members: readonly (PilotMember & {
    /** activated: a pending version went live with scope pilot; active: already live; skipped: none. */
    readonly outcome: "activated" | "already_active" | "skipped";
    readonly version: number | null;
  })[];
}

/**
 * Activates the pilot's policies pilot-first: for each member, its newest pending version (proposed
 * or approved) is approved and activated with scope "pilot" (policy lifecycle, audited; the previous
 * active version retires and signals are re-evaluated as of `asOf`). Members whose newest version is
 * already active stay so; members without a policy are skipped. The pilot records the first activation
 * day, the start of its "after" period (activating again keeps it).
 */
export async function activatePilot(db: Db, actor: string, asOf: EpochDay): Promise<Result<PilotActivation>> {
  const pilot = await getPilot(db);
  if (pilot === null)
    return fail({ code: "not_found", path: { field: "pilot" }, message: "no pilot is defined" });
  const live = await latestLivePolicies(db);
  const out: PilotActivation["members"][number][] = [];
  for (const m of pilot.members) {
    const p = live.get(key(m));
    if (p === undefined) {
      out.push({ ...m, outcome: "skipped", version: null });
      continue;
    }
    if (p.status === "active") {
      out.push({ ...m, outcome: "already_active", version: p.version });
      continue;
    }
    const ref = { location: m.location, sku: m.sku, version: p.version };
    for (const to of p.status === "proposed" ? (["approved", "active"] as const) : (["active"] as const)) {
      const r = await transitionPolicy(db, ref, to, actor, asOf, to === "active" ? { scope: "pilot" } : {});
      if (!r.ok) return r;
    }
    out.push({ ...m, outcome: "activated", version: p.version });
  }
  // Activating again (members proposed since) keeps the first day: the periods stay put.
  const activated: Pilot = pilot.activatedOn
    ? pilot
    : { ...pilot, activatedOn: formatIsoDate(asOf), activatedBy: actor };
  await putSetting(db, PILOT_SETTING_KEY, activated);
  await appendAudit(db, {
    actor,
    action: "pilot.activated",
    subject: "pilot",
    subjectId: pilot.name,
    detail: {
      activated: out.filter((x) => x.outcome === "activated").length,
      alreadyActive: out.filter((x) => x.outcome === "already_active").length,
      skipped: out.filter((x) => x.outcome === "skipped").length,
    },
  });
  return ok({ pilot: activated, members: out });
}

/** A group's KPIs over one period, with the customer-order fill rate where orders are stored. */
export interface GroupPeriod extends PeriodKpis {
  readonly from: string;
  readonly to: string;
  /** Units shipped ÷ units ordered on customer-order lines ordered in the period; null without any. */
  readonly fillRate: number | null;
}

export interface PilotComparison {
  readonly pilot: Pilot;
  /** Days in each period. */
  readonly days: number;
  readonly pilotBefore: GroupPeriod;
  readonly pilotAfter: GroupPeriod;
  readonly controlBefore: GroupPeriod;
  readonly controlAfter: GroupPeriod;
}

/**
 * Before/after KPIs of the pilot scope and of the control group (every other item × location),
 * computed from the stored ledger: the `days` days before the activation day and the days from it
 * (at most `days`, ending yesterday). Per group: units sold, COGS, average inventory value, turns,
 * stockout days and episodes, in-stock rate (core periodKpis) and the customer-order fill rate.
 */
export async function comparePilot(db: Db, days: number, today: EpochDay): Promise<Result<PilotComparison>> {
  const pilot = await getPilot(db);
  if (pilot === null)
    return fail({ code: "not_found", path: { field: "pilot" }, message: "no pilot is defined" });
  if (pilot.activatedOn === null)
    return fail({
      code: "not_activated",
      path: { field: "pilot" },
      message: `pilot "${pilot.name}" is not activated yet: there is no "after" period`,
      expected: "an activated pilot",
    });
  const start = parseIsoDate(pilot.activatedOn)!;
  const beforeFrom = start - days;
  const afterTo = Math.min(start + days - 1, today - 1);
  const members = new Set(pilot.members.map(key));
  const period = async (from: number, to: number) => {
    const windows = await positionWindows(db, from, to);
    const split = (inPilot: boolean) => windows.filter((w) => members.has(key(w)) === inPilot);
    return { pilot: group(split(true), from, to), control: group(split(false), from, to) };
  };
  const before = await period(beforeFrom, start - 1);
  const after = await period(start, afterTo);
  return ok({
    pilot,
    days,
    pilotBefore: before.pilot,
    pilotAfter: after.pilot,
    controlBefore: before.control,
    controlAfter: after.control,
  });
}

/** The group's daily arrays (on hand carried forward from the opening) and its KPIs. */
function group(windows: readonly PositionWindow[], from: number, to: number): GroupPeriod {
  const n = Math.max(0, to - from + 1);
  let ordered = 0;
  let shipped = 0;
  const positions: PositionDays[] = windows.map((w) => {
    const sold = new Float64Array(n);
    const endOnHand = new Float64Array(n);
    const byDay = new Map(w.days.map(([d, s, h]) => [parseIsoDate(d)! - from, [s, h] as const]));
    let h = w.openingOnHand;
    for (let t = 0; t < n; t++) {
      const e = byDay.get(t);
      if (e !== undefined) {
        sold[t] = e[0];
        h = e[1];
      }
      endOnHand[t] = h;
    }
    ordered += w.unitsOrdered;
    shipped += w.unitsShipped;
    return { unitCost: w.unitCost ?? DEFAULT_ITEM.unitCost, sold, endOnHand };
  });
  return {
    ...periodKpis(positions, n),
    from: formatIsoDate(from),
    to: formatIsoDate(to),
    fillRate: ordered > 0 ? Math.min(1, shipped / ordered) : null,
  };
}
