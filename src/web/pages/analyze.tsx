import { useEffect, useMemo, useState } from "preact/hooks";
import { type ApiIssue, api } from "../api.js";
import { Issues, Loading } from "../components/issues.js";
import { type Column, Table } from "../components/table.js";
import { money, num, pct } from "../format.js";
import type { PageProps } from "../page-props.js";

type Cell = string | number | boolean | null;
interface Analysis {
  files: { name: string; kind: string; bytes: number }[];
  demand: {
    file: string;
    rowsRead: number;
    frequency: string;
    firstDate: string;
    lastDate: string;
    series: number;
  } | null;
  patterns: Record<string, number>;
  abc: Record<string, number>;
  readiness: { verdict: string; series: number; tiedUp: number }[];
  columns: string[];
  rows: Cell[][];
  reportHtml: string | null;
}

interface Picked {
  name: string;
  content: string;
  encoding: "utf8" | "base64";
  bytes: number;
}

/** A dropped or chosen file as the API takes it: text, or base64 for gzip. */
async function readPicked(f: File): Promise<Picked> {
  if (/\.gz$/i.test(f.name)) {
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = "";
    for (let i = 0; i < bytes.length; i += 0x8000)
      bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { name: f.name, content: btoa(bin), encoding: "base64", bytes: f.size };
  }
  return { name: f.name, content: await f.text(), encoding: "utf8", bytes: f.size };
}

/** The plan columns shown in the page (plan.csv has them all). */
const SHOWN: { key: string; label: string; numeric?: boolean; format?: (v: Cell) => string }[] = [
  { key: "sku", label: "SKU" },
  { key: "location", label: "Location" },
  { key: "abc", label: "ABC" },
  { key: "xyz", label: "XYZ" },
  { key: "pattern", label: "Demand" },
  { key: "forecast_method", label: "Forecast" },
  { key: "lead_time_mape", label: "LT MAPE", numeric: true, format: (v) => pct(v as number) },
  { key: "safety_stock", label: "Safety stock", numeric: true, format: (v) => num(v as number, 1) },
  { key: "reorder_point", label: "Reorder point", numeric: true, format: (v) => num(v as number, 1) },
  { key: "order_quantity", label: "Order qty", numeric: true, format: (v) => num(v as number, 1) },
  { key: "readiness", label: "Readiness" },
];

const PAGE = 25;

/** Analyze a file: drop CSVs, get `takt analyze`'s result in the page; nothing is stored. */
export function AnalyzePage(_: PageProps) {
  const [files, setFiles] = useState<Picked[]>([]);
  const [report, setReport] = useState(false);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [issues, setIssues] = useState<ApiIssue[] | null>(null);
  const [result, setResult] = useState<Analysis | null>(null);
  const [offset, setOffset] = useState(0);

  const add = async (list: FileList | null) => {
    if (list === null) return;
    const picked = await Promise.all([...list].map(readPicked));
    setFiles((old) => [...old.filter((o) => !picked.some((p) => p.name === o.name)), ...picked]);
  };
  const run = async () => {
    setBusy(true);
    setIssues(null);
    setResult(null);
    const r = await api.post<{ analysis: Analysis }>("/analyze", {
      files: files.map((f) => ({ name: f.name, content: f.content, encoding: f.encoding })),
      include_report: report,
    });
    setBusy(false);
    if (!r.ok) return setIssues(r.issues);
    setResult(r.value.analysis);
    setOffset(0);
  };

  return (
    <>
      <h1>Analyze a file</h1>
      <p class="muted">
        Drop CSV files (demand history, items master, purchase-order lines, inventory snapshots, customer
        orders — each recognised by its header) and get the <code>takt analyze</code> result here. Nothing is
        stored.
      </p>
      <label
        for="analyze-files"
        class={`dropzone${over ? " over" : ""}`}
        style={{
          display: "block",
          border: `2px dashed ${over ? "#3b6ea8" : "#9aa5b1"}`,
          borderRadius: "6px",
          padding: "1.2rem",
          textAlign: "center",
          background: over ? "#eef4fb" : "transparent",
          cursor: "pointer",
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void add(e.dataTransfer?.files ?? null);
        }}
      >
        Drop CSV files here, or click to choose them
      </label>
      <input
        id="analyze-files"
        type="file"
        multiple
        accept=".csv,.tsv,.gz"
        style={{ marginTop: "0.4rem" }}
        onChange={(e) => void add((e.target as HTMLInputElement).files)}
      />
      {files.length > 0 && (
        <ul aria-label="Files to analyze">
          {files.map((f) => (
            <li key={f.name}>
              {f.name} ({num(f.bytes)} bytes){" "}
              <button
                type="button"
                class="link"
                onClick={() => setFiles(files.filter((x) => x.name !== f.name))}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <label>
          <input
            type="checkbox"
            checked={report}
            onChange={(e) => setReport((e.target as HTMLInputElement).checked)}
          />{" "}
          include the HTML report
        </label>{" "}
        <button
          type="button"
          class="primary"
          disabled={files.length === 0 || busy}
          onClick={() => void run()}
        >
          {busy ? "Analyzing…" : "Analyze"}
        </button>
      </p>
      {busy && <Loading what="the analysis" />}
      {issues !== null && <Issues issues={issues} />}
      {result !== null && <Result a={result} offset={offset} setOffset={setOffset} />}
    </>
  );
}

function Result({ a, offset, setOffset }: { a: Analysis; offset: number; setOffset: (o: number) => void }) {
  const idx = new Map(a.columns.map((c, i) => [c, i]));
  const columns: Column<Cell[]>[] = SHOWN.map((s) => ({
    key: s.key,
    label: s.label,
    ...(s.numeric ? { numeric: true } : {}),
    render: (row) => {
      const v = row[idx.get(s.key) ?? -1] ?? null;
      return s.format ? s.format(v) : v === null ? "—" : String(v);
    },
  }));
  return (
    <section aria-label="Analysis result">
      <h2>Result</h2>
      <p class="muted">{a.files.map((f) => `${f.name}: ${f.kind.replace("_", " ")}`).join(" · ")}</p>
      {a.demand === null ? (
        <p>
          No demand history among the files: the operations sections only (include the report to see them).
        </p>
      ) : (
        <>
          <div class="tiles">
            <article class="tile" aria-label="Series">
              <header>Series (SKU × location)</header>
              <p class="value">{num(a.demand.series)}</p>
              <p class="change">
                <span>
                  {a.demand.frequency === "day" ? "daily" : `${a.demand.frequency}ly`}, {a.demand.firstDate}{" "}
                  to {a.demand.lastDate}, {num(a.demand.rowsRead)} rows
                </span>
              </p>
            </article>
            {a.readiness.map((r) => (
              <article class="tile" key={r.verdict} aria-label={`Readiness ${r.verdict}`}>
                <header>JIT readiness: {r.verdict}</header>
                <p class="value">{num(r.series)}</p>
                <p class="change">
                  <span>{money(r.tiedUp)} tied up</span>
                </p>
              </article>
            ))}
          </div>
          <p class="muted">
            Demand classes:{" "}
            {Object.entries(a.patterns)
              .map(([k, v]) => `${k} ${v}`)
              .join(" · ")}{" "}
            — ABC:{" "}
            {Object.entries(a.abc)
              .sort()
              .map(([k, v]) => `${k} ${v}`)
              .join(" · ")}
          </p>
          <Table
            caption="The plan per SKU × location"
            columns={columns}
            rows={a.rows.slice(offset, offset + PAGE)}
            rowKey={(r) => `${String(r[1])}/${String(r[0])}`}
            page={{ offset, limit: PAGE, more: offset + PAGE < a.rows.length, go: setOffset }}
          />
        </>
      )}
      {a.reportHtml !== null && <ReportLink html={a.reportHtml} />}
    </section>
  );
}

/**
 * report.html as a download: it is a self-contained page with its own inline scripts (uPlot), which
 * the dashboard's Content-Security-Policy would block inside the page; opened from disk it works offline.
 */
function ReportLink({ html }: { html: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([html], { type: "text/html" })), [html]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <p>
      <a href={url} download="report.html">
        Download report.html
      </a>{" "}
      <span class="muted">
        ({num(html.length / 1024)} KiB, self-contained: open it in a browser, offline)
      </span>
    </p>
  );
}
