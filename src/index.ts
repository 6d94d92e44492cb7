/**
 * takt's library API: the pure core, with units documented on each function.
 * `import { … } from "takt"`.
 */
export * from "./core/calendar.js";
export * from "./core/result.js";
export * from "./core/series.js";
export * from "./core/units.js";
