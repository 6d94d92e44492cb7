import { useMemo, useState } from "preact/hooks";
import uPlot from "uplot";
import { Chart } from "../components/chart.js";
import { Issues, Loading } from "../components/issues.js";
import { type Column, Table } from "../components/table.js";
import { useGet } from "../components/use-api.js";
import { day, daySeconds, epochDayOf, money, num } from "../format.js";
import type { PageProps } from "../page-props.js";
import { navigate } from "../router.js";

interface SkuRow {
  sku: string;
  name: string;
  location: string;
  onHand: number;
  inventoryPosition: number;
  openSignals: number;
}
interface Policy {
  version: number;
  status: string;
  ruleKind: string;
  reorderPoint: number | null;
  orderQuantity: number | null;
  safetyStock: number;
  meanDailyDemand: number;
  leadTimeDays: number;
  topOfRed: number | null;
  topOfYellow: number | null;
  topOfGreen: number | null;
  autoReplenishAt: number;
  reviewAtOnHand: number;
  orderingMode?: string;
  autoOrderMaxValue?: number | null;
  explanation: {
    lines?: string[];
    forecast?: { method?: string; reason?: string };
    readiness?: string;
    pattern?: string;
  };
}
interface Detail {
  asOf: string;
  sku: string;
  name: string;
  category: string | null;
  unitCost: number | null;
  location: string;
  position: { onHand: number; onOrder: number; allocated: number; inventoryPosition: number };
  demand: { start: string; units: number[] };
  forecast: { level: number; sd: number; lower: number; upper: number; z: number } | null;
  projection: { start: string; onHand: number[] } | null;
  active: Policy | null;
  proposed: Policy | null;
  openLines: { poNumber: string; lineNo: number; supplier: string; open: number; dueOn: string }[];
  stockouts: { startedAt: string; endedAt: string | null; rootCause: string | null; note: string | null }[];
  lane: { supplier: string; leadTimeDays: number; leadTimeSdDays: number; mode: string } | null;
}

const LIMIT = 25;

/** Find a SKU × location, then its page: history with the planning level, projection, policy, stockouts. */
export function SkuPage({ query }: PageProps) {
  const sku = query.get("sku");
  const location = query.get("location");
  const search = query.get("q") ?? "";
  const offset = Number(query.get("offset") ?? 0) || 0;
  const [text, setText] = useState(search);
  const list = useGet<{ items: SkuRow[]; page: { next: string | null } }>(
    sku === null ? "/dashboard/skus" : null,
    { q: search, limit: LIMIT, offset },
  );
  if (sku !== null && location !== null) return <SkuDetail sku={sku} location={location} />;
  const columns: Column<SkuRow>[] = [
    { key: "sku", label: "SKU", render: (x) => x.sku },
    { key: "name", label: "Name", render: (x) => x.name },
    { key: "loc", label: "Location", render: (x) => x.location },
    { key: "oh", label: "On hand", numeric: true, render: (x) => num(x.onHand) },
    { key: "ip", label: "Inventory position", numeric: true, render: (x) => num(x.inventoryPosition) },
    { key: "sig", label: "Open signals", numeric: true, render: (x) => num(x.openSignals) },
  ];
  return (
    <>
      <h1>SKU</h1>
      <form
        class="filters"
        aria-label="Search SKUs"
        onSubmit={(e) => {
          e.preventDefault();
          navigate("/sku", { q: text.trim() });
        }}
      >
        <span class="field">
          <label for="sku-q">SKU or name</label>
          <input
            id="sku-q"
            type="search"
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
        </span>
        <button type="submit">Search</button>
      </form>
      {list === null ? (
        <Loading what="SKUs" />
      ) : !list.ok ? (
        <Issues issues={list.issues} />
      ) : (
        <Table
          caption="SKU × locations"
          columns={columns}
          rows={list.value.items}
          rowKey={(x) => `${x.location}/${x.sku}`}
          onSelect={(x) => navigate("/sku", { location: x.location, sku: x.sku })}
          page={{
            offset,
            limit: LIMIT,
            more: list.value.page.next !== null,
            go: (o) => navigate("/sku", { q: search, offset: o }),
          }}
          empty="No SKU matches."
        />
      )}
    </>
  );
}

const RULE: Record<string, string> = {
  reorder_point: "(r, Q) reorder point",
  min_max: "min–max (s, S)",
  periodic: "periodic review (R, S)",
  kanban: "kanban",
  ddmrp: "DDMRP buffer",
};

function SkuDetail({ sku, location }: { sku: string; location: string }) {
  const r = useGet<Detail>(`/dashboard/skus/${encodeURIComponent(location)}/${encodeURIComponent(sku)}`);
  const charts = useMemo(() => (r?.ok ? chartsFor(r.value) : null), [r]);
  if (r === null) return <Loading what={`${sku} at ${location}`} />;
  if (!r.ok) return <Issues issues={r.issues} />;
  const d = r.value;
  const p = d.active ?? d.proposed;
  return (
    <>
      <p>
        <a href="#/sku">← All SKUs</a>
      </p>
      <h1>
        {d.sku} at {d.location}{" "}
        <small>
          {d.name}
          {d.category !== null ? ` · ${d.category}` : ""}
        </small>
      </h1>
      <dl class="facts wide">
        <dt>On hand</dt>
        <dd>{num(d.position.onHand)}</dd>
        <dt>On order</dt>
        <dd>{num(d.position.onOrder)}</dd>
        <dt>Allocated</dt>
        <dd>{num(d.position.allocated)}</dd>
        <dt>Inventory position</dt>
        <dd>{num(d.position.inventoryPosition)}</dd>
        <dt>Unit cost</dt>
        <dd>{money(d.unitCost)}</dd>
        <dt>Supplier</dt>
        <dd>
          {d.lane === null
            ? "—"
            : `${d.lane.supplier} (${d.lane.mode}, ${num(d.lane.leadTimeDays, 1)} ± ${num(d.lane.leadTimeSdDays, 1)} d)`}
        </dd>
      </dl>
      {charts !== null && (
        <div class="cols">
          <section aria-labelledby="hist-h">
            <h2 id="hist-h">Demand, last {d.demand.units.length} days</h2>
            <Chart {...charts.history} />
            <p class="muted legend">
              Bars: units a day. Line: planning level {num(d.forecast?.level, 2)}/day
              {d.forecast !== null &&
                `; band ±${d.forecast.z}·σ (σ ${num(d.forecast.sd, 2)}/day over the last 56 days, 80 % under a normal approximation)`}
              .
            </p>
          </section>
          <section aria-labelledby="proj-h">
            <h2 id="proj-h">Projected on hand</h2>
            {charts.projection !== null ? (
              <Chart {...charts.projection} />
            ) : (
              <p class="muted">No policy yet: nothing to project.</p>
            )}
            <p class="muted legend">
              If no new order is placed: on hand − allocated, minus the planning level a day, plus open order
              lines on their due day. Lines: reorder point, safety stock
              {p?.topOfGreen !== null && p?.topOfGreen !== undefined ? ", DDMRP zones" : ""}.
            </p>
          </section>
        </div>
      )}
      <div class="cols">
        <section aria-labelledby="pol-h">
          <h2 id="pol-h">Policy</h2>
          {p === null ? (
            <p class="muted">
              No policy: the planning job has not proposed one (too little history, or no demand).
            </p>
          ) : (
            <>
              <p>
                <strong>{RULE[p.ruleKind] ?? p.ruleKind}</strong>, version {p.version} ({p.status})
                {d.active !== null && d.proposed !== null && ` — version ${d.proposed.version} proposed`}
              </p>
              <dl class="facts">
                <dt>Reorder point</dt>
                <dd>{num(p.reorderPoint, 1)}</dd>
                <dt>Order quantity</dt>
                <dd>{num(p.orderQuantity, 1)}</dd>
                <dt>Safety stock</dt>
                <dd>{num(p.safetyStock, 1)}</dd>
                <dt>Demand / day</dt>
                <dd>{num(p.meanDailyDemand, 2)}</dd>
                <dt>Lead time</dt>
                <dd>{num(p.leadTimeDays, 1)} d</dd>
                <dt>Review at on hand</dt>
                <dd>{num(p.reviewAtOnHand, 1)}</dd>
                <dt>Ordering</dt>
                <dd>
                  {p.orderingMode === "automatic"
                    ? `automatic${p.autoOrderMaxValue != null ? `, orders up to ${num(p.autoOrderMaxValue, 0)}` : ""}`
                    : "approval by a planner"}
                </dd>
                {p.topOfGreen !== null && (
                  <>
                    <dt>DDMRP red / yellow / green</dt>
                    <dd>
                      {num(p.topOfRed, 1)} / {num(p.topOfYellow, 1)} / {num(p.topOfGreen, 1)}
                    </dd>
                  </>
                )}
              </dl>
              {p.explanation.forecast?.method !== undefined && (
                <p>
                  Forecast: <strong>{p.explanation.forecast.method}</strong> — {p.explanation.forecast.reason}
                </p>
              )}
              {p.explanation.readiness !== undefined && (
                <p>
                  JIT readiness: <strong>{p.explanation.readiness}</strong>
                  {p.explanation.pattern !== undefined && `; demand pattern ${p.explanation.pattern}`}
                </p>
              )}
              <details>
                <summary>How it was derived</summary>
                <ol class="derivation">
                  {(p.explanation.lines ?? []).map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ol>
              </details>
            </>
          )}
        </section>
        <section aria-labelledby="open-h">
          <h2 id="open-h">Open order lines</h2>
          <Table
            caption="Open order lines"
            columns={[
              { key: "po", label: "PO", render: (x) => `${x.poNumber}/${x.lineNo}` },
              { key: "sup", label: "Supplier", render: (x) => x.supplier },
              { key: "open", label: "Open units", numeric: true, render: (x) => num(x.open) },
              { key: "due", label: "Due", render: (x) => day(x.dueOn) },
            ]}
            rows={d.openLines}
            rowKey={(x) => `${x.poNumber}/${x.lineNo}`}
            empty="No open order."
          />
          <h2>Stockout episodes</h2>
          <Table
            caption="Stockout episodes"
            columns={[
              { key: "from", label: "From", render: (x) => day(x.startedAt) },
              { key: "to", label: "To", render: (x) => (x.endedAt === null ? "open" : day(x.endedAt)) },
              {
                key: "cause",
                label: "Root cause",
                render: (x) => (x.rootCause ?? "not yet analysed").replaceAll("_", " "),
              },
              { key: "note", label: "Note", render: (x) => x.note ?? "" },
            ]}
            rows={d.stockouts}
            rowKey={(x) => String(x.startedAt)}
            empty="No stockout recorded."
          />
        </section>
      </div>
    </>
  );
}

type ChartSpec = {
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  height: number;
  label: string;
};

function chartsFor(d: Detail): { history: ChartSpec; projection: ChartSpec | null } {
  const start = epochDayOf(d.demand.start);
  const xs = d.demand.units.map((_, i) => daySeconds(start + i));
  const f = d.forecast;
  const flat = (v: number | undefined) => d.demand.units.map(() => (v === undefined ? null : v));
  const history: ChartSpec = {
    height: 240,
    label: `Daily demand of ${d.sku} at ${d.location} with the planning level`,
    data: [xs, d.demand.units, flat(f?.level), flat(f?.lower), flat(f?.upper)],
    options: {
      scales: { x: { time: true } },
      series: [
        {},
        { label: "units/day", stroke: "#5b7fa6", fill: "rgba(91,127,166,0.35)", width: 1, paths: barsPath() },
        { label: "level", stroke: "#c2572b", width: 2 },
        { label: "band low", stroke: "rgba(194,87,43,0.5)", dash: [4, 4], width: 1 },
        { label: "band high", stroke: "rgba(194,87,43,0.5)", dash: [4, 4], width: 1 },
      ],
      axes: [{}, { label: "units" }],
    },
  };
  const p = d.active ?? d.proposed;
  let projection: ChartSpec | null = null;
  if (d.projection !== null && p !== null) {
    const ps = epochDayOf(d.projection.start);
    const px = d.projection.onHand.map((_, i) => daySeconds(ps + i));
    const line = (v: number | null) => px.map(() => v);
    const series: uPlot.Series[] = [
      {},
      {
        label: "projected on hand",
        stroke: "#2f6f4f",
        width: 2,
        fill: "rgba(47,111,79,0.10)",
        points: { show: false },
      },
      { label: "reorder point", stroke: "#b58900", dash: [6, 3], width: 1.5, points: { show: false } },
      { label: "safety stock", stroke: "#c0392b", dash: [2, 3], width: 1.5, points: { show: false } },
    ];
    const data: (number | null)[][] = [px, d.projection.onHand, line(p.reorderPoint), line(p.safetyStock)];
    if (p.topOfGreen !== null) {
      series.push(
        { label: "top of red", stroke: "#d64541", width: 1 },
        { label: "top of yellow", stroke: "#e0b000", width: 1 },
        { label: "top of green", stroke: "#3c9d5d", width: 1 },
      );
      data.push(line(p.topOfRed), line(p.topOfYellow), line(p.topOfGreen));
    }
    projection = {
      height: 240,
      label: `Projected on hand of ${d.sku} at ${d.location} against its reorder point and safety stock`,
      data: data as uPlot.AlignedData,
      options: { scales: { x: { time: true } }, series, axes: [{}, { label: "units" }] },
    };
  }
  return { history, projection };
}

/** Bars for daily figures (uPlot's own bars path builder). */
const barsPath = (): uPlot.Series.PathBuilder => uPlot.paths.bars!({ size: [0.8, 12] });
