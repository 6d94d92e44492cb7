import { esc, num, page, pct, scriptJson } from "./html.js";
import { OPERATIONS_NAV, type OperationsReportModel, renderOperationsSections } from "./operations-report.js";

/** Everything the analyze report shows; built by the analyze use case from the plan. */
export interface AnalyzeReportModel {
  readonly title: string;
  readonly sources: readonly string[];
  readonly firstDate: string;
  readonly lastDate: string;
  readonly totals: {
    readonly series: number;
    readonly skus: number;
    readonly locations: number;
    readonly rows: number;
  };
  readonly warnings: readonly string[];
  /** ABC × XYZ: counts[abc][xyz] and annual value, abc in A,B,C and xyz in X,Y,Z order. */
  readonly matrix: {
    readonly counts: readonly (readonly number[])[];
    readonly value: readonly (readonly number[])[];
  };
  readonly patterns: readonly { readonly pattern: string; readonly count: number }[];
  readonly accuracy: readonly AccuracyRow[];
  readonly methods: readonly { readonly method: string; readonly count: number }[];
  readonly readiness: readonly {
    readonly verdict: string;
    readonly count: number;
    readonly inventoryValue: number;
  }[];
  readonly defaults: readonly { readonly field: string; readonly series: number; readonly value: string }[];
  readonly table: readonly TableRow[];
  readonly tableNote: string;
  readonly details: readonly SeriesDetail[];
  /** Supplier, KPI, stockout and aging sections, when operational files were given. */
  readonly operations?: OperationsReportModel;
}

export interface AccuracyRow {
  readonly group: string;
  readonly series: number;
  readonly mape: number;
  readonly wape: number;
  readonly mase: number;
  readonly rmsse: number;
  readonly bias: number;
  readonly leadTimeMape: number;
}

export interface TableRow {
  readonly id: string;
  readonly sku: string;
  readonly location: string;
  readonly abc: string;
  readonly xyz: string;
  readonly pattern: string;
  readonly meanDailyDemand: number;
  readonly method: string;
  readonly leadTimeMape: number;
  readonly rmsse: number;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly orderQuantity: number;
  readonly readiness: string;
  readonly annualValue: number;
}

export interface SeriesDetail {
  readonly id: string;
  readonly title: string;
  /** Epoch day of history[0]. */
  readonly start: number;
  /** Days between consecutive values (1 daily, 7 weekly, ~30.4 monthly). */
  readonly stepDays: number;
  readonly history: readonly number[];
  readonly forecast: readonly number[];
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly explanation: readonly string[];
}

/** Renders the self-contained analyze report (works offline: styles and charting inlined). */
export function renderAnalyzeReport(m: AnalyzeReportModel): string {
  const abc = ["A", "B", "C"];
  const xyz = ["X", "Y", "Z"];
  const totalValue = m.readiness.reduce((s, r) => s + r.inventoryValue, 0);
  const body = `
<header><h1>${esc(m.title)}</h1><p>${esc(m.sources.join(", "))} · ${esc(m.firstDate)} to ${esc(m.lastDate)} ·
${m.totals.series} series (${m.totals.skus} SKUs × ${m.totals.locations} locations) · ${m.totals.rows.toLocaleString("en-US")} rows</p></header>
<nav><a href="#summary">Summary</a><a href="#matrix">ABC × XYZ</a><a href="#accuracy">Forecast accuracy</a><a href="#readiness">JIT readiness</a><a href="#plan">Plan</a><a href="#sku">Per SKU</a>${m.operations ? OPERATIONS_NAV : ""}</nav>
<main>
${m.warnings.length ? `<section><h2>Warnings</h2><ul>${m.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></section>` : ""}
<section id="summary"><h2>Summary</h2><div class="cards">
${m.readiness.map((r) => `<div class="card"><span class="${esc(r.verdict)}">${esc(r.verdict.toUpperCase())}</span><b>${r.count}</b><span>series · ${num(r.inventoryValue, 0)} tied up (${pct(totalValue > 0 ? r.inventoryValue / totalValue : 0, 0)})</span></div>`).join("")}
${m.patterns.map((p) => `<div class="card"><span>${esc(p.pattern)}</span><b>${p.count}</b><span>series</span></div>`).join("")}
</div>
${
  m.defaults.length
    ? `<h3>Defaulted inputs</h3><p class="note">These items-master fields were missing and took takt's documented defaults (docs/conventions.md).</p>
<table><tr><th class="t">field</th><th>series</th><th class="t">default used</th></tr>${m.defaults.map((d) => `<tr><td>${esc(d.field)}</td><td>${d.series}</td><td class="t">${esc(d.value)}</td></tr>`).join("")}</table>`
    : ""
}
</section>
<section id="matrix"><h2>ABC × XYZ matrix</h2>
<p class="note">ABC by annual consumption value (units × unit cost); XYZ by the coefficient of variation of daily demand. Cells: series count, annual value.</p>
<table class="matrix"><tr><th></th>${xyz.map((x) => `<th>${x}</th>`).join("")}<th>total</th></tr>
${abc
  .map((a, i) => {
    const rowCount = m.matrix.counts[i]!.reduce((s, v) => s + v, 0);
    const rowValue = m.matrix.value[i]!.reduce((s, v) => s + v, 0);
    return `<tr><th>${a}</th>${xyz.map((_, j) => `<td>${m.matrix.counts[i]![j]}<br><span class="muted">${num(m.matrix.value[i]![j], 0)}</span></td>`).join("")}<td>${rowCount}<br><span class="muted">${num(rowValue, 0)}</span></td></tr>`;
  })
  .join("")}
</table></section>
<section id="accuracy"><h2>Forecast accuracy</h2>
<p class="note">Rolling-origin backtest on each series' own history. MAPE over non-zero actuals only; WAPE = Σ|error| ÷ Σactual;
lead-time MAPE is the MAPE of forecast totals over the protection interval (what a buffer must cover, and what the JIT
readiness verdict judges); MASE and RMSSE scaled by the in-sample one-step naive error; bias = Σ(forecast − actual) ÷ Σactual (positive = over-forecast).
Methods are chosen by RMSSE because the forecast feeds buffer sizing (docs/forecasting.md).</p>
<table><tr><th class="t">group</th><th>series</th><th>MAPE</th><th>lead-time MAPE</th><th>WAPE</th><th>MASE</th><th>RMSSE</th><th>bias</th></tr>
${m.accuracy.map((r) => `<tr><td>${esc(r.group)}</td><td>${r.series}</td><td>${pct(r.mape)}</td><td>${pct(r.leadTimeMape)}</td><td>${pct(r.wape)}</td><td>${num(r.mase, 3)}</td><td>${num(r.rmsse, 3)}</td><td>${pct(r.bias)}</td></tr>`).join("")}
</table>
<h3>Methods chosen</h3><table><tr><th class="t">method</th><th>series</th></tr>${m.methods.map((r) => `<tr><td>${esc(r.method)}</td><td>${r.count}</td></tr>`).join("")}</table>
</section>
<section id="readiness"><h2>JIT readiness</h2>
<table><tr><th class="t">verdict</th><th>series</th><th>inventory value tied up (avg. cycle + safety stock)</th></tr>
${m.readiness.map((r) => `<tr><td class="${esc(r.verdict)}">${esc(r.verdict)}</td><td>${r.count}</td><td>${num(r.inventoryValue, 0)}</td></tr>`).join("")}</table>
</section>
<section id="plan"><h2>Plan</h2><p class="note">${esc(m.tableNote)} Click a header to sort.</p>
<div class="scroll"><table id="plan-table"><thead><tr><th class="t">sku</th><th class="t">location</th><th class="t">ABC</th><th class="t">XYZ</th><th class="t">pattern</th><th>mean/day</th><th class="t">method</th><th>lead-time MAPE</th><th>RMSSE</th><th>safety stock</th><th>reorder point</th><th>order qty</th><th class="t">readiness</th><th>annual value</th></tr></thead><tbody>
${m.table.map((r) => `<tr><td><a href="#sku" data-id="${esc(r.id)}">${esc(r.sku)}</a></td><td class="t">${esc(r.location)}</td><td class="t">${esc(r.abc)}</td><td class="t">${esc(r.xyz)}</td><td class="t">${esc(r.pattern)}</td><td>${num(r.meanDailyDemand, 2)}</td><td class="t">${esc(r.method)}</td><td>${pct(r.leadTimeMape)}</td><td>${num(r.rmsse, 3)}</td><td>${num(r.safetyStock)}</td><td>${num(r.reorderPoint)}</td><td>${num(r.orderQuantity, 0)}</td><td class="t ${esc(r.readiness)}">${esc(r.readiness)}</td><td>${num(r.annualValue, 0)}</td></tr>`).join("")}
</tbody></table></div></section>
<section id="sku"><h2>Per SKU</h2>
<p class="note">Demand history (last year) and forecast (left axis, units per period), with safety stock and reorder point (right axis, units of stock). ${m.details.length} series with the highest annual value are charted.</p>
<select id="sku-select" aria-label="series">${m.details.map((d) => `<option value="${esc(d.id)}">${esc(d.title)}</option>`).join("")}</select>
<div id="sku-chart"></div><pre class="explain" id="sku-explain"></pre>
</section>
${m.operations ? renderOperationsSections(m.operations) : ""}
</main>
<script>
const DETAILS = ${scriptJson(m.details)};
${CLIENT_JS}
</script>`;
  return page(m.title, body, { charts: true });
}

const CLIENT_JS = `
(function(){
  const byId = new Map(DETAILS.map(d => [d.id, d]));
  const sel = document.getElementById("sku-select"), box = document.getElementById("sku-chart"), ex = document.getElementById("sku-explain");
  let chart;
  function show(id){
    const d = byId.get(id); if(!d) return;
    sel.value = id;
    const n = d.history.length, h = d.forecast.length, xs = [], hist = [], fc = [], ss = [], rop = [];
    for(let i=0;i<n+h;i++){ xs.push((d.start+i*d.stepDays)*86400); hist.push(i<n?d.history[i]:null); fc.push(i>=n?d.forecast[i-n]:(i===n-1?d.history[i]:null)); ss.push(d.safetyStock); rop.push(d.reorderPoint); }
    if(chart) chart.destroy();
    chart = new uPlot({width: Math.min(1300, box.clientWidth||1000), height: 320, series:[{}, {label:"demand", stroke:"#1f5fa8", width:1},
      {label:"forecast", stroke:"#e07b00", width:2}, {label:"safety stock (units)", stroke:"#c62828", dash:[6,4], scale:"stock"}, {label:"reorder point (units)", stroke:"#1a7f37", dash:[2,3], scale:"stock"}],
      scales:{stock:{range:(u,min,max)=>[0, Math.max(max, 1)*1.1]}},
      axes:[{},{label:"demand, units / period"},{scale:"stock", side:1, label:"stock, units", grid:{show:false}}]}, [xs, hist, fc, ss, rop], box);
    ex.textContent = d.explanation.join("\\n");
  }
  sel.addEventListener("change", () => show(sel.value));
  document.querySelectorAll("a[data-id]").forEach(a => a.addEventListener("click", () => show(a.dataset.id)));
  if (DETAILS.length) show(DETAILS[0].id);
  const table = document.getElementById("plan-table");
  table.querySelectorAll("th").forEach((th, col) => th.addEventListener("click", () => {
    const rows = Array.from(table.tBodies[0].rows), asc = th.dataset.dir !== "asc"; th.dataset.dir = asc ? "asc" : "desc";
    const key = r => { const t = r.cells[col].textContent.replace(/[,%\\s]/g, ""); const v = parseFloat(t); return isNaN(v) ? t : v; };
    rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); });
    rows.forEach(r => table.tBodies[0].appendChild(r));
  }));
})();
`;
