import { classifyXyz, type XyzClass } from "../classify/xyz.js";
import type { DistributionKind } from "../distributions/distribution.js";
import { type ItemField, type ItemParams, itemColumnName, type ServiceType } from "../item.js";
import type { DemandPattern } from "../stats/demand-pattern.js";
import {
  type DdmrpBuffer,
  type DdmrpSettings,
  DEFAULT_DDMRP_SETTINGS,
  ddmrpBuffer,
  leadTimeCategory,
  variabilityCategory,
} from "./ddmrp.js";
import {
  type DerivationInput,
  describeFigure,
  type Figure,
  figure,
  formatNumber,
  input,
  mid,
} from "./derivation.js";
import { orderQuantity as computeOrderQuantity, type PriceBreak } from "./eoq.js";
import { defaultThresholds, type EscalationThresholds } from "./escalation.js";
import { derivedContainerSize, kanbanCards, kanbanSafetyFactorForService } from "./kanban.js";
import { type LeadTimeDemand, type LeadTimeDemandOptions, leadTimeDemand } from "./lead-time-demand.js";
import { jitReadiness, type Readiness, type ReadinessThresholds } from "./readiness.js";
import { reorderPointFor } from "./reorder-point.js";
import { applyOrderConstraints, type ReplenishmentRule } from "./rule.js";

/** Supplier performance from its delivery record, when known. */
export interface SupplierStats {
  /** Share of deliveries within the agreed window, fraction. */
  readonly onTimeRate?: number;
  /** Lead-time coefficient of variation σL / L. */
  readonly leadTimeCv?: number;
}

export interface PlanPolicyOptions {
  readonly leadTimeDemand?: Partial<LeadTimeDemandOptions>;
  /** All-units price breaks for the order quantity. */
  readonly priceBreaks?: readonly PriceBreak[];
  /** Kanban safety factor α; default: the service-equivalent α of kanban.ts. */
  readonly kanbanAlpha?: number;
  /** Days of demand per derived kanban container (default 1). */
  readonly kanbanContainerCoverDays?: number;
  readonly ddmrp?: Partial<DdmrpSettings>;
  /** DDMRP imposed/desired order cycle, days; default the EOQ cycle Q / ADU. */
  readonly ddmrpOrderCycleDays?: number;
  readonly readiness?: Partial<ReadinessThresholds>;
  readonly escalation?: Partial<EscalationThresholds>;
  /** From simulation: the policy missed its service target. */
  readonly calibrationMiss?: boolean;
  /** XYZ class when the caller has it; default classifyXyz(cv). */
  readonly xyz?: XyzClass;
  /**
   * Keep a reorder point below the mean lead-time demand when the service target allows it (negative
   * safety stock). Default false: the reorder point is lifted to the mean lead-time demand.
   */
  readonly allowNegativeSafetyStock?: boolean;
  /** Observed lead times replace the items master's when at least this many are given (default 3). */
  readonly minLeadTimeSamples?: number;
}

/** Everything planPolicy needs for one SKU × location. Units: units, days, money. */
export interface PolicyInputs {
  /** Forecast mean demand, units/day. */
  readonly meanDailyDemand: number;
  /** One-day forecast error sd, units/day. */
  readonly dailyErrorSd: number;
  /** Forecast error sd over the lead time, units (when the forecaster gives one). */
  readonly errorSdOverLeadTime?: number;
  /** Daily demand history, units/day. */
  readonly history: Float64Array;
  readonly pattern: DemandPattern;
  /** Coefficient of variation of daily demand. */
  readonly cv: number;
  readonly item: ItemParams;
  /** Items-master fields that were defaulted (resolveItem's list). */
  readonly defaulted: readonly ItemField[];
  /** Observed supplier lead times, days. */
  readonly leadTimeSamples?: Float64Array;
  /** Forecast MAPE as a fraction, null when undefined. */
  readonly mape: number | null;
  readonly supplier?: SupplierStats;
  readonly options?: PlanPolicyOptions;
}

export interface DdmrpFigures {
  readonly leadTimeCategory: string;
  readonly variabilityCategory: string;
  readonly red: Figure;
  readonly yellow: Figure;
  readonly green: Figure;
  readonly topOfRed: Figure;
  readonly topOfYellow: Figure;
  readonly topOfGreen: Figure;
  readonly buffer: DdmrpBuffer;
}

/** The lead-time-demand family chosen, why, and the demand part of its variance (for demand models). */
export interface LeadTimeDemandFamily {
  readonly kind: DistributionKind;
  readonly reason: string;
  /** Days the demand is summed over (L, or R + L for the periodic rule). */
  readonly horizonDays: number;
  /** Demand part of the variance over those days, units² (without the lead-time part d²·σL²). */
  readonly demandVariance: number;
}

export interface PolicyRecommendation {
  readonly serviceTarget: Figure;
  readonly serviceType: ServiceType;
  readonly leadTimeDays: Figure;
  readonly leadTimeSdDays: Figure;
  readonly distribution: LeadTimeDemandFamily;
  readonly leadTimeDemand: Figure;
  readonly leadTimeDemandSd: Figure;
  readonly safetyStock: Figure;
  readonly reorderPoint: Figure;
  /** At the reorder point: P(LTD ≤ r) and 1 − E[(LTD − r)+]/Q. */
  readonly achievedCycleService: number;
  readonly achievedFillRate: number;
  readonly orderQuantity: Figure;
  readonly min: Figure;
  readonly max: Figure;
  readonly reviewPeriodDays: Figure;
  readonly orderUpTo: Figure;
  readonly periodicSafetyStock: Figure;
  readonly periodicDistribution: LeadTimeDemandFamily;
  readonly kanbanCards: Figure;
  readonly kanbanContainer: Figure;
  readonly ddmrp: DdmrpFigures;
  readonly reviewThreshold: Figure;
  readonly emergencyThreshold: Figure;
  readonly thresholds: EscalationThresholds;
  readonly readiness: Readiness;
  readonly readinessReasons: readonly string[];
  /** Executable rules, one per policy type, for the simulator and the live service. */
  readonly rules: {
    readonly reorderPoint: Extract<ReplenishmentRule, { kind: "reorder_point" }>;
    readonly minMax: Extract<ReplenishmentRule, { kind: "min_max" }>;
    readonly periodic: Extract<ReplenishmentRule, { kind: "periodic" }>;
    readonly kanban: Extract<ReplenishmentRule, { kind: "kanban" }>;
    readonly ddmrp: Extract<ReplenishmentRule, { kind: "ddmrp" }>;
  };
  /** Items-master fields that were defaulted. */
  readonly defaulted: readonly ItemField[];
}

const ceilUnits = (x: number): number => Math.ceil(x - 1e-9);

/**
 * Computes the whole replenishment policy of one SKU × location, each figure with its derivation
 * (docs/policies.md gives every convention). Steps: lead time (observed when enough samples, else
 * the master); lead-time demand distribution (lead-time-demand.ts); EOQ with discounts, MOQ and
 * multiple (eoq.ts); reorder point for the service target, rounded up to whole units
 * (reorder-point.ts); min–max; (R, S) over R + L (periodic-review.ts); kanban (kanban.ts); DDMRP
 * zones (ddmrp.ts); escalation thresholds (escalation.ts); JIT readiness (readiness.ts).
 */
export function planPolicy(p: PolicyInputs): PolicyRecommendation {
  const o = p.options ?? {};
  const item = p.item;
  const isDef = (f: ItemField): boolean => p.defaulted.includes(f);
  const fromItem = (name: string, f: ItemField, unit: string): DerivationInput =>
    input(name, item[f] as number | string, unit, "items master", isDef(f));
  const d = Math.max(0, p.meanDailyDemand);
  const dIn = input("d (mean demand)", d, "units/day", "forecast");
  const sdIn = input("σd (daily forecast error sd)", p.dailyErrorSd, "units/day", "forecast");

  // Service target.
  const target = item.serviceTarget;
  if (!(target > 0 && target < 1)) throw new RangeError(`service target must be in (0, 1), got ${target}`);
  const serviceTarget = figure(target, "", "items master service target", "given", [
    fromItem("service target", "serviceTarget", ""),
    fromItem("service type", "serviceType", ""),
  ]);

  // Lead time: observed samples when there are enough, else the items master.
  const minSamples = o.minLeadTimeSamples ?? 3;
  const samples = p.leadTimeSamples;
  let L: number;
  let sdL: number;
  let leadTimeDays: Figure;
  let leadTimeSdDays: Figure;
  let leadTimeFromRecord = false;
  if (samples !== undefined && samples.length >= minSamples) {
    let s = 0;
    for (let i = 0; i < samples.length; i++) s += samples[i]!;
    L = s / samples.length;
    let ss = 0;
    for (let i = 0; i < samples.length; i++) ss += (samples[i]! - L) ** 2;
    sdL = Math.sqrt(ss / (samples.length - 1));
    leadTimeFromRecord = true;
    const n = input("observed lead times", samples.length, "deliveries", "supplier record");
    leadTimeDays = figure(
      L,
      "days",
      "mean of observed lead times",
      "supplier record",
      [n],
      [],
      [
        `items master says ${formatNumber(item.leadTimeDays)} days${isDef("leadTimeDays") ? " (default)" : ""}`,
      ],
    );
    leadTimeSdDays = figure(
      sdL,
      "days",
      "sample standard deviation (n − 1) of observed lead times",
      "supplier record",
      [n],
    );
  } else {
    L = item.leadTimeDays;
    sdL = item.leadTimeSdDays;
    const note =
      samples !== undefined && samples.length > 0
        ? [`only ${samples.length} observed lead times (< ${minSamples}): using the items master`]
        : [];
    leadTimeDays = figure(
      L,
      "days",
      "items master lead time",
      "given",
      [fromItem("L", "leadTimeDays", "days")],
      [],
      note,
    );
    leadTimeSdDays = figure(sdL, "days", "items master lead-time sd", "given", [
      fromItem("σL", "leadTimeSdDays", "days"),
    ]);
  }
  const lIn = input(
    "L (lead time)",
    L,
    "days",
    leadTimeFromRecord ? "supplier record" : "items master",
    !leadTimeFromRecord && isDef("leadTimeDays"),
  );
  const sdLIn = input(
    "σL (lead-time sd)",
    sdL,
    "days",
    leadTimeFromRecord ? "supplier record" : "items master",
    !leadTimeFromRecord && isDef("leadTimeSdDays"),
  );

  const ltdInput = {
    meanDailyDemand: d,
    dailyErrorSd: p.dailyErrorSd,
    leadTimeDays: L,
    leadTimeSdDays: sdL,
    history: p.history,
    pattern: p.pattern,
    ...(p.errorSdOverLeadTime !== undefined ? { errorSdOverLeadTime: p.errorSdOverLeadTime } : {}),
    ...(samples !== undefined && samples.length > 0 ? { leadTimeSamples: samples } : {}),
  };
  const ltd = leadTimeDemand(ltdInput, o.leadTimeDemand ?? {});
  const demandPartNote =
    p.errorSdOverLeadTime !== undefined
      ? `demand part from the forecaster's lead-time error sd ${formatNumber(p.errorSdOverLeadTime)}`
      : "demand part L·σd² (independent daily errors)";
  const ltdInputs =
    p.errorSdOverLeadTime !== undefined
      ? [
          dIn,
          input(
            "σe,L (forecast error sd over the lead time)",
            p.errorSdOverLeadTime,
            "units",
            "forecast backtest",
          ),
          lIn,
          sdLIn,
        ]
      : [dIn, sdIn, lIn, sdLIn];
  const leadTimeDemandFig = figure(ltd.mean, "units", "μ_L = d·L", "forecast mean times lead time", [
    dIn,
    lIn,
  ]);
  const leadTimeDemandSd = figure(
    ltd.sd,
    "units",
    p.errorSdOverLeadTime !== undefined ? "σ_L = √(σe,L² + d²·σL²)" : "σ_L = √(L·σd² + d²·σL²)",
    "demand and lead-time variability combined",
    ltdInputs,
    [
      mid("demand variance part", ltd.demandVariance, "units²"),
      mid("lead-time variance part", ltd.leadTimeVariance, "units²"),
    ],
    [demandPartNote],
  );

  // Order quantity.
  const constraints = { moq: item.moq, orderMultiple: item.orderMultiple };
  const h = item.holdingCostRate * item.unitCost;
  const qInputs = [
    dIn,
    fromItem("K (ordering cost)", "orderingCost", "money/order"),
    fromItem("holding rate", "holdingCostRate", "/year"),
    fromItem("unit cost", "unitCost", "money/unit"),
    fromItem("MOQ", "moq", "units"),
    fromItem("order multiple", "orderMultiple", "units"),
  ];
  let orderQuantityFig: Figure;
  let Q: number;
  if (h > 0) {
    const oq = computeOrderQuantity({
      meanDailyDemand: d,
      orderingCost: item.orderingCost,
      holdingRate: item.holdingCostRate,
      unitCost: item.unitCost,
      constraints,
      ...(o.priceBreaks !== undefined ? { priceBreaks: o.priceBreaks } : {}),
    });
    Q = oq.orderQuantity;
    orderQuantityFig = figure(
      Q,
      "units",
      "Q = √(2·D·K/h), D = 365·d, h = holding rate × unit cost; then MOQ and order multiple",
      o.priceBreaks !== undefined && o.priceBreaks.length > 0 ? "EOQ with all-units discounts" : "EOQ",
      qInputs,
      [
        mid("D (annual demand)", 365 * d, "units/year"),
        mid("h", h, "money/unit/year"),
        mid("EOQ", oq.eoq, "units"),
        mid("before MOQ/multiple", oq.beforeConstraints, "units"),
        mid("unit cost paid", oq.unitCost, "money/unit"),
        mid("order cycle", oq.cycleDays, "days"),
      ],
    );
  } else {
    Q = applyOrderConstraints(d * item.reviewPeriodDays, constraints);
    orderQuantityFig = figure(
      Q,
      "units",
      "Q = d × review period (EOQ undefined at zero holding cost); then MOQ and order multiple",
      "days of cover",
      [...qInputs, fromItem("review period", "reviewPeriodDays", "days")],
    );
  }

  // Reorder point and safety stock.
  const rqTarget = reorderPointOrZero(ltd, item.serviceType, target, Q);
  // A large order quantity can meet a fill-rate target with r below the mean lead-time demand
  // (negative safety stock: a stockout nearly every cycle, covered by the size of the batch). Planners
  // do not run that; unless allowed, the reorder point is lifted to cover the expected lead-time demand.
  const floorBinds = o.allowNegativeSafetyStock !== true && ltd.mean > 0 && rqTarget.value < ltd.mean;
  const rq = floorBinds ? reorderPointAt(ltd, ceilUnits(ltd.mean), Q, rqTarget) : rqTarget;
  const r = rq.value;
  const ss = r - ltd.mean;
  const svcIn = input(
    item.serviceType === "cycle" ? "α (cycle service)" : "β (fill rate)",
    target,
    "",
    "items master",
    isDef("serviceTarget"),
  );
  const qIn = input("Q", Q, "units", "policy");
  const reorderPoint = figure(
    r,
    "units",
    item.serviceType === "cycle"
      ? "smallest r with P(LTD ≤ r) ≥ α"
      : "smallest r with 1 − E[(LTD − r)+]/Q ≥ β",
    `${rq.method}; rounded up to whole units`,
    item.serviceType === "cycle" ? [...ltdInputs, svcIn] : [...ltdInputs, svcIn, qIn],
    [
      mid("distribution", ltd.kind, ""),
      mid("unrounded r", rq.raw, "units"),
      mid("achieved cycle service P(LTD ≤ r)", rq.cycle, ""),
      mid("achieved fill rate", rq.fill, ""),
      mid("expected shortage per cycle", rq.shortage, "units"),
    ],
    [
      `distribution: ${ltd.kind} — ${ltd.reason}`,
      ...(floorBinds
        ? [
            `the target alone gives r = ${formatNumber(rqTarget.value)} below the mean lead-time demand; r is lifted to ${formatNumber(r)} so safety stock is not negative (option allowNegativeSafetyStock)`,
          ]
        : []),
    ],
  );
  const safetyStockFig = figure(
    ss,
    "units",
    "SS = r − μ_L",
    "reorder point minus mean lead-time demand",
    [input("r", r, "units", "policy"), input("μ_L", ltd.mean, "units", "policy")],
    [mid("safety factor k = SS/σ_L", ltd.sd > 0 ? ss / ltd.sd : Number.NaN, "")],
  );

  // Min–max.
  const minFig = figure(r, "units", "s = r", "min = reorder point", [input("r", r, "units", "policy")]);
  const maxFig = figure(r + Q, "units", "S = r + Q", "max = reorder point + order quantity", [
    input("r", r, "units", "policy"),
    qIn,
  ]);

  // Periodic review (R, S) over the protection interval R + L.
  const R = item.reviewPeriodDays;
  const rIn = fromItem("R (review period)", "reviewPeriodDays", "days");
  const reviewPeriodDays = figure(R, "days", "items master review period", "given", [rIn]);
  const prot = leadTimeDemand(ltdInput, { ...(o.leadTimeDemand ?? {}), extraDays: R });
  const sres = reorderPointOrZero(prot, item.serviceType, target, d * R);
  const S = sres.value;
  const orderUpTo = figure(
    S,
    "units",
    item.serviceType === "cycle"
      ? "smallest S with P(X_{R+L} ≤ S) ≥ α"
      : "smallest S with 1 − E[(X_{R+L} − S)+]/(d·R) ≥ β",
    `${sres.method}; demand over R + L = ${formatNumber(R + L)} days; rounded up to whole units`,
    [...ltdInputs, rIn, svcIn],
    [
      mid("mean demand over R + L", prot.mean, "units"),
      mid("sd over R + L", prot.sd, "units"),
      mid("distribution", prot.kind, ""),
      mid("achieved cycle service", sres.cycle, ""),
      mid("achieved fill rate", sres.fill, ""),
    ],
    [`distribution: ${prot.kind} — ${prot.reason}`],
  );
  const periodicSafetyStock = figure(
    S - prot.mean,
    "units",
    "SS_{R+L} = S − d·(R + L)",
    "order-up-to minus mean demand over R + L",
    [input("S", S, "units", "policy"), input("d·(R + L)", prot.mean, "units", "policy")],
  );

  // Kanban: C from the master or d × cover days; α so that the loop meets the target like (r, Q = C).
  const containerGiven = item.containerSize > 0;
  const coverDays = o.kanbanContainerCoverDays ?? 1;
  const C = containerGiven ? item.containerSize : derivedContainerSize(d, coverDays, constraints);
  const kanbanContainer = figure(
    C,
    "units",
    containerGiven ? "items master container size" : "C = d × cover days, then MOQ and order multiple",
    containerGiven ? "given" : "derived",
    containerGiven
      ? [fromItem("C", "containerSize", "units")]
      : [
          dIn,
          input(
            "cover days",
            coverDays,
            "days",
            o.kanbanContainerCoverDays !== undefined ? "option" : "default",
            o.kanbanContainerCoverDays === undefined,
          ),
          fromItem("MOQ", "moq", "units"),
          fromItem("order multiple", "orderMultiple", "units"),
        ],
  );
  const alphaGiven = o.kanbanAlpha !== undefined;
  const rC = reorderPointOrZero(ltd, item.serviceType, target, C);
  const alpha = o.kanbanAlpha ?? kanbanSafetyFactorForService(rC.value, C, d, L);
  const N = d > 0 ? kanbanCards(d, L, alpha, C) : 0;
  const kanbanCardsFig = figure(
    N,
    "cards",
    "N = ⌈D·L·(1 + α)/C⌉",
    alphaGiven
      ? "Toyota formula, α given"
      : "Toyota formula, α = (r_C + C)/(D·L) − 1 so that the loop reorders at (N − 1)·C ≥ r_C",
    [dIn, lIn, input("α", alpha, "", alphaGiven ? "option" : "policy"), input("C", C, "units", "policy")],
    [
      mid("r_C: reorder point for the target with Q = C", rC.value, "units"),
      mid("equivalent reorder point (N − 1)·C", Math.max(0, N - 1) * C, "units"),
      mid("units in the loop N·C", N * C, "units"),
    ],
  );

  // DDMRP.
  const ds: DdmrpSettings = { ...DEFAULT_DDMRP_SETTINGS, ...(o.ddmrp ?? {}) };
  const ltCat = leadTimeCategory(L, ds);
  const vCat = variabilityCategory(p.cv, ds);
  const ltf = ds.leadTimeFactor[ltCat];
  const vf = ds.variabilityFactor[vCat];
  const cycleGiven = o.ddmrpOrderCycleDays !== undefined;
  const orderCycle = o.ddmrpOrderCycleDays ?? (d > 0 ? Q / d : 0);
  const buffer = ddmrpBuffer({
    adu: d,
    dltDays: L,
    leadTimeFactor: ltf,
    variabilityFactor: vf,
    moq: item.moq,
    orderCycleDays: orderCycle,
  });
  const aduIn = input("ADU", d, "units/day", "forecast");
  const dltIn = input("DLT", L, "days", lIn.source, lIn.defaulted);
  const ltfIn = input(`LTF (${ltCat} lead time)`, ltf, "", "DDMRP settings");
  const vfIn = input(`VF (${vCat} variability, CV ${formatNumber(p.cv)})`, vf, "", "DDMRP settings");
  const red = figure(
    buffer.red,
    "units",
    "red = ADU·DLT·LTF·(1 + VF)",
    "red base + red safety (Ptak & Smith)",
    [aduIn, dltIn, ltfIn, vfIn],
    [mid("red base", buffer.redBase, "units"), mid("red safety", buffer.redSafety, "units")],
  );
  const yellow = figure(buffer.yellow, "units", "yellow = ADU·DLT", "demand over the decoupled lead time", [
    aduIn,
    dltIn,
  ]);
  const green = figure(
    buffer.green,
    "units",
    "green = max(ADU·order cycle, ADU·DLT·LTF, MOQ)",
    `largest term: ${buffer.greenBasis.replace(/_/g, " ")}`,
    [
      aduIn,
      dltIn,
      ltfIn,
      input("order cycle", orderCycle, "days", cycleGiven ? "option" : "EOQ cycle Q/ADU"),
      fromItem("MOQ", "moq", "units"),
    ],
  );
  const tops = (name: string, v: number, formula: string): Figure =>
    figure(v, "units", formula, name, [
      input("red", buffer.red, "units", "policy"),
      input("yellow", buffer.yellow, "units", "policy"),
      input("green", buffer.green, "units", "policy"),
    ]);
  const ddmrp: DdmrpFigures = {
    leadTimeCategory: ltCat,
    variabilityCategory: vCat,
    red,
    yellow,
    green,
    topOfRed: tops("top of red", buffer.topOfRed, "TOR = red"),
    topOfYellow: tops("top of yellow", buffer.topOfYellow, "TOY = red + yellow"),
    topOfGreen: tops("top of green", buffer.topOfGreen, "TOG = red + yellow + green"),
    buffer,
  };

  // Escalation thresholds.
  const thresholds = defaultThresholds(
    { reorderPoint: r, safetyStock: ss, meanDailyDemand: d, leadTimeDays: L },
    o.escalation ?? {},
  );
  const reviewThreshold = figure(
    thresholds.reviewAtOnHand,
    "units",
    o.escalation?.reviewAtOnHand !== undefined ? "given" : "on hand ≤ max(0, SS) calls for a manual review",
    "escalation trigger 2",
    [input("SS", ss, "units", "policy")],
  );
  const emergencyThreshold = figure(
    thresholds.emergencyOnHand,
    "units",
    o.escalation?.emergencyOnHand !== undefined
      ? "given"
      : "on hand < cover factor × d × L: an order placed now arrives after stock runs out",
    "escalation trigger 3",
    [dIn, lIn, input("cover factor", thresholds.emergencyCoverFactor, "", "escalation settings")],
  );

  // Readiness.
  const leadTimeCv =
    p.supplier?.leadTimeCv ??
    (L > 0 && (leadTimeFromRecord || !isDef("leadTimeSdDays")) ? sdL / L : undefined);
  const verdict = jitReadiness(
    {
      mape: p.mape,
      xyz: o.xyz ?? classifyXyz(p.cv),
      pattern: p.pattern,
      ...(p.supplier?.onTimeRate !== undefined ? { supplierOnTimeRate: p.supplier.onTimeRate } : {}),
      ...(leadTimeCv !== undefined ? { leadTimeCv } : {}),
      ...(o.calibrationMiss !== undefined ? { calibrationMiss: o.calibrationMiss } : {}),
    },
    o.readiness ?? {},
  );

  const spikeThreshold = ds.spikeThresholdShareOfRed * buffer.red;
  return {
    serviceTarget,
    serviceType: item.serviceType,
    leadTimeDays,
    leadTimeSdDays,
    distribution: family(ltd),
    leadTimeDemand: leadTimeDemandFig,
    leadTimeDemandSd,
    safetyStock: safetyStockFig,
    reorderPoint,
    achievedCycleService: rq.cycle,
    achievedFillRate: rq.fill,
    orderQuantity: orderQuantityFig,
    min: minFig,
    max: maxFig,
    reviewPeriodDays,
    orderUpTo,
    periodicSafetyStock,
    periodicDistribution: family(prot),
    kanbanCards: kanbanCardsFig,
    kanbanContainer,
    ddmrp,
    reviewThreshold,
    emergencyThreshold,
    thresholds,
    readiness: verdict.verdict,
    readinessReasons: verdict.reasons,
    rules: {
      reorderPoint: { kind: "reorder_point", reorderPoint: r, orderQuantity: Q },
      minMax: { kind: "min_max", min: r, max: r + Q },
      periodic: { kind: "periodic", reviewPeriodDays: R, reviewOffsetDays: 0, orderUpTo: S },
      kanban: { kind: "kanban", cards: N, containerSize: C },
      ddmrp: {
        kind: "ddmrp",
        topOfRed: buffer.topOfRed,
        topOfYellow: buffer.topOfYellow,
        topOfGreen: buffer.topOfGreen,
        spikeThreshold,
        spikeHorizonDays: L,
      },
    },
    defaulted: p.defaulted,
  };
}

const family = (x: LeadTimeDemand): LeadTimeDemandFamily => ({
  kind: x.kind,
  reason: x.reason,
  horizonDays: x.horizonDays,
  demandVariance: x.demandVariance,
});

/** The service achieved at a given reorder point r (units). */
function reorderPointAt(
  ltd: LeadTimeDemand,
  r: number,
  q: number,
  from: { method: string },
): { value: number; raw: number; method: string; cycle: number; fill: number; shortage: number } {
  const shortage = ltd.distribution.loss(r);
  return {
    value: r,
    raw: r,
    method: `${from.method}; lifted to the mean lead-time demand`,
    cycle: ltd.distribution.cdf(r),
    fill: q > 0 ? 1 - shortage / q : Number.NaN,
    shortage,
  };
}

/** Reorder point rounded up to whole units, with the achieved service there; 0 at zero demand. */
function reorderPointOrZero(
  ltd: LeadTimeDemand,
  type: ServiceType,
  target: number,
  q: number,
): { value: number; raw: number; method: string; cycle: number; fill: number; shortage: number } {
  if (!(ltd.mean > 0) || (type === "fill_rate" && !(q > 0)))
    return { value: 0, raw: 0, method: "no expected demand: 0", cycle: 1, fill: 1, shortage: 0 };
  const res = reorderPointFor(ltd.distribution, type, target, q);
  const value = ceilUnits(res.reorderPoint);
  const shortage = ltd.distribution.loss(value);
  return {
    value,
    raw: res.reorderPoint,
    method: res.method,
    cycle: ltd.distribution.cdf(value),
    fill: q > 0 ? 1 - shortage / q : Number.NaN,
    shortage,
  };
}

/** The lines a planner reads: every figure, its formula and inputs (defaults marked). */
export function explain(rec: PolicyRecommendation): string[] {
  const lines: string[] = [];
  const svc = rec.serviceType === "cycle" ? "cycle service level" : "fill rate";
  lines.push(`Service target: ${formatNumber(100 * rec.serviceTarget.value)} % ${svc}.`);
  lines.push(describeFigure("Lead time", rec.leadTimeDays));
  lines.push(describeFigure("Lead-time sd", rec.leadTimeSdDays));
  lines.push(describeFigure("Lead-time demand", rec.leadTimeDemand));
  lines.push(describeFigure("Lead-time demand sd", rec.leadTimeDemandSd));
  lines.push(`Distribution: ${rec.distribution.kind.replace(/_/g, " ")} — ${rec.distribution.reason}.`);
  lines.push(describeFigure("Order quantity", rec.orderQuantity));
  lines.push(describeFigure("Reorder point", rec.reorderPoint));
  lines.push(
    `  at r: cycle service ${formatNumber(100 * rec.achievedCycleService)} %, fill rate ${formatNumber(100 * rec.achievedFillRate)} %.`,
  );
  lines.push(describeFigure("Safety stock", rec.safetyStock));
  lines.push(
    `Min–max: order up to ${formatNumber(rec.max.value)} when the position is at or below ${formatNumber(rec.min.value)}.`,
  );
  lines.push(describeFigure("Order-up-to (periodic review)", rec.orderUpTo));
  lines.push(describeFigure("Kanban container", rec.kanbanContainer));
  lines.push(describeFigure("Kanban cards", rec.kanbanCards));
  const z = rec.ddmrp;
  lines.push(
    `DDMRP (${z.leadTimeCategory} lead time, ${z.variabilityCategory} variability): red ${formatNumber(z.red.value)}, yellow ${formatNumber(z.yellow.value)}, green ${formatNumber(z.green.value)}; tops ${formatNumber(z.topOfRed.value)} / ${formatNumber(z.topOfYellow.value)} / ${formatNumber(z.topOfGreen.value)}.`,
  );
  lines.push(
    `Escalation: reorder automatically at an inventory position ≤ ${formatNumber(rec.thresholds.autoReplenishAt)}.`,
  );
  lines.push(describeFigure("Manual-review threshold (on hand)", rec.reviewThreshold));
  lines.push(describeFigure("Emergency threshold (on hand)", rec.emergencyThreshold));
  lines.push(`JIT readiness: ${rec.readiness} — ${rec.readinessReasons.join("; ")}.`);
  if (rec.defaulted.length > 0)
    lines.push(`Defaulted item fields: ${rec.defaulted.map(itemColumnName).join(", ")}.`);
  return lines;
}

/** A flat row with the report's snake_case field names. */
export function policyRow(rec: PolicyRecommendation): Record<string, number | string> {
  return {
    service_target: rec.serviceTarget.value,
    service_type: rec.serviceType,
    lead_time_days: rec.leadTimeDays.value,
    lead_time_sd: rec.leadTimeSdDays.value,
    distribution: rec.distribution.kind,
    safety_stock: rec.safetyStock.value,
    reorder_point: rec.reorderPoint.value,
    order_quantity: rec.orderQuantity.value,
    min: rec.min.value,
    max: rec.max.value,
    order_up_to: rec.orderUpTo.value,
    review_period_days: rec.reviewPeriodDays.value,
    kanban_cards: rec.kanbanCards.value,
    kanban_container: rec.kanbanContainer.value,
    ddmrp_red: rec.ddmrp.red.value,
    ddmrp_yellow: rec.ddmrp.yellow.value,
    ddmrp_green: rec.ddmrp.green.value,
    ddmrp_top_of_red: rec.ddmrp.topOfRed.value,
    ddmrp_top_of_yellow: rec.ddmrp.topOfYellow.value,
    ddmrp_top_of_green: rec.ddmrp.topOfGreen.value,
    review_threshold: rec.reviewThreshold.value,
    emergency_threshold: rec.emergencyThreshold.value,
    readiness: rec.readiness,
    readiness_reasons: rec.readinessReasons.join("; "),
  };
}
