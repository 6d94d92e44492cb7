import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveItem } from "../core/item.js";
import type { Issue } from "../core/result.js";
import { type ItemsMaster, type ReadItemsOptions, readItemsCsv } from "./read-items.js";

const dir = mkdtempSync(join(tmpdir(), "takt-read-items-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (content: string): string => {
  const p = join(dir, `items${fileNo++}.csv`);
  writeFileSync(p, content);
  return p;
};
async function read(content: string, options: ReadItemsOptions = {}): Promise<ItemsMaster> {
  const r = await readItemsCsv(write(content), options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
async function issues(content: string, options: ReadItemsOptions = {}): Promise<readonly Issue[]> {
  const r = await readItemsCsv(write(content), options);
  if (r.ok) throw new Error("expected a failure");
  return r.issues;
}

describe("readItemsCsv", () => {
  it("reads every column by its aliases, with units converted", async () => {
    const m = await read(
      "SKU,Cost,Price,Lead Time,LT_SD,Min Order Qty,Pack Size,Order Cost,Holding Rate,Service Level,Service Type,Review Period,Kanban Container,Vendor,Category\n" +
        "A,2.5,4,10,2.5,12,6,40,25%,95,fill rate,7,24,ACME,Food\n" +
        "B,,,,,,,,0.2,0.9,cycle,,,,\n",
    );
    expect(m.itemFor("A", "")).toEqual({
      unitCost: 2.5,
      unitPrice: 4,
      leadTimeDays: 10,
      leadTimeSdDays: 2.5,
      moq: 12,
      orderMultiple: 6,
      orderingCost: 40,
      holdingCostRate: 0.25,
      serviceTarget: 0.95,
      serviceType: "fill_rate",
      reviewPeriodDays: 7,
      containerSize: 24,
      supplier: "ACME",
      category: "Food",
    });
    expect(m.itemFor("B", "S1")).toEqual({ holdingCostRate: 0.2, serviceTarget: 0.9, serviceType: "cycle" });
    expect(m.itemFor("Z", "S1")).toEqual({});
    expect([m.rowsRead, m.hasLocation, m.mapping.lead_time_days, m.mapping.location]).toEqual([
      2,
      false,
      "Lead Time",
      null,
    ]);
    // Empty cells fall to the documented defaults in core.
    expect(resolveItem(m.itemFor("B", ""), null).defaulted).toContain("leadTimeDays");
  });

  it("a row with a location overrides the SKU-wide row field by field", async () => {
    const m = await read("sku,location,lead_time_days,moq\nA,,7,10\nA,S2,3,\nB,S1,5,\n");
    expect(m.itemFor("A", "S1")).toEqual({ leadTimeDays: 7, moq: 10 });
    expect(m.itemFor("A", "S2")).toEqual({ leadTimeDays: 3, moq: 10 });
    expect(m.itemFor("B", "S1")).toEqual({ leadTimeDays: 5 });
    expect(m.itemFor("B", "S2")).toEqual({});
    expect([...m.entries.keys()]).toEqual(["A", "A@S2", "B@S1"]);
  });

  it("checks ranges and forms, naming line, column, value and what is expected", async () => {
    const i = await issues(
      "sku,lead_time,moq,holding_rate,service_level,service_type,order_multiple\n" +
        "A,-1,,,,,\nB,,0,,,,\nC,,,25,,,\nD,,,,100%,,\nE,,,,,sometimes,\nF,,,,,,0.5\nG,two,,,,,\n",
    );
    expect(i.map((x) => [x.code, x.path.line, x.path.column, x.received])).toEqual([
      ["out_of_range", 2, "lead_time", "-1"],
      ["out_of_range", 3, "moq", "0"],
      ["out_of_range", 4, "holding_rate", "25"],
      ["out_of_range", 5, "service_level", "100%"],
      ["invalid_value", 6, "service_type", "sometimes"],
      ["out_of_range", 7, "order_multiple", "0.5"],
      ["invalid_number", 8, "lead_time", "two"],
    ]);
    expect(i[0]!.message).toBe("leadTimeDays must be ≥ 0");
    expect(i[2]!.message).toBe("holdingCostRate 25 per year looks like a percentage: write 0.25 or 25%");
  });

  it("reads the reorder point in force beside the plan's parameters, never as one", async () => {
    const m = await read("Item,Store,ROP,moq\nA,,40,10\nA,S2,25.5,\nB,S1,,2\nC,,0,\n");
    expect(m.mapping.reorder_point).toBe("ROP");
    expect([m.reorderPointFor("A", "S1"), m.reorderPointFor("A", "S2"), m.reorderPointFor("A", "")]).toEqual([
      40, 25.5, 40,
    ]);
    expect([m.reorderPointFor("B", "S1"), m.reorderPointFor("C", "S9"), m.reorderPointFor("Z", "")]).toEqual([
      undefined,
      0,
      undefined,
    ]);
    expect([...m.reorderPoints]).toEqual([
      ["A", 40],
      ["A@S2", 25.5],
      ["C", 0],
    ]);
    // Not a planning parameter: itemFor and the defaults do not see it.
    expect(m.itemFor("A", "S2")).toEqual({ moq: 10 });
    expect(resolveItem(m.itemFor("A", ""), null).defaulted).not.toContain("reorderPoint");
    for (const header of ["reorder_point", "Reorder Level", "min_stock", "Minimum Stock"])
      expect((await read(`sku,${header}\nA,7\n`)).reorderPointFor("A", "")).toBe(7);
    const i = await issues("sku,reorder_level\nA,-1\nB,lots\n");
    expect(i.map((x) => [x.code, x.path.line, x.path.column, x.received, x.message])).toEqual([
      ["out_of_range", 2, "reorder_level", "-1", "reorderPoint must be ≥ 0"],
      ["invalid_number", 3, "reorder_level", "lots", "reorderPoint is not a number"],
    ]);
    expect(i[0]!.expected).toBe("a non-negative number of units (the reorder point in force)");
  });

  it("rejects duplicate rows naming both lines; lenient skips them", async () => {
    const text = "sku,store,moq\nA,S1,1\nA,S1,2\nA,,3\n";
    const i = await issues(text);
    expect(i.map((x) => [x.code, x.path.line, x.message])).toEqual([
      ["duplicate_item", 3, "duplicate row for A at S1: lines 2 and 3"],
    ]);
    const m = await read(text, { lenient: true });
    expect(m.itemFor("A", "S1")).toEqual({ moq: 1 });
    expect(m.skipped).toMatchObject({ count: 1, byCode: { duplicate_item: 1 } });
  });

  it("requires only the sku column, and says which names it accepts", async () => {
    const i = await issues("name,cost\nA,1\n");
    expect(i.map((x) => x.code)).toEqual(["missing_column"]);
    expect(i[0]!.message).toContain("accepted names: sku, item, item_id, product, product_id");
    expect((await read("sku\n")).entries.size).toBe(0);
  });
});
