import { formatIsoDate } from "../calendar.js";
import type { EpochDay } from "../units.js";

/**
 * What a planner can do about an emergency (a projected stockout before the next receipt), each option
 * with its arrival, whether it beats the run-out, the stockout days it avoids and what it costs on top
 * of ordering the same units on the primary lane's normal terms. Pure: the caller passes the day.
 *
 * | option | id | lead time | units | premium (extra cost) |
 * |---|---|---|---|---|
 * | wait for the open order (not orderable: the baseline) | `wait` | to the next receipt | 0 | 0 |
 * | a lane's expedited mode | `expedite:<supplier>` | its expedite lead time | shortfall → MOQ/multiple | units × (lane cost + expedite cost/unit − primary cost) |
 * | a backup supplier's lane, normal mode | `backup:<supplier>` | its lead time | shortfall → MOQ/multiple | units × (lane cost − primary cost) |
 *
 * Arrival = today + ⌈lead time⌉. Stock runs out on the need-by day R; without action it is out until the
 * next receipt W, i.e. max(0, W − R) days. An option arriving on day A leaves max(0, min(A, W) − R)
 * days; the difference is the stockout avoided (its units: days × demand/day). In time = A ≤ R.
 * Recommended: the cheapest orderable option in time (ties: earlier, then id), else the fastest one
 * that avoids any stockout day (ties: cheaper), else none (nothing beats waiting). An unknown cost (a
 * lane without unit cost) ranks after every known one.
 * Units: quantities in units, money in the items master's currency, days are epoch days.
 */

export type LaneRole = "primary" | "backup";

/** An item × location's supply lane (migration 001 supply_lanes). */
export interface ExpediteLane {
  readonly supplier: string;
  readonly role: LaneRole;
  readonly mode: string;
  readonly leadTimeDays: number;
  readonly moq: number;
  readonly orderMultiple: number;
  /** Money per unit; null when unknown. */
  readonly unitCost: number | null;
  /** Lead time of the lane's expedited mode; null when it has none. */
  readonly expediteLeadTimeDays: number | null;
  /** Surcharge per unit of the expedited mode; null when it has none (0 when free). */
  readonly expediteCostPerUnit: number | null;
}

export interface ExpediteInputs {
  readonly asOf: EpochDay;
  /** Units short (the emergency signal's quantity). */
  readonly shortfall: number;
  /** The projected run-out day: an option must arrive by then to avoid the stockout. */
  readonly needByDay: EpochDay;
  /** Day the next receipt is expected (the open order, else the primary lead time from today). */
  readonly nextReceiptDay: EpochDay;
  /** The open order waited for, when there is one. */
  readonly nextReceiptId: string | null;
  /** Forecast demand, units/day. */
  readonly dailyDemand: number;
  readonly lanes: readonly ExpediteLane[];
}

export type ExpediteOptionKind = "wait" | "expedite" | "backup";

export interface ExpediteOption {
  readonly id: string;
  readonly kind: ExpediteOptionKind;
  /** False for `wait`: it places no order. */
  readonly orderable: boolean;
  readonly supplier: string | null;
  readonly mode: string | null;
  /** Whether the order is flagged expedited. */
  readonly expedited: boolean;
  readonly leadTimeDays: number;
  readonly quantity: number;
  /** YYYY-MM-DD. */
  readonly arrival: string;
  readonly inTime: boolean;
  /** Days out of stock if this option is taken. */
  readonly stockoutDays: number;
  /** Stockout days avoided compared with waiting. */
  readonly stockoutDaysAvoided: number;
  /** Expected units of demand no longer short (days avoided × demand/day). */
  readonly unitsShortAvoided: number;
  /** Money per unit on this option (lane cost + expedite surcharge); null when unknown. */
  readonly unitCost: number | null;
  /** quantity × unitCost; null when unknown. */
  readonly totalCost: number | null;
  /** What it costs beyond the same units on the primary lane's normal terms; null when unknown. */
  readonly premium: number | null;
  readonly recommended: boolean;
  /** The option in words with the numbers. */
  readonly summary: string;
}

export interface ExpediteAdvice {
  readonly options: readonly ExpediteOption[];
  /** Id of the recommended orderable option; null when none is worth it (or there is no lane to order on). */
  readonly recommended: string | null;
  /** Why that one, in words. */
  readonly basis: string;
}

const money = (x: number): number => Math.round(x * 100) / 100;
const fmt = (x: number): string => String(Math.round(x * 1e4) / 1e4);

/** The shortfall raised to the lane's MOQ, then up to a whole order multiple. */
export function laneQuantity(shortfall: number, lane: Pick<ExpediteLane, "moq" | "orderMultiple">): number {
  const q = Math.max(shortfall, lane.moq);
  const m = lane.orderMultiple;
  return m > 0 ? Math.round(Math.ceil(q / m - 1e-9) * m * 1e4) / 1e4 : q;
}

/** Lists and ranks the expedite options; see the module comment. */
export function expediteOptions(i: ExpediteInputs): ExpediteAdvice {
  if (!(i.shortfall > 0)) return { options: [], recommended: null, basis: "no shortfall to cover" };
  const d = Math.max(0, i.dailyDemand);
  const waitDays = Math.max(0, i.nextReceiptDay - i.needByDay);
  const primary = i.lanes.find((l) => l.role === "primary") ?? null;
  const base = primary?.unitCost ?? null;

  type Draft = Omit<ExpediteOption, "recommended" | "summary">;
  const drafts: Draft[] = [];
  const draft = (
    id: string,
    kind: ExpediteOptionKind,
    lane: ExpediteLane | null,
    leadTimeDays: number,
    quantity: number,
    unitCost: number | null,
  ): Draft => {
    const arrivalDay = kind === "wait" ? i.nextReceiptDay : i.asOf + Math.ceil(leadTimeDays - 1e-9);
    const stockoutDays = Math.max(0, Math.min(arrivalDay, i.nextReceiptDay) - i.needByDay);
    const avoided = waitDays - stockoutDays;
    const totalCost = unitCost === null ? null : money(quantity * unitCost);
    const premium =
      kind === "wait" ? 0 : unitCost === null || base === null ? null : money(quantity * (unitCost - base));
    return {
      id,
      kind,
      orderable: kind !== "wait",
      supplier: lane?.supplier ?? null,
      mode: kind === "expedite" ? `${lane!.mode} expedited` : (lane?.mode ?? null),
      expedited: kind === "expedite",
      leadTimeDays: kind === "wait" ? i.nextReceiptDay - i.asOf : leadTimeDays,
      quantity,
      arrival: formatIsoDate(arrivalDay),
      inTime: arrivalDay <= i.needByDay,
      stockoutDays,
      stockoutDaysAvoided: avoided,
      unitsShortAvoided: Math.round(avoided * d * 1e4) / 1e4,
      unitCost: unitCost === null ? null : Math.round(unitCost * 1e4) / 1e4,
      totalCost,
      premium,
    };
  };

  drafts.push(draft("wait", "wait", null, 0, 0, null));
  const lanes = [...i.lanes].sort(
    (a, b) => (a.role === b.role ? 0 : a.role === "primary" ? -1 : 1) || a.supplier.localeCompare(b.supplier),
  );
  for (const l of lanes) {
    const q = laneQuantity(i.shortfall, l);
    if (l.expediteLeadTimeDays !== null)
      drafts.push(
        draft(
          `expedite:${l.supplier}`,
          "expedite",
          l,
          l.expediteLeadTimeDays,
          q,
          l.unitCost === null ? null : l.unitCost + (l.expediteCostPerUnit ?? 0),
        ),
      );
    if (l.role === "backup")
      drafts.push(draft(`backup:${l.supplier}`, "backup", l, l.leadTimeDays, q, l.unitCost));
  }

  const orderable = drafts.filter((o) => o.orderable);
  const cost = (o: Draft): number => o.premium ?? Number.POSITIVE_INFINITY;
  const arrival = (o: Draft): number => o.leadTimeDays;
  const inTime = orderable.filter((o) => o.inTime);
  let pick: Draft | null = null;
  let basis: string;
  if (inTime.length > 0) {
    pick = [...inTime].sort(
      (a, b) => cost(a) - cost(b) || arrival(a) - arrival(b) || a.id.localeCompare(b.id),
    )[0]!;
    basis = `the cheapest of ${inTime.length} option${inTime.length === 1 ? "" : "s"} arriving by the run-out day ${formatIsoDate(i.needByDay)}`;
  } else if (orderable.some((o) => o.stockoutDaysAvoided > 0)) {
    pick = [...orderable]
      .filter((o) => o.stockoutDaysAvoided > 0)
      .sort((a, b) => arrival(a) - arrival(b) || cost(a) - cost(b) || a.id.localeCompare(b.id))[0]!;
    basis = `none arrives by the run-out day ${formatIsoDate(i.needByDay)}: the fastest`;
  } else if (orderable.length > 0)
    basis = `none arrives before the next receipt ${formatIsoDate(i.nextReceiptDay)}: waiting is as good`;
  else basis = "no supply lane with an expedited mode or a backup supplier";

  const options = drafts.map(
    (o): ExpediteOption => ({ ...o, recommended: o.id === pick?.id, summary: describe(o, i, base) }),
  );
  return { options, recommended: pick?.id ?? null, basis };
}

function describe(
  o: Omit<ExpediteOption, "recommended" | "summary">,
  i: ExpediteInputs,
  base: number | null,
): string {
  const when = o.inTime
    ? `arrives ${o.arrival}, by the run-out day ${formatIsoDate(i.needByDay)}`
    : `arrives ${o.arrival}, ${o.stockoutDays} day${o.stockoutDays === 1 ? "" : "s"} out of stock`;
  if (o.kind === "wait")
    return `wait for ${i.nextReceiptId !== null ? `open order ${i.nextReceiptId}` : "a normal order on the primary lane"}: ${when}`;
  const what = `${o.kind === "expedite" ? "expedite" : "backup supplier"} ${o.supplier} (${o.mode}, ${fmt(o.leadTimeDays)} days): ${fmt(o.quantity)} units`;
  const price =
    o.totalCost === null
      ? "cost unknown (no unit cost on the lane)"
      : `${fmt(o.quantity)} × ${fmt(o.unitCost!)} = ${fmt(o.totalCost)}${
          o.premium === null ? "" : `, ${fmt(o.premium)} over the primary's ${fmt(base!)}/unit`
        }`;
  return `${what}, ${when}, saves ${o.stockoutDaysAvoided} stockout day${o.stockoutDaysAvoided === 1 ? "" : "s"}; ${price}`;
}
