import type { ReplenishmentRule } from "../policy/rule.js";
import { checkQuantities, checkRule, defaultInitialOnHand, ReplayEngine } from "./engine.js";
import type { SimulateOptions, SimulationResult } from "./types.js";

/**
 * Discrete daily replay of one SKU × location under a replenishment rule (docs/simulation.md for
 * the day sequence and every definition). `demand[t]` is day t's demand in units (finite, ≥ 0).
 * Each day: receipts due are added at the start; backorders, then the day's demand, are served from
 * on hand (the unserved part is backordered or lost); at the end of the day the rule reviews the
 * inventory position (on hand + on order − backorders; net flow for DDMRP, cards for kanban) and an
 * order placed at the end of day t with lead time L days is received at the start of day t + L.
 * Fill rate = units served from stock on their day ÷ demand (Silver, Pyke & Thomas 2017, P2); cycle
 * service level = share of replenishment cycles without a stockout day. O(n) time, no per-day
 * allocation. Throws RangeError on invalid demand, rule or options.
 */
export function simulate(
  demand: Float64Array,
  rule: ReplenishmentRule,
  options: SimulateOptions,
): SimulationResult {
  checkRule(rule);
  checkQuantities("demand", demand);
  const firstDay = options.firstDay ?? 0;
  if (!Number.isInteger(firstDay)) throw new RangeError(`firstDay must be an integer, got ${firstDay}`);
  const engine = new ReplayEngine(
    0,
    demand.length,
    options.initialOnHand ?? defaultInitialOnHand(rule),
    options,
    firstDay,
  );
  engine.run(demand, demand.length, rule);
  return engine.result();
}
