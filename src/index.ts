/**
 * takt's library API: the pure core (no I/O, no clock), with units documented on each function.
 * `import { planSeries, selectForecast, planPolicy, simulate, … } from "takt"`.
 * Conventions (lead time in days, service-level types, defaults): docs/conventions.md.
 */
export * from "./core/accuracy/aggregate.js";
export * from "./core/accuracy/metrics.js";
export * from "./core/aging/aging-report.js";
export * from "./core/calendar.js";
export * from "./core/classify/abc.js";
export * from "./core/classify/xyz.js";
export * from "./core/forecast/holdout.js";
export * from "./core/forecast/method.js";
export * from "./core/forecast/select.js";
export * from "./core/item.js";
export * from "./core/kpi/compute.js";
export * from "./core/kpi/records.js";
export * from "./core/kpi/traffic-light.js";
export * from "./core/plan/plan-series.js";
export * from "./core/policy/buffer-reduction.js";
export * from "./core/policy/ddmrp.js";
export * from "./core/policy/eoq.js";
export * from "./core/policy/escalation.js";
export * from "./core/policy/kanban.js";
export * from "./core/policy/periodic-review.js";
export * from "./core/policy/plan-policy.js";
export * from "./core/policy/readiness.js";
export * from "./core/policy/reorder-point.js";
export * from "./core/policy/safety-stock.js";
export * from "./core/result.js";
export * from "./core/root-cause/attribute.js";
export * from "./core/root-cause/episodes.js";
export * from "./core/series.js";
export * from "./core/simulate/calibration.js";
export * from "./core/simulate/demand-paths.js";
export * from "./core/simulate/simulate.js";
export * from "./core/simulate/types.js";
export * from "./core/simulate/walk-forward.js";
export * from "./core/simulate/what-if.js";
export * from "./core/stats/demand-pattern.js";
export * from "./core/stats/describe-demand.js";
export * from "./core/supplier/concentration.js";
export * from "./core/supplier/purchase-order.js";
export * from "./core/supplier/scorecard.js";
export * from "./core/units.js";
