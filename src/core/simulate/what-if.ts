import type { ReplenishmentRule } from "../policy/rule.js";
import { checkQuantities } from "./engine.js";
import { simulate } from "./simulate.js";
import type { SimulateOptions, SimulationResult } from "./types.js";

/**
 * The buffer to scale: a rule with its safety-stock component (units), or any function from a scale
 * factor to the rule to replay (for buffers that are not a plain shift, e.g. re-derived by the
 * policy engine).
 */
export type BufferScenario =
  | { readonly base: ReplenishmentRule; readonly safetyStock: number }
  | ((scale: number) => ReplenishmentRule);

/**
 * A rule with its buffer scaled by `scale`: every level of the rule moves down by (1 − scale)·SS
 * units, SS the rule's safety-stock component, so r' = μL + scale·SS when r = μL + SS (Silver, Pyke &
 * Thomas 2017: r = x̂_L + k·σ_L; scaling SS is scaling k). Per kind: (r, Q) r' = r − Δ; min–max
 * min and max − Δ (the gap, i.e. the lot, is kept); (R, S) S' = S − Δ; DDMRP top of red, yellow
 * and green − Δ (pass the red zone as SS: TOR' = scale·TOR, the yellow and green zones unchanged;
 * the spike threshold is kept); kanban N' = ⌈(N·C − Δ) / C⌉ cards, at least 1 when N ≥ 1.
 * Δ = (1 − scale)·SS in units; scale ≥ 0 (values above 1 enlarge the buffer).
 */
export function scaleBuffer(rule: ReplenishmentRule, safetyStock: number, scale: number): ReplenishmentRule {
  if (!(safetyStock >= 0 && Number.isFinite(safetyStock)))
    throw new RangeError(`safety stock must be a finite quantity ≥ 0, got ${safetyStock}`);
  if (!(scale >= 0 && Number.isFinite(scale)))
    throw new RangeError(`scale must be finite and ≥ 0, got ${scale}`);
  const shift = (1 - scale) * safetyStock;
  switch (rule.kind) {
    case "reorder_point":
      return { ...rule, reorderPoint: rule.reorderPoint - shift };
    case "min_max":
      return { ...rule, min: rule.min - shift, max: rule.max - shift };
    case "periodic":
      return { ...rule, orderUpTo: rule.orderUpTo - shift };
    case "kanban": {
      if (rule.cards === 0) return rule;
      const cards = Math.ceil((rule.cards * rule.containerSize - shift) / rule.containerSize - 1e-9);
      return { ...rule, cards: Math.max(1, cards) };
    }
    case "ddmrp":
      return {
        ...rule,
        topOfRed: rule.topOfRed - shift,
        topOfYellow: rule.topOfYellow - shift,
        topOfGreen: rule.topOfGreen - shift,
      };
  }
}

/** One scenario: the scale, the rule replayed and its outcome. */
export interface ScenarioRow {
  readonly scale: number;
  readonly rule: ReplenishmentRule;
  readonly result: SimulationResult;
  /** result.fillRate ≥ target. */
  readonly meetsTarget: boolean;
}

export interface WhatIfOptions extends SimulateOptions {
  /** Scale factors to try (default 1, 0.9, 0.8, 0.7); any order, each ≥ 0, no duplicates. */
  readonly scales?: readonly number[];
  /** Fill-rate target, a fraction in (0, 1]. */
  readonly fillRateTarget: number;
}

export interface WhatIfResult {
  readonly target: number;
  /** One row per scale, largest scale first. */
  readonly rows: readonly ScenarioRow[];
  /**
   * The smallest scale that meets the target together with every larger scale tried (the first
   * failure, walking down from the largest, stops the search); null when the largest fails.
   */
  readonly smallestScaleMeetingTarget: number | null;
  /** The chosen row and, when there is one, the next smaller scale's row that failed. */
  readonly evidence: readonly ScenarioRow[];
}

/** Default scales: the JIT practice of cutting buffers 10 % at a time (docs/what-if.md). */
export const DEFAULT_SCALES: readonly number[] = [1, 0.9, 0.8, 0.7];

/**
 * Buffer-scale what-if: replays `demand` under the scenario's rule at each scale (same options and
 * seed for every scenario: common random numbers) and reports which scales keep the fill rate
 * (units served from stock ÷ demand) at or above the target. Without `initialOnHand` each scenario
 * starts at its own rule's top level.
 */
export function whatIfBufferScales(
  demand: Float64Array,
  scenario: BufferScenario,
  options: WhatIfOptions,
): WhatIfResult {
  const target = options.fillRateTarget;
  if (!(target > 0 && target <= 1)) throw new RangeError(`fill-rate target must be in (0, 1], got ${target}`);
  const scales = [...(options.scales ?? DEFAULT_SCALES)].sort((a, b) => b - a);
  if (scales.length === 0) throw new RangeError("no scales to try");
  for (let i = 0; i < scales.length; i++) {
    const s = scales[i]!;
    if (!(s >= 0 && Number.isFinite(s))) throw new RangeError(`scale must be finite and ≥ 0, got ${s}`);
    if (i > 0 && s === scales[i - 1]) throw new RangeError(`duplicate scale ${s}`);
  }
  checkQuantities("demand", demand);
  const ruleAt =
    typeof scenario === "function"
      ? scenario
      : (s: number): ReplenishmentRule => scaleBuffer(scenario.base, scenario.safetyStock, s);
  const rows: ScenarioRow[] = scales.map((scale) => {
    const rule = ruleAt(scale);
    const result = simulate(demand, rule, options);
    return { scale, rule, result, meetsTarget: result.fillRate >= target };
  });
  let chosen = -1;
  while (chosen + 1 < rows.length && rows[chosen + 1]!.meetsTarget) chosen++;
  const evidence = chosen < 0 ? [rows[0]!] : rows.slice(chosen, chosen + 2);
  return {
    target,
    rows,
    smallestScaleMeetingTarget: chosen < 0 ? null : rows[chosen]!.scale,
    evidence,
  };
}
