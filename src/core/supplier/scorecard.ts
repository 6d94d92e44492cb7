import { getOrInsert } from "../kpi/get-or-insert.js";
import { inPeriod, type Period, type PeriodKind, periodsBetween, trailingMonths } from "../kpi/period.js";
import { type Light, lightFor, type Threshold, worstLight } from "../kpi/traffic-light.js";
import {
  DEFAULT_LATENESS_UPPER_BOUNDS,
  type LatenessBin,
  type LeadTimeStats,
  latenessHistogram,
  leadTimeStats,
} from "./lead-time-stats.js";
import {
  classifyLine,
  type DeliveryTerms,
  dueDay,
  type PurchaseOrderLine,
  resolveTerms,
} from "./purchase-order.js";

/**
 * Contractual minimums of one supplier, each a threshold whose green bound is the contractual figure
 * and whose yellow bound is the tolerated margin (docs/suppliers-and-kpis.md).
 */
export interface SupplierContract {
  /** On-time delivery rate (fraction). */
  readonly onTime: Threshold;
  /** Lead-time coefficient of variation (sd ÷ mean). */
  readonly leadTimeCv: Threshold;
  /** Quality rejection rate (rejected ÷ received units). */
  readonly rejection: Threshold;
  /** ASN accuracy (fraction of ASNs right on both quantity and date). */
  readonly asnAccuracy: Threshold;
}

/**
 * Defaults: on time ≥ 95 % (yellow down to 90 %), lead-time CV ≤ 0.20 (yellow to 0.30), rejection ≤ 1 %
 * (yellow to 2 %), ASN accuracy ≥ 98 % (yellow down to 95 %).
 */
export const DEFAULT_SUPPLIER_CONTRACT: SupplierContract = {
  onTime: { direction: "higher-better", green: 0.95, yellow: 0.9 },
  leadTimeCv: { direction: "lower-better", green: 0.2, yellow: 0.3 },
  rejection: { direction: "lower-better", green: 0.01, yellow: 0.02 },
  asnAccuracy: { direction: "higher-better", green: 0.98, yellow: 0.95 },
};

/** Scorecard of one supplier over one period. Rates are fractions; NaN means no line to rate. */
export interface SupplierScore {
  readonly supplier: string;
  readonly period: Period;
  /** Lines due in the period and scored (received or overdue as of asOf). */
  readonly linesScored: number;
  readonly linesReceived: number;
  /** Lines past promised + late tolerance and not received on asOf. */
  readonly linesOverdue: number;
  /** Lines due in the period still open (not yet late): not scored. */
  readonly linesOpen: number;
  /** On-time lines ÷ scored lines with a promised day. */
  readonly onTimeRate: number;
  /** In-full lines ÷ scored lines. */
  readonly inFullRate: number;
  /** Lines both on time and in full ÷ scored lines with a promised day. */
  readonly otifRate: number;
  /** Order-to-receipt lead time of received lines with an order day, days. */
  readonly leadTime: LeadTimeStats;
  /** Days late (receipt − promised) of received lines. */
  readonly lateness: LatenessBin[];
  readonly unitsReceived: number;
  readonly unitsRejected: number;
  /** Rejected ÷ received units, over the lines that record an inspection result (NaN when none do). */
  readonly rejectionRate: number;
  /** Rejected units per million received (rejectionRate × 10⁶). */
  readonly ppm: number;
  /** Received lines that had an ASN. */
  readonly asnLines: number;
  /** asnLines ÷ received lines. */
  readonly asnCoverage: number;
  /** ASN quantity right ÷ received lines with an ASN quantity. */
  readonly asnQtyAccuracy: number;
  /** ASN arrival day right ÷ received lines with an ASN day. */
  readonly asnDateAccuracy: number;
  /** ASNs right on every field they carry ÷ received lines with an ASN. */
  readonly asnAccuracy: number;
  /** Units ordered on lines due in the period (all statuses). */
  readonly unitsOrdered: number;
  /** Value ordered (qty × unit cost) on lines due in the period. */
  readonly valueOrdered: number;
  /** This supplier's unitsOrdered ÷ all suppliers' in the period. */
  readonly volumeShare: number;
  /** This supplier's valueOrdered ÷ all suppliers' in the period. */
  readonly valueShare: number;
  readonly lights: Readonly<Record<keyof SupplierContract, Light>>;
  /** Worst light across the contract metrics ("none" when nothing could be rated). */
  readonly standing: Light;
}

export interface ScoreOptions {
  /** The day the scorecard is drawn up; receipts after it are ignored. */
  readonly asOf: number;
  readonly terms?: Partial<DeliveryTerms>;
  /** Per-supplier contract overrides (merged over `defaultContract`). */
  readonly contracts?: ReadonlyMap<string, Partial<SupplierContract>>;
  readonly defaultContract?: SupplierContract;
  readonly latenessUpperBounds?: readonly number[];
}

const ratio = (num: number, den: number): number => (den > 0 ? num / den : Number.NaN);

/**
 * Scores every supplier with a line due in `period` (due = promised day, else receipt day). Line
 * classification as in `classifyLine`; formulas per field in SupplierScore. Sorted by supplier name.
 */
export function scoreSuppliers(
  lines: readonly PurchaseOrderLine[],
  period: Period,
  opts: ScoreOptions,
): SupplierScore[] {
  const terms = resolveTerms(opts.terms);
  const bySupplier = new Map<string, PurchaseOrderLine[]>();
  let totalUnits = 0;
  let totalValue = 0;
  for (const l of lines) {
    const due = dueDay(l);
    if (due === null || !inPeriod(due, period)) continue;
    const arr = getOrInsert(bySupplier, l.supplier, () => []);
    arr.push(l);
    totalUnits += l.qtyOrdered;
    totalValue += l.unitCost === null ? 0 : l.qtyOrdered * l.unitCost;
  }
  const out: SupplierScore[] = [];
  for (const supplier of [...bySupplier.keys()].sort()) {
    const contract = {
      ...(opts.defaultContract ?? DEFAULT_SUPPLIER_CONTRACT),
      ...opts.contracts?.get(supplier),
    };
    out.push(
      scoreOne(supplier, bySupplier.get(supplier)!, period, opts, terms, contract, totalUnits, totalValue),
    );
  }
  return out;
}

function scoreOne(
  supplier: string,
  lines: readonly PurchaseOrderLine[],
  period: Period,
  opts: ScoreOptions,
  terms: DeliveryTerms,
  contract: SupplierContract,
  totalUnits: number,
  totalValue: number,
): SupplierScore {
  let scored = 0;
  let received = 0;
  let overdue = 0;
  let open = 0;
  let withPromise = 0;
  let onTime = 0;
  let inFull = 0;
  let otif = 0;
  let unitsReceived = 0;
  let unitsRejected = 0;
  let unitsInspected = 0;
  let asnLines = 0;
  let asnQtyN = 0;
  let asnQtyOk = 0;
  let asnDateN = 0;
  let asnDateOk = 0;
  let asnOk = 0;
  let unitsOrdered = 0;
  let valueOrdered = 0;
  const leadTimes: number[] = [];
  const daysLate: number[] = [];
  for (const l of lines) {
    unitsOrdered += l.qtyOrdered;
    valueOrdered += l.unitCost === null ? 0 : l.qtyOrdered * l.unitCost;
    const o = classifyLine(l, opts.asOf, terms);
    if (o.status === "open") {
      open++;
      continue;
    }
    scored++;
    if (o.inFull) inFull++;
    if (o.onTime !== null) {
      withPromise++;
      if (o.onTime) onTime++;
      if (o.onTime && o.inFull) otif++;
    }
    if (o.status === "overdue") {
      overdue++;
      continue;
    }
    received++;
    unitsReceived += l.qtyReceived;
    if (l.qtyRejected !== null) {
      unitsInspected += l.qtyReceived;
      unitsRejected += l.qtyRejected;
    }
    if (o.leadTimeDays !== null) leadTimes.push(o.leadTimeDays);
    if (o.daysLate !== null) daysLate.push(o.daysLate);
    if (o.asnQtyAccurate !== null || o.asnDateAccurate !== null) {
      asnLines++;
      if (o.asnQtyAccurate !== null) {
        asnQtyN++;
        if (o.asnQtyAccurate) asnQtyOk++;
      }
      if (o.asnDateAccurate !== null) {
        asnDateN++;
        if (o.asnDateAccurate) asnDateOk++;
      }
      if (o.asnQtyAccurate !== false && o.asnDateAccurate !== false) asnOk++;
    }
  }
  const leadTime = leadTimeStats(leadTimes);
  const onTimeRate = ratio(onTime, withPromise);
  // Over the lines with an inspection result only: no result recorded → NaN (light "none"), not 0.
  const rejectionRate = ratio(unitsRejected, unitsInspected);
  const asnAccuracy = ratio(asnOk, asnLines);
  const lights = {
    onTime: lightFor(onTimeRate, contract.onTime),
    leadTimeCv: lightFor(leadTime.cv, contract.leadTimeCv),
    rejection: lightFor(rejectionRate, contract.rejection),
    asnAccuracy: lightFor(asnAccuracy, contract.asnAccuracy),
  };
  return {
    supplier,
    period,
    linesScored: scored,
    linesReceived: received,
    linesOverdue: overdue,
    linesOpen: open,
    onTimeRate,
    inFullRate: ratio(inFull, scored),
    otifRate: ratio(otif, withPromise),
    leadTime,
    lateness: latenessHistogram(daysLate, opts.latenessUpperBounds ?? DEFAULT_LATENESS_UPPER_BOUNDS),
    unitsReceived,
    unitsRejected,
    rejectionRate,
    ppm: rejectionRate * 1e6,
    asnLines,
    asnCoverage: ratio(asnLines, received),
    asnQtyAccuracy: ratio(asnQtyOk, asnQtyN),
    asnDateAccuracy: ratio(asnDateOk, asnDateN),
    asnAccuracy,
    unitsOrdered,
    valueOrdered,
    volumeShare: ratio(unitsOrdered, totalUnits),
    valueShare: ratio(valueOrdered, totalValue),
    lights,
    standing: worstLight(Object.values(lights)),
  };
}

/** Escalation steps, mildest first. */
export type EscalationStep = "none" | "watch" | "improvement-plan" | "qualify-backup";

/**
 * When to escalate, counted in consecutive rated periods at the end of the history (periods whose
 * standing is "none", i.e. with nothing to rate, are skipped: they neither break nor extend a run).
 */
export interface EscalationRules {
  /** Latest periods not green (yellow or red) that put the supplier on watch. Default 1. */
  readonly watchAfterNonGreen: number;
  /** Consecutive red periods that call for an improvement plan. Default 2. */
  readonly planAfterRed: number;
  /** Consecutive non-green periods that also call for an improvement plan. Default 4. */
  readonly planAfterNonGreen: number;
  /** Consecutive red periods that call for qualifying a backup supplier. Default 4. */
  readonly backupAfterRed: number;
}

/** Watch after 1 non-green period; plan after 2 red or 4 non-green; backup after 4 red. */
export const DEFAULT_ESCALATION_RULES: EscalationRules = {
  watchAfterNonGreen: 1,
  planAfterRed: 2,
  planAfterNonGreen: 4,
  backupAfterRed: 4,
};

export interface Escalation {
  readonly step: EscalationStep;
  /** Red periods in a row at the end of the history. */
  readonly consecutiveRed: number;
  /** Yellow-or-red periods in a row at the end of the history. */
  readonly consecutiveNonGreen: number;
}

/** Escalation step from a chronological sequence of period standings (rules in EscalationRules). */
export function escalationFor(
  standings: readonly Light[],
  rules: EscalationRules = DEFAULT_ESCALATION_RULES,
): Escalation {
  let red = 0;
  let nonGreen = 0;
  let redRunOpen = true;
  for (let i = standings.length - 1; i >= 0; i--) {
    const s = standings[i]!;
    if (s === "none") continue;
    if (s === "green") break;
    nonGreen++;
    if (redRunOpen && s === "red") red++;
    else redRunOpen = false;
  }
  const step: EscalationStep =
    red >= rules.backupAfterRed
      ? "qualify-backup"
      : red >= rules.planAfterRed || nonGreen >= rules.planAfterNonGreen
        ? "improvement-plan"
        : nonGreen >= rules.watchAfterNonGreen
          ? "watch"
          : "none";
  return { step, consecutiveRed: red, consecutiveNonGreen: nonGreen };
}

export interface ScorecardOptions extends ScoreOptions {
  readonly kind: PeriodKind;
  /** First and last day to cover; periods are the whole weeks / months / quarters touching them. */
  readonly from: number;
  readonly to: number;
  /** Months in the trailing window ending on asOf (default 12). */
  readonly trailingMonths?: number;
  readonly escalation?: EscalationRules;
}

export interface SupplierScorecard {
  readonly periods: Period[];
  /** Per supplier, one score per period (null where the supplier had no line due). */
  readonly bySupplier: Map<string, (SupplierScore | null)[]>;
  /** Per supplier, the trailing-window score as of asOf. */
  readonly trailing: Map<string, SupplierScore>;
  /** Per supplier, the escalation step from its period standings. */
  readonly escalation: Map<string, Escalation>;
}

/**
 * Full scorecard: every supplier per period (ISO week, month or quarter) from `from` to `to`, the
 * trailing window as of `asOf`, and the escalation step from the period standings in order.
 */
export function supplierScorecard(
  lines: readonly PurchaseOrderLine[],
  opts: ScorecardOptions,
): SupplierScorecard {
  const periods = periodsBetween(opts.from, opts.to, opts.kind);
  const bySupplier = new Map<string, (SupplierScore | null)[]>();
  periods.forEach((p, i) => {
    for (const s of scoreSuppliers(lines, p, opts)) {
      const row = getOrInsert(bySupplier, s.supplier, () =>
        new Array<SupplierScore | null>(periods.length).fill(null),
      );
      row[i] = s;
    }
  });
  const trailing = new Map<string, SupplierScore>();
  for (const s of scoreSuppliers(lines, trailingMonths(opts.asOf, opts.trailingMonths ?? 12), opts)) {
    trailing.set(s.supplier, s);
  }
  const escalation = new Map<string, Escalation>();
  for (const [supplier, row] of bySupplier) {
    escalation.set(
      supplier,
      escalationFor(
        row.map((s) => s?.standing ?? "none"),
        opts.escalation,
      ),
    );
  }
  return { periods, bySupplier, trailing, escalation };
}

/** Lead-time samples (receipt − order day, days) per supplier and per supplier × mode. */
export interface LeadTimeSamples {
  readonly bySupplier: Map<string, Float64Array>;
  /** supplier → mode → samples. */
  readonly bySupplierMode: Map<string, Map<string, Float64Array>>;
}

/**
 * Lead-time samples for the policy engine: every line received on or before `asOf` (and on or after
 * `from`, when given) with an order day, in receipt order, as Float64Array.
 */
export function leadTimeSamples(
  lines: readonly PurchaseOrderLine[],
  opts: { readonly asOf: number; readonly from?: number },
): LeadTimeSamples {
  const received = lines
    .filter(
      (l) =>
        l.orderDay !== null &&
        l.receivedDay !== null &&
        l.receivedDay <= opts.asOf &&
        (opts.from === undefined || l.receivedDay >= opts.from),
    )
    .sort((a, b) => a.receivedDay! - b.receivedDay!);
  const sup = new Map<string, number[]>();
  const supMode = new Map<string, Map<string, number[]>>();
  for (const l of received) {
    const lt = l.receivedDay! - l.orderDay!;
    const a = getOrInsert(sup, l.supplier, () => []);
    a.push(lt);
    const m = getOrInsert(supMode, l.supplier, () => new Map());
    const b = getOrInsert(m, l.mode, () => []);
    b.push(lt);
  }
  const bySupplier = new Map<string, Float64Array>();
  for (const [k, v] of sup) bySupplier.set(k, Float64Array.from(v));
  const bySupplierMode = new Map<string, Map<string, Float64Array>>();
  for (const [k, m] of supMode) {
    const mm = new Map<string, Float64Array>();
    for (const [mode, v] of m) mm.set(mode, Float64Array.from(v));
    bySupplierMode.set(k, mm);
  }
  return { bySupplier, bySupplierMode };
}
