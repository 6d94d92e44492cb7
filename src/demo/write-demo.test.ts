import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIsoDate } from "../core/calendar.js";
import { csvField, csvText } from "./csv-text.js";
import type { DemoCompany } from "./demo-company.js";
import { generateDemo } from "./generate-demo.js";
import { demoReadme, writeDemo } from "./write-demo.js";

describe("csvText", () => {
  it("quotes commas, quotes and line breaks per RFC 4180 and parses back unchanged", () => {
    const rows = [
      ["plain", 1, 2.5, true, null, undefined],
      ['say "hi"', -3, 0.1, false, "a,b", "line\nbreak"],
      ["cr\r\nlf", Number.NaN, 1e-7, "", " spaced ", "=1+1"],
    ];
    const text = csvText(["a", "b", "c", "d", "e", "f"], rows);
    const back = parse(text, { columns: false, relax_column_count: false }) as string[][];
    expect(back[0]).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(back.slice(1)).toEqual(
      rows.map((r) => r.map((v) => csvField(v).replace(/^"|"$/g, "").replaceAll('""', '"'))),
    );
    expect(back[2]![0]).toBe('say "hi"');
    expect(back[2]![5]).toBe("line\nbreak");
    expect(back[3]![0]).toBe("cr\r\nlf");
    expect(back[3]![1]).toBe("");
    expect(csvField(1e-7)).toBe("1e-7");
  });
});

describe("writeDemo", () => {
  let dir = "";
  let company: DemoCompany;
  let files: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "takt-demo-"));
    company = generateDemo({ seed: 5, skus: 12, locations: 2, days: 200 });
    files = await writeDemo(join(dir, "out"), company);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const read = async (name: string) =>
    parse(await readFile(join(dir, "out", name), "utf8"), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];

  it("writes the six CSV files and the README", () => {
    expect(files.map((f) => basename(f))).toEqual([
      "sales.csv",
      "items.csv",
      "suppliers.csv",
      "purchase_orders.csv",
      "inventory.csv",
      "customer_orders.csv",
      "README.txt",
    ]);
  });

  it("sales.csv round-trips to the series' sales and prices", async () => {
    const rows = await read("sales.csv");
    expect(rows.length).toBe(company.series.reduce((a, s) => a + s.sales.length, 0));
    let k = 0;
    for (const s of company.series)
      for (let i = 0; i < s.sales.length; i++, k++) {
        const r = rows[k]!;
        if (r.sku !== s.sku || r.location !== s.location || r.date !== formatIsoDate(s.start + i))
          throw new Error(`row ${k}`);
        if (Number(r.qty) !== s.sales[i] || Number(r.price) !== s.price[i])
          throw new Error(`row ${k} values`);
      }
    expect(k).toBe(rows.length);
  });

  it("items.csv keeps empty cells empty and values exact", async () => {
    const rows = await read("items.csv");
    expect(rows.length).toBe(company.items.length);
    rows.forEach((r, i) => {
      const it = company.items[i]!;
      expect(r.unit_cost).toBe(it.unitCost === undefined ? "" : String(it.unitCost));
      expect(r.lead_time_sd_days).toBe(it.leadTimeSdDays === undefined ? "" : String(it.leadTimeSdDays));
      expect(r.service_type).toBe(it.serviceType ?? "");
      expect(r.supplier).toBe(it.supplier);
      expect(r.reorder_point).toBe(String(it.reorderPoint));
    });
  });

  it("suppliers.csv keeps names with punctuation intact", async () => {
    const rows = await read("suppliers.csv");
    expect(rows.map((r) => r.name)).toEqual(company.suppliers.map((s) => s.name));
    expect(Number(rows[1]!.true_on_time_prob)).toBe(company.suppliers[1]!.behaviour.onTimeProb);
  });

  it("purchase_orders.csv, inventory.csv and customer_orders.csv round-trip", async () => {
    const po = await read("purchase_orders.csv");
    expect(po.length).toBe(company.purchaseOrders.length);
    po.forEach((r, i) => {
      const p = company.purchaseOrders[i]!;
      expect(r.po_id).toBe(p.poId);
      expect(Number(r.qty_ordered)).toBe(p.qtyOrdered);
      expect(r.received_date).toBe(p.receivedDay === null ? "" : formatIsoDate(p.receivedDay));
      expect(r.asn_qty).toBe(p.asnQty === null ? "" : String(p.asnQty));
      expect(r.expedited).toBe(String(p.expedited));
      expect(Number(r.freight_cost)).toBe(p.freightCost);
    });
    const inv = await read("inventory.csv");
    expect(inv.length).toBe(company.inventory.length);
    expect(Number(inv[inv.length - 1]!.on_hand)).toBe(company.inventory[inv.length - 1]!.onHand);
    const co = await read("customer_orders.csv");
    expect(co.length).toBe(company.customerOrders.length);
    expect(co[0]!.order_id).toBe(company.customerOrders[0]!.orderId);
  });

  it("README.txt names every file and the seed", async () => {
    const text = await readFile(join(dir, "out", "README.txt"), "utf8");
    expect(text).toBe(demoReadme(company));
    for (const f of files.slice(0, 6)) expect(text).toContain(basename(f));
    expect(text).toContain("seed 5");
  });
});
