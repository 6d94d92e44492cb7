import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvText } from "../../src/demo/csv-text.js";
import { demoTables } from "../../src/demo/demo-tables.js";
import { generateDemo } from "../../src/demo/generate-demo.js";
import {
  type Dashboard,
  findChromium,
  login,
  openBrowser,
  shot,
  startDashboard,
  watchedPage,
} from "./harness.js";

/**
 * What-if, Pilot and Analyze a file in real Chromium against the real server and the small demo
 * company: move the what-if slider and save the scale as proposals, define and activate a pilot and
 * read its before/after table, upload CSVs. Screenshots in test-artifacts/.
 */
const executable = findChromium();

describe.skipIf(executable === null)("what-if, pilot and analyze a file in Chromium", () => {
  let d: Dashboard;
  let browser: Browser;
  /** Errors the current test's page logged (script errors, failed requests). */
  const errors: string[] = [];
  const page = (): Promise<Page> => watchedPage(browser, errors);

  beforeAll(async () => {
    d = await startDashboard();
    browser = await openBrowser(executable!);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await d?.close();
  });

  it("what-if: replays the A items, the slider moves along the curve, the scale is saved as proposals", async () => {
    const p = await page();
    await login(p, d, "planner");
    await p.getByRole("link", { name: "What-if" }).click();
    await p.getByLabel("ABC class").selectOption("A");
    await p.getByRole("button", { name: "Run what-if" }).click();
    await p
      .getByRole("heading", { name: "Trade-off: inventory value vs fill rate" })
      .waitFor({ timeout: 120_000 });
    await p.getByText(/Recommended: buffer ×|Keep the current buffer|No reduction is recommended/).waitFor();
    expect(await p.locator(".chart canvas").count()).toBe(1);
    const slider = p.getByRole("slider");
    const value = () => p.getByLabel("Average inventory value").locator(".value").textContent();
    const heading = () => p.locator("h2", { hasText: /^At buffer ×/ }).textContent();
    // Right to the largest buffer, then step left: each step shows a smaller buffer and less stock.
    await slider.focus();
    await p.keyboard.press("End");
    const top = await heading();
    const topValue = Number((await value())!.replace(/[^\d.]/g, ""));
    expect(top).toBe("At buffer ×1.2");
    await p.keyboard.press("ArrowLeft");
    await p.keyboard.press("ArrowLeft");
    await p.keyboard.press("ArrowLeft");
    expect(await heading()).toBe("At buffer ×0.9");
    expect(Number((await value())!.replace(/[^\d.]/g, ""))).toBeLessThan(topValue);
    await shot(p, "whatif-slider");
    await p.getByRole("button", { name: "Save ×0.9 as proposed policy change" }).click();
    await expect
      .poll(() => p.getByRole("status").textContent())
      .toMatch(/Proposed \d+ policy version\(s\) at buffer ×0.9/);
    await shot(p, "whatif-saved");
    // The same items become the pilot scope in one click (the pilot test then replaces it).
    await p.getByRole("button", { name: "Make these items the pilot scope" }).click();
    await p.getByRole("heading", { name: /^what-if of \d{4}-\d{2}-\d{2}: \d+ items$/ }).waitFor();
    expect(errors).toEqual([]);
  }, 180_000);

  it("pilot: defines a scope, activates its proposals pilot-first and compares before/after", async () => {
    const proposed = await d.db.query<{ sku: string; location_id: string }>(
      "SELECT sku, location_id FROM policies WHERE status = 'proposed' ORDER BY location_id, sku LIMIT 3",
    );
    expect(proposed.rows.length).toBeGreaterThan(0);
    const p = await page();
    await login(p, d, "planner");
    await p.getByRole("link", { name: "Pilot" }).click();
    await p.getByLabel("Pilot name").fill("A items, first wave");
    await p
      .getByLabel(/Item × locations \(SKU@LOCATION/)
      .fill(proposed.rows.map((r) => `${r.sku}@${r.location_id}`).join("\n"));
    await p.getByRole("button", { name: /^(Define pilot|Replace pilot scope)$/ }).click();
    await p.getByRole("heading", { name: "A items, first wave" }).waitFor();
    await p.getByRole("button", { name: "Activate pilot policies" }).click();
    await expect
      .poll(() => p.getByRole("status").textContent())
      .toContain(`${proposed.rows.length} policy version(s) activated with scope pilot`);
    await p.getByRole("heading", { name: "Before / after activation" }).waitFor();
    const live = await d.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM policies WHERE status = 'active' AND scope = 'pilot'",
    );
    expect(live.rows[0]!.n).toBe(proposed.rows.length);
    const pilotRow = p.locator("tr", { hasText: "Item × locations" }).locator("td");
    expect((await pilotRow.allTextContents()).slice(0, 2)).toEqual([
      String(proposed.rows.length),
      String(proposed.rows.length),
    ]);
    await shot(p, "pilot");
    expect(errors).toEqual([]);
  }, 120_000);

  it("analyze a file: uploads CSVs and shows the plan; a bad cell is named by file, line and column", async () => {
    const company = generateDemo({ seed: 9, skus: 10, locations: 2, days: 180 });
    const csv = (file: string) => {
      const t = demoTables(company).find((x) => x.file === file)!;
      return Buffer.from(csvText(t.header, t.rows()), "utf8");
    };
    const p = await page();
    await login(p, d, "viewer");
    await p.getByRole("link", { name: "Analyze a file" }).click();
    await p.locator("#analyze-files").setInputFiles([
      { name: "sales.csv", mimeType: "text/csv", buffer: csv("sales.csv") },
      { name: "items.csv", mimeType: "text/csv", buffer: csv("items.csv") },
    ]);
    await p.getByText(/^sales\.csv \(/).waitFor();
    await p.getByLabel("include the HTML report").check();
    await p.getByRole("button", { name: "Analyze" }).click();
    await p.getByRole("heading", { name: "Result" }).waitFor({ timeout: 60_000 });
    await p.getByText("sales.csv: demand · items.csv: items").waitFor();
    expect(await p.locator("tbody tr").count()).toBeGreaterThan(5);
    const [download] = await Promise.all([
      p.waitForEvent("download"),
      p.getByRole("link", { name: "Download report.html" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("report.html");
    await shot(p, "analyze");

    await p.getByRole("button", { name: "remove" }).first().click();
    await p.getByRole("button", { name: "remove" }).first().click();
    await p.locator("#analyze-files").setInputFiles([
      {
        name: "mine.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("date,sku,quantity\n2026-01-01,A,3\n2026-01-02,A,x\n"),
      },
    ]);
    await p.getByRole("button", { name: "Analyze" }).click();
    await expect
      .poll(() => p.getByRole("alert").textContent())
      .toContain("file mine.csv, line 3, column quantity");
    await shot(p, "analyze-error");
    // the refused upload's 422 is the one expected error
    expect(errors).toEqual([
      "console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)",
    ]);
  }, 120_000);
});
