import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { detectKind, kindFromHeaders, listInputFiles, parseKindOverrides } from "./detect-kind.js";

const dir = mkdtempSync(join(tmpdir(), "takt-kind-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCMS_HEADER =
  "ID,Project Code,PQ #,PO / SO #,ASN/DN #,Country,Managed By,Fulfill Via,Vendor INCO Term,Shipment Mode,PQ First Sent to Client Date,PO Sent to Vendor Date,Scheduled Delivery Date,Delivered to Client Date,Delivery Recorded Date,Product Group,Sub Classification,Vendor,Item Description,Molecule/Test Type,Brand,Dosage,Dosage Form,Unit of Measure (Per Pack),Line Item Quantity,Line Item Value,Pack Price,Unit Price,Manufacturing Site,First Line Designation,Weight (Kilograms),Freight Cost (USD),Line Item Insurance (USD)";

describe("kindFromHeaders", () => {
  it("recognises each demo file and the SCMS delivery history", () => {
    const h = (s: string) => s.split(",");
    expect(kindFromHeaders(h("sku,location,date,qty,price"))).toBe("demand");
    expect(kindFromHeaders(h("sku,location,unit_cost,lead_time_days,supplier,category"))).toBe("items");
    expect(
      kindFromHeaders(
        h(
          "po_id,supplier,sku,location,qty_ordered,order_date,promised_date,asn_date,asn_qty,received_date,qty_received,qty_rejected,mode,freight_cost,expedited",
        ),
      ),
    ).toBe("purchase_orders");
    expect(kindFromHeaders(h("date,sku,location,on_hand,unit_cost"))).toBe("snapshots");
    expect(kindFromHeaders(h("order_id,date,sku,location,qty,qty_shipped,ship_date,promised_date"))).toBe(
      "customer_orders",
    );
    expect(kindFromHeaders(h(SCMS_HEADER))).toBe("purchase_orders");
  });

  it("recognises nothing in a supplier list or an unrelated table", () => {
    expect(kindFromHeaders(["supplier", "name", "country", "mode", "contract_on_time_target"])).toBeNull();
    expect(kindFromHeaders(["a", "b"])).toBeNull();
    // A SKU list alone is no items master.
    expect(kindFromHeaders(["sku", "category"])).toBeNull();
  });
});

describe("detectKind and listInputFiles", () => {
  it("reads the header of a gzipped file, honours an override, explains a failure", async () => {
    const p = join(dir, "scms.csv.gz");
    writeFileSync(p, gzipSync(`${SCMS_HEADER}\n`));
    expect(await detectKind(p)).toEqual({ ok: true, value: "purchase_orders" });
    const q = join(dir, "odd.csv");
    writeFileSync(q, "a,b\n1,2\n");
    expect(await detectKind(q, "odd.csv", "demand")).toEqual({ ok: true, value: "demand" });
    const r = await detectKind(q, "odd.csv");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.message).toMatch(/"a", "b"/);
      expect(r.issues[0]!.expected).toMatch(/--kind FILE=KIND/);
    }
  });

  it("expands a folder to its CSV files, sorted", async () => {
    const f = join(dir, "folder");
    mkdirSync(f);
    for (const n of ["b.csv", "a.csv.gz", "README.txt.bak", "c.json"]) writeFileSync(join(f, n), "x\n");
    const r = await listInputFiles([f, join(dir, "odd.csv")]);
    expect(r).toEqual({ ok: true, value: [join(f, "a.csv.gz"), join(f, "b.csv"), join(dir, "odd.csv")] });
    expect((await listInputFiles([join(dir, "nope")])).ok).toBe(false);
  });

  it("parses --kind overrides", () => {
    expect(parseKindOverrides(["x.csv=purchase-orders", "y.csv=demand"])).toEqual({
      ok: true,
      value: new Map([
        ["x.csv", "purchase_orders"],
        ["y.csv", "demand"],
      ]),
    });
    expect(parseKindOverrides(["x.csv=sales"]).ok).toBe(false);
  });
});
