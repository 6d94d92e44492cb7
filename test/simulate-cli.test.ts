import { access, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { takt } from "./support/cli.js";

type Row = Record<string, string>;
const readCsv = async (path: string) => parse(await readFile(path, "utf8"), { columns: true }) as Row[];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-sim-cli-"));
  const r = await takt(
    dir,
    "demo",
    "--out",
    "demo",
    "--skus",
    "12",
    "--locations",
    "2",
    "--days",
    "500",
    "--seed",
    "11",
  );
  expect(r.code, r.err).toBe(0);
});

describe("takt demo → simulate", () => {
  it("plans before --from, replays the rest at four scales and writes consistent outputs", async () => {
    const r = await takt(
      dir,
      "simulate",
      "demo/sales.csv",
      "--items",
      "demo/items.csv",
      "--from",
      "2026-05-01",
      "--buffer-scale",
      "1,0.9,0.8,0.7",
      "--out",
      "sim",
      "--threads",
      "1",
    );
    expect(r.code, r.err).toBe(0);
    const head = /(\d+) series replayed 2026-05-01 to 2026-10-31 under policy rq at 4 buffer scales/.exec(
      r.out,
    );
    expect(head).not.toBeNull();
    // 24 series in the demo; products launched after --from have no history to plan on and are left out
    const n = Number(head![1]);
    const left = /(\d+) series left out: no history before 2026-05-01/.exec(r.out);
    expect(n + (left ? Number(left[1]) : 0)).toBe(24);
    expect(n).toBeGreaterThan(15);
    expect(r.out).toMatch(/Fill rate \(units-weighted\) by demand class and buffer scale/);
    expect(r.out).toMatch(/Recommendation \(catalogue\): /);
    expect(r.out).toMatch(/Calibration at ×1 \(tolerance 2\.0 points\): ok \d+/);
    expect(r.out).toMatch(/JIT readiness after replay: jit \d+/);
    const out = join(dir, "sim");
    for (const f of [
      "simulation.csv",
      "totals.csv",
      "tradeoff.csv",
      "recommendations.csv",
      "calibration.csv",
      "simulation.json",
      "report.html",
    ]) {
      await access(join(out, f));
      expect(r.out).toContain(f);
    }

    const sim = await readCsv(join(out, "simulation.csv"));
    expect(sim).toHaveLength(n * 4);
    expect(new Set(sim.map((x) => x.scale))).toEqual(new Set(["1", "0.9", "0.8", "0.7"]));
    for (const row of sim) {
      expect(Number(row.days)).toBe(184); // 2026-05-01 … 2026-10-31
      const f = Number(row.fill_rate);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(1);
      expect(Number(row.avg_on_hand_value)).toBeGreaterThanOrEqual(0);
      expect(["jit", "hybrid", "buffered"]).toContain(row.readiness_after_replay);
    }

    const totals = await readCsv(join(out, "totals.csv"));
    const all = totals.filter((t) => t.group === "all");
    expect(all.map((t) => t.scale)).toEqual(["1", "0.9", "0.8", "0.7"]);
    const fill = all.map((t) => Number(t.fill_rate));
    for (const x of fill.slice(1)) expect(fill[0]).toBeGreaterThanOrEqual(x);
    const value = all.map((t) => Number(t.avg_on_hand_value));
    for (let i = 1; i < value.length; i++) expect(value[i]).toBeLessThan(value[i - 1]!);
    // units-weighted: Σ demand × fill over the SKU rows of scale 1 = total demand × total fill
    const s1 = sim.filter((x) => x.scale === "1");
    const served = s1.reduce((a, x) => a + Number(x.demand_units) * (Number(x.fill_rate) || 0), 0);
    expect(served / Number(all[0]!.demand_units)).toBeCloseTo(fill[0]!, 4);
    expect(totals.some((t) => ["smooth", "erratic", "intermittent", "lumpy"].includes(t.group!))).toBe(true);

    const trade = await readCsv(join(out, "tradeoff.csv"));
    expect(trade.filter((t) => t.group === "all")).toHaveLength(4);

    const recs = await readCsv(join(out, "recommendations.csv"));
    expect(recs[0]!.scope).toBe("catalogue");
    expect(recs[1]!.scope).toBe("per_sku_scales");
    const skuRecs = recs.filter((x) => x.scope === "sku");
    expect(skuRecs).toHaveLength(n);
    for (const rec of skuRecs) {
      const at1 = s1.find((x) => x.sku === rec.sku && x.location === rec.location)!;
      expect(Number(rec.fill_rate_at_scale_1)).toBeCloseTo(Number(at1.fill_rate), 5);
      if (rec.recommended_scale === "") {
        expect(["below_target", "no_demand"]).toContain(rec.status);
        continue;
      }
      const row = sim.find(
        (x) => x.sku === rec.sku && x.location === rec.location && x.scale === rec.recommended_scale,
      )!;
      expect(Number(rec.avg_inventory_value_at_recommended)).toBeCloseTo(Number(row.avg_on_hand_value), 1);
      expect(Number(rec.achieved_at_recommended)).toBeGreaterThanOrEqual(Number(rec.target));
      expect(row.meets_target).toBe("true");
      // every larger scale met the target too, and the next smaller one (the evidence) failed
      for (const x of sim.filter(
        (y) =>
          y.sku === rec.sku && y.location === rec.location && Number(y.scale) > Number(rec.recommended_scale),
      ))
        expect(x.meets_target).toBe("true");
      if (rec.next_scale !== "") {
        expect(Number(rec.achieved_at_next_scale)).toBeLessThan(Number(rec.target));
        expect(Number(rec.next_scale)).toBeLessThan(Number(rec.recommended_scale));
      } else expect(rec.recommended_scale).toBe("0.7");
      expect(Number(rec.inventory_value_change)).toBeCloseTo(
        (Number(rec.avg_inventory_value_at_recommended) - Number(rec.avg_inventory_value_at_scale_1)) /
          Number(rec.avg_inventory_value_at_scale_1),
        4,
      );
    }

    const cal = await readCsv(join(out, "calibration.csv"));
    expect(cal).toHaveLength(n);
    for (const c of cal) {
      expect(c.flagged).toBe(String(c.status === "below_target" || c.status === "above_target"));
      if (c.status === "below_target") {
        expect(Number(c.miss)).toBeGreaterThan(0.02);
        expect(c.readiness_after_replay).not.toBe("jit");
      } else expect(c.readiness_after_replay).toBe(c.readiness);
    }

    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toContain('id="tradeoff-chart"');
    expect(html).toContain("uPlot");
    expect(html).toContain('id="trace-chart"');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/);
  });

  it("replays another policy with lost sales and walk-forward re-planning", async () => {
    const r = await takt(
      dir,
      "simulate",
      "demo/sales.csv",
      "--items",
      "demo/items.csv",
      "--from",
      "2026-08-01",
      "--to",
      "2026-09-30",
      "--policy",
      "kanban",
      "--lost-sales",
      "--replan-every",
      "30",
      "--lead-time",
      "7",
      "--fill-rate",
      "0.95",
      "--buffer-scale",
      "0.5",
      "--out",
      "sim-kanban",
      "--threads",
      "1",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/under policy kanban at 2 buffer scales/);
    const sim = await readCsv(join(dir, "sim-kanban", "simulation.csv"));
    expect(sim.length % 2).toBe(0);
    expect(sim.length).toBeGreaterThanOrEqual(2 * 20);
    for (const row of sim) {
      expect(row.policy).toBe("kanban");
      expect(row.rule).toMatch(/^N=\d+ C=/);
      expect(Number(row.days)).toBe(61);
      expect(row.lead_time_days).toBe("7");
      expect(row.service_target).toBe("0.95");
      expect(Number(row.lost_sales_units)).toBe(Number(row.units_short));
    }
    const json = JSON.parse(await readFile(join(dir, "sim-kanban", "simulation.json"), "utf8")) as {
      series: { plans: { date: string }[] }[];
    };
    expect(json.series[0]!.plans.map((p) => p.date)).toEqual(["2026-08-01", "2026-08-31", "2026-09-30"]);
  });

  it("reads the demo folder by header: PO lines give recorded lead times (default), --lead-times fixed does not", async () => {
    const r = await takt(
      dir,
      "simulate",
      "demo",
      "--from",
      "2026-05-01",
      "--out",
      "sim-po",
      "--threads",
      "1",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/demo\/purchase_orders\.csv: \d+ purchase-order lines/);
    expect(r.out).toMatch(/passing over demo\/inventory\.csv/);
    const lt =
      /Lead times: recorded \(drawn per order\) for (\d+) series \(own receipts (\d+), supplier's (\d+)\)/.exec(
        r.out,
      );
    expect(lt).not.toBeNull();
    expect(Number(lt![1])).toBeGreaterThan(10);
    const sim = await readCsv(join(dir, "sim-po", "simulation.csv"));
    const bySource = new Map<string, number>();
    for (const row of sim.filter((x) => x.scale === "1"))
      bySource.set(row.lead_time_source!, (bySource.get(row.lead_time_source!) ?? 0) + 1);
    expect((bySource.get("recorded_series") ?? 0) + (bySource.get("recorded_supplier") ?? 0)).toBe(
      Number(lt![1]),
    );
    for (const row of sim) {
      if (row.lead_time_source!.startsWith("recorded")) {
        expect(Number(row.lead_time_samples)).toBeGreaterThanOrEqual(3);
      } else {
        expect(row.lead_time_source).toBe("items_master");
        expect(row.lead_time_samples).toMatch(/^[0-2]$/);
      }
    }
    const json = JSON.parse(await readFile(join(dir, "sim-po", "simulation.json"), "utf8")) as {
      meta: { sources: string[]; leadTimes: string };
    };
    expect(json.meta.leadTimes).toBe("recorded");
    expect(json.meta.sources).toEqual(["sales.csv", "items.csv", "purchase_orders.csv"]);

    const fixed = await takt(
      dir,
      ...["simulate", "demo", "--from", "2026-05-01", "--lead-times", "fixed", "--out", "sim-fixed"],
      ...["--threads", "1"],
    );
    expect(fixed.code, fixed.err).toBe(0);
    expect(fixed.out).toMatch(/Lead times: items master \(fixed\) for \d+/);
    const simFixed = await readCsv(join(dir, "sim-fixed", "simulation.csv"));
    expect(new Set(simFixed.map((x) => x.lead_time_source))).toEqual(new Set(["items_master"]));
  });

  it("--demand model replays paths drawn from each series' fitted model: means and p10 – p90 over the paths", async () => {
    const args = ["simulate", "demo/sales.csv", "--items", "demo/items.csv", "--from", "2026-05-01"];
    const r = await takt(
      dir,
      ...args,
      "--demand",
      "model",
      "--paths",
      "5",
      "--out",
      "sim-model",
      "--threads",
      "1",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Demand: 5 paths per series drawn from the model fitted at 2026-05-01 \(/);
    expect(r.out).toMatch(/Fill rate spread over the 5 paths/);
    const sim = await readCsv(join(dir, "sim-model", "simulation.csv"));
    const hist = await readCsv(join(dir, "sim", "simulation.csv"));
    expect(sim).toHaveLength(hist.length);
    for (const row of sim) {
      expect(row.demand_source).toBe("model");
      expect(row.paths).toBe("5");
      expect(row.demand_model).toMatch(/^(normal sd=|poisson|negative_binomial k=|bootstrap \d+ demands)/);
      expect(Number(row.days)).toBe(184);
      const f = Number(row.fill_rate);
      if (Number(row.demand_units) > 0) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
        expect(Number(row.fill_rate_p10)).toBeLessThanOrEqual(Number(row.fill_rate_p90));
      }
    }
    // same plans (made before --from), other demand
    const key = (x: Record<string, string>) => `${x.sku}@${x.location}@${x.scale}`;
    const h = new Map(hist.map((x) => [key(x), x]));
    for (const row of sim) expect(row.rule).toBe(h.get(key(row))!.rule);
    expect(sim.some((row) => row.demand_units !== h.get(key(row))!.demand_units)).toBe(true);
    const totals = await readCsv(join(dir, "sim-model", "totals.csv"));
    for (const t of totals) expect(Number(t.fill_rate_p10)).toBeLessThanOrEqual(Number(t.fill_rate_p90));
    // reproducible: the same seed gives the same figures
    const again = await takt(
      dir,
      ...args,
      "--demand",
      "model",
      "--paths",
      "5",
      "--out",
      "sim-model-2",
      "--threads",
      "1",
    );
    expect(again.code, again.err).toBe(0);
    expect(await readFile(join(dir, "sim-model-2", "simulation.csv"), "utf8")).toBe(
      await readFile(join(dir, "sim-model", "simulation.csv"), "utf8"),
    );
  });

  it("stops on bad options and a window outside the history, naming the option and value", async () => {
    const base = ["simulate", "demo/sales.csv", "--out", "bad", "--threads", "1"];
    const outside = await takt(dir, ...base, "--from", "2020-01-01");
    expect(outside.code).toBe(1);
    expect(outside.err).toMatch(
      /--from 2020-01-01 is outside the history: the history runs from \d{4}-\d\d-\d\d/,
    );
    const after = await takt(dir, ...base, "--from", "2027-01-01");
    expect(after.code).toBe(1);
    expect(after.err).toMatch(/--from 2027-01-01 is outside the history/);
    const missing = await takt(dir, ...base);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--from/);
    const date = await takt(dir, ...base, "--from", "1 May");
    expect(date.code).toBe(2);
    expect(date.err).toMatch(/expected a date YYYY-MM-DD, got "1 May"/);
    const scale = await takt(dir, ...base, "--from", "2026-05-01", "--buffer-scale", "1,x");
    expect(scale.code).toBe(2);
    expect(scale.err).toMatch(/--buffer-scale.*got "x"/s);
    const policy = await takt(dir, ...base, "--from", "2026-05-01", "--policy", "magic");
    expect(policy.code).toBe(2);
    expect(policy.err).toMatch(/expected one of rq, minmax, periodic, kanban, ddmrp, got "magic"/);
    const paths = await takt(dir, ...base, "--from", "2026-05-01", "--paths", "5");
    expect(paths.code).toBe(1);
    expect(paths.err).toMatch(/--paths applies to --demand model only/);
    const source = await takt(dir, ...base, "--from", "2026-05-01", "--demand", "forecast");
    expect(source.code).toBe(2);
    expect(source.err).toMatch(/expected history or model, got "forecast"/);
    const noPo = await takt(dir, ...base, "--from", "2026-05-01", "--lead-times", "recorded");
    expect(noPo.code).toBe(1);
    expect(noPo.err).toMatch(/--lead-times recorded needs purchase-order lines/);
    const both = await takt(
      dir,
      ...base,
      "--from",
      "2026-05-01",
      "--lead-times",
      "recorded",
      "--lead-time",
      "7",
    );
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/--lead-time sets a fixed lead time/);
    const fill = await takt(dir, ...base, "--from", "2026-05-01", "--fill-rate", "95");
    expect(fill.code).toBe(2);
    expect(fill.err).toMatch(/--fill-rate.*expected a fraction in \(0, 1\), e\.g\. 0\.95, got "95"/s);
  });
});
