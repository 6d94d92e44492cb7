import { esc, num, page, pct, scriptJson } from "./html.js";

/** Everything the simulate report shows; built by the simulate use case. Money in the master's currency. */
export interface SimulateReportModel {
  readonly title: string;
  readonly sources: readonly string[];
  readonly historyFirst: string;
  /** Last day the plan saw (the day before `from`). */
  readonly planLast: string;
  readonly from: string;
  readonly to: string;
  readonly replayDays: number;
  readonly policy: string;
  /** The replay's settings in words. */
  readonly settings: readonly string[];
  readonly series: number;
  readonly skipped: number;
  /** Largest first. */
  readonly scales: readonly number[];
  readonly totals: readonly TotalsRow[];
  /** The catalogue-wide recommendation and the every-SKU-at-its-own-scale row. */
  readonly overall: readonly RecommendationRow[];
  readonly statusCounts: readonly { readonly status: string; readonly count: number }[];
  readonly recommendations: readonly RecommendationRow[];
  readonly recommendationsNote: string;
  readonly calibration: {
    readonly tolerance: number;
    readonly counts: readonly { readonly status: string; readonly count: number }[];
    readonly readiness: readonly {
      readonly verdict: string;
      readonly before: number;
      readonly after: number;
    }[];
    readonly flagged: readonly CalibrationRow[];
    readonly flaggedTotal: number;
  };
  readonly traces: readonly TraceDetail[];
}

export interface TotalsRow {
  readonly group: string;
  readonly scale: number;
  readonly skus: number;
  readonly demand: number;
  /** Units-weighted fill rate. */
  readonly fillRate: number;
  readonly meanSkuFillRate: number;
  readonly skusBelowTarget: number;
  readonly stockoutDays: number;
  /** Σ average on-hand value. */
  readonly inventoryValue: number;
  readonly turns: number;
  readonly daysOfInventory: number;
  readonly orders: number;
  readonly totalCost: number;
}

export interface RecommendationRow {
  readonly label: string;
  readonly pattern: string;
  readonly target: number;
  readonly recommendedScale: number | null;
  readonly status: string;
  readonly achieved: number;
  readonly fillRate: number;
  readonly inventoryValue: number;
  readonly fillRateAtOne: number;
  readonly inventoryValueAtOne: number;
  readonly inventoryValueChange: number;
  readonly nextScale: number | null;
  readonly achievedAtNextScale: number;
  readonly skusBelowTarget: number | null;
}

export interface CalibrationRow {
  readonly sku: string;
  readonly location: string;
  readonly pattern: string;
  readonly serviceType: string;
  readonly target: number;
  readonly achieved: number;
  readonly miss: number;
  readonly status: string;
  readonly readiness: string;
  readonly readinessAfterReplay: string;
}

/** One charted series: end-of-day values per replayed day, in units. */
export interface TraceDetail {
  readonly id: string;
  readonly title: string;
  /** Epoch day of the first replayed day. */
  readonly start: number;
  readonly rule: string;
  readonly recommendedScale: number | null;
  readonly demand: readonly number[];
  /** On hand − backorders at scale 1. */
  readonly net: readonly number[];
  readonly onOrder: readonly number[];
  readonly orders: readonly number[];
  readonly receipts: readonly number[];
  /** Net stock at the recommended scale, when it is not 1. */
  readonly netAtRecommended: readonly number[] | null;
}

const scaleText = (s: number | null): string => (s === null ? "–" : `×${s}`);

/** Renders the self-contained simulate report (works offline: styles and charting inlined). */
export function renderSimulateReport(m: SimulateReportModel): string {
  const groups = [...new Set(m.totals.map((t) => t.group))];
  const all = m.totals.filter((t) => t.group === "all");
  const one = all.find((t) => t.scale === 1);
  const chart = {
    scales: m.scales,
    groups: groups.map((g) => ({
      group: g,
      points: m.totals
        .filter((t) => t.group === g)
        .map((t) => ({ scale: t.scale, value: t.inventoryValue, fill: t.fillRate })),
    })),
  };
  const body = `
<header><h1>${esc(m.title)}</h1><p>${esc(m.sources.join(", "))} · planned on ${esc(m.historyFirst)} to ${esc(m.planLast)} ·
replayed ${esc(m.from)} to ${esc(m.to)} (${m.replayDays} days) · ${m.series} series${m.skipped ? ` (${m.skipped} without history before ${esc(m.from)} left out)` : ""}</p>
<p>${esc(m.settings.join(" · "))}</p></header>
<nav><a href="#tradeoff">Trade-off</a><a href="#classes">By demand class</a><a href="#recommendations">Recommendations</a><a href="#calibration">Calibration</a><a href="#traces">Daily traces</a></nav>
<main>
<section id="summary"><h2>Summary</h2><div class="cards">
${one ? `<div class="card"><span>fill rate at scale 1</span><b>${pct(one.fillRate)}</b><span>units served from stock the day demanded</span></div><div class="card"><span>avg. inventory value at scale 1</span><b>${num(one.inventoryValue, 0)}</b><span>${num(one.turns, 1)} turns a year</span></div>` : ""}
${m.overall[0] ? `<div class="card"><span>catalogue: recommended buffer scale</span><b>${m.overall[0].recommendedScale === null ? "none meets the target" : scaleText(m.overall[0].recommendedScale)}</b><span>fill rate ${pct(m.overall[0].fillRate)} vs ${pct(m.overall[0].fillRateAtOne)} at ×1; inventory value ${pct(m.overall[0].inventoryValueChange)}</span></div>` : ""}
${m.overall[1] ? `<div class="card"><span>each series at its own scale: inventory value</span><b>${pct(m.overall[1].inventoryValueChange)}</b><span>fill rate ${pct(m.overall[1].fillRate)} vs ${pct(m.overall[1].fillRateAtOne)} at ×1</span></div>` : ""}
</div></section>
<section id="tradeoff"><h2>Trade-off: inventory value vs fill rate</h2>
<p class="note">Each point is one buffer scale (the safety stock multiplied by the scale, docs/what-if.md), replayed on the actual demand of ${esc(m.from)} to ${esc(m.to)}.
Fill rate is units-weighted (Σ served from stock on the day ÷ Σ demand); inventory value is the sum of the series' average end-of-day on-hand value.</p>
<div id="tradeoff-chart"></div>
<h3>By demand class (inventory value relative to the class at scale 1)</h3>
<div id="tradeoff-class-chart"></div>
<table><tr><th class="t">group</th>${m.scales.map((s) => `<th>${scaleText(s)} value</th><th>${scaleText(s)} fill rate</th>`).join("")}</tr>
${groups
  .map(
    (g) =>
      `<tr><td>${esc(g)}</td>${m.scales
        .map((s) => {
          const t = m.totals.find((x) => x.group === g && x.scale === s);
          return `<td>${num(t?.inventoryValue, 0)}</td><td>${pct(t?.fillRate)}</td>`;
        })
        .join("")}</tr>`,
  )
  .join("")}
</table></section>
<section id="classes"><h2>By demand class and scenario</h2>
<p class="note">Demand class: the Syntetos–Boylan pattern of the history the plan saw. Below target: series whose replayed service is below their own target (fill rate, or cycle service level for cycle targets).</p>
<table><tr><th class="t">class</th><th>scale</th><th>series</th><th>demand</th><th>fill rate</th><th>mean SKU fill rate</th><th>below target</th><th>stockout days</th><th>avg. inventory value</th><th>turns</th><th>days of inventory</th><th>orders</th><th>total cost</th></tr>
${m.totals.map((t) => `<tr><td>${esc(t.group)}</td><td>${scaleText(t.scale)}</td><td>${t.skus}</td><td>${num(t.demand, 0)}</td><td>${pct(t.fillRate)}</td><td>${pct(t.meanSkuFillRate)}</td><td>${t.skusBelowTarget}</td><td>${num(t.stockoutDays, 0)}</td><td>${num(t.inventoryValue, 0)}</td><td>${num(t.turns, 1)}</td><td>${num(t.daysOfInventory, 1)}</td><td>${num(t.orders, 0)}</td><td>${num(t.totalCost, 0)}</td></tr>`).join("")}
</table></section>
<section id="recommendations"><h2>Recommendations</h2>
<p class="note">Per series: the smallest scale whose replay keeps the service at or above the target <em>together with every larger scale tried</em> (walking down from the largest, the first failure stops the search).
Evidence: service and inventory value at that scale against scale 1, and the next smaller scale, which failed. Catalogue: the same rule on the units-weighted fill rate against the demand-weighted target.</p>
<p>${m.statusCounts.map((s) => `${esc(s.status)} <b>${s.count}</b>`).join(" · ")}</p>
${recTable("overall-table", m.overall)}
<p class="note">${esc(m.recommendationsNote)} Click a header to sort.</p>
<div class="scroll">${recTable("rec-table", m.recommendations)}</div></section>
<section id="calibration"><h2>Calibration at scale 1</h2>
<p class="note">Target vs achieved service of the plan as computed (scale 1). Flagged when the miss exceeds ${num(m.calibration.tolerance * 100, 1)} points either way:
below target (the plan under-protects) or above target (the buffer could be cut). A series below target is not JIT-ready: a <span class="jit">jit</span> verdict becomes <span class="hybrid">hybrid</span> (readiness after replay).</p>
<p>${m.calibration.counts.map((c) => `${esc(c.status)} <b>${c.count}</b>`).join(" · ")}</p>
<table><tr><th class="t">readiness</th><th>plan</th><th>after replay</th></tr>${m.calibration.readiness.map((r) => `<tr><td class="${esc(r.verdict)}">${esc(r.verdict)}</td><td>${r.before}</td><td>${r.after}</td></tr>`).join("")}</table>
<h3>Flagged series (${m.calibration.flaggedTotal}; below target first, largest miss first)</h3>
<div class="scroll"><table><tr><th class="t">sku</th><th class="t">location</th><th class="t">class</th><th class="t">service</th><th>target</th><th>achieved</th><th>miss</th><th class="t">status</th><th class="t">readiness</th><th class="t">after replay</th></tr>
${m.calibration.flagged.map((c) => `<tr><td>${esc(c.sku)}</td><td class="t">${esc(c.location)}</td><td class="t">${esc(c.pattern)}</td><td class="t">${esc(c.serviceType)}</td><td>${pct(c.target)}</td><td>${pct(c.achieved)}</td><td>${pct(c.miss)}</td><td class="t">${esc(c.status)}</td><td class="t ${esc(c.readiness)}">${esc(c.readiness)}</td><td class="t ${esc(c.readinessAfterReplay)}">${esc(c.readinessAfterReplay)}</td></tr>`).join("")}
</table></div></section>
<section id="traces"><h2>Daily traces</h2>
<p class="note">The ${m.traces.length} series with the lowest fill rate at scale 1. End-of-day net stock (on hand − backorders; below zero = customers waiting) and on order, in units; orders placed and receipts as points; demand in grey.
With a recommended scale below 1 its net stock is dashed.</p>
<select id="trace-select" aria-label="series">${m.traces.map((d) => `<option value="${esc(d.id)}">${esc(d.title)}</option>`).join("")}</select>
<p id="trace-rule" class="muted"></p><div id="trace-chart"></div>
</section>
</main>
<script>
const TRADEOFF = ${scriptJson(chart)};
const TRACES = ${scriptJson(m.traces)};
${CLIENT_JS}
</script>`;
  return page(m.title, body, { charts: true });
}

function recTable(id: string, rows: readonly RecommendationRow[]): string {
  return `<table id="${id}"><thead><tr><th class="t">series</th><th class="t">class</th><th>target</th><th>scale</th><th class="t">status</th><th>achieved</th><th>fill rate</th><th>inventory value</th><th>fill rate ×1</th><th>inventory value ×1</th><th>value change</th><th>next scale</th><th>achieved there</th><th>below target</th></tr></thead><tbody>
${rows.map((r) => `<tr><td>${esc(r.label)}</td><td class="t">${esc(r.pattern)}</td><td>${pct(r.target)}</td><td>${scaleText(r.recommendedScale)}</td><td class="t">${esc(r.status)}</td><td>${pct(r.achieved)}</td><td>${pct(r.fillRate)}</td><td>${num(r.inventoryValue, 0)}</td><td>${pct(r.fillRateAtOne)}</td><td>${num(r.inventoryValueAtOne, 0)}</td><td>${pct(r.inventoryValueChange)}</td><td>${scaleText(r.nextScale)}</td><td>${pct(r.achievedAtNextScale)}</td><td>${r.skusBelowTarget ?? ""}</td></tr>`).join("")}
</tbody></table>`;
}

const CLIENT_JS = `
(function(){
  const W = () => Math.min(1100, (document.querySelector("main").clientWidth || 1000) - 20);
  const pctAxis = {label:"fill rate", values:(u,v,ax,space,incr)=>v.map(x=>x==null?"":(x*100).toFixed(Math.max(0, Math.min(3, Math.ceil(-Math.log10(incr*100)))))+" %")};
  const all = TRADEOFF.groups.find(g => g.group === "all");
  if (all) {
    const pts = all.points.slice().sort((a,b) => a.value - b.value);
    new uPlot({width: W(), height: 300, scales:{x:{time:false}},
      series:[{label:"avg. inventory value", value:(u,v)=>v==null?"":Math.round(v).toLocaleString("en-US")},
        {label:"catalogue fill rate", stroke:"#1f5fa8", width:2, points:{show:true, size:9}, value:(u,v)=>v==null?"":(v*100).toFixed(2)+" %"}],
      axes:[{label:"average inventory value"}, pctAxis]},
      [pts.map(p=>p.value), pts.map(p=>p.fill)], document.getElementById("tradeoff-chart"));
  }
  const colors = ["#1f5fa8","#1a7f37","#e07b00","#8e44ad","#c62828","#5d6b7a"];
  const groups = TRADEOFF.groups.filter(g => g.group !== "all");
  const xs = new Set();
  const rel = groups.map(g => { const b = g.points.find(p => p.scale === 1); return g.points.map(p => ({x: b && b.value > 0 ? Math.round(1e4 * p.value / b.value) / 100 : null, y: p.fill})).filter(p => p.x !== null); });
  rel.forEach(ps => ps.forEach(p => xs.add(p.x)));
  const X = [...xs].sort((a,b)=>a-b);
  if (X.length) {
    const data = [X, ...rel.map(ps => X.map(x => { const p = ps.find(q => q.x === x); return p ? p.y : null; }))];
    new uPlot({width: W(), height: 300, scales:{x:{time:false}},
      series:[{label:"inventory value, % of scale 1"}, ...groups.map((g,i)=>({label:g.group, stroke:colors[i%colors.length], width:2, spanGaps:true, points:{show:true, size:7}, value:(u,v)=>v==null?"":(v*100).toFixed(2)+" %"}))],
      axes:[{label:"inventory value, % of the class at scale 1"}, pctAxis]}, data, document.getElementById("tradeoff-class-chart"));
  }
  const byId = new Map(TRACES.map(d => [d.id, d]));
  const sel = document.getElementById("trace-select"), box = document.getElementById("trace-chart"), ruleP = document.getElementById("trace-rule");
  let chart;
  const nz = a => a.map(v => v > 0 ? v : null);
  function show(id){
    const d = byId.get(id); if(!d) return;
    sel.value = id;
    const xs = d.demand.map((_, i) => (d.start + i) * 86400);
    const series = [{}, {label:"demand", stroke:"#9aa5b1", width:1},
      {label:"net stock ×1", stroke:"#1f5fa8", width:2},
      {label:"on order", stroke:"#e07b00", width:1},
      {label:"orders placed", stroke:"#1a7f37", paths:()=>null, points:{show:true, size:6, fill:"#1a7f37"}},
      {label:"receipts", stroke:"#8e44ad", paths:()=>null, points:{show:true, size:6, fill:"#8e44ad"}}];
    const data = [xs, d.demand, d.net, d.onOrder, nz(d.orders), nz(d.receipts)];
    if (d.netAtRecommended) { series.push({label:"net stock ×" + d.recommendedScale, stroke:"#1f5fa8", dash:[5,4], width:1}); data.push(d.netAtRecommended); }
    if (chart) chart.destroy();
    chart = new uPlot({width: W(), height: 340, series, axes:[{}, {label:"units"}]}, data, box);
    ruleP.textContent = "Rule at scale 1: " + d.rule + (d.recommendedScale === null ? "; no scale met the target" : "; recommended scale ×" + d.recommendedScale);
  }
  sel.addEventListener("change", () => show(sel.value));
  if (TRACES.length) show(TRACES[0].id);
  const table = document.getElementById("rec-table");
  table.querySelectorAll("th").forEach((th, col) => th.addEventListener("click", () => {
    const rows = Array.from(table.tBodies[0].rows), asc = th.dataset.dir !== "asc"; th.dataset.dir = asc ? "asc" : "desc";
    const key = r => { const t = r.cells[col].textContent.replace(/[,%×\\s]/g, ""); const v = parseFloat(t); return isNaN(v) ? t : v; };
    rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); });
    rows.forEach(r => table.tBodies[0].appendChild(r));
  }));
})();
`;
