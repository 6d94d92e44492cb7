import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { epochDayFromParts } from "../core/calendar.js";
import { jitReadiness, type ReadinessInput } from "../core/policy/readiness.js";
import type { DemandSeries, Frequency } from "../core/series.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import type { EpochDay } from "../core/units.js";
import type { DemandImport } from "../io/read-demand.js";
import { NO_SKIPPED_ROWS } from "../io/row-issues.js";
import {
  checkWindow,
  normaliseScales,
  purchaseLinesAsOf,
  readinessAfterReplay,
  runSimulate,
  spreadOf,
} from "./simulate.js";

const DAY0 = epochDayFromParts(2024, 1, 1);

function series(sku: string, start: number, q: readonly number[]): DemandSeries {
  return {
    sku,
    location: "L1",
    frequency: "day",
    start: start as EpochDay,
    quantities: Float64Array.from(q),
    unitPrice: 10,
  };
}

function demandImport(list: readonly DemandSeries[], frequency: Frequency = "day"): DemandImport {
  const first = Math.min(...list.map((s) => s.start));
  const last = Math.max(...list.map((s) => s.start + s.quantities.length - 1));
  return {
    file: "sales.csv",
    series: list,
    rowsRead: 0,
    rowsUsed: 0,
    rowsNotOnSale: 0,
    mapping: { sku: "sku", location: "location", date: "date", quantity: "qty", price: "price" },
    delimiter: ",",
    hasLocation: true,
    hasPrice: true,
    frequency,
    firstDate: first as EpochDay,
    lastDate: last as EpochDay,
    seriesWithoutSales: [],
    skipped: NO_SKIPPED_ROWS,
  };
}

const readCsv = async (dir: string, f: string) =>
  parse(await readFile(join(dir, f), "utf8"), { columns: true }) as Record<string, string>[];

describe("checkWindow", () => {
  const d = demandImport([series("A", DAY0, new Array(100).fill(5))]);
  it("accepts a window inside the history and names the option otherwise", () => {
    expect(checkWindow(d, (DAY0 + 50) as EpochDay, undefined)).toBeNull();
    expect(checkWindow(d, (DAY0 + 1) as EpochDay, (DAY0 + 99) as EpochDay)).toBeNull();
    expect(checkWindow(d, DAY0 as EpochDay, undefined)).toMatch(
      /--from 2024-01-01 is outside the history.*2024-01-01 to 2024-04-09.*earliest 2024-01-02/,
    );
    expect(checkWindow(d, (DAY0 + 100) as EpochDay, undefined)).toMatch(/--from 2024-04-10 is outside/);
    expect(checkWindow(d, (DAY0 + 50) as EpochDay, (DAY0 + 40) as EpochDay)).toMatch(/--to 2024-02-10/);
    expect(checkWindow(d, (DAY0 + 50) as EpochDay, (DAY0 + 100) as EpochDay)).toMatch(/--to 2024-04-10/);
    const weekly = demandImport([{ ...series("A", DAY0, [1, 2, 3]), frequency: "week" }], "week");
    expect(checkWindow(weekly, (DAY0 + 7) as EpochDay, undefined)).toMatch(/weekly history/);
  });
});

describe("normaliseScales", () => {
  it("adds scale 1, sorts largest first and rejects bad values", () => {
    expect(normaliseScales([0.8, 0.5])).toEqual([1, 0.8, 0.5]);
    expect(normaliseScales([1.2, 1, 0.9])).toEqual([1.2, 1, 0.9]);
    expect(() => normaliseScales([-0.1])).toThrow(RangeError);
  });
});

describe("readinessAfterReplay", () => {
  it("is jitReadiness with the calibration-miss factor, for every combination of the other factors", () => {
    const inputs: ReadinessInput[] = [];
    for (const mape of [null, 0.1, 0.3, 0.5])
      for (const xyz of ["X", "Y", "Z"] as const)
        for (const pattern of ["smooth", "erratic", "intermittent", "lumpy", "no_demand"] as const)
          for (const leadTimeCv of [undefined, 0.1, 0.2, 0.4])
            inputs.push({ mape, xyz, pattern, ...(leadTimeCv !== undefined ? { leadTimeCv } : {}) });
    for (const input of inputs) {
      const before = jitReadiness(input).verdict;
      expect(readinessAfterReplay(before, "below_target")).toBe(
        jitReadiness({ ...input, calibrationMiss: true }).verdict,
      );
      for (const status of ["ok", "above_target", "no_demand"] as const)
        expect(readinessAfterReplay(before, status)).toBe(before);
    }
  });
});

describe("runSimulate", () => {
  it("replays the catalogue, writes every output and demotes a jit series that missed its target", async () => {
    const steady = [9, 11, 10, 10, 12, 8, 10];
    // JIT-ready history (smooth, CV ≈ 0.12, forecastable), then demand triples: the plan cannot keep up.
    const surge = series("JIT", DAY0, [
      ...Array.from({ length: 300 }, (_, i) => steady[i % 7]!),
      ...Array.from({ length: 60 }, (_, i) => 3 * steady[i % 7]!),
    ]);
    // Same history, replayed on the demand it was planned for.
    const calm = series(
      "CALM",
      DAY0,
      Array.from({ length: 360 }, (_, i) => steady[i % 7]!),
    );
    // First sale after --from: nothing to plan on.
    const late = series("LATE", DAY0 + 320, new Array(40).fill(4));
    const demand = demandImport([calm, surge, late]);
    const dir = await mkdtemp(join(tmpdir(), "takt-sim-"));
    const run = await runSimulate(demand, null, {
      outDir: dir,
      from: (DAY0 + 300) as EpochDay,
      scales: [0.8, 0.9],
      threads: 1,
      sources: ["sales.csv"],
      reportSeries: 1,
    });
    expect(run.scales).toEqual([1, 0.9, 0.8]);
    expect(run.series.map((s) => s.sku)).toEqual(["CALM", "JIT"]);
    expect(run.skipped).toEqual([
      { id: "LATE@L1", reason: expect.stringMatching(/first sale on 2024-11-16/) },
    ]);
    expect(run.files.map((f) => f.slice(dir.length + 1))).toEqual([
      "simulation.csv",
      "totals.csv",
      "tradeoff.csv",
      "recommendations.csv",
      "calibration.csv",
      "simulation.json",
      "report.html",
    ]);

    const [calmRun, jit] = run.series;
    expect(jit!.replay.readiness).toBe("jit");
    expect(jit!.replay.calibration.status).toBe("below_target");
    expect(jit!.readinessAfterReplay).toBe("hybrid");
    expect(calmRun!.replay.calibration.status).not.toBe("below_target");
    expect(calmRun!.readinessAfterReplay).toBe(calmRun!.replay.readiness);

    const sim = await readCsv(dir, "simulation.csv");
    expect(sim).toHaveLength(2 * 3);
    for (const row of sim) {
      expect(Number(row.fill_rate)).toBeGreaterThanOrEqual(0);
      expect(Number(row.fill_rate)).toBeLessThanOrEqual(1);
      expect(Number(row.days)).toBe(60);
    }
    expect(sim.find((r) => r.sku === "JIT" && r.scale === "1")!.readiness_after_replay).toBe("hybrid");

    const totals = await readCsv(dir, "totals.csv");
    expect(totals.map((t) => `${t.group} ${t.scale}`)).toEqual([
      "all 1",
      "all 0.9",
      "all 0.8",
      "smooth 1",
      "smooth 0.9",
      "smooth 0.8",
    ]);
    // units-weighted fill rate = Σ served ÷ Σ demand over the two series
    const all1 = run.totals[0]!;
    const served = run.series.reduce((a, s) => a + s.scenarios[0]!.servedFromStock, 0);
    const dem = run.series.reduce((a, s) => a + s.scenarios[0]!.totalDemand, 0);
    expect(all1.fillRate).toBeCloseTo(served / dem, 12);
    expect(Number(totals[0]!.demand_units)).toBe(dem);

    const recs = await readCsv(dir, "recommendations.csv");
    expect(recs.map((r) => r.scope)).toEqual(["catalogue", "per_sku_scales", "sku", "sku"]);
    const jitRec = recs.find((r) => r.sku === "JIT")!;
    expect(jitRec.status).toBe("below_target");
    expect(jitRec.recommended_scale).toBe("");
    const calmRec = recs.find((r) => r.sku === "CALM")!;
    const k = run.scales.indexOf(Number(calmRec.recommended_scale));
    expect(k).toBeGreaterThanOrEqual(0);
    expect(Number(calmRec.fill_rate_at_recommended)).toBeCloseTo(calmRun!.scenarios[k]!.fillRate, 5);
    expect(Number(calmRec.fill_rate_at_recommended)).toBeGreaterThanOrEqual(Number(calmRec.target));

    const cal = await readCsv(dir, "calibration.csv");
    const jitCal = cal.find((r) => r.sku === "JIT")!;
    expect(jitCal.flagged).toBe("true");
    expect(Number(jitCal.miss)).toBeGreaterThan(0.02);
    expect(jitCal.readiness_reasons).toMatch(/missed the fill-rate target/);

    const json = JSON.parse(await readFile(join(dir, "simulation.json"), "utf8")) as {
      meta: { skipped: unknown[]; scales: number[] };
      series: { plans: { date: string }[]; scenarios: { scale: number; fillRate: number | null }[] }[];
    };
    expect(json.meta.scales).toEqual([1, 0.9, 0.8]);
    expect(json.series[0]!.plans[0]!.date).toBe("2024-10-27");
    expect(json.series[0]!.scenarios).toHaveLength(3);

    const html = await readFile(join(dir, "report.html"), "utf8");
    expect(html).toContain('id="tradeoff-chart"');
    expect(html).toContain("JIT @ L1"); // the worst fill rate gets the one trace
    expect(html).not.toContain("CALM @ L1 — ");
  });

  it("refuses a window outside the history", async () => {
    const d = demandImport([series("A", DAY0, new Array(30).fill(5))]);
    await expect(
      runSimulate(d, null, {
        outDir: "/nonexistent",
        from: (DAY0 + 40) as EpochDay,
        threads: 1,
        sources: [],
      }),
    ).rejects.toThrow(/--from .* is outside the history/);
  });
});

/** A received PO line for SKU `sku` @ L1 ordered on day `order` (DAY0-relative) taking `lead` days. */
function poLine(sku: string, order: number, lead: number | null, extra: Partial<PurchaseOrderLine> = {}) {
  const d = (x: number) => (DAY0 + x) as EpochDay;
  return {
    poId: `PO-${sku}-${order}`,
    supplier: "S1",
    sku,
    location: "L1",
    qtyOrdered: 100,
    unitCost: 5,
    orderDay: d(order),
    promisedDay: d(order + 10),
    asnDay: lead === null ? null : d(order + lead - 1),
    asnQty: lead === null ? null : 100,
    receivedDay: lead === null ? null : d(order + lead),
    qtyReceived: lead === null ? 0 : 100,
    qtyRejected: lead === null ? null : 0,
    mode: "Truck",
    freightCost: null,
    expedited: false,
    ...extra,
  } satisfies PurchaseOrderLine;
}

describe("purchaseLinesAsOf", () => {
  it("keeps what was known at the end of the day: later orders dropped, later receipts and ASNs blanked", () => {
    const asOf = DAY0 + 100;
    const before = poLine("A", 50, 10);
    const open = poLine("A", 95, 10); // ASN on day 104, received 105: both after
    const asnOnly = poLine("A", 91, 10); // ASN day 100 (known), receipt 101 (not)
    const later = poLine("A", 101, 5);
    const noOrderDay = poLine("A", 60, 10, { orderDay: null });
    const noOrderDayOpen = poLine("A", 95, 10, { orderDay: null });
    const out = purchaseLinesAsOf([before, open, asnOnly, later, noOrderDay, noOrderDayOpen], asOf);
    expect(out).toEqual([
      before,
      { ...open, receivedDay: null, qtyReceived: 0, qtyRejected: null, asnDay: null, asnQty: null },
      { ...asnOnly, receivedDay: null, qtyReceived: 0, qtyRejected: null },
      noOrderDay,
    ]);
  });
});

describe("spreadOf", () => {
  it("gives type-7 p10 and p90 of the finite values", () => {
    expect(spreadOf([0.5, Number.NaN, 0.9, 0.7])).toEqual({ p10: 0.54, p90: expect.closeTo(0.86, 12) });
    expect(Number.isNaN(spreadOf([]).p10)).toBe(true);
  });
});

describe("runSimulate with purchase orders and demand paths", () => {
  const steady = [9, 11, 10, 10, 12, 8, 10];
  const a = series(
    "A",
    DAY0,
    Array.from({ length: 360 }, (_, i) => steady[i % 7]!),
  );
  const from = (DAY0 + 300) as EpochDay;
  // Receipts before --from: 12 days each. Ordered before --from but received in the replay: 60 days.
  // Ordered in the replay: 90 days. Neither of the last two may reach the plan or the replay.
  const lines = [
    ...[100, 140, 180, 220, 250].map((d) => poLine("A", d, 12)),
    ...[280, 290].map((d) => poLine("A", d, 60)),
    ...[310, 320].map((d) => poLine("A", d, 90)),
  ];

  it("draws recorded lead times (receipts before --from only) by default when PO lines are given", async () => {
    const dir = await mkdtemp(join(tmpdir(), "takt-sim-po-"));
    const run = await runSimulate(demandImport([a]), null, {
      outDir: dir,
      from,
      threads: 1,
      sources: ["sales.csv", "po.csv"],
      purchaseLines: lines,
      reportSeries: 1,
    });
    expect(run.leadTimes).toBe("recorded");
    expect(run.leadTimeSources).toEqual({
      option: 0,
      items_master: 0,
      recorded_series: 1,
      recorded_supplier: 0,
    });
    const r = run.series[0]!.replay;
    expect(r.leadTimeSource).toBe("recorded_series");
    expect(r.leadTimeSamples).toBe(5);
    expect(r.leadTimeDays).toBe(12); // the plan's lead time: the mean of the five receipts before --from
    expect(run.series[0]!.scenarios[0]!.meanLeadTimeDays).toBe(12);
    const sim = await readCsv(dir, "simulation.csv");
    for (const row of sim) {
      expect(row.lead_time_source).toBe("recorded_series");
      expect(row.lead_time_samples).toBe("5");
      expect(row.demand_source).toBe("history");
      expect(row.fill_rate_p10).toBe("");
    }
    const fixed = await runSimulate(demandImport([a]), null, {
      outDir: dir,
      from,
      threads: 1,
      sources: [],
      purchaseLines: lines,
      leadTimes: "fixed",
      reportSeries: 0,
    });
    expect(fixed.series[0]!.replay.leadTimeSource).toBe("items_master");
    expect(fixed.series[0]!.replay.leadTimeDays).toBe(7); // the default master lead time
    await expect(
      runSimulate(demandImport([a]), null, {
        outDir: dir,
        from,
        threads: 1,
        sources: [],
        leadTimes: "recorded",
      }),
    ).rejects.toThrow(/recorded lead times need purchase-order lines/);
    await expect(
      runSimulate(demandImport([a]), null, {
        outDir: dir,
        from,
        threads: 1,
        sources: [],
        purchaseLines: lines,
        leadTimes: "recorded",
        leadTimeDays: 7,
      }),
    ).rejects.toThrow(/cannot be combined with recorded/);
  });

  it("replays model paths: means over the paths with their p10 – p90 spread in the outputs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "takt-sim-model-"));
    const b = series(
      "B",
      DAY0,
      Array.from({ length: 360 }, (_, i) => (i % 5 === 0 ? 3 : 0)),
    );
    const run = await runSimulate(demandImport([a, b]), null, {
      outDir: dir,
      from,
      threads: 1,
      sources: [],
      demand: "model",
      paths: 8,
      reportSeries: 2,
    });
    expect(run.demand).toBe("model");
    expect(run.paths).toBe(8);
    for (const s of run.series) {
      expect(s.replay.paths).toBe(8);
      expect(s.replay.demandModel).not.toBeNull();
      const sp = s.fillRateSpread[0]!;
      expect(sp.p10).toBeLessThanOrEqual(sp.p90);
    }
    const sim = await readCsv(dir, "simulation.csv");
    for (const row of sim) {
      expect(row.demand_source).toBe("model");
      expect(row.paths).toBe("8");
      expect(Number(row.fill_rate_p10)).toBeLessThanOrEqual(Number(row.fill_rate_p90));
      expect(Number(row.days)).toBe(60);
    }
    const totals = await readCsv(dir, "totals.csv");
    const all1 = totals.find((t) => t.group === "all" && t.scale === "1")!;
    expect(Number(all1.fill_rate_p10)).toBeLessThanOrEqual(Number(all1.fill_rate_p90));
    const json = JSON.parse(await readFile(join(dir, "simulation.json"), "utf8")) as {
      meta: { demand: string; paths: number };
      series: { demandModel: string; scenarios: { pathFillRates: number[]; fillRateP10: number }[] }[];
    };
    expect(json.meta).toMatchObject({ demand: "model", paths: 8 });
    expect(json.series[0]!.scenarios[0]!.pathFillRates).toHaveLength(8);
    const html = await readFile(join(dir, "report.html"), "utf8");
    expect(html).toContain("demand path 1 of 8");
  });
});
