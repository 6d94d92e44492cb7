import { describe, expect, it } from "vitest";
import { call, usePortalApp } from "../../../test/support/api-fixture.js";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { count } from "../../../test/support/live-fixture.js";
import { csvText } from "../../demo/csv-text.js";
import { demoTables } from "../../demo/demo-tables.js";
import { generateDemo } from "../../demo/generate-demo.js";

const company = generateDemo({ seed: 5, skus: 8, locations: 1, days: 150 });
const text = (file: string) => {
  const t = demoTables(company).find((x) => x.file === file)!;
  return csvText(t.header, t.rows());
};

describe.each(dbTargets())("POST /analyze on $name", (target) => {
  const db = useTestDb(target);
  const api = usePortalApp(db);

  it("analyzes uploaded CSVs for readers without storing anything; errors name file, line and column", async () => {
    const stored =
      "SELECT 1 FROM inventory_ledger UNION ALL SELECT 1 FROM audit_log UNION ALL SELECT 1 FROM items";
    const before = await count(db(), stored);
    const body = {
      files: [
        { name: "sales.csv", content: text("sales.csv") },
        { name: "items.csv", content: Buffer.from(text("items.csv")).toString("base64"), encoding: "base64" },
      ],
    };
    expect((await call(api.app, api.tokens.supplierA, "POST", "/analyze", body)).statusCode).toBe(403);
    expect((await call(api.app, null, "POST", "/analyze", body)).statusCode).toBe(401);
    const r = await call(api.app, api.tokens.viewer, "POST", "/analyze", body);
    expect(r.statusCode).toBe(200);
    const a = r.json().analysis;
    expect(a.files).toEqual([
      { name: "sales.csv", kind: "demand", bytes: Buffer.byteLength(text("sales.csv")) },
      { name: "items.csv", kind: "items", bytes: Buffer.byteLength(text("items.csv")) },
    ]);
    expect(a.rows).toHaveLength(a.demand.series);
    expect(a.columns.slice(0, 3)).toEqual(["sku", "location", "abc"]);
    expect(a.reportHtml).toBeNull();
    expect(await count(db(), stored)).toBe(before);

    const bad = await call(api.app, api.tokens.viewer, "POST", "/analyze", {
      files: [{ name: "mine.csv", content: "date,sku,quantity\n2026-01-01,A,3\n2026-01-02,A,-4\n" }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0]).toMatchObject({ path: { file: "mine.csv", line: 3, column: "quantity" } });
    const invalid = await call(api.app, api.tokens.viewer, "POST", "/analyze", { files: [] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().issues[0].path.field).toBe("files");
  });
});
