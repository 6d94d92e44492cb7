import { Sparkline } from "../components/chart.js";
import { Issues, Loading } from "../components/issues.js";
import { Light, type LightName } from "../components/light.js";
import { useGet } from "../components/use-api.js";
import { dash, money, num, pct, signedPct } from "../format.js";
import type { PageProps } from "../page-props.js";
import { href } from "../router.js";

interface Tile {
  key: string;
  label: string;
  unit: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  light: LightName;
  series: (number | null)[];
}
interface Overview {
  asOf: string;
  weeks: string[];
  tiles: Tile[];
  positions: number;
  inventoryValue: number;
  openSignals: { kind: string; count: number }[];
  alerts: { severity: string; status: string; count: number }[];
  openStockouts: number;
  readiness: { readiness: string; positions: number; inventoryValue: number }[];
}

const fmt = (t: Tile, v: number | null): string =>
  t.unit === "fraction"
    ? pct(v)
    : t.unit === "currency"
      ? money(v)
      : num(v, t.unit === "days" || t.unit === "turns/yr" ? 1 : 0);

/** Lower is better for these tiles: a fall is good news (the arrow's colour says so). */
const LOWER_BETTER = new Set(["dio", "stockouts"]);
/** Neither direction is good news in itself for these: the change is shown without colour. */
const NEUTRAL = new Set(["inventory_value", "demand"]);

const TIERS = [
  { kind: "emergency", label: "Emergency", hint: "authorise expedite / air freight / backup supplier" },
  { kind: "review", label: "Manual review", hint: "a person decides" },
  { kind: "replenishment", label: "Auto replenishment", hint: "proposals ready to approve" },
];

const READINESS: Record<string, string> = {
  jit: "JIT",
  hybrid: "Hybrid",
  buffered: "Buffered",
  unplanned: "Not planned yet",
};

/** The weekly review's first screen: KPI tiles, what is open by tier, readiness split. */
export function OverviewPage(_: PageProps) {
  const r = useGet<Overview>("/dashboard/overview");
  if (r === null) return <Loading what="the overview" />;
  if (!r.ok) return <Issues issues={r.issues} />;
  const o = r.value;
  const count = (kind: string) => o.openSignals.find((s) => s.kind === kind)?.count ?? 0;
  const totalValue = o.readiness.reduce((a, x) => a + x.inventoryValue, 0);
  return (
    <>
      <h1>
        Overview{" "}
        <small>
          week to {o.asOf} · {num(o.positions)} item × locations
        </small>
      </h1>
      <section aria-labelledby="kpi-h">
        <h2 id="kpi-h">KPIs this week</h2>
        <div class="tiles">
          {o.tiles.map((t) => {
            const good =
              t.change === null || t.change === 0 || NEUTRAL.has(t.key)
                ? null
                : t.change < 0 === LOWER_BETTER.has(t.key);
            return (
              <article class="tile" key={t.key} aria-label={t.label}>
                <header>
                  <Light light={t.light} /> {t.label}
                </header>
                <p class="value">{fmt(t, t.value)}</p>
                <p class={`change ${good === null ? "" : good ? "good" : "bad"}`}>
                  {signedPct(t.change)} <span>vs last week ({fmt(t, t.previous)})</span>
                </p>
                <Sparkline
                  values={t.series}
                  label={`${t.label}, ${o.weeks.length} weeks: ${t.series.map((v) => fmt(t, v)).join(", ")}`}
                />
              </article>
            );
          })}
        </div>
      </section>
      <div class="cols">
        <section aria-labelledby="open-h">
          <h2 id="open-h">Open signals by tier</h2>
          <ul class="tiers">
            {TIERS.map((t) => (
              <li key={t.kind} class={`tier tier-${t.kind}`}>
                <a href={href("/signals", { tier: t.kind })}>
                  <strong>{num(count(t.kind))}</strong> {t.label}
                </a>
                <span class="hint">{t.hint}</span>
              </li>
            ))}
          </ul>
          <h3>Escalations (alerts not resolved)</h3>
          {o.alerts.length === 0 ? (
            <p class="muted">No open alerts.</p>
          ) : (
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">
                    Alerts
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.alerts.map((a) => (
                  <tr key={`${a.severity}/${a.status}`}>
                    <td>
                      <span class={`sev sev-${a.severity}`}>{a.severity}</span>
                    </td>
                    <td>{a.status}</td>
                    <td class="num">{num(a.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p>
            Item × locations out of stock now: <strong>{num(o.openStockouts)}</strong>
          </p>
        </section>
        <section aria-labelledby="ready-h">
          <h2 id="ready-h">JIT readiness</h2>
          <div class="bar" role="img" aria-label="Inventory value by readiness">
            {o.readiness
              .filter((x) => x.inventoryValue > 0)
              .map((x) => (
                <span
                  key={x.readiness}
                  class={`seg seg-${x.readiness}`}
                  style={{ width: `${(100 * x.inventoryValue) / (totalValue || 1)}%` }}
                  title={`${READINESS[x.readiness] ?? x.readiness}: ${money(x.inventoryValue)}`}
                />
              ))}
          </div>
          <table class="compact">
            <thead>
              <tr>
                <th scope="col">Readiness</th>
                <th scope="col" class="num">
                  Item × locations
                </th>
                <th scope="col" class="num">
                  Inventory value
                </th>
                <th scope="col" class="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {o.readiness.map((x) => (
                <tr key={x.readiness}>
                  <td>
                    <span class={`key seg-${x.readiness}`} /> {READINESS[x.readiness] ?? x.readiness}
                  </td>
                  <td class="num">{num(x.positions)}</td>
                  <td class="num">{money(x.inventoryValue)}</td>
                  <td class="num">{totalValue > 0 ? pct(x.inventoryValue / totalValue) : dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">
            Total inventory value {money(o.inventoryValue)} (on hand × unit cost). Readiness from the latest
            live policy's planning run.
          </p>
        </section>
      </div>
    </>
  );
}
