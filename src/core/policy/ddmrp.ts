import { applyOrderConstraints, type OrderConstraints } from "./rule.js";

/**
 * DDMRP buffer sizing and net-flow planning after Ptak & Smith, "Demand Driven Material
 * Requirements Planning (DDMRP)", Industrial Press, 2016 (version 2, 2019), chapters on buffer
 * zones, net flow equation and planning/execution priorities. Conventions (docs/policies.md):
 * - ADU average daily usage (units/day), DLT decoupled lead time (days), MOQ (units),
 *   order cycle (days).
 * - Lead-time factor by lead-time category and variability factor by demand-variability category;
 *   the defaults are the midpoints of the book's ranges (LTF: long 20–40 %, medium 41–60 %,
 *   short 61–100 %; VF: low 0–40 %, medium 41–60 %, high 61–100 %).
 * - red base = ADU·DLT·LTF; red safety = red base·VF; red = base + safety;
 *   yellow = ADU·DLT; green = max(ADU·order cycle, ADU·DLT·LTF, MOQ);
 *   TOR = red, TOY = TOR + yellow, TOG = TOY + green.
 */
export type LeadTimeCategory = "short" | "medium" | "long";
export type VariabilityCategory = "low" | "medium" | "high";

export interface DdmrpSettings {
  readonly leadTimeFactor: Readonly<Record<LeadTimeCategory, number>>;
  readonly variabilityFactor: Readonly<Record<VariabilityCategory, number>>;
  /** DLT ≤ this is "short", days. */
  readonly shortLeadTimeMaxDays: number;
  /** DLT ≤ this (and above short) is "medium"; above is "long", days. */
  readonly mediumLeadTimeMaxDays: number;
  /** Demand CV ≤ this is "low" variability. */
  readonly lowVariabilityMaxCv: number;
  /** CV ≤ this (and above low) is "medium"; above is "high". */
  readonly mediumVariabilityMaxCv: number;
  /** Order spike threshold as a fraction of the red zone (book's common example: 50 % of red). */
  readonly spikeThresholdShareOfRed: number;
}

export const DEFAULT_DDMRP_SETTINGS: DdmrpSettings = {
  leadTimeFactor: { short: 0.8, medium: 0.5, long: 0.3 },
  variabilityFactor: { low: 0.2, medium: 0.5, high: 0.8 },
  shortLeadTimeMaxDays: 10,
  mediumLeadTimeMaxDays: 30,
  lowVariabilityMaxCv: 0.5,
  mediumVariabilityMaxCv: 1,
  spikeThresholdShareOfRed: 0.5,
};

/** Lead-time category of a decoupled lead time (days) under the settings' cut-offs. */
export function leadTimeCategory(
  dltDays: number,
  s: DdmrpSettings = DEFAULT_DDMRP_SETTINGS,
): LeadTimeCategory {
  return dltDays <= s.shortLeadTimeMaxDays ? "short" : dltDays <= s.mediumLeadTimeMaxDays ? "medium" : "long";
}

/** Variability category from the demand coefficient of variation (non-finite CV = high). */
export function variabilityCategory(
  cv: number,
  s: DdmrpSettings = DEFAULT_DDMRP_SETTINGS,
): VariabilityCategory {
  if (!Number.isFinite(cv)) return "high";
  return cv <= s.lowVariabilityMaxCv ? "low" : cv <= s.mediumVariabilityMaxCv ? "medium" : "high";
}

export interface DdmrpBufferInput {
  /** Average daily usage, units/day. */
  readonly adu: number;
  /** Decoupled lead time, days. */
  readonly dltDays: number;
  readonly leadTimeFactor: number;
  readonly variabilityFactor: number;
  /** Minimum order quantity, units. */
  readonly moq: number;
  /** Imposed or desired order cycle, days. */
  readonly orderCycleDays: number;
}

export interface DdmrpBuffer {
  readonly redBase: number;
  readonly redSafety: number;
  readonly red: number;
  readonly yellow: number;
  readonly green: number;
  /** Which term set green: the order cycle, the lead-time factor, or the MOQ. */
  readonly greenBasis: "order_cycle" | "lead_time_factor" | "moq";
  readonly topOfRed: number;
  readonly topOfYellow: number;
  readonly topOfGreen: number;
}

/** The three buffer zones and their tops (units), Ptak & Smith's equations (see module comment). */
export function ddmrpBuffer(i: DdmrpBufferInput): DdmrpBuffer {
  if (!(i.adu >= 0) || !(i.dltDays >= 0)) throw new RangeError("ADU and DLT must be ≥ 0");
  const redBase = i.adu * i.dltDays * i.leadTimeFactor;
  const redSafety = redBase * i.variabilityFactor;
  const red = redBase + redSafety;
  const yellow = i.adu * i.dltDays;
  const byCycle = i.adu * i.orderCycleDays;
  const byLtf = i.adu * i.dltDays * i.leadTimeFactor;
  const green = Math.max(byCycle, byLtf, i.moq);
  const greenBasis = green === byCycle ? "order_cycle" : green === byLtf ? "lead_time_factor" : "moq";
  return {
    redBase,
    redSafety,
    red,
    yellow,
    green,
    greenBasis,
    topOfRed: red,
    topOfYellow: red + yellow,
    topOfGreen: red + yellow + green,
  };
}

export interface NetFlowInput {
  readonly onHand: number;
  /** Open supply: ordered, not yet received, units. */
  readonly onOrder: number;
  /** Demand due today plus past due, units. */
  readonly dueToday: number;
  /** Known demand per future day (index 0 = tomorrow), units; only spikes within the horizon count. */
  readonly upcomingDaily: ArrayLike<number>;
  /** A day's demand strictly above this is a qualified order spike, units. */
  readonly spikeThreshold: number;
  /** Days ahead in which spikes are qualified (usually the DLT). */
  readonly spikeHorizonDays: number;
}

export interface NetFlow {
  readonly qualifiedDemand: number;
  /** Days (1-based, days ahead) whose demand was qualified as a spike. */
  readonly spikeDays: readonly number[];
  /** On hand + on order − qualified demand, units. */
  readonly netFlowPosition: number;
}

/**
 * Net flow equation (Ptak & Smith): NFP = on hand + on order − qualified sales-order demand, where
 * qualified demand = past-due + due today + qualified spikes (future days within the spike horizon
 * whose demand exceeds the spike threshold).
 */
export function netFlowPosition(i: NetFlowInput): NetFlow {
  let spikes = 0;
  const spikeDays: number[] = [];
  const horizon = Math.min(i.upcomingDaily.length, Math.floor(i.spikeHorizonDays));
  for (let k = 0; k < horizon; k++) {
    const v = i.upcomingDaily[k]!;
    if (v > i.spikeThreshold) {
      spikes += v;
      spikeDays.push(k + 1);
    }
  }
  const qualifiedDemand = i.dueToday + spikes;
  return { qualifiedDemand, spikeDays, netFlowPosition: i.onHand + i.onOrder - qualifiedDemand };
}

export interface DdmrpStatus extends NetFlow {
  /** NFP / TOG (fraction; the book shows it as a percentage), NaN when TOG = 0. */
  readonly planningPriority: number;
  /** On hand / TOR (fraction), NaN when TOR = 0. */
  readonly executionPriority: number;
  /** Planning zone of the net flow position. */
  readonly planningZone: "red" | "yellow" | "green" | "over_top_of_green";
  /** TOG − NFP, rounded up for MOQ and multiple, when NFP ≤ TOY; otherwise 0. Units. */
  readonly recommendedQuantity: number;
}

/**
 * Planning status of a buffer: net flow, planning priority NFP/TOG, execution priority
 * on hand/TOR, and the recommended supply order (TOG − NFP when NFP ≤ TOY, then MOQ/multiple).
 */
export function ddmrpStatus(
  buffer: DdmrpBuffer,
  flow: NetFlowInput,
  constraints: OrderConstraints,
): DdmrpStatus {
  const nf = netFlowPosition(flow);
  const nfp = nf.netFlowPosition;
  const zone =
    nfp <= buffer.topOfRed
      ? "red"
      : nfp <= buffer.topOfYellow
        ? "yellow"
        : nfp <= buffer.topOfGreen
          ? "green"
          : "over_top_of_green";
  const recommendedQuantity =
    nfp <= buffer.topOfYellow ? applyOrderConstraints(buffer.topOfGreen - nfp, constraints) : 0;
  return {
    ...nf,
    planningPriority: buffer.topOfGreen > 0 ? nfp / buffer.topOfGreen : Number.NaN,
    executionPriority: buffer.topOfRed > 0 ? flow.onHand / buffer.topOfRed : Number.NaN,
    planningZone: zone,
    recommendedQuantity,
  };
}
