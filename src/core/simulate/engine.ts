import { applyOrderConstraints, type OrderConstraints, type ReplenishmentRule } from "../policy/rule.js";
import { createRng, type Rng } from "../random.js";
import type { SimulateOptions, SimulationResult, SimulationState, SimulationTrace } from "./types.js";

/**
 * The daily replay engine shared by `simulate` and `walkForward`. One instance replays one SKU ×
 * location over consecutive days; `run` can be called several times with different rules (a
 * re-plan) and the state (on hand, backorders, pipeline) and every accumulator carry over.
 * The day sequence is documented in docs/simulation.md; in short, for day t:
 *   1. receipts due on day t are added to on hand (start of day);
 *   2. outstanding backorders are served first (served late), then day t's demand is served from on
 *      hand; the unserved part is backordered or lost;
 *   3. at the end of day t the rule reviews the position and may place an order; with lead time L
 *      (whole days, ≥ 1) the order is received at the start of day t + L.
 * No allocation happens per day: the pipeline is a ring buffer of receipts indexed by day modulo its
 * length (longer than the longest lead time), so orders may cross.
 */

const KIND_ROP = 0;
const KIND_MIN_MAX = 1;
const KIND_PERIODIC = 2;
const KIND_KANBAN = 3;
const KIND_DDMRP = 4;
const EPS = 1e-9;
const DAYS_PER_YEAR = 365;

/** Validates a rule's parameters; throws RangeError naming the offending field. */
export function checkRule(rule: ReplenishmentRule): void {
  const finite = (name: string, v: number): void => {
    if (!Number.isFinite(v)) throw new RangeError(`${rule.kind}: ${name} must be finite, got ${v}`);
  };
  switch (rule.kind) {
    case "reorder_point":
      finite("reorderPoint", rule.reorderPoint);
      if (!(rule.orderQuantity > 0 && Number.isFinite(rule.orderQuantity)))
        throw new RangeError(`reorder_point: orderQuantity must be > 0, got ${rule.orderQuantity}`);
      return;
    case "min_max":
      finite("min", rule.min);
      finite("max", rule.max);
      return;
    case "periodic":
      if (!(Number.isInteger(rule.reviewPeriodDays) && rule.reviewPeriodDays >= 1))
        throw new RangeError(
          `periodic: reviewPeriodDays must be an integer ≥ 1, got ${rule.reviewPeriodDays}`,
        );
      if (!Number.isInteger(rule.reviewOffsetDays))
        throw new RangeError(`periodic: reviewOffsetDays must be an integer, got ${rule.reviewOffsetDays}`);
      finite("orderUpTo", rule.orderUpTo);
      return;
    case "kanban":
      if (!(Number.isInteger(rule.cards) && rule.cards >= 0))
        throw new RangeError(`kanban: cards must be an integer ≥ 0, got ${rule.cards}`);
      if (!(rule.containerSize > 0 && Number.isFinite(rule.containerSize)))
        throw new RangeError(`kanban: containerSize must be > 0, got ${rule.containerSize}`);
      return;
    case "ddmrp":
      finite("topOfRed", rule.topOfRed);
      finite("topOfYellow", rule.topOfYellow);
      finite("topOfGreen", rule.topOfGreen);
      finite("spikeThreshold", rule.spikeThreshold);
      if (!(Number.isInteger(rule.spikeHorizonDays) && rule.spikeHorizonDays >= 0))
        throw new RangeError(`ddmrp: spikeHorizonDays must be an integer ≥ 0, got ${rule.spikeHorizonDays}`);
      return;
  }
}

/**
 * Default starting on hand for a rule, units: its top level, so the replay starts "full" with an
 * empty pipeline: r + Q for (r, Q), max for min–max, S for (R, S), N·C for kanban, top of green for
 * DDMRP. Floored at 0.
 */
export function defaultInitialOnHand(rule: ReplenishmentRule): number {
  switch (rule.kind) {
    case "reorder_point":
      return Math.max(0, rule.reorderPoint + rule.orderQuantity);
    case "min_max":
      return Math.max(0, rule.max);
    case "periodic":
      return Math.max(0, rule.orderUpTo);
    case "kanban":
      return rule.cards * rule.containerSize;
    case "ddmrp":
      return Math.max(0, rule.topOfGreen);
  }
}

/** Rounds a lead time to whole days and lifts it to ≥ 1 (an order placed after the day's close). */
export function effectiveLeadTimeDays(leadTimeDays: number): number {
  if (!(leadTimeDays >= 0 && Number.isFinite(leadTimeDays)))
    throw new RangeError(`lead time must be a finite number of days ≥ 0, got ${leadTimeDays}`);
  return Math.max(1, Math.round(leadTimeDays));
}

/** Throws RangeError unless every value is finite and ≥ 0. */
export function checkQuantities(name: string, values: Float64Array, from = 0, to = values.length): void {
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY))
      throw new RangeError(`${name}[${i}] must be a finite quantity ≥ 0, got ${v}`);
  }
}

/** Replay engine; see the module comment. Internal to src/core/simulate. */
export class ReplayEngine {
  private readonly ring: Float64Array;
  private readonly fixedLeadTime: number;
  private readonly leadSample: Int32Array | null;
  private readonly rng: Rng | null;
  private readonly constraints: OrderConstraints;
  private readonly lostSales: boolean;
  private readonly knownOrders: Float64Array | null;
  private readonly calendarShift: number;
  private readonly traceStart: number;
  private readonly traceData: SimulationTrace | null;
  private readonly unitCost: number;
  private readonly holdingCostRate: number;
  private readonly orderingCost: number;
  private readonly shortageCost: number;

  private onHand: number;
  private backorders: number;
  private onOrder: number;
  private day: number;
  private days = 0;
  private totalDemand = 0;
  private servedFromStock = 0;
  private servedLate = 0;
  private lostSalesUnits = 0;
  private shortageUnits = 0;
  private sumOnHand = 0;
  private sumBackorders = 0;
  private sumOnOrder = 0;
  private orders = 0;
  private unitsOrdered = 0;
  private unitsReceived = 0;
  private leadTimeSum = 0;
  private stockoutDays = 0;
  private episodes = 0;
  private prevStockout = false;
  private cycles = 0;
  private cyclesWithStockout = 0;
  private cycleDays = 0;
  private cycleStockout = false;

  /**
   * @param start first day index replayed (index into the demand array passed to `run`)
   * @param totalDays days that will be replayed in all (trace length)
   * @param initialOnHand units on hand at the start of day `start`, before its receipts
   * @param calendarShift added to a day index to get the periodic-review calendar day
   */
  constructor(
    start: number,
    totalDays: number,
    initialOnHand: number,
    options: SimulateOptions,
    calendarShift: number,
  ) {
    const lt = options.leadTime;
    let maxLead: number;
    if (typeof lt === "number") {
      this.fixedLeadTime = effectiveLeadTimeDays(lt);
      this.leadSample = null;
      this.rng = null;
      maxLead = this.fixedLeadTime;
    } else {
      if (lt.length === 0) throw new RangeError("lead-time sample is empty");
      const s = new Int32Array(lt.length);
      maxLead = 1;
      for (let i = 0; i < lt.length; i++) {
        s[i] = effectiveLeadTimeDays(lt[i]!);
        if (s[i]! > maxLead) maxLead = s[i]!;
      }
      this.fixedLeadTime = 0;
      this.leadSample = s;
      this.rng = createRng(options.seed ?? 1);
    }
    const pipeline = options.initialPipeline;
    if (pipeline) checkQuantities("initialPipeline", pipeline);
    this.ring = new Float64Array(Math.max(maxLead, pipeline ? pipeline.length : 0) + 1);
    this.onOrder = 0;
    if (pipeline) {
      for (let i = 0; i < pipeline.length; i++) {
        this.ring[(start + i) % this.ring.length] += pipeline[i]!;
        this.onOrder += pipeline[i]!;
      }
    }
    if (!(initialOnHand >= 0 && Number.isFinite(initialOnHand)))
      throw new RangeError(`initial on hand must be a finite quantity ≥ 0, got ${initialOnHand}`);
    const b = options.initialBackorders ?? 0;
    if (!(b >= 0 && Number.isFinite(b)))
      throw new RangeError(`initial backorders must be a finite quantity ≥ 0, got ${b}`);
    this.onHand = initialOnHand;
    this.lostSales = options.unmetDemand === "lost_sales";
    this.backorders = this.lostSales ? 0 : b;
    this.day = start;
    this.constraints = options.constraints ?? { moq: 1, orderMultiple: 1 };
    this.knownOrders = options.knownOrders ?? null;
    if (this.knownOrders) checkQuantities("knownOrders", this.knownOrders);
    this.calendarShift = calendarShift;
    this.unitCost = nonNegative("unitCost", options.unitCost ?? 1);
    this.holdingCostRate = nonNegative("holdingCostRate", options.holdingCostRate ?? 0.25);
    this.orderingCost = nonNegative("orderingCost", options.orderingCost ?? 0);
    this.shortageCost = nonNegative("shortageCostPerUnit", options.shortageCostPerUnit ?? 0);
    this.traceStart = start;
    this.traceData = options.trace
      ? {
          onHand: new Float64Array(totalDays),
          onOrder: new Float64Array(totalDays),
          backorders: new Float64Array(totalDays),
          ordersPlaced: new Float64Array(totalDays),
          receipts: new Float64Array(totalDays),
          servedFromStock: new Float64Array(totalDays),
          servedLate: new Float64Array(totalDays),
          short: new Float64Array(totalDays),
        }
      : null;
  }

  /** Replays days [this.day, to) of `demand` under `rule`. */
  run(demand: Float64Array, to: number, rule: ReplenishmentRule): void {
    checkRule(rule);
    const from = this.day;
    const ring = this.ring;
    const size = ring.length;
    const constraints = this.constraints;
    const lostMode = this.lostSales;
    const fixedLead = this.fixedLeadTime;
    const sample = this.leadSample;
    const rng = this.rng;
    const tr = this.traceData;
    const traceStart = this.traceStart;
    const shift = this.calendarShift;

    let kind = KIND_ROP;
    let p1 = 0; // r | min | R | N | top of yellow
    let p2 = 0; // Q | max | S | C | top of green
    let p3 = 0; // periodic offset | spike threshold
    let horizon = 0;
    switch (rule.kind) {
      case "reorder_point":
        kind = KIND_ROP;
        p1 = rule.reorderPoint;
        p2 = rule.orderQuantity;
        break;
      case "min_max":
        kind = KIND_MIN_MAX;
        p1 = rule.min;
        p2 = rule.max;
        break;
      case "periodic":
        kind = KIND_PERIODIC;
        p1 = rule.reviewPeriodDays;
        p2 = rule.orderUpTo;
        p3 = rule.reviewOffsetDays;
        break;
      case "kanban":
        kind = KIND_KANBAN;
        p1 = rule.cards;
        p2 = rule.containerSize;
        break;
      case "ddmrp":
        kind = KIND_DDMRP;
        p1 = rule.topOfYellow;
        p2 = rule.topOfGreen;
        p3 = rule.spikeThreshold;
        horizon = rule.spikeHorizonDays;
        break;
    }

    // DDMRP: qualified spikes in (t, t + H] of the known order book, as a sliding sum.
    const known = kind === KIND_DDMRP ? this.knownOrders : null;
    const knownEnd = known ? known.length : 0;
    let spikeSum = 0;
    if (known) {
      for (let j = from + 1; j <= from + horizon && j < knownEnd; j++)
        if (known[j]! > p3) spikeSum += known[j]!;
    }

    let onHand = this.onHand;
    let backorders = this.backorders;
    let onOrder = this.onOrder;
    let totalDemand = 0;
    let servedFromStock = 0;
    let servedLate = 0;
    let lost = 0;
    let shortage = 0;
    let sumOnHand = 0;
    let sumBackorders = 0;
    let sumOnOrder = 0;
    let orders = 0;
    let unitsOrdered = 0;
    let unitsReceived = 0;
    let leadSum = 0;
    let stockoutDays = 0;
    let episodes = 0;
    let prevOut = this.prevStockout;
    let cycles = 0;
    let cyclesOut = 0;
    let cycleDays = this.cycleDays;
    let cycleOut = this.cycleStockout;

    // Ring index of day t, advanced with a wrap instead of a modulo per day.
    let slot = from % size;
    for (let t = from; t < to; t++, slot = slot + 1 === size ? 0 : slot + 1) {
      // 1. Receipts at the start of the day.
      const rec = ring[slot]!;
      if (rec > 0) {
        ring[slot] = 0;
        onOrder -= rec;
        if (onOrder < EPS) onOrder = 0;
        onHand += rec;
        unitsReceived += rec;
        if (cycleDays > 0) {
          cycles++;
          if (cycleOut) cyclesOut++;
        }
        cycleDays = 0;
        cycleOut = false;
      }
      // 2. Backorders first (served late), then today's demand from what is left.
      let late = 0;
      if (backorders > 0 && onHand > 0) {
        late = Math.min(backorders, onHand);
        backorders -= late;
        onHand -= late;
        servedLate += late;
      }
      const dem = demand[t]!;
      totalDemand += dem;
      const served = Math.min(dem, onHand);
      onHand -= served;
      servedFromStock += served;
      const short = dem - served;
      let lostToday = 0;
      if (short > 0) {
        shortage += short;
        if (lostMode) {
          lost += short;
          lostToday = short;
        } else backorders += short;
      }
      // 3. End-of-day review.
      let q = 0;
      const ip = onHand + onOrder - backorders;
      switch (kind) {
        case KIND_ROP:
          if (ip <= p1) q = applyOrderConstraints((Math.floor((p1 - ip) / p2) + 1) * p2, constraints);
          break;
        case KIND_MIN_MAX:
          if (ip <= p1) q = applyOrderConstraints(p2 - ip, constraints);
          break;
        case KIND_PERIODIC: {
          const c = t + shift - p3;
          if (c >= 0 && c % p1 === 0) q = applyOrderConstraints(p2 - ip, constraints);
          break;
        }
        case KIND_KANBAN: {
          const inUse = Math.ceil(onHand / p2 - EPS) + Math.ceil(onOrder / p2 - EPS);
          if (inUse < p1) q = (p1 - inUse) * p2;
          break;
        }
        case KIND_DDMRP: {
          const nfp = onHand + onOrder - backorders - spikeSum;
          if (nfp <= p1) q = applyOrderConstraints(p2 - nfp, constraints);
          if (known) {
            const out = t + 1;
            if (out < knownEnd && known[out]! > p3) spikeSum -= known[out]!;
            const inn = t + 1 + horizon;
            if (inn < knownEnd && known[inn]! > p3) spikeSum += known[inn]!;
          }
          break;
        }
      }
      if (q > 0) {
        const lead = sample === null ? fixedLead : sample[rng!.int(sample.length)]!;
        const at = slot + lead;
        ring[at < size ? at : at - size] += q;
        onOrder += q;
        orders++;
        unitsOrdered += q;
        leadSum += lead;
      }
      // Day-end statistics.
      sumOnHand += onHand;
      sumBackorders += backorders;
      sumOnOrder += onOrder;
      cycleDays++;
      const out = backorders > EPS || lostToday > EPS;
      if (out) {
        stockoutDays++;
        if (!prevOut) episodes++;
        cycleOut = true;
      }
      prevOut = out;
      if (tr !== null) {
        const i = t - traceStart;
        tr.onHand[i] = onHand;
        tr.onOrder[i] = onOrder;
        tr.backorders[i] = backorders;
        tr.ordersPlaced[i] = q;
        tr.receipts[i] = rec;
        tr.servedFromStock[i] = served;
        tr.servedLate[i] = late;
        tr.short[i] = short;
      }
    }

    this.onHand = onHand;
    this.backorders = backorders;
    this.onOrder = onOrder;
    this.day = Math.max(to, from);
    this.days += to > from ? to - from : 0;
    this.totalDemand += totalDemand;
    this.servedFromStock += servedFromStock;
    this.servedLate += servedLate;
    this.lostSalesUnits += lost;
    this.shortageUnits += shortage;
    this.sumOnHand += sumOnHand;
    this.sumBackorders += sumBackorders;
    this.sumOnOrder += sumOnOrder;
    this.orders += orders;
    this.unitsOrdered += unitsOrdered;
    this.unitsReceived += unitsReceived;
    this.leadTimeSum += leadSum;
    this.stockoutDays += stockoutDays;
    this.episodes += episodes;
    this.prevStockout = prevOut;
    this.cycles += cycles;
    this.cyclesWithStockout += cyclesOut;
    this.cycleDays = cycleDays;
    this.cycleStockout = cycleOut;
  }

  /** The state at the start of the next day to replay (before its receipts). */
  state(): SimulationState {
    const size = this.ring.length;
    const pipeline = new Float64Array(size);
    for (let i = 0; i < size; i++) pipeline[i] = this.ring[(this.day + i) % size]!;
    return { onHand: this.onHand, backorders: this.backorders, pipeline };
  }

  /** Closes the open replenishment cycle and computes the result figures. */
  result(): SimulationResult {
    const n = this.days;
    const cycles = this.cycles + (this.cycleDays > 0 ? 1 : 0);
    const cyclesOut = this.cyclesWithStockout + (this.cycleDays > 0 && this.cycleStockout ? 1 : 0);
    const avgOnHand = n > 0 ? this.sumOnHand / n : Number.NaN;
    const consumed = this.servedFromStock + this.servedLate;
    const dailyUse = n > 0 ? consumed / n : Number.NaN;
    const holdingCost = (this.sumOnHand * this.unitCost * this.holdingCostRate) / DAYS_PER_YEAR;
    const orderingCost = this.orders * this.orderingCost;
    const shortageCost = this.shortageUnits * this.shortageCost;
    return {
      days: n,
      totalDemand: this.totalDemand,
      servedFromStock: this.servedFromStock,
      servedLate: this.servedLate,
      lostSales: this.lostSalesUnits,
      shortageUnits: this.shortageUnits,
      backordersAtEnd: this.backorders,
      fillRate: this.totalDemand > 0 ? this.servedFromStock / this.totalDemand : Number.NaN,
      cycles,
      cyclesWithStockout: cyclesOut,
      cycleServiceLevel: cycles > 0 ? 1 - cyclesOut / cycles : Number.NaN,
      stockoutDays: this.stockoutDays,
      stockoutEpisodes: this.episodes,
      meanStockoutEpisodeDays: this.episodes > 0 ? this.stockoutDays / this.episodes : 0,
      averageOnHand: avgOnHand,
      averageOnHandValue: avgOnHand * this.unitCost,
      averageBackorders: n > 0 ? this.sumBackorders / n : Number.NaN,
      averageOnOrder: n > 0 ? this.sumOnOrder / n : Number.NaN,
      unitsConsumed: consumed,
      consumedValue: consumed * this.unitCost,
      inventoryTurns: ratio(dailyUse * DAYS_PER_YEAR, avgOnHand),
      daysOfInventory: ratio(avgOnHand, dailyUse),
      orders: this.orders,
      unitsOrdered: this.unitsOrdered,
      unitsReceived: this.unitsReceived,
      meanLeadTimeDays: this.orders > 0 ? this.leadTimeSum / this.orders : Number.NaN,
      holdingCost,
      orderingCost,
      shortageCost,
      totalCost: holdingCost + orderingCost + shortageCost,
      final: this.state(),
      trace: this.traceData,
    };
  }
}

/** a ÷ b with 0 ÷ 0 = NaN and a ÷ 0 = +∞ for a > 0. */
function ratio(a: number, b: number): number {
  if (b === 0) return a > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  return a / b;
}

function nonNegative(name: string, v: number): number {
  if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`${name} must be finite and ≥ 0, got ${v}`);
  return v;
}
