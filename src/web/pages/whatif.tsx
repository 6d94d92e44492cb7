import { useMemo, useState } from "preact/hooks";
import type uPlot from "uplot";
import { type ApiIssue, api } from "../api.js";
import { Chart } from "../components/chart.js";
import { Issues, Loading } from "../components/issues.js";
import { type Column, Table } from "../components/table.js";
import { money, num, pct, signedPct } from "../format.js";
import type { PageProps } from "../page-props.js";
import { navigate } from "../router.js";
import { canPlan } from "../session.js";

interface CurvePoint {
  scale: number;
  inventoryValue: number;
  fillRate: number | null;
  stockoutDays: number;
  skusBelowTarget: number;
  inventoryTurns: number | null;
}
interface Recommendation {
  recommendedScale: number | null;
  status: string;
  target: number | null;
  fillRate: number | null;
  inventoryValue: number;
  fillRateAtOne: number | null;
  inventoryValueAtOne: number;
  inventoryValueChange: number | null;
  nextScale: number | null;
  achievedAtNextScale: number | null;
  skusBelowTarget: number | null;
}
interface Item {
  sku: string;
  location: string;
  supplier: string | null;
  abc: string;
  pattern: string;
  serviceTarget: number;
  recommendedScale: number | null;
  status: string;
  perScale: { scale: number; fillRate: number | null; inventoryValue: number; stockoutDays: number }[];
}
interface WhatIf {
  cut: string;
  to: string;
  scales: number[];
  series: number;
  skipped: { sku: string; location: string; reason: string }[];
  curve: CurvePoint[];
  recommendation: Recommendation;
  items: Item[];
}

/** The selection as it sits in the URL (state lives in the URL: reloads and links work). */
const FIELDS = ["skus", "locations", "suppliers", "abc", "patterns", "days"] as const;
type Field = (typeof FIELDS)[number];

const list = (s: string | null): string[] | undefined => {
  const v = (s ?? "")
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
  return v.length > 0 ? v : undefined;
};

const PAGE = 20;

/**
 * What-if: pick SKUs or a class, replay the stored history at every buffer scale in one call (POST
 * /whatif), then move the slider along the returned trade-off curve — no further request — and save
 * the chosen scale as proposed policy versions (POST /whatif/proposals).
 */
export function WhatIfPage({ query, session }: PageProps) {
  const get = (f: Field) => query.get(f) ?? "";
  const [form, setForm] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, get(f)])) as Record<Field, string>,
  );
  const [result, setResult] = useState<WhatIf | null>(null);
  const [issues, setIssues] = useState<ApiIssue[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [k, setK] = useState(0);
  const [offset, setOffset] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);

  const run = async () => {
    navigate("/whatif", form);
    setBusy(true);
    setIssues(null);
    setSaved(null);
    const body = {
      ...(list(form.skus) ? { skus: list(form.skus) } : {}),
      ...(list(form.locations) ? { locations: list(form.locations) } : {}),
      ...(list(form.suppliers) ? { suppliers: list(form.suppliers) } : {}),
      ...(form.abc ? { abc: [form.abc] } : {}),
      ...(form.patterns ? { patterns: [form.patterns] } : {}),
      ...(form.days ? { replay_days: Number(form.days) } : {}),
    };
    const r = await api.post<{ whatIf: WhatIf }>("/whatif", body);
    setBusy(false);
    if (!r.ok) {
      setResult(null);
      setIssues(r.issues);
      return;
    }
    const w = r.value.whatIf;
    setResult(w);
    setOffset(0);
    const rec = w.recommendation.recommendedScale;
    setK(Math.max(0, w.scales.indexOf(rec ?? 1)));
  };

  const save = async () => {
    if (result === null) return;
    const scale = result.scales[k]!;
    setSaved(null);
    const r = await api.post<{ proposed: number; skipped: number }>("/whatif/proposals", {
      items: result.items.map((i) => ({ sku: i.sku, location: i.location })),
      scale,
      note: `what-if from ${result.cut} to ${result.to}`,
    });
    if (!r.ok) {
      setIssues(r.issues);
      return;
    }
    setSaved(
      `Proposed ${r.value.proposed} policy version(s) at buffer ×${scale}` +
        (r.value.skipped > 0 ? ` (${r.value.skipped} skipped: no active policy)` : "") +
        ". They wait for approval (the policies API), or go live through a pilot.",
    );
  };

  const makePilot = async () => {
    if (result === null) return;
    const r = await api.post("/pilot", {
      name: `what-if of ${result.cut}: ${result.series} items`,
      members: result.items.map((i) => ({ sku: i.sku, location: i.location })),
    });
    if (!r.ok) return setIssues(r.issues);
    navigate("/pilot");
  };

  const input = (f: Field, label: string, hint: string) => (
    <span class="field">
      <label for={`wi-${f}`}>{label}</label>
      <input
        id={`wi-${f}`}
        value={form[f]}
        placeholder={hint}
        onInput={(e) => setForm({ ...form, [f]: (e.target as HTMLInputElement).value })}
      />
    </span>
  );
  const select = (f: Field, label: string, options: readonly string[]) => (
    <span class="field">
      <label for={`wi-${f}`}>{label}</label>
      <select
        id={`wi-${f}`}
        value={form[f]}
        onChange={(e) => setForm({ ...form, [f]: (e.target as HTMLSelectElement).value })}
      >
        <option value="">all</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </span>
  );

  return (
    <>
      <h1>What-if</h1>
      <p class="muted">
        Replays the stored history: each item is planned on the days before the cut and the following days are
        replayed at every buffer scale (safety stock × scale). At most 500 item × locations per run.
      </p>
      <form
        class="filters"
        aria-label="Selection"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        {input("skus", "SKUs", "all")}
        {input("locations", "Locations", "all")}
        {input("suppliers", "Suppliers", "all")}
        {select("abc", "ABC class", ["A", "B", "C"])}
        {select("patterns", "Demand class", ["smooth", "erratic", "intermittent", "lumpy"])}
        <span class="field">
          <label for="wi-days">Days replayed</label>
          <select
            id="wi-days"
            value={form.days || "91"}
            onChange={(e) => setForm({ ...form, days: (e.target as HTMLSelectElement).value })}
          >
            {["28", "56", "91", "182"].map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </span>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Replaying…" : "Run what-if"}
        </button>
      </form>
      {busy && <Loading what="the replay at every scale" />}
      {issues !== null && <Issues issues={issues} />}
      {result !== null && !busy && (
        <Result
          w={result}
          k={k}
          setK={setK}
          offset={offset}
          setOffset={setOffset}
          canSave={canPlan(session)}
          save={save}
          saved={saved}
          makePilot={makePilot}
        />
      )}
    </>
  );
}

function Result(p: {
  w: WhatIf;
  k: number;
  setK: (k: number) => void;
  offset: number;
  setOffset: (o: number) => void;
  canSave: boolean;
  save: () => void;
  saved: string | null;
  makePilot: () => void;
}) {
  const { w, k } = p;
  const at = w.curve[k]!;
  const one = w.curve[w.scales.indexOf(1)]!;
  const rec = w.recommendation;
  // The slider runs from the smallest buffer (left) to the largest (right).
  const order = w.curve.map((_, i) => i).reverse();
  const pos = order.indexOf(k);
  const chart = useMemo(() => {
    const pts = [...w.curve].sort((a, b) => a.inventoryValue - b.inventoryValue);
    return {
      xs: pts.map((c) => c.inventoryValue),
      ys: pts.map((c) => (c.fillRate === null ? null : c.fillRate * 100)),
      scales: pts.map((c) => c.scale),
    };
  }, [w]);
  const data: uPlot.AlignedData = [
    chart.xs,
    chart.ys,
    chart.scales.map((s, i) => (s === at.scale ? chart.ys[i]! : null)),
  ];
  const options = useMemo<Omit<uPlot.Options, "width" | "height">>(
    () => ({
      scales: { x: { time: false } },
      axes: [
        { label: "average inventory value", size: 40 },
        { label: "fill rate %", size: 56 },
      ],
      series: [
        { label: "inventory value", value: (_u, v) => money(v) },
        {
          label: "fill rate",
          stroke: "#3b6ea8",
          width: 2,
          points: { show: true, size: 6 },
          value: (_u, v) => `${num(v, 1)} %`,
        },
        {
          label: "chosen scale",
          stroke: "#c0392b",
          width: 0,
          points: { show: true, size: 12, fill: "#c0392b" },
          value: (_u, v) => (v === null ? "" : `${num(v, 1)} %`),
        },
      ],
    }),
    [],
  );
  const columns: Column<Item>[] = [
    { key: "sku", label: "SKU", render: (x) => x.sku },
    { key: "loc", label: "Location", render: (x) => x.location },
    { key: "abc", label: "ABC", render: (x) => x.abc },
    { key: "pat", label: "Demand", render: (x) => x.pattern },
    { key: "target", label: "Target", numeric: true, render: (x) => pct(x.serviceTarget) },
    {
      key: "fill",
      label: `Fill rate ×${at.scale}`,
      numeric: true,
      render: (x) => pct(x.perScale[k]!.fillRate),
    },
    {
      key: "value",
      label: `Inventory value ×${at.scale}`,
      numeric: true,
      render: (x) => money(x.perScale[k]!.inventoryValue),
    },
    { key: "out", label: "Stockout days", numeric: true, render: (x) => num(x.perScale[k]!.stockoutDays) },
    {
      key: "rec",
      label: "Own recommended scale",
      numeric: true,
      render: (x) => (x.recommendedScale === null ? "below target" : `×${x.recommendedScale}`),
    },
  ];
  return (
    <>
      <section aria-label="Recommended reduction" class="done">
        {rec.recommendedScale === 1 ? (
          <p>
            <strong>Keep the current buffer (×1)</strong>: fill rate {pct(rec.fillRate)} against the
            demand-weighted target {pct(rec.target)}
            {rec.nextScale !== null && (
              <>
                ; a cut to ×{rec.nextScale} would give {pct(rec.achievedAtNextScale)}, below it
              </>
            )}
            .
          </p>
        ) : rec.recommendedScale === null ? (
          <p>
            Even the current buffer (×1) misses the demand-weighted target of {pct(rec.target)}: fill rate{" "}
            {pct(rec.fillRateAtOne)}. No reduction is recommended.
          </p>
        ) : (
          <p>
            <strong>Recommended: buffer ×{rec.recommendedScale}</strong> — average inventory value{" "}
            {money(rec.inventoryValue)} instead of {money(rec.inventoryValueAtOne)} (
            {signedPct(rec.inventoryValueChange)}), fill rate {pct(rec.fillRate)} against the target{" "}
            {pct(rec.target)}
            {rec.nextScale !== null && (
              <>
                {" "}
                (×{rec.nextScale} would give {pct(rec.achievedAtNextScale)})
              </>
            )}
            .
          </p>
        )}
      </section>
      <p class="muted">
        {w.series} item × locations, planned before {w.cut}, replayed {w.cut} to {w.to}
        {w.skipped.length > 0 && ` · ${w.skipped.length} left out (too little history before the cut)`}.
      </p>
      <div class="cols">
        <section>
          <h2>Trade-off: inventory value vs fill rate</h2>
          <Chart
            options={options}
            data={data}
            height={260}
            label={`Trade-off curve over ${w.scales.length} buffer scales; the chosen scale ×${at.scale} is marked`}
          />
          <label for="wi-scale">
            Buffer scale: <strong>×{at.scale}</strong>
          </label>
          <input
            id="wi-scale"
            type="range"
            min={0}
            max={order.length - 1}
            step={1}
            value={pos}
            style={{ width: "100%" }}
            aria-valuetext={`buffer ×${at.scale}`}
            onInput={(e) => p.setK(order[Number((e.target as HTMLInputElement).value)]!)}
          />
          <p class="muted" style={{ display: "flex", justifyContent: "space-between", margin: 0 }}>
            <span>×{w.scales[w.scales.length - 1]} (less stock)</span>
            <span>×{w.scales[0]} (more stock)</span>
          </p>
        </section>
        <section>
          <h2>At buffer ×{at.scale}</h2>
          <div class="tiles">
            <Tile
              label="Average inventory value"
              value={money(at.inventoryValue)}
              note={`${signedPct(one.inventoryValue > 0 ? at.inventoryValue / one.inventoryValue - 1 : null)} vs ×1`}
            />
            <Tile label="Fill rate" value={pct(at.fillRate)} note={`${pct(one.fillRate)} at ×1`} />
            <Tile
              label="Stockout days"
              value={num(at.stockoutDays)}
              note={`${num(one.stockoutDays)} at ×1`}
            />
            <Tile label="Items below their target" value={num(at.skusBelowTarget)} note={`of ${w.series}`} />
            <Tile label="Inventory turns" value={num(at.inventoryTurns, 1)} note="a year" />
          </div>
          {p.canSave && (
            <p>
              <button type="button" class="primary" onClick={() => p.save()}>
                Save ×{at.scale} as proposed policy change
              </button>{" "}
              <button type="button" onClick={() => p.makePilot()}>
                Make these items the pilot scope
              </button>
            </p>
          )}
          {p.saved !== null && (
            <p class="done" role="status">
              {p.saved}
            </p>
          )}
        </section>
      </div>
      <h2>Items at ×{at.scale}</h2>
      <Table
        caption="Items of the what-if at the chosen scale"
        columns={columns}
        rows={w.items.slice(p.offset, p.offset + PAGE)}
        rowKey={(x) => `${x.location}/${x.sku}`}
        page={{ offset: p.offset, limit: PAGE, more: p.offset + PAGE < w.items.length, go: p.setOffset }}
      />
    </>
  );
}

const Tile = ({ label, value, note }: { label: string; value: string; note: string }) => (
  <article class="tile" aria-label={label}>
    <header>{label}</header>
    <p class="value">{value}</p>
    <p class="change">
      <span>{note}</span>
    </p>
  </article>
);
