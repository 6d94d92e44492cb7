import { useState } from "preact/hooks";
import { type ApiIssue, api } from "../api.js";
import { Issues, Loading } from "../components/issues.js";
import { useGet } from "../components/use-api.js";
import { money, num, pct, signedPct } from "../format.js";
import type { PageProps } from "../page-props.js";
import { navigate } from "../router.js";
import { canPlan } from "../session.js";

interface Member {
  sku: string;
  location: string;
}
interface Pilot {
  name: string;
  members: Member[];
  definedBy: string;
  activatedOn: string | null;
  activatedBy: string | null;
}
interface Period {
  from: string;
  to: string;
  positions: number;
  days: number;
  unitsSold: number;
  costOfGoodsSold: number;
  averageInventoryValue: number;
  inventoryTurns: number | null;
  stockoutDays: number;
  stockoutEpisodes: number;
  inStockRate: number | null;
  fillRate: number | null;
}
interface Comparison {
  days: number;
  pilotBefore: Period;
  pilotAfter: Period;
  controlBefore: Period;
  controlAfter: Period;
}
interface Activation {
  members: (Member & { outcome: string; version: number | null })[];
}

/** "SKU@LOCATION" per line (or separated by commas). */
const parseMembers = (text: string): Member[] =>
  text
    .split(/[\n,]+/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((l) => {
      const at = l.lastIndexOf("@");
      return at < 0
        ? { sku: l, location: "" }
        : { sku: l.slice(0, at).trim(), location: l.slice(at + 1).trim() };
    });

const ROWS: {
  label: string;
  get: (p: Period) => string;
  lowerBetter?: boolean;
  value: (p: Period) => number | null;
}[] = [
  { label: "Fill rate (customer orders)", get: (p) => pct(p.fillRate), value: (p) => p.fillRate },
  { label: "In-stock rate (position-days)", get: (p) => pct(p.inStockRate), value: (p) => p.inStockRate },
  {
    label: "Stockout days",
    get: (p) => num(p.stockoutDays),
    value: (p) => p.stockoutDays,
    lowerBetter: true,
  },
  {
    label: "Stockout episodes",
    get: (p) => num(p.stockoutEpisodes),
    value: (p) => p.stockoutEpisodes,
    lowerBetter: true,
  },
  {
    label: "Average inventory value",
    get: (p) => money(p.averageInventoryValue),
    value: (p) => p.averageInventoryValue,
    lowerBetter: true,
  },
  { label: "Inventory turns (a year)", get: (p) => num(p.inventoryTurns, 1), value: (p) => p.inventoryTurns },
  { label: "Units sold", get: (p) => num(p.unitsSold), value: (p) => p.unitsSold },
];

const change = (before: number | null, after: number | null): number | null =>
  before === null || after === null || before === 0 ? null : after / before - 1;

/** Pilot: define the scope, activate its policies pilot-first, compare before/after with the control group. */
export function PilotPage({ query, session }: PageProps) {
  const days = Number(query.get("days") ?? 28) || 28;
  const [reload, setReload] = useState(0);
  const pilot = useGet<{ pilot: Pilot | null }>("/pilot", {}, reload);
  const kpis = useGet<{ comparison: Comparison }>(
    pilot?.ok && pilot.value.pilot !== null && pilot.value.pilot.activatedOn !== null ? "/pilot/kpis" : null,
    { days },
    reload,
  );
  const [name, setName] = useState("");
  const [members, setMembers] = useState("");
  const [issues, setIssues] = useState<ApiIssue[] | null>(null);
  const [activation, setActivation] = useState<Activation | null>(null);
  const planner = canPlan(session);

  const define = async () => {
    setIssues(null);
    const r = await api.post<{ pilot: Pilot }>("/pilot", {
      name: name.trim(),
      members: parseMembers(members),
    });
    if (!r.ok) return setIssues(r.issues);
    setActivation(null);
    setReload(reload + 1);
  };
  const activate = async () => {
    setIssues(null);
    const r = await api.post<Activation>("/pilot/activate");
    if (!r.ok) return setIssues(r.issues);
    setActivation(r.value);
    setReload(reload + 1);
  };

  const current = pilot?.ok ? pilot.value.pilot : null;
  return (
    <>
      <h1>Pilot</h1>
      <p class="muted">
        Start with a pilot: a set of item × locations whose new policies go live first (scope “pilot”), then
        compare their KPIs before and after activation with the rest of the catalogue (the control group),
        from the ledger.
      </p>
      {issues !== null && <Issues issues={issues} />}
      {pilot === null ? (
        <Loading what="the pilot" />
      ) : current === null ? (
        <p>No pilot is defined yet.</p>
      ) : (
        <section aria-label="Current pilot">
          <h2>{current.name}</h2>
          <dl class="facts">
            <dt>Item × locations</dt>
            <dd>{num(current.members.length)}</dd>
            <dt>Defined by</dt>
            <dd>{current.definedBy}</dd>
            <dt>Activated</dt>
            <dd>
              {current.activatedOn === null ? "not yet" : `${current.activatedOn} by ${current.activatedBy}`}
            </dd>
          </dl>
          <p class="muted">
            {current.members
              .slice(0, 12)
              .map((m) => `${m.sku}@${m.location}`)
              .join(", ")}
            {current.members.length > 12 && ` … and ${current.members.length - 12} more`}
          </p>
          {planner && (
            <button type="button" class="primary" onClick={() => void activate()}>
              Activate pilot policies
            </button>
          )}
        </section>
      )}
      {activation !== null && (
        <p class="done" role="status">
          {activation.members.filter((m) => m.outcome === "activated").length} policy version(s) activated
          with scope pilot, {activation.members.filter((m) => m.outcome === "already_active").length} already
          active, {activation.members.filter((m) => m.outcome === "skipped").length} without a policy.
        </p>
      )}
      {kpis !== null &&
        (!kpis.ok ? <Issues issues={kpis.issues} /> : <KpiTable c={kpis.value.comparison} days={days} />)}
      {planner && <h2>{current === null ? "Define the pilot" : "Change the scope"}</h2>}
      {planner && (
        <form
          class="filters"
          aria-label="Define the pilot"
          onSubmit={(e) => {
            e.preventDefault();
            void define();
          }}
        >
          <span class="field">
            <label for="pilot-name">Pilot name</label>
            <input
              id="pilot-name"
              value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
          </span>
          <span class="field">
            <label for="pilot-members">Item × locations (SKU@LOCATION, one a line)</label>
            <textarea
              id="pilot-members"
              rows={4}
              cols={36}
              value={members}
              onInput={(e) => setMembers((e.target as HTMLTextAreaElement).value)}
            />
          </span>
          <button type="submit">{current === null ? "Define pilot" : "Replace pilot scope"}</button>
        </form>
      )}
    </>
  );
}

function KpiTable({ c, days }: { c: Comparison; days: number }) {
  const cell = (before: Period, after: Period, r: (typeof ROWS)[number]) => {
    const ch = change(r.value(before), r.value(after));
    const good = after.days === 0 || ch === null || ch === 0 ? null : ch < 0 === (r.lowerBetter ?? false);
    return (
      <>
        <td class="num">{r.get(before)}</td>
        <td class="num">{after.days === 0 ? "—" : r.get(after)}</td>
        <td class={`num change ${good === null ? "" : good ? "good" : "bad"}`}>
          {after.days === 0 ? "—" : signedPct(ch)}
        </td>
      </>
    );
  };
  return (
    <section aria-label="Before and after">
      <h2>Before / after activation</h2>
      <p class="muted">
        Before: {c.pilotBefore.from} to {c.pilotBefore.to} · after: {c.pilotAfter.from} to {c.pilotAfter.to} (
        {c.pilotAfter.days} finished day(s)) · <label for="pilot-days">days per period </label>
        <select
          id="pilot-days"
          value={String(days)}
          onChange={(e) => navigate("/pilot", { days: (e.target as HTMLSelectElement).value })}
        >
          {[7, 14, 28, 56, 91].map((d) => (
            <option key={d} value={String(d)}>
              {d}
            </option>
          ))}
        </select>
      </p>
      {c.pilotAfter.days === 0 && (
        <p role="note">No day has finished since the activation: the after columns fill in from tomorrow.</p>
      )}
      <div class="table-wrap">
        <table>
          <caption class="sr-only">
            KPIs of the pilot and the control group before and after activation
          </caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col" class="num">
                Pilot before
              </th>
              <th scope="col" class="num">
                Pilot after
              </th>
              <th scope="col" class="num">
                Change
              </th>
              <th scope="col" class="num">
                Control before
              </th>
              <th scope="col" class="num">
                Control after
              </th>
              <th scope="col" class="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Item × locations</th>
              <td class="num">{num(c.pilotBefore.positions)}</td>
              <td class="num">{num(c.pilotAfter.positions)}</td>
              <td />
              <td class="num">{num(c.controlBefore.positions)}</td>
              <td class="num">{num(c.controlAfter.positions)}</td>
              <td />
            </tr>
            {ROWS.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {cell(c.pilotBefore, c.pilotAfter, r)}
                {cell(c.controlBefore, c.controlAfter, r)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
