import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { formatIsoDate, parseIsoDate } from "../src/core/calendar.js";
import { addMonths } from "../src/core/kpi/period.js";
import { takt } from "./support/cli.js";

type Row = Record<string, string>;
const readCsv = async (path: string): Promise<Row[]> =>
  parse(await readFile(path, "utf8"), { columns: true }) as Row[];
const day = (s: string): number => (s === "" ? Number.NaN : parseIsoDate(s)!);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-ops-cli-"));
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
    "400",
    "--seed",
    "7",
  );
  expect(r.code, r.err).toBe(0);
});

describe("takt analyze with operational files", () => {
  it("reads a whole folder by header and writes scorecards, KPIs and the report sections", async () => {
    const r = await takt(dir, "analyze", "demo", "--out", "all", "--threads", "1");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/passing over demo\/suppliers\.csv/);
    expect(r.out).toMatch(/demo\/purchase_orders\.csv: \d+ purchase-order lines/);
    expect(r.out).toMatch(/24 series \(12 SKUs × 2 locations\)/);
    expect(r.out).toMatch(/Suppliers, trailing/);

    // Independent check of the trailing on-time rate from purchase_orders.csv: lines due (promised
    // day) in the 12 months ending on the last event day, received 0–2 days early.
    const po = await readCsv(join(dir, "demo", "purchase_orders.csv"));
    const co = await readCsv(join(dir, "demo", "customer_orders.csv"));
    const inv = await readCsv(join(dir, "demo", "inventory.csv"));
    const asOf = Math.max(
      ...po.flatMap((l) => [day(l.order_date!), day(l.received_date!)]).filter(Number.isFinite),
      ...co.flatMap((l) => [day(l.date!), day(l.ship_date!)]).filter(Number.isFinite),
      ...inv.map((s) => day(s.date!)),
    );
    const from = addMonths(asOf, -12) + 1;
    const sup = await readCsv(join(dir, "all", "suppliers.csv"));
    const trailing = sup.filter((s) => s.period === `T12M@${formatIsoDate(asOf)}`);
    expect(trailing.length).toBeGreaterThan(2);
    for (const s of trailing) {
      const due = po.filter(
        (l) => l.supplier === s.supplier && day(l.promised_date!) >= from && day(l.promised_date!) <= asOf,
      );
      // Scored: received by as-of, or overdue (not received and past the promised day).
      const scored = due.filter(
        (l) => (l.received_date !== "" && day(l.received_date!) <= asOf) || asOf > day(l.promised_date!),
      );
      const onTime = scored.filter((l) => {
        const late = day(l.received_date!) - day(l.promised_date!);
        return l.received_date !== "" && day(l.received_date!) <= asOf && late >= -2 && late <= 0;
      });
      expect(Number(s.lines_scored), s.supplier).toBe(scored.length);
      expect(Number(s.on_time_rate), s.supplier).toBeCloseTo(onTime.length / scored.length, 5);
    }

    // Observed lead times reach the plan: a series with ≥ 3 receipts in the window plans with their mean.
    const plan = await readCsv(join(dir, "all", "plan.csv"));
    const items = await readCsv(join(dir, "demo", "items.csv"));
    let checked = 0;
    for (const p of plan) {
      const supplier = items.find((i) => i.sku === p.sku && i.location === p.location)!.supplier;
      const lts = po
        .filter(
          (l) =>
            l.sku === p.sku && l.location === p.location && l.supplier === supplier && l.received_date !== "",
        )
        .filter((l) => day(l.received_date!) >= from && day(l.received_date!) <= asOf)
        .map((l) => day(l.received_date!) - day(l.order_date!));
      if (lts.length < 3) continue;
      expect(Number(p.lead_time_days), `${p.sku}@${p.location}`).toBeCloseTo(
        lts.reduce((a, b) => a + b, 0) / lts.length,
        3,
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(0);

    const kpis = await readCsv(join(dir, "all", "kpis.csv"));
    expect(kpis.length).toBeGreaterThan(4);
    for (const k of kpis) expect(["green", "yellow", "red", "none"]).toContain(k.light_unit_fill_rate);
    // Weekly MAPE / WAPE from the forecasts made before each week, scored against its days.
    for (const k of kpis) {
      expect(k.mape, k.week).not.toBe("");
      expect(Number(k.mape), k.week).toBeGreaterThan(0);
      expect(Number(k.wape), k.week).toBeGreaterThan(0);
      expect(k.light_mape, k.week).not.toBe("none");
    }
    // KPIs by group: every dimension, over the latest week and the 4- and 8-week windows ending with it.
    const groups = await readCsv(join(dir, "all", "kpis_by_group.csv"));
    expect(new Set(groups.map((g) => g.dimension))).toEqual(
      new Set(["sku", "category", "abc", "supplier", "location"]),
    );
    const lastWeek = kpis[kpis.length - 1]!;
    expect(new Set(groups.map((g) => g.period))).toEqual(
      new Set([lastWeek.week, `T4W@${lastWeek.end}`, `T8W@${lastWeek.end}`]),
    );
    // 12 SKUs and 2 locations, each with a row for the latest week (every series sells and is stocked).
    const week = groups.filter((g) => g.period === lastWeek.week);
    expect(week.filter((g) => g.dimension === "sku")).toHaveLength(12);
    expect(week.filter((g) => g.dimension === "location")).toHaveLength(2);
    expect(week.filter((g) => g.dimension === "abc").every((g) => ["A", "B", "C"].includes(g.group!))).toBe(
      true,
    );
    expect(r.out).toMatch(/Most red KPIs by group, .*\(kpis_by_group\.csv\)/);
    const html = await readFile(join(dir, "all", "report.html"), "utf8");
    expect(html).toContain("<h3>By ABC class, supplier, location:");
    for (const id of ["suppliers", "kpis", "stockouts", "aging", "plan"])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain("Not shown:");
    // Self-contained: nothing loaded from elsewhere (uPlot's licence comment names its home page).
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/);
  });

  it("runs on purchase orders alone and names what the other sections need", async () => {
    const r = await takt(dir, "analyze", "demo/purchase_orders.csv", "--out", "po-only");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/No demand history given/);
    expect(r.out).toMatch(/Missing: Aging needs inventory snapshots/);
    const html = await readFile(join(dir, "po-only", "report.html"), "utf8");
    expect(html).toMatch(/<section id="aging">.*Not shown: Aging needs inventory snapshots/s);
    expect(html).toMatch(/<section id="suppliers">/);
    const sup = await readCsv(join(dir, "po-only", "suppliers.csv"));
    expect(sup.length).toBeGreaterThan(0);
    // No demand history: no forecasts to score, and the report says so.
    const kpis = await readCsv(join(dir, "po-only", "kpis.csv"));
    for (const k of kpis) expect([k.mape, k.light_mape]).toEqual(["", "none"]);
    expect(html).toMatch(/Not measured for lack of input: .*a demand history \(MAPE, WAPE/);
  });

  it("draws the review up on --as-of over --months; a demand-only report says what each section needs", async () => {
    const full = await takt(dir, "analyze", "demo/purchase_orders.csv", "--out", "asof-full");
    const last = /Operations as of (\d{4}-\d{2}-\d{2})/.exec(full.out)![1]!;
    const asOf = formatIsoDate(day(last) - 30);
    const r = await takt(
      dir,
      "analyze",
      "demo/purchase_orders.csv",
      "--out",
      "asof",
      "--as-of",
      asOf,
      "--months",
      "3",
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Operations as of ${asOf}`);
    const sup = await readCsv(join(dir, "asof", "suppliers.csv"));
    const trailing = sup.filter((s) => s.period.startsWith("T"));
    expect(trailing.length).toBeGreaterThan(0);
    for (const t of trailing) {
      expect(t.period).toBe(`T3M@${asOf}`);
      expect(t.end).toBe(asOf);
    }
    const bad = await takt(dir, "analyze", "demo/purchase_orders.csv", "--out", "x", "--as-of", "soon");
    expect(bad.code).toBe(2); // usage error
    expect(bad.err).toMatch(/--as-of.*expected a date YYYY-MM-DD, got "soon"/);

    const d = await takt(dir, "analyze", "demo/sales.csv", "--out", "sales-only", "--threads", "1");
    expect(d.code, d.err).toBe(0);
    const html = await readFile(join(dir, "sales-only", "report.html"), "utf8");
    expect(html).toMatch(/<section id="suppliers">.*Not shown: Supplier/s);
    expect(html).toMatch(/<section id="aging">.*Not shown: Aging needs inventory snapshots/s);
  });

  it("reads SCMS-style exports, reporting the placeholders it read as unknown", async () => {
    const header =
      "ID,PO / SO #,ASN/DN #,Country,Shipment Mode,PO Sent to Vendor Date,Scheduled Delivery Date,Delivered to Client Date,Vendor,Item Description,Line Item Quantity,Line Item Value,Freight Cost (USD)";
    const rows = [
      "1,SCMS-4,ASN-8,Vietnam,Air,Date Not Captured,2-Jun-06,2-Jun-06,Acme,Test kit,19,551,780.34",
      "2,SCMS-5,ASN-9,Vietnam,Air,5/1/06,2-Jun-06,4-Jun-06,Acme,Test kit,10,100,See ASN-8 (ID#:1)",
      "3,SO-6,DN-1,Haiti,N/A,N/A - From RDC,1-Jul-06,30-Jun-06,SCMS from RDC,Tablets,5,50,Freight Included in Commodity Cost",
    ];
    await writeFile(join(dir, "scms.csv.gz"), gzipSync(`${header}\n${rows.join("\n")}\n`));
    const r = await takt(dir, "analyze", "scms.csv.gz", "--out", "scms");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/scms\.csv\.gz: 3 purchase-order lines of 3 rows/);
    expect(r.out).toMatch(/1 × PO Sent to Vendor Date read as unknown: not captured/);
    expect(r.out).toMatch(/1 × Freight Cost \(USD\) read as unknown: recorded on another line/);
    // Acme: one of two lines on time (the second 2 days late); lead time 32 days from 1 May to 2 June.
    const sup = await readCsv(join(dir, "scms", "suppliers.csv"));
    const acme = sup.find((s) => s.supplier === "Acme" && s.period.startsWith("T12M"))!;
    expect([acme.lines_scored, acme.on_time_rate, acme.lead_time_n, acme.lead_time_mean_days]).toEqual([
      "2",
      "0.5",
      "1",
      "34",
    ]);
  });

  it("stops on a bad cell with file, line, column and value; --lenient skips the row", async () => {
    await mkdir(join(dir, "bad"), { recursive: true });
    await writeFile(
      join(dir, "bad", "po.csv"),
      "supplier,sku,qty_ordered,promised_date,received_date\nS,A,5,2024-01-02,2024-01-02\nS,A,5,2024-01-09,next week\n",
    );
    const r = await takt(dir, "analyze", "bad/po.csv", "--out", "bad-out");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\/po\.csv:3 column "received_date": unparseable date \(got "next week"\)/);
    const l = await takt(dir, "analyze", "bad/po.csv", "--out", "bad-out", "--lenient");
    expect(l.code, l.err).toBe(0);
    expect(l.out).toMatch(/bad\/po\.csv: skipped 1 bad row/);
  });

  it("asks for --kind when a named file is not recognised, and obeys it", async () => {
    await copyFile(join(dir, "demo", "inventory.csv"), join(dir, "stock.csv"));
    await writeFile(join(dir, "odd.csv"), "when,what,how_many\n2024-01-01,A,3\n");
    const r = await takt(dir, "analyze", "odd.csv", "--out", "odd");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/odd\.csv: cannot tell what this file holds/);
    expect(r.err).toMatch(/--kind FILE=KIND/);
    const k = await takt(dir, "analyze", "stock.csv", "--kind", "stock.csv=customer_orders", "--out", "k");
    expect(k.code).toBe(1);
    expect(k.err).toMatch(/missing required column for order_id/);
    const ok = await takt(dir, "analyze", "stock.csv", "--kind", "stock.csv=snapshots", "--out", "k");
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/stock\.csv: [\d,]+ inventory snapshots/);
  });
});
