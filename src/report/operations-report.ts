import type { AgingReport } from "../core/aging/aging-report.js";
import { formatIsoDate } from "../core/calendar.js";
import type { KpiRow, KpiValues } from "../core/kpi/compute.js";
import type { Period } from "../core/kpi/period.js";
import type { Playbook } from "../core/kpi/playbooks.js";
import type { KpiName, Light } from "../core/kpi/traffic-light.js";
import type { KpiChange, WeekOverWeek } from "../core/kpi/week-over-week.js";
import type { Attribution, StockoutCause } from "../core/root-cause/attribute.js";
import type { ParetoPeriod } from "../core/root-cause/pareto.js";
import type { ConcentrationReport } from "../core/supplier/concentration.js";
import type { LeadTimeStats } from "../core/supplier/lead-time-stats.js";
import type { Escalation, SupplierScore } from "../core/supplier/scorecard.js";
import type { EpochDay } from "../core/units.js";
import { esc, num, page, pct } from "./html.js";

/** Supplier scorecards: the trailing window, complete months and lead time per mode. */
export interface SupplierSection {
  /** The trailing window, `months` months ending on asOf. */
  readonly window: Period;
  /** Trailing scores, most lines scored first. */
  readonly trailing: readonly SupplierScore[];
  /** Complete calendar months, oldest first. */
  readonly months: readonly Period[];
  /** Per supplier, one score per month (null: nothing due). */
  readonly monthly: ReadonlyMap<string, readonly (SupplierScore | null)[]>;
  readonly escalation: ReadonlyMap<string, Escalation>;
  /** Lead time (receipt − order day, days) per supplier and transport mode over the window. */
  readonly leadTimeByMode: readonly { supplier: string; mode: string; stats: LeadTimeStats }[];
}

/** One ISO week of KPIs with its lights and the change from the week before. */
export interface KpiWeek {
  readonly row: KpiRow;
  readonly lights: Record<KpiName, Light>;
  readonly change: WeekOverWeek;
}

/** The dimensions of kpis_by_group.csv, in its order. */
export const KPI_DIMENSIONS = ["sku", "category", "abc", "supplier", "location"] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** KPIs of one group of one dimension over one period (the latest week or a trailing window). */
export interface KpiGroupRow {
  readonly dimension: KpiDimension;
  /** The group's key; "(none)" gathers records whose attribute is unknown. */
  readonly group: string;
  readonly period: Period;
  readonly values: KpiValues;
  readonly lights: Record<KpiName, Light>;
  /** Red lights among them. */
  readonly reds: number;
}

export interface KpiGroups {
  /** The latest complete week, then the trailing windows ending with it, shortest first. */
  readonly periods: readonly Period[];
  /** The period the report and the terminal rank groups on (the last 4 weeks). */
  readonly focus: Period;
  /** Dimensions with at least one known group, in KPI_DIMENSIONS order. */
  readonly dimensions: readonly KpiDimension[];
  /** By dimension, then period, then group. */
  readonly rows: readonly KpiGroupRow[];
}

export interface KpiSection {
  /** Complete ISO weeks, oldest first (group "all"). */
  readonly weeks: readonly KpiWeek[];
  /** The same KPIs by SKU, category, ABC class, supplier and location (null: no complete week). */
  readonly byGroup: KpiGroups | null;
  /** Playbooks for the red KPIs of the latest week, then for its yellow ones. */
  readonly playbooks: readonly { playbook: Playbook; kpis: KpiName[]; level: "red" | "yellow" }[];
  /** Inputs the KPIs lacked, each with the KPIs it would give. */
  readonly notMeasured: readonly string[];
}

export interface CauseTotal {
  readonly cause: StockoutCause;
  readonly episodes: number;
  /** Stockout days of those episodes. */
  readonly days: number;
  /** episodes ÷ all episodes. */
  readonly share: number;
  readonly cumulativeShare: number;
}

export interface StockoutSection {
  readonly source: "snapshots" | "customer orders";
  readonly window: Period;
  readonly episodes: number;
  /** Most recent first, at most the listing limit. */
  readonly attributions: readonly Attribution[];
  /** Primary causes over the whole window, most episodes first. */
  readonly pareto: readonly CauseTotal[];
  readonly byMonth: readonly ParetoPeriod[];
  /** Checks that could not run, with how many episodes they missed. */
  readonly notChecked: readonly { check: string; episodes: number }[];
}

/** Everything the operations sections show; null sections are missing inputs, named in `missing`. */
export interface OperationsReportModel {
  readonly asOf: EpochDay | null;
  readonly missing: readonly string[];
  readonly suppliers: SupplierSection | null;
  readonly concentration: ConcentrationReport | null;
  readonly kpis: KpiSection | null;
  readonly stockouts: StockoutSection | null;
  readonly aging: AgingReport | null;
}

/** Anchors of the operations sections, for a page's navigation bar. */
export const OPERATIONS_NAV = `<a href="#suppliers">Suppliers</a><a href="#kpis">KPIs</a><a href="#stockouts">Stockouts</a><a href="#aging">Aging</a>`;

const LIGHT_CSS = `<style>.l-green{color:var(--green)}.l-yellow{color:var(--yellow)}.l-red{color:var(--red);font-weight:600}.l-none{color:var(--muted)}
td.bg-green{background:#e6f4ea}td.bg-yellow{background:#fff4d6}td.bg-red{background:#fde7e7}td.bg-none{color:var(--muted)}</style>`;

const light = (l: Light): string => `<span class="l-${esc(l)}">${l === "none" ? "–" : esc(l)}</span>`;
const day = (d: number | null): string => (d === null ? "–" : formatIsoDate(d));
const missingNote = (text: string): string => `<p class="note missing">Not shown: ${esc(text)}</p>`;

/** KPI rows of the weekly table: label, short label (group tables), key, formatter. */
const KPI_ROWS: readonly { name: KpiName; label: string; short: string; fmt: (v: number) => string }[] = [
  { name: "turnoverAnnualised", label: "inventory turns (a year)", short: "turns", fmt: (v) => num(v, 1) },
  { name: "dio", label: "days inventory outstanding", short: "DIO", fmt: (v) => num(v, 1) },
  { name: "orderFulfilmentRate", label: "order fulfilment rate", short: "orders OTIF", fmt: (v) => pct(v) },
  { name: "unitFillRate", label: "unit fill rate", short: "fill rate", fmt: (v) => pct(v) },
  { name: "supplierOnTimeRate", label: "supplier on time", short: "supplier OT", fmt: (v) => pct(v) },
  {
    name: "stockoutFrequency",
    label: "stockouts per SKU-month",
    short: "stockouts",
    fmt: (v) => num(v, 3),
  },
  {
    name: "stockoutMeanDurationDays",
    label: "stockout duration, days",
    short: "SO days",
    fmt: (v) => num(v, 1),
  },
  { name: "carryingCostPct", label: "carrying cost (a year)", short: "carrying", fmt: (v) => pct(v) },
  { name: "leadTimeSdDays", label: "lead-time sd, days", short: "LT sd", fmt: (v) => num(v, 1) },
  { name: "mape", label: "MAPE", short: "MAPE", fmt: (v) => pct(v) },
  { name: "wape", label: "WAPE", short: "WAPE", fmt: (v) => pct(v) },
  {
    name: "emergencyFreightShare",
    label: "emergency freight share",
    short: "exp. freight",
    fmt: (v) => pct(v),
  },
];

/** Dimensions with a table in the KPI section (kpis_by_group.csv has every dimension). */
const GROUP_TABLES: readonly { dimension: KpiDimension; label: string }[] = [
  { dimension: "abc", label: "ABC class" },
  { dimension: "supplier", label: "supplier" },
  { dimension: "location", label: "location" },
];

/**
 * Compact tables of the focus period's KPIs by ABC class, supplier and location: most red lights
 * first, then most yellow, at most `limit` groups each; columns only for KPIs measured somewhere.
 */
function groupTablesHtml(g: KpiGroups | null, limit: number): string {
  if (g === null) return "";
  const focus = g.rows.filter((r) => r.period.key === g.focus.key);
  const tables = GROUP_TABLES.filter((t) => g.dimensions.includes(t.dimension));
  if (tables.length === 0) return "";
  const cols = KPI_ROWS.filter((k) => focus.some((r) => r.lights[k.name] !== "none"));
  const weeks = (g.focus.end - g.focus.start + 1) / 7;
  const yellows = (r: KpiGroupRow) => Object.values(r.lights).filter((l) => l === "yellow").length;
  return `<h3>By ${esc(tables.map((t) => t.label).join(", "))}: ${esc(day(g.focus.start))} to ${esc(day(g.focus.end))}</h3>
<p class="note">The same KPIs and lights over the last ${weeks} complete week${weeks === 1 ? "" : "s"}, groups with most red KPIs first (at most ${limit} each).
kpis_by_group.csv has every SKU, category, ABC class, supplier and location, for the latest week and each trailing window. (none) = records whose attribute is unknown.</p>
${tables
  .map((t) => {
    const rows = focus
      .filter((r) => r.dimension === t.dimension)
      .sort((a, b) => b.reds - a.reds || yellows(b) - yellows(a) || a.group.localeCompare(b.group));
    return `<div class="scroll"><table><thead><tr><th class="t">${esc(t.label)}</th>${cols.map((c) => `<th title="${esc(c.label)}">${esc(c.short)}</th>`).join("")}</tr></thead><tbody>
${rows
  .slice(0, limit)
  .map(
    (r) =>
      `<tr><td>${esc(r.group)}</td>${cols.map((c) => `<td class="bg-${r.lights[c.name]}">${c.fmt(r.values[c.name])}</td>`).join("")}</tr>`,
  )
  .join("")}
</tbody></table></div>${rows.length > limit ? `<p class="note">${rows.length - limit} more in kpis_by_group.csv.</p>` : ""}`;
  })
  .join("\n")}`;
}

const TREND_MARK = { improved: "▲ better", worsened: "▼ worse", unchanged: "=", "n/a": "" } as const;

/** The trend of a change; a difference within rounding noise (10⁻⁹ relative) reads as unchanged. */
function trendMark(c: KpiChange): string {
  if (c.trend !== "n/a" && Math.abs(c.delta) <= 1e-9 * Math.max(1, Math.abs(c.previous)))
    return TREND_MARK.unchanged;
  return TREND_MARK[c.trend];
}

function suppliersHtml(m: OperationsReportModel, limit: number): string {
  const s = m.suppliers;
  const head = `<section id="suppliers"><h2>Suppliers</h2>`;
  if (s === null)
    return `${head}${missingNote(m.missing.find((x) => x.startsWith("Supplier")) ?? "no purchase-order lines.")}</section>`;
  const rows = s.trailing.slice(0, limit);
  const monthsHead = s.months.map((p) => `<th>${esc(p.key.slice(2))}</th>`).join("");
  const byMode = [...s.leadTimeByMode].sort((a, b) => b.stats.n - a.stats.n).slice(0, limit);
  return `${head}
<p class="note">Trailing window ${esc(day(s.window.start))} to ${esc(day(s.window.end))} (lines due in it: promised day, else receipt day).
On time = received from 2 days early to 0 days late against the promised day (early is a miss in JIT); lead time = receipt − order day.
Lights against the default contract: on time ≥ 95 % green, ≥ 90 % yellow; lead-time CV ≤ 0.20 / ≤ 0.30; rejection ≤ 1 % / ≤ 2 %; ASN accuracy ≥ 98 % / ≥ 95 %.
Standing = the worst light; escalation from the monthly standings (docs/suppliers-and-kpis.md).
${s.trailing.length > limit ? `The ${limit} suppliers with most lines of ${s.trailing.length}; suppliers.csv has them all.` : ""}</p>
<div class="scroll"><table><thead><tr><th class="t">supplier</th><th>lines</th><th>received</th><th>overdue</th><th>open</th><th>on time</th><th>in full</th><th>OTIF</th>
<th>LT n</th><th>LT mean</th><th>LT sd</th><th>LT CV</th><th>LT p90</th><th>rejected</th><th>ASN acc.</th><th>value share</th><th class="t">standing</th><th class="t">escalation</th></tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr><td>${esc(r.supplier)}</td><td>${r.linesScored}</td><td>${r.linesReceived}</td><td>${r.linesOverdue}</td><td>${r.linesOpen}</td><td class="l-${r.lights.onTime}">${pct(r.onTimeRate)}</td><td>${pct(r.inFullRate)}</td><td>${pct(r.otifRate)}</td><td>${r.leadTime.n}</td><td>${num(r.leadTime.mean)}</td><td>${num(r.leadTime.sd)}</td><td class="l-${r.lights.leadTimeCv}">${num(r.leadTime.cv, 2)}</td><td>${num(r.leadTime.p90)}</td><td class="l-${r.lights.rejection}">${pct(r.rejectionRate, 2)}</td><td class="l-${r.lights.asnAccuracy}">${pct(r.asnAccuracy)}</td><td>${pct(r.valueShare)}</td><td class="t">${light(r.standing)}</td><td class="t">${esc(s.escalation.get(r.supplier)?.step ?? "none")}</td></tr>`,
  )
  .join("")}
</tbody></table></div>
<h3>On time by month</h3><p class="note">On-time rate of the lines due each complete month, coloured by the month's standing; empty: nothing due.</p>
<div class="scroll"><table><thead><tr><th class="t">supplier</th>${monthsHead}</tr></thead><tbody>
${rows
  .map((r) => {
    const row = s.monthly.get(r.supplier) ?? [];
    return `<tr><td>${esc(r.supplier)}</td>${s.months
      .map((_, i) => {
        const x = row[i] ?? null;
        return x === null
          ? `<td class="bg-none"></td>`
          : `<td class="bg-${x.standing}">${pct(x.onTimeRate, 0)}</td>`;
      })
      .join("")}</tr>`;
  })
  .join("")}
</tbody></table></div>
<h3>Lead time by supplier and mode</h3><p class="note">Days from order to receipt of the lines received in the window; these distributions replace the items master's lead times in the plan (docs/operations-inputs.md).</p>
<table><tr><th class="t">supplier</th><th class="t">mode</th><th>n</th><th>mean</th><th>sd</th><th>CV</th><th>p50</th><th>p90</th><th>p95</th></tr>
${byMode.map((r) => `<tr><td>${esc(r.supplier)}</td><td class="t">${esc(r.mode || "(unknown)")}</td><td>${r.stats.n}</td><td>${num(r.stats.mean)}</td><td>${num(r.stats.sd)}</td><td>${num(r.stats.cv, 2)}</td><td>${num(r.stats.p50)}</td><td>${num(r.stats.p90)}</td><td>${num(r.stats.p95)}</td></tr>`).join("")}
</table>
${concentrationHtml(m.concentration)}
</section>`;
}

function concentrationHtml(c: ConcentrationReport | null): string {
  if (c === null) return "";
  const top = c.spendShares.slice(0, 10);
  const noSpend = Number.isNaN(c.spendHhi);
  return `<h3>Concentration</h3>
<p class="note">Spend = quantity ordered × unit cost of the lines due in the window. HHI = Σ (100 · share)² on 0–10 000; under 1 500 unconcentrated, 1 500–2 500 moderately, over 2 500 highly concentrated (2010 Horizontal Merger Guidelines §5.3).</p>
${
  noSpend
    ? missingNote(
        "spend shares and HHI need unit costs (a unit_cost or line value column in the purchase orders, or unit_cost in the items master).",
      )
    : `<p>Spend HHI <b>${num(c.spendHhi, 0)}</b> (${esc(c.spendHhiBand ?? "")}); A items: HHI ${num(c.aItemHhi, 0)}.</p>
<table><tr><th class="t">supplier</th><th>spend</th><th>share</th></tr>${top.map((x) => `<tr><td>${esc(x.supplier)}</td><td>${num(x.value, 0)}</td><td>${pct(x.share)}</td></tr>`).join("")}</table>`
}
<p>${c.singleSource.length} single-sourced SKU(s), ${c.singleSourceA.length} of them A items${c.singleSourceA.length ? ":" : "."}</p>
${
  c.singleSourceA.length
    ? `<table><tr><th class="t">A item</th><th class="t">only supplier</th></tr>${c.singleSourceA
        .slice(0, 30)
        .map((x) => `<tr><td>${esc(x.sku)}</td><td class="t">${esc(x.supplier)}</td></tr>`)
        .join("")}</table>`
    : ""
}`;
}

function kpisHtml(m: OperationsReportModel): string {
  const k = m.kpis;
  const head = `<section id="kpis"><h2>Weekly KPIs</h2>`;
  if (k === null || k.weeks.length === 0)
    return `${head}${missingNote(m.missing.find((x) => x.startsWith("Weekly")) ?? "no complete week of operational records.")}</section>`;
  const last = k.weeks[k.weeks.length - 1]!;
  return `${head}
<p class="note">Complete ISO weeks (Monday–Sunday) up to ${esc(day(last.row.period.end))}, all SKUs and locations. Lights: green / yellow / red against the defaults of docs/suppliers-and-kpis.md; – = nothing to measure.
The last column compares the latest week with the one before.</p>
${k.notMeasured.length ? `<p class="note">Not measured for lack of input: ${esc(k.notMeasured.join("; "))}.</p>` : ""}
<div class="scroll"><table><thead><tr><th class="t">KPI</th>${k.weeks.map((w) => `<th>${esc(w.row.period.key)}</th>`).join("")}<th class="t">trend</th></tr></thead><tbody>
${KPI_ROWS.map(
  (r) =>
    `<tr><td>${esc(r.label)}</td>${k.weeks.map((w) => `<td class="bg-${w.lights[r.name]}">${r.fmt(w.row.values[r.name])}</td>`).join("")}<td class="t">${esc(trendMark(last.change.changes[r.name]))}</td></tr>`,
).join("")}
</tbody></table></div>
${groupTablesHtml(k.byGroup, 10)}
<h3>Playbooks for ${esc(last.row.period.key)}</h3>
${
  k.playbooks.length === 0
    ? `<p>No KPI is yellow or red in the latest week.</p>`
    : k.playbooks
        .map(
          (p) =>
            `<div class="playbook"><p>${light(p.level)} <b>${esc(p.playbook.situation)}</b> <span class="muted">(${esc(p.kpis.join(", "))})</span></p><ol>${p.playbook.actions.map((a) => `<li>${esc(a)}</li>`).join("")}</ol></div>`,
        )
        .join("")
}
</section>`;
}

function stockoutsHtml(m: OperationsReportModel): string {
  const s = m.stockouts;
  const head = `<section id="stockouts"><h2>Stockouts and root cause</h2>`;
  if (s === null)
    return `${head}${missingNote(m.missing.find((x) => x.startsWith("Stockout")) ?? "no snapshots or customer orders.")}</section>`;
  return `${head}
<p class="note">${s.episodes} episode(s) starting ${esc(day(s.window.start))} to ${esc(day(s.window.end))}, from ${esc(s.source)}${s.source === "snapshots" ? " (runs of on hand ≤ 0, carried forward between snapshots)" : " (days with short-shipped lines)"}.
Each is attributed to the first cause with evidence in the order process → supplier late → transit delay → supplier short → quality rejection → demand spike → threshold too low → undetermined.
Process replays the inventory position (snapshots rolled forward with receipts and daily sales, plus open purchase-order lines) against the reorder point in force (items master reorder_point) and looks for an order within the review period of each crossing; demand spike compares demand over the lead time before the stockout with the plan's mean daily demand × lead time + its safety stock; threshold compares the reorder point in force with the plan's.</p>
${
  s.episodes === 0
    ? "<p>No stockout in the window.</p>"
    : `<table><tr><th class="t">primary cause</th><th>episodes</th><th>stockout days</th><th>share</th><th>cumulative</th></tr>
${s.pareto.map((r) => `<tr><td>${esc(r.cause)}</td><td>${r.episodes}</td><td>${r.days}</td><td>${pct(r.share)}</td><td>${pct(r.cumulativeShare)}</td></tr>`).join("")}</table>
<h3>By month</h3><table><tr><th class="t">month</th><th class="t">causes (episodes)</th></tr>
${s.byMonth.map((p) => `<tr><td>${esc(p.key)}</td><td class="t">${esc(p.rows.map((r) => `${r.cause} ${r.episodes}`).join(" · "))}</td></tr>`).join("")}</table>
${s.notChecked.length ? `<p class="note">Checks not run for lack of data: ${esc(s.notChecked.map((c) => `${c.check} (${c.episodes})`).join("; "))}.</p>` : ""}
<h3>Latest episodes</h3><div class="scroll"><table><thead><tr><th class="t">sku</th><th class="t">location</th><th class="t">from</th><th>days</th><th class="t">primary cause</th><th class="t">evidence</th></tr></thead><tbody>
${s.attributions.map((a) => `<tr><td>${esc(a.episode.sku)}</td><td class="t">${esc(a.episode.location)}</td><td class="t">${esc(day(a.episode.start))}</td><td>${a.episode.durationDays}${a.episode.open ? "+" : ""}</td><td class="t">${esc(a.primary)}</td><td class="t">${esc(a.evidence[0]?.detail ?? "")}</td></tr>`).join("")}
</tbody></table></div>`
}
</section>`;
}

function agingHtml(m: OperationsReportModel, limit: number): string {
  const a = m.aging;
  const head = `<section id="aging"><h2>Aging</h2>`;
  if (a === null)
    return `${head}${missingNote(m.missing.find((x) => x.startsWith("Aging")) ?? "no inventory snapshots.")}</section>`;
  const flagged = a.rows
    .filter((r) => r.flag === "dead" || r.flag === "slow-moving")
    .sort((x, y) => y.value - x.value);
  const counts = new Map<string, number>();
  for (const r of a.rows) counts.set(r.flag, (counts.get(r.flag) ?? 0) + 1);
  return `${head}
<p class="note">As of ${esc(day(m.asOf))}: on hand from the latest snapshot, aged FIFO against receipts (accepted units of purchase-order lines); consumption from the demand history, else shipped customer orders.
Dead: idle ≥ 180 days; slow-moving: idle ≥ 90 days or over 180 days of cover.</p>
<p>${[...counts].map(([f, n]) => `${esc(f)} ${n}`).join(" · ")} — slow-moving value <b>${num(a.slowMovingValue, 0)}</b>, dead value <b>${num(a.deadValue, 0)}</b>.</p>
<table><tr><th class="t">age (days)</th><th>units</th><th>value</th></tr>${a.bucketTotals.map((b) => `<tr><td>${esc(b.label)}</td><td>${num(b.qty, 0)}</td><td>${num(b.value, 0)}</td></tr>`).join("")}</table>
${
  flagged.length
    ? `<h3>Slow-moving and dead stock</h3><div class="scroll"><table><thead><tr><th class="t">sku</th><th class="t">location</th><th class="t">flag</th><th>on hand</th><th>value</th><th>idle days</th><th>days since receipt</th><th>usage / day</th><th>days of cover</th></tr></thead><tbody>
${flagged
  .slice(0, limit)
  .map(
    (r) =>
      `<tr><td>${esc(r.sku)}</td><td class="t">${esc(r.location)}</td><td class="t">${esc(r.flag)}</td><td>${num(r.onHand, 0)}</td><td>${num(r.value, 0)}</td><td>${r.idleDays}</td><td>${r.daysSinceReceipt ?? "–"}</td><td>${num(r.averageDailyUsage, 2)}</td><td>${num(r.daysOfCover, 0)}</td></tr>`,
  )
  .join("")}
</tbody></table></div>`
    : ""
}
</section>`;
}

/** The operations sections (suppliers, KPIs, stockouts, aging) as HTML, for the analyze report. */
export function renderOperationsSections(
  m: OperationsReportModel,
  opts: { readonly limit?: number } = {},
): string {
  const limit = opts.limit ?? 50;
  return `${LIGHT_CSS}
${suppliersHtml(m, limit)}
${kpisHtml(m)}
${stockoutsHtml(m)}
${agingHtml(m, limit)}`;
}

/** A whole self-contained page of operations sections, for runs without a demand history. */
export function renderOperationsReport(
  m: OperationsReportModel,
  meta: { readonly title: string; readonly sources: readonly string[] },
): string {
  const body = `
<header><h1>${esc(meta.title)}</h1><p>${esc(meta.sources.join(", "))} · as of ${esc(day(m.asOf))}</p></header>
<nav>${OPERATIONS_NAV}</nav>
<main>
<section><h2>Demand and plan</h2>${missingNote("forecasts, ABC/XYZ and the replenishment plan need a demand history (sku, date, quantity).")}</section>
${renderOperationsSections(m)}
</main>`;
  return page(meta.title, body, { charts: false });
}
