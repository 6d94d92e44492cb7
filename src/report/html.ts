import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** Escapes text for HTML element content and attribute values. */
export function esc(v: unknown): string {
  return String(v ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** JSON safe to embed inside a <script> element (no `</script>`, no `<!--`). */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replaceAll("<", "\\u003c")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/** Formats a number for a table: fixed decimals, "–" for missing. */
export function num(v: number | null | undefined, decimals = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return numberFormat(decimals).format(v);
}

// One formatter per decimals: v.toLocaleString(locale, options) builds a new Intl.NumberFormat on every
// call (≈ 30 µs), which made the analyze report's 2,000-row table cost ≈ 0.4 s; the output is the same.
const formats = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number): Intl.NumberFormat {
  let f = formats.get(decimals);
  if (f === undefined) {
    f = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, f);
  }
  return f;
}

export function pct(v: number | null | undefined, decimals = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : `${num(v * 100, decimals)} %`;
}

const require = createRequire(import.meta.url);
let charting: { js: string; css: string } | undefined;

/** The charting library (uPlot), inlined so that reports work offline with no CDN. */
export function chartingAssets(): { js: string; css: string } {
  charting ??= {
    js: readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8"),
    css: readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8"),
  };
  return charting;
}

/** A page shell with takt's report styles and, when asked, the charting library inlined. */
export function page(title: string, body: string, opts: { charts: boolean }): string {
  const assets = opts.charts ? chartingAssets() : undefined;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${REPORT_CSS}${assets ? assets.css : ""}</style>
${assets ? `<script>${assets.js}</script>` : ""}
</head><body>${body}</body></html>
`;
}

const REPORT_CSS = `
:root{--fg:#1d232b;--muted:#5d6b7a;--line:#d9dee4;--bg:#fff;--band:#f5f7f9;--green:#1a7f37;--yellow:#b58100;--red:#c62828;--accent:#1f5fa8}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:18px 28px;border-bottom:1px solid var(--line);background:var(--band)}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:var(--muted)}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:6px 28px;z-index:2}nav a{margin-right:16px;color:var(--accent);text-decoration:none}
main{padding:8px 28px 40px;max-width:1400px}section{margin-top:26px}h2{font-size:17px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th{background:var(--band);position:sticky;top:37px;cursor:pointer;user-select:none}th:first-child,td:first-child,td.t,th.t{text-align:left}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px}.card b{display:block;font-size:20px}.card span{color:var(--muted)}
.jit{color:var(--green)}.hybrid{color:var(--yellow)}.buffered{color:var(--red)}.muted{color:var(--muted)}.note{color:var(--muted);max-width:900px}
.scroll{max-height:560px;overflow:auto;border:1px solid var(--line)}pre.explain{background:var(--band);padding:10px;white-space:pre-wrap;max-width:1000px;font-size:12.5px}
select,input{font:inherit;padding:3px 6px}.scroll th{top:0}.matrix td{min-width:90px}.legend-note{font-size:12px;color:var(--muted)}
`;
