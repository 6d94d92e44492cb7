import type { AnalyzeRun } from "../app/analyze.js";
import type { OperationsAnalysis } from "../app/operations.js";
import { formatIsoDate } from "../core/calendar.js";
import { textTable } from "./table.js";

/** The terminal digest of the operations sections: suppliers, latest KPIs, stockouts, aging. */
export function operationsSummary(a: OperationsAnalysis): string {
  const out: string[] = [];
  if (a.asOf !== null) out.push(`Operations as of ${formatIsoDate(a.asOf)}`);
  if (a.suppliers) {
    const s = a.suppliers;
    out.push(
      `\nSuppliers, trailing ${formatIsoDate(s.window.start)} to ${formatIsoDate(s.window.end)} (most lines first):`,
    );
    out.push(
      textTable(
        ["supplier", "lines", "on time", "in full", "LT n", "LT mean", "LT CV", "standing", "escalation"],
        s.trailing
          .slice(0, 10)
          .map((r) => [
            r.supplier.length > 40 ? `${r.supplier.slice(0, 39)}…` : r.supplier,
            String(r.linesScored),
            pct(r.onTimeRate),
            pct(r.inFullRate),
            String(r.leadTime.n),
            n1(r.leadTime.mean),
            Number.isFinite(r.leadTime.cv) ? r.leadTime.cv.toFixed(2) : "–",
            r.standing,
            s.escalation.get(r.supplier)?.step ?? "none",
          ]),
      ),
    );
    if (s.trailing.length > 10) out.push(`… ${s.trailing.length - 10} more in suppliers.csv`);
  }
  if (a.concentration && Number.isFinite(a.concentration.spendHhi))
    out.push(
      `Spend HHI ${n0(a.concentration.spendHhi)} (${a.concentration.spendHhiBand}); ${a.concentration.singleSource.length} single-sourced SKUs, ${a.concentration.singleSourceA.length} of them A items`,
    );
  const last = a.kpis?.weeks[a.kpis.weeks.length - 1];
  if (last) {
    const red = Object.entries(last.lights)
      .filter(([, l]) => l === "red")
      .map(([k]) => k);
    const yellow = Object.entries(last.lights)
      .filter(([, l]) => l === "yellow")
      .map(([k]) => k);
    out.push(
      `\nKPIs ${last.row.period.key}: red ${red.join(", ") || "none"}; yellow ${yellow.join(", ") || "none"}`,
    );
  }
  const g = a.kpis?.byGroup;
  if (g) {
    // Per dimension, the group with most red KPIs over the focus window (ties: alphabetical).
    const worst = g.dimensions.flatMap((dim) => {
      const top = g.rows
        .filter((r) => r.dimension === dim && r.period.key === g.focus.key && r.reds > 0)
        .sort((x, y) => y.reds - x.reds || x.group.localeCompare(y.group))[0];
      return top ? [`${dim} ${top.group} (${top.reds})`] : [];
    });
    out.push(
      `Most red KPIs by group, ${formatIsoDate(g.focus.start)} to ${formatIsoDate(g.focus.end)}: ${worst.join(", ") || "none"} (kpis_by_group.csv)`,
    );
  }
  if (a.stockouts)
    out.push(
      `Stockouts (${a.stockouts.source}): ${a.stockouts.episodes} episode(s) in the window; causes ${a.stockouts.pareto.map((p) => `${p.cause} ${p.episodes}`).join(", ") || "none"}`,
    );
  if (a.aging)
    out.push(`Aging: slow-moving value ${n0(a.aging.slowMovingValue)}, dead value ${n0(a.aging.deadValue)}`);
  for (const m of a.missing) out.push(`Missing: ${m}`);
  return out.join("\n");
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : "–");
const n1 = (v: number) =>
  Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: 1 }) : "–";
const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–");

/** The concise terminal summary: what a planner reads before opening the report. */
export function summary(run: AnalyzeRun): string {
  const m = run.report;
  const out: string[] = [];
  out.push(
    `${m.totals.series} series (${m.totals.skus} SKUs × ${m.totals.locations} locations), ${m.firstDate} to ${m.lastDate}, ${m.totals.rows.toLocaleString("en-US")} rows`,
  );
  out.push(`Demand patterns: ${m.patterns.map((p) => `${p.pattern} ${p.count}`).join(" · ")}`);
  out.push("\nABC × XYZ (series):");
  out.push(
    textTable(
      ["", "X", "Y", "Z"],
      ["A", "B", "C"].map((a, i) => [a, ...m.matrix.counts[i]!.map(String)]),
    ),
  );
  out.push("\nForecast accuracy (rolling-origin backtest, mean per series):");
  out.push(
    textTable(
      ["pattern", "series", "MAPE", "lead-time MAPE", "WAPE", "MASE", "RMSSE", "bias"],
      m.accuracy.map((a) => [
        a.group,
        String(a.series),
        pct(a.mape),
        pct(a.leadTimeMape),
        pct(a.wape),
        a.mase.toFixed(3),
        a.rmsse.toFixed(3),
        pct(a.bias),
      ]),
    ),
  );
  out.push(
    `\nJIT readiness: ${m.readiness.map((r) => `${r.verdict} ${r.count} (${n0(r.inventoryValue)} tied up)`).join(" · ")}`,
  );
  out.push("\nTop series by annual value:");
  out.push(
    textTable(
      [
        "sku",
        "location",
        "class",
        "pattern",
        "method",
        "LT MAPE",
        "safety stock",
        "reorder pt",
        "order qty",
        "readiness",
      ],
      m.table
        .slice(0, 10)
        .map((r) => [
          r.sku,
          r.location,
          `${r.abc}${r.xyz}`,
          r.pattern,
          r.method,
          pct(r.leadTimeMape),
          n1(r.safetyStock),
          n1(r.reorderPoint),
          n0(r.orderQuantity),
          r.readiness,
        ]),
    ),
  );
  if (m.defaults.length)
    out.push(
      `\nDefaulted items-master fields: ${m.defaults.map((d) => `${d.field} (${d.series})`).join(", ")}`,
    );
  return out.join("\n");
}
