import uPlot from "uplot";
import { Chart, Sparkline } from "../components/chart.js";
import { Issues, Loading } from "../components/issues.js";
import { Light, type LightName } from "../components/light.js";
import { type Column, Table } from "../components/table.js";
import { useGet } from "../components/use-api.js";
import { day, num, pct } from "../format.js";
import type { PageProps } from "../page-props.js";
import { href, navigate } from "../router.js";

interface Score {
  linesScored: number;
  linesOverdue: number;
  onTimeRate: number | null;
  otifRate: number | null;
  leadTimeMean: number | null;
  leadTimeCv: number | null;
  rejectionRate: number | null;
  asnAccuracy: number | null;
  valueShare: number | null;
  lights: Record<string, LightName>;
  standing: LightName;
}
interface SupplierRow {
  supplier: string;
  name: string;
  lanes: number;
  singleSourced: number;
  openLines: number;
  lateOpenLines: number;
  score: Score | null;
  trend: (number | null)[];
  escalation: string;
}
interface List {
  asOf: string;
  months: string[];
  suppliers: SupplierRow[];
  concentration: { spendHhi: number | null; band: string | null; singleSource: number } | null;
}
interface Detail extends Omit<SupplierRow, "trend" | "escalation"> {
  asOf: string;
  leadTime: {
    n: number;
    mean: number | null;
    sd: number | null;
    p50: number | null;
    p90: number | null;
  } | null;
  leadTimeHistogram: { from: number; to: number; count: number }[];
  lateness: { label: string; count: number }[];
  months: string[];
  trend: ({ onTimeRate: number | null; standing: LightName } | null)[];
  escalation: { step: string; consecutiveRed: number; consecutiveNonGreen: number } | null;
  late: {
    po: string;
    sku: string;
    promised: string;
    received: string | null;
    daysLate: number;
    open: boolean;
  }[];
  rejections: string;
}
interface Orders {
  items: {
    location: string;
    poNumber: string;
    status: string;
    orderedOn: string;
    lines: {
      lineNo: number;
      sku: string;
      qtyOrdered: number;
      qtyReceived: number;
      dueOn: string;
      confirmedOn: string | null;
    }[];
  }[];
  page: { next: string | null };
}

const STEP: Record<string, string> = {
  none: "—",
  watch: "watch",
  "improvement-plan": "improvement plan",
  "qualify-backup": "qualify a backup",
};

/** Supplier scorecards for staff; a supplier token sees its own scorecard and its orders only. */
export function SuppliersPage({ query, session }: PageProps) {
  const own = session.role === "supplier" ? session.supplier : null;
  const id = own ?? query.get("id");
  if (id !== null) return <SupplierDetail id={id} own={own !== null} />;
  return <SupplierList />;
}

function SupplierList() {
  const r = useGet<List>("/dashboard/suppliers");
  if (r === null) return <Loading what="suppliers" />;
  if (!r.ok) return <Issues issues={r.issues} />;
  const l = r.value;
  const columns: Column<SupplierRow>[] = [
    { key: "st", label: "Standing", render: (x) => <Light light={x.score?.standing ?? "none"} /> },
    {
      key: "id",
      label: "Supplier",
      render: (x) => (
        <a href={href("/suppliers", { id: x.supplier })} onClick={(e) => e.stopPropagation()}>
          {x.supplier}
        </a>
      ),
    },
    { key: "name", label: "Name", render: (x) => x.name },
    { key: "ot", label: "On time", numeric: true, render: (x) => pct(x.score?.onTimeRate) },
    { key: "otif", label: "OTIF", numeric: true, render: (x) => pct(x.score?.otifRate) },
    { key: "lt", label: "Lead time (d)", numeric: true, render: (x) => num(x.score?.leadTimeMean, 1) },
    { key: "cv", label: "LT CV", numeric: true, render: (x) => num(x.score?.leadTimeCv, 2) },
    { key: "share", label: "Spend share", numeric: true, render: (x) => pct(x.score?.valueShare) },
    { key: "lanes", label: "Lanes", numeric: true, render: (x) => num(x.lanes) },
    { key: "single", label: "Single-sourced", numeric: true, render: (x) => num(x.singleSourced) },
    {
      key: "late",
      label: "Late / open lines",
      numeric: true,
      render: (x) => `${num(x.lateOpenLines)} / ${num(x.openLines)}`,
    },
    { key: "esc", label: "Escalation", render: (x) => STEP[x.escalation] ?? x.escalation },
    {
      key: "trend",
      label: `On time, ${l.months.length} months`,
      render: (x) =>
        x.trend.filter((v) => v !== null).length >= 2 ? (
          <Sparkline
            values={x.trend}
            label={`on-time rate by month: ${x.trend.map((v) => pct(v)).join(", ")}`}
          />
        ) : (
          <span class="muted">{x.trend.some((v) => v !== null) ? "one month rated" : "no month rated"}</span>
        ),
    },
  ];
  return (
    <>
      <h1>
        Suppliers <small>12 months to {l.asOf}</small>
      </h1>
      {l.concentration !== null && (
        <p>
          Spend concentration: HHI <strong>{num(l.concentration.spendHhi)}</strong> (
          {l.concentration.band ?? "no spend"}); {num(l.concentration.singleSource)} SKUs bought from one
          supplier only.
        </p>
      )}
      <Table
        caption="Suppliers"
        columns={columns}
        rows={l.suppliers}
        rowKey={(x) => x.supplier}
        onSelect={(x) => navigate("/suppliers", { id: x.supplier })}
        empty="No supplier."
      />
      <p class="muted">
        Standing: the worst light of on time, lead-time CV, rejection and ASN accuracy against the contract
        defaults (docs/suppliers-and-kpis.md). Rejections are the units refused at inspection on receipts
        (rejected_qty), over the units delivered.
      </p>
    </>
  );
}

function SupplierDetail({ id, own }: { id: string; own: boolean }) {
  const r = useGet<Detail>(`/dashboard/suppliers/${encodeURIComponent(id)}`);
  if (r === null) return <Loading what={`supplier ${id}`} />;
  if (!r.ok) return <Issues issues={r.issues} />;
  const d = r.value;
  const hist: { options: Omit<uPlot.Options, "width" | "height">; data: uPlot.AlignedData } = {
    data: [d.leadTimeHistogram.map((b) => b.from), d.leadTimeHistogram.map((b) => b.count)],
    options: {
      scales: {
        x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      series: [
        { label: "days" },
        {
          label: "receipts",
          stroke: "#3b6ea8",
          fill: "rgba(59,110,168,0.4)",
          width: 1,
          paths: uPlot.paths.bars!({ size: [0.9, 40] }),
          points: { show: false },
        },
      ],
      axes: [
        { label: "lead time, days (order → receipt)" },
        { label: "receipts", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] },
      ],
    },
  };
  return (
    <>
      {!own && (
        <p>
          <a href="#/suppliers">← All suppliers</a>
        </p>
      )}
      <h1>
        <Light light={d.score?.standing ?? "none"} /> {d.supplier}{" "}
        <small>
          {d.name} · 12 months to {d.asOf}
        </small>
      </h1>
      <dl class="facts wide">
        <dt>On time</dt>
        <dd>{pct(d.score?.onTimeRate)}</dd>
        <dt>OTIF</dt>
        <dd>{pct(d.score?.otifRate)}</dd>
        <dt>Lead time</dt>
        <dd>
          {d.leadTime === null || d.leadTime.n === 0
            ? "no receipt to measure"
            : `${num(d.leadTime.mean, 1)} d (p50 ${num(d.leadTime.p50, 1)}, p90 ${num(d.leadTime.p90, 1)}; ${num(d.leadTime.n)} receipts)`}
        </dd>
        <dt>Lead-time CV</dt>
        <dd>{num(d.score?.leadTimeCv, 2)}</dd>
        <dt>ASN accuracy</dt>
        <dd>{pct(d.score?.asnAccuracy)}</dd>
        <dt>Rejections</dt>
        <dd>{d.rejections}</dd>
        {!own && (
          <>
            <dt>Spend share</dt>
            <dd>{pct(d.score?.valueShare)}</dd>
            <dt>Single-sourced lanes</dt>
            <dd>
              {num(d.singleSourced)} of {num(d.lanes)}
            </dd>
          </>
        )}
        <dt>Open / late lines</dt>
        <dd>
          {num(d.openLines)} / {num(d.lateOpenLines)}
        </dd>
        <dt>Escalation</dt>
        <dd>{STEP[d.escalation?.step ?? "none"] ?? d.escalation?.step}</dd>
      </dl>
      <div class="cols">
        <section aria-labelledby="lt-h">
          <h2 id="lt-h">Lead-time distribution</h2>
          {d.leadTimeHistogram.length === 0 ? (
            <p class="muted">No receipt in the last 12 months.</p>
          ) : (
            <Chart
              {...hist}
              height={200}
              label={`Lead times of ${d.supplier}: ${d.leadTimeHistogram.map((b) => `${b.from} d: ${b.count}`).join(", ")}`}
            />
          )}
          <h3>Monthly standing</h3>
          <ul class="months">
            {d.months.map((m, i) => (
              <li key={m}>
                <Light light={d.trend[i]?.standing ?? "none"} /> {m} {pct(d.trend[i]?.onTimeRate ?? null)}
              </li>
            ))}
          </ul>
          <h3>Days late (received lines)</h3>
          <table class="compact">
            <tbody>
              {d.lateness.map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.label}</th>
                  <td class="num">{num(b.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="late-h">
          <h2 id="late-h">Late deliveries</h2>
          <Table
            caption="Late deliveries"
            columns={[
              { key: "po", label: "PO", render: (x) => x.po },
              { key: "sku", label: "SKU", render: (x) => x.sku },
              { key: "p", label: "Promised", render: (x) => day(x.promised) },
              { key: "r", label: "Received", render: (x) => (x.open ? "not yet" : day(x.received)) },
              { key: "d", label: "Days late", numeric: true, render: (x) => num(x.daysLate) },
            ]}
            rows={d.late}
            rowKey={(x) => `${x.po}/${x.sku}/${x.promised}`}
            empty="No late delivery."
          />
          {own && <OwnOrders />}
        </section>
      </div>
    </>
  );
}

/** The supplier's own open purchase orders (GET /purchase-orders narrows a supplier token to itself). */
function OwnOrders() {
  const r = useGet<Orders>("/purchase-orders", { status: "open", limit: 100 });
  if (r === null) return <Loading what="your orders" />;
  if (!r.ok) return <Issues issues={r.issues} />;
  const lines = r.value.items.flatMap((o) =>
    o.lines.map((l) => ({ ...l, po: o.poNumber, location: o.location, orderedOn: o.orderedOn })),
  );
  return (
    <>
      <h2>Your open orders</h2>
      <Table
        caption="Your open orders"
        columns={[
          { key: "po", label: "PO", render: (x) => `${x.po}/${x.lineNo}` },
          { key: "loc", label: "Ship to", render: (x) => x.location },
          { key: "sku", label: "SKU", render: (x) => x.sku },
          { key: "q", label: "Open units", numeric: true, render: (x) => num(x.qtyOrdered - x.qtyReceived) },
          { key: "o", label: "Ordered", render: (x) => day(x.orderedOn) },
          { key: "due", label: "Due", render: (x) => day(x.dueOn) },
          {
            key: "c",
            label: "Confirmed",
            render: (x) => (x.confirmedOn === null ? "not yet" : day(x.confirmedOn)),
          },
        ]}
        rows={lines}
        rowKey={(x) => `${x.location}/${x.po}/${x.lineNo}`}
        empty="No open order."
      />
      {r.value.page.next !== null && <p class="muted">First 100 orders shown.</p>}
    </>
  );
}
