import { useState } from "preact/hooks";
import { type ApiIssue, api } from "../api.js";
import { Issues, Loading } from "../components/issues.js";
import { type Column, Table } from "../components/table.js";
import { useGet } from "../components/use-api.js";
import { WorkActions } from "../components/work-actions.js";
import { day, money, num } from "../format.js";
import type { PageProps } from "../page-props.js";
import { href, navigate } from "../router.js";
import { canPlan } from "../session.js";

interface Row {
  signalId: number;
  location: string;
  sku: string;
  itemName: string;
  tier: "replenishment" | "review" | "emergency";
  status: string;
  quantity: number | null;
  value: number | null;
  orderOn: string;
  needBy: string;
  supplier: string | null;
  abc: string;
  onHand: number | null;
  reasons: string[];
  acknowledgedBy: string | null;
  assignedTo: string | null;
}
interface Page {
  items: Row[];
  page: { limit: number; offset: number; next: string | null };
}
interface AlertRow {
  alertId: number;
  location: string;
  sku: string | null;
  supplier: string | null;
  kind: string;
  severity: "info" | "warning" | "critical";
  status: string;
  escalationLevel: number;
  message: string;
  raisedAt: string;
  acknowledgedBy: string | null;
  assignedTo: string | null;
}
interface Facets {
  suppliers: string[];
  locations: string[];
}

const LIMIT = 50;
const FILTERS = ["tier", "status", "supplier", "abc", "location"] as const;
const TIER_LABEL = { emergency: "Emergency", review: "Review", replenishment: "Replenish" } as const;

/** The work queue: open signals, filtered and sorted on the server, one page at a time; act on one. */
export function SignalsPage({ query, session }: PageProps) {
  const q = Object.fromEntries(query.entries()) as Record<string, string>;
  const offset = Number(q.offset ?? 0) || 0;
  const sort = q.sort ?? "tier";
  const desc = q.desc === "true";
  const [reload, setReload] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const facets = useGet<Facets>("/dashboard/facets");
  const params = {
    ...Object.fromEntries(FILTERS.map((f) => [f, q[f]])),
    sort,
    desc: String(desc),
    limit: LIMIT,
    offset,
  };
  const r = useGet<Page>("/dashboard/queue", params, reload);
  const set = (changes: Record<string, string | number | undefined>) =>
    navigate("/signals", { ...q, offset: undefined, ...changes });
  const selected = q.id ?? null;
  const columns: Column<Row>[] = [
    {
      key: "tier",
      label: "Tier",
      sort: "tier",
      render: (x) => <span class={`tierTag tier-${x.tier}`}>{TIER_LABEL[x.tier]}</span>,
    },
    {
      key: "sku",
      label: "SKU",
      sort: "sku",
      render: (x) => (
        <a href={href("/sku", { location: x.location, sku: x.sku })} onClick={(e) => e.stopPropagation()}>
          {x.sku}
        </a>
      ),
    },
    { key: "loc", label: "Location", render: (x) => x.location },
    { key: "abc", label: "ABC", render: (x) => x.abc },
    { key: "supplier", label: "Supplier", render: (x) => x.supplier ?? "—" },
    { key: "qty", label: "Qty", numeric: true, render: (x) => num(x.quantity) },
    { key: "value", label: "Value", sort: "value", numeric: true, render: (x) => money(x.value) },
    { key: "onhand", label: "On hand", numeric: true, render: (x) => num(x.onHand) },
    { key: "order", label: "Order on", sort: "order_on", render: (x) => day(x.orderOn) },
    { key: "need", label: "Need by", sort: "need_by", render: (x) => day(x.needBy) },
    { key: "ack", label: "Seen by", render: (x) => x.acknowledgedBy ?? "" },
  ];
  const rows = r?.ok ? r.value.items : [];
  const current = rows.find((x) => String(x.signalId) === selected) ?? null;
  return (
    <>
      <h1>Signals and escalations</h1>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Tier"
          value={q.tier}
          options={["emergency", "review", "replenishment"]}
          onChange={(v) => set({ tier: v })}
        />
        <Select
          label="Status"
          value={q.status}
          options={["open", "approved", "dismissed", "closed"]}
          placeholder="open"
          onChange={(v) => set({ status: v })}
        />
        <Select
          label="Supplier"
          value={q.supplier}
          options={facets?.ok ? facets.value.suppliers : []}
          onChange={(v) => set({ supplier: v })}
        />
        <Select label="ABC" value={q.abc} options={["A", "B", "C"]} onChange={(v) => set({ abc: v })} />
        <Select
          label="Location"
          value={q.location}
          options={facets?.ok ? facets.value.locations : []}
          onChange={(v) => set({ location: v })}
        />
        {FILTERS.some((f) => q[f] !== undefined) && (
          <button type="button" class="link" onClick={() => navigate("/signals", {})}>
            Clear filters
          </button>
        )}
      </form>
      {done !== null && (
        <p class="done" role="status">
          {done}
        </p>
      )}
      <div class="split">
        <div>
          {r === null ? (
            <Loading what="the queue" />
          ) : !r.ok ? (
            <Issues issues={r.issues} />
          ) : (
            <Table
              caption="Signals"
              columns={columns}
              rows={rows}
              rowKey={(x) => String(x.signalId)}
              sort={{ key: sort, desc }}
              onSort={(key, d) => set({ sort: key, desc: d ? "true" : undefined })}
              selected={selected}
              onSelect={(x) => set({ id: x.signalId, offset: offset || undefined })}
              page={{
                offset,
                limit: LIMIT,
                more: r.value.page.next !== null,
                go: (o) => set({ offset: o, id: undefined }),
              }}
              empty="No signal matches these filters."
            />
          )}
        </div>
        <aside class="detail" aria-label="Selected signal">
          {current === null ? (
            <p class="muted">
              Select a signal (click, or Tab to a row and press Enter) to see why it fired and act on it.
            </p>
          ) : (
            <SignalDetail
              key={current.signalId}
              row={current}
              canAct={canPlan(session)}
              onDone={(message) => {
                setDone(message);
                set({ id: undefined, offset: offset || undefined });
                setReload((n) => n + 1);
              }}
            />
          )}
        </aside>
      </div>
      <Escalations
        key={reload}
        supplier={q.supplier}
        location={q.location}
        offset={Number(q.aoffset ?? 0) || 0}
        go={(o) => set({ aoffset: o || undefined })}
        canAct={canPlan(session)}
        onDone={(message) => {
          setDone(message);
          setReload((n) => n + 1);
        }}
      />
    </>
  );
}

/** Unresolved alerts (late orders, stockouts, supplier performance): most severe and most escalated first. */
function Escalations(p: {
  supplier: string | undefined;
  location: string | undefined;
  offset: number;
  go: (offset: number) => void;
  canAct: boolean;
  onDone: (message: string) => void;
}) {
  const [selected, setSelected] = useState<AlertRow | null>(null);
  const r = useGet<{ items: AlertRow[]; page: { next: string | null } }>("/dashboard/alerts", {
    supplier: p.supplier,
    location: p.location,
    limit: 20,
    offset: p.offset,
  });
  return (
    <section aria-labelledby="esc-h">
      <h2 id="esc-h">Escalations</h2>
      {r === null ? (
        <Loading what="escalations" />
      ) : !r.ok ? (
        <Issues issues={r.issues} />
      ) : (
        <Table
          caption="Escalations"
          columns={[
            {
              key: "sev",
              label: "Severity",
              render: (x) => <span class={`sev sev-${x.severity}`}>{x.severity}</span>,
            },
            { key: "kind", label: "Kind", render: (x) => x.kind.replaceAll("_", " ") },
            { key: "lvl", label: "Level", numeric: true, render: (x) => num(x.escalationLevel) },
            { key: "status", label: "Status", render: (x) => x.status },
            { key: "what", label: "What", render: (x) => <span class="wrap">{x.message}</span> },
            { key: "sup", label: "Supplier", render: (x) => x.supplier ?? "—" },
            { key: "loc", label: "Location", render: (x) => x.location },
            { key: "raised", label: "Raised", render: (x) => day(x.raisedAt) },
            { key: "assigned", label: "Assigned to", render: (x) => x.assignedTo ?? "" },
          ]}
          rows={r.value.items}
          rowKey={(x) => `${x.location}/${x.alertId}`}
          selected={selected === null ? null : `${selected.location}/${selected.alertId}`}
          onSelect={(x) => setSelected(x)}
          page={{ offset: p.offset, limit: 20, more: r.value.page.next !== null, go: p.go }}
          empty="No unresolved escalation."
        />
      )}
      {selected !== null && (
        <aside class="detail" aria-label="Selected escalation">
          <h3>
            Escalation {selected.alertId}: {selected.kind.replaceAll("_", " ")}
            {selected.sku !== null ? ` — ${selected.sku} at ${selected.location}` : ""}
          </h3>
          <p class="wrap">{selected.message}</p>
          {p.canAct ? (
            <WorkActions
              key={selected.alertId}
              base={`/alerts/${selected.alertId}`}
              label={`Escalation ${selected.alertId}`}
              acknowledge={selected.status === "open" || selected.status === "escalated"}
              onDone={(message) => {
                setSelected(null);
                p.onDone(message);
              }}
            />
          ) : (
            <p class="muted">Read-only: planners and admins act on escalations.</p>
          )}
        </aside>
      )}
    </section>
  );
}

function Select(p: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  placeholder?: string;
  onChange: (v: string | undefined) => void;
}) {
  const id = `f-${p.label.toLowerCase()}`;
  return (
    <span class="field">
      <label for={id}>{p.label}</label>
      <select
        id={id}
        value={p.value ?? ""}
        onChange={(e) => p.onChange((e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="">{p.placeholder ?? "all"}</option>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </span>
  );
}

/** An emergency's expedite option as GET /signals/:id returns it (src/core/signals/expedite-options.ts). */
interface ExpediteOption {
  id: string;
  kind: "wait" | "expedite" | "backup";
  orderable: boolean;
  supplier: string | null;
  mode: string | null;
  quantity: number;
  arrival: string;
  inTime: boolean;
  stockoutDays: number;
  stockoutDaysAvoided: number;
  totalCost: number | null;
  premium: number | null;
  recommended: boolean;
  summary: string;
}

const OPTION_LABEL = {
  wait: "Wait (open order)",
  expedite: "Expedite",
  backup: "Backup",
} as const;

/** The expedite options of an emergency: arrival, in time, cost; the chosen one is what approval orders. */
function ExpediteOptions({
  options,
  chosen,
  onChoose,
}: {
  options: ExpediteOption[];
  chosen: string | null;
  onChoose: ((id: string) => void) | null;
}) {
  const label = (o: ExpediteOption) =>
    `${o.recommended ? "★ " : ""}${OPTION_LABEL[o.kind]}${o.supplier !== null ? ` ${o.supplier}` : ""}`;
  const detail = (o: ExpediteOption) =>
    o.orderable
      ? `${o.mode ?? ""} · ${num(o.quantity, 2)} units · saves ${o.stockoutDaysAvoided} d`
      : "the baseline";
  return (
    <table class="options">
      <thead>
        <tr>
          <th>Option (★ recommended)</th>
          <th class="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {options.map((o) => (
          <tr key={o.id} title={o.summary}>
            <td>
              {onChoose !== null && o.orderable ? (
                <label>
                  <input
                    type="radio"
                    name="expedite-option"
                    value={o.id}
                    checked={chosen === o.id}
                    onChange={() => onChoose(o.id)}
                  />{" "}
                  {label(o)}
                </label>
              ) : (
                label(o)
              )}
              <br />
              <small>
                arrives {day(o.arrival)} · in time: {o.inTime ? "yes" : `no, ${o.stockoutDays} d out`}
              </small>
              <br />
              <small class="muted">{detail(o)}</small>
            </td>
            <td class="num">
              {num(o.totalCost, 2)}
              <br />
              <small class="muted">
                {o.premium !== null && o.premium >= 0 ? "+" : ""}
                {num(o.premium, 2)}
              </small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One signal: its explanation and, for planners and admins, the actions its tier allows. */
function SignalDetail({
  row,
  canAct,
  onDone,
}: {
  row: Row;
  canAct: boolean;
  onDone: (message: string) => void;
}) {
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const detail = useGet<{ signal: { options: ExpediteOption[] | null; recommendedOption: string | null } }>(
    row.tier === "emergency" ? `/signals/${row.signalId}` : null,
  );
  const options = detail?.ok ? (detail.value.signal.options ?? []) : [];
  const chosen = choice ?? (detail?.ok ? detail.value.signal.recommendedOption : null);
  const act = async (path: string, message: (v: Record<string, unknown>) => string, body = {}) => {
    setBusy(true);
    const r = await api.post<Record<string, unknown>>(`/signals/${row.signalId}/${path}`, body);
    setBusy(false);
    if (!r.ok) setIssues(r.issues);
    else onDone(message(r.value));
  };
  const open = row.status === "open";
  return (
    <>
      <h2>
        {TIER_LABEL[row.tier]}: {row.sku} at {row.location}
      </h2>
      <p class="muted">{row.itemName}</p>
      <dl class="facts">
        <dt>Quantity</dt>
        <dd>{num(row.quantity)}</dd>
        <dt>Order on</dt>
        <dd>{day(row.orderOn)}</dd>
        <dt>Need by</dt>
        <dd>{day(row.needBy)}</dd>
        <dt>Supplier</dt>
        <dd>{row.supplier ?? "—"}</dd>
        <dt>Status</dt>
        <dd>{row.status}</dd>
        <dt>Assigned to</dt>
        <dd>{row.assignedTo ?? "—"}</dd>
      </dl>
      <h3>Why</h3>
      <ul class="reasons">
        {row.reasons.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      {options.length > 0 && (
        <>
          <h3>Expedite options</h3>
          <ExpediteOptions options={options} chosen={chosen} onChoose={open && canAct ? setChoice : null} />
          {open && canAct && (
            <p class="muted">
              {chosen !== null
                ? `Approval orders on ${chosen}.`
                : "No option beats waiting: approval orders on the primary lane."}
            </p>
          )}
        </>
      )}
      {issues.length > 0 && <Issues issues={issues} />}
      {open && canAct && (
        <div class="actions">
          {row.tier !== "review" && (
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() =>
                act(
                  "approve",
                  (v) => {
                    const po = v.purchaseOrder as
                      | { poNumber?: string; supplier?: string; lines?: { qty?: number }[] }
                      | undefined;
                    return `Approved: purchase order ${po?.poNumber ?? ""} placed for ${num(po?.lines?.[0]?.qty ?? row.quantity, 2)} × ${row.sku} at ${row.location}${chosen !== null ? ` (${chosen})` : ""}.`;
                  },
                  chosen !== null ? { option: chosen } : {},
                )
              }
            >
              Approve → purchase order
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => act("acknowledge", () => `Signal ${row.signalId} acknowledged.`)}
          >
            Acknowledge
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => act("dismiss", () => `Signal ${row.signalId} dismissed.`)}
          >
            Dismiss
          </button>
        </div>
      )}
      {open && canAct && (
        <WorkActions
          base={`/signals/${row.signalId}`}
          label={`Signal ${row.signalId}`}
          acknowledge={false}
          busy={busy}
          onDone={onDone}
        />
      )}
      {open && !canAct && <p class="muted">Read-only: planners and admins act on signals.</p>}
    </>
  );
}
