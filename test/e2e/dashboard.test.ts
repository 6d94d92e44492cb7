import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
 * The dashboard in real Chromium (Debian's, through playwright-core) against the real server and a
 * small demo company: each page loads, and its main action works. Screenshots in test-artifacts/.
 * Skipped only when no Chromium binary is installed (.ci/chromium.sh installs it in CI).
 */
const executable = findChromium();
if (executable === null)
  process.stderr.write(
    "test/e2e: no chromium found (apt-get install chromium, or .ci/chromium.sh): skipped\n",
  );

describe.skipIf(executable === null)("dashboard in Chromium", () => {
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

  it("refuses a wrong token with the API's message and logs in with a right one", async () => {
    const p = await page();
    await p.goto(d.url);
    await p.getByLabel("API token").fill("not-a-token");
    await p.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => p.getByRole("alert").textContent()).toContain("unknown or revoked API token");
    await shot(p, "login-refused");
    await p.getByLabel("API token").fill(d.tokens.viewer);
    await p.getByRole("button", { name: "Log in" }).click();
    await p.getByRole("heading", { name: /Overview/ }).waitFor();
    // the refused token's 401 is the one expected error
    expect(errors).toEqual([
      "console: Failed to load resource: the server responded with a status of 401 (Unauthorized)",
    ]);
  });

  it("shows the overview: KPI tiles with lights, open signals by tier, readiness split", async () => {
    const p = await page();
    await login(p, d, "planner");
    await p.getByRole("heading", { name: /KPIs this week/ }).waitFor();
    const tiles = p.locator("article.tile");
    expect(await tiles.count()).toBe(6);
    expect(await p.locator("article.tile canvas").count()).toBeGreaterThanOrEqual(6);
    const open = await d.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM signals WHERE status = 'open' AND kind = 'replenishment'",
    );
    const tier = await p.locator(".tier-replenishment strong").textContent();
    expect(Number(tier?.replace(/\D/g, ""))).toBe(open.rows[0]!.n);
    expect(await p.getByRole("heading", { name: "JIT readiness" }).isVisible()).toBe(true);
    await shot(p, "overview");
    expect(errors).toEqual([]);
  });

  it("filters the signal queue by tier and approves a proposal into a purchase order", async () => {
    // a tier with a proposal to approve: replenishment when the demo has one open, else emergency
    const t = await d.db.query<{ kind: "replenishment" | "emergency" }>(
      `SELECT kind FROM signals WHERE status = 'open' AND kind IN ('replenishment', 'emergency')
       ORDER BY kind = 'replenishment' DESC LIMIT 1`,
    );
    const tier = t.rows[0]!.kind;
    const p = await page();
    await login(p, d, "planner");
    await p.getByRole("link", { name: "Signals" }).click();
    await p.locator("tbody tr[tabindex]").first().waitFor();
    // the escalations under the queue: every unresolved alert of the demo (fewer than a page)
    const alerts = await d.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alerts WHERE status <> 'resolved'",
    );
    const esc = p.getByRole("region", { name: "Escalations" });
    await esc.getByRole("heading", { name: "Escalations" }).waitFor();
    await expect.poll(() => esc.locator("tbody tr").count()).toBe(Math.max(1, alerts.rows[0]!.n));
    await shot(p, "signals");
    await p.getByLabel("Tier").selectOption(tier);
    await p.waitForURL(new RegExp(`tier=${tier}`));
    await p.locator("tbody tr[tabindex]").first().waitFor();
    const tiers = await p.locator("tbody .tierTag").allTextContents();
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers)).toEqual(new Set([tier === "replenishment" ? "Replenish" : "Emergency"]));
    // keyboard: focus the first row and open it with Enter
    const first = p.locator("tbody tr[tabindex]").first();
    await first.focus();
    await p.keyboard.press("Enter");
    await p.getByRole("button", { name: "Approve → purchase order" }).waitFor();
    await shot(p, "signals-selected");
    const id = Number(new URL(p.url().replace("#/signals", "x")).searchParams.get("id"));
    expect(id).toBeGreaterThan(0);
    await p.getByRole("button", { name: "Approve → purchase order" }).click();
    await expect.poll(() => p.getByRole("status").textContent()).toMatch(/purchase order \S+ placed/);
    const po = await d.db.query<{ status: string; n: number }>(
      `SELECT s.status, (SELECT count(*)::int FROM purchase_orders WHERE signal_id = $1) AS n
       FROM signals s WHERE s.signal_id = $1`,
      [id],
    );
    expect(po.rows[0]).toEqual({ status: "approved", n: 1 });
    await shot(p, "signals-approved");
    expect(errors).toEqual([]);
  });

  it("acts on an escalation: assigns and resolves it, stored and audited", async () => {
    // one unresolved alert of the demo (one raised here when the demo has none at this point)
    const existing = await d.db.query<{ alert_id: number }>(
      "SELECT alert_id FROM alerts WHERE status <> 'resolved' ORDER BY alert_id LIMIT 1",
    );
    if (existing.rows.length === 0)
      await d.db.query(
        `INSERT INTO alerts (location_id, sku, kind, severity, message, cause_key)
         SELECT location_id, sku, 'stockout', 'critical', 'e2e: out of stock', 'e2e' FROM positions LIMIT 1`,
      );
    const p = await page();
    await login(p, d, "planner");
    await p.goto(`${d.url}#/signals`);
    const esc = p.getByRole("region", { name: "Escalations" });
    await esc.locator("tbody tr[tabindex]").first().click();
    const panel = p.getByRole("complementary", { name: "Selected escalation" });
    const id = Number(/Escalation (\d+)/.exec((await panel.getByRole("heading").textContent()) ?? "")![1]);
    await panel.getByLabel("Assign to").fill("maria");
    await shot(p, "signals-escalation-selected");
    await panel.getByRole("button", { name: "Assign" }).click();
    await expect.poll(() => p.getByRole("status").textContent()).toBe(`Escalation ${id} assigned to maria.`);
    await esc.getByRole("cell", { name: "maria" }).first().waitFor();
    await shot(p, "signals-escalation-assigned");
    await esc.locator("tbody tr[tabindex]", { hasText: "maria" }).first().click();
    await panel.getByLabel("Note").fill("called the supplier: ships today");
    await panel.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(() => p.getByRole("status").textContent()).toBe(`Escalation ${id} resolved.`);
    const row = await d.db.query<{
      status: string;
      assigned_to: string;
      resolution_note: string;
      by: string;
    }>("SELECT status, assigned_to, resolution_note, resolved_by AS by FROM alerts WHERE alert_id = $1", [
      id,
    ]);
    expect(row.rows[0]).toMatchObject({
      status: "resolved",
      assigned_to: "maria",
      resolution_note: "called the supplier: ships today",
      by: expect.stringMatching(/planner/),
    });
    const audit = await d.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE subject = 'alert' AND subject_id = $1 ORDER BY audit_id",
      [String(id)],
    );
    expect(audit.rows.map((x) => x.action)).toEqual(
      expect.arrayContaining(["alert.assigned", "alert.resolved"]),
    );
    await shot(p, "signals-escalation-resolved");
    expect(errors).toEqual([]);
  });

  it("shows a viewer the queue read-only", async () => {
    const p = await page();
    await login(p, d, "viewer");
    await p.goto(`${d.url}#/signals`);
    await p.locator("tbody tr[tabindex]").first().click();
    await p.getByText("Read-only: planners and admins act on signals.").waitFor();
    expect(await p.getByRole("button", { name: "Approve → purchase order" }).count()).toBe(0);
  });

  it("opens a SKU: demand history, projection, policy with its derivation", async () => {
    const p = await page();
    await login(p, d, "planner");
    await p.getByRole("link", { name: "SKU" }).click();
    await p.locator("tbody tr[tabindex]").first().waitFor();
    await shot(p, "sku-list");
    const pick = await d.db.query<{ sku: string; location_id: string }>(
      "SELECT sku, location_id FROM policies WHERE status = 'active' ORDER BY sku, location_id LIMIT 1",
    );
    const { sku, location_id } = pick.rows[0]!;
    await p.getByLabel("SKU or name").fill(sku);
    await p.getByRole("button", { name: "Search" }).click();
    await p.locator("tbody tr[tabindex]", { hasText: location_id }).first().click();
    await p.getByRole("heading", { name: `${sku} at ${location_id}` }).waitFor();
    await p.getByRole("heading", { name: "Projected on hand" }).waitFor();
    expect(await p.locator(".chart canvas").count()).toBe(2);
    expect(await p.locator(".derivation li").count()).toBeGreaterThan(3);
    await shot(p, "sku");
    expect(errors).toEqual([]);
  });

  it("shows supplier scorecards and one supplier's detail", async () => {
    const p = await page();
    await login(p, d, "planner");
    await p.getByRole("link", { name: "Suppliers" }).click();
    await p.getByText("Spend concentration").waitFor();
    const n = await d.db.query<{ n: number }>("SELECT count(*)::int AS n FROM suppliers");
    expect(await p.locator("tbody tr").count()).toBe(n.rows[0]!.n);
    await shot(p, "suppliers");
    await p.getByRole("link", { name: d.supplier, exact: true }).click();
    await p.getByRole("heading", { name: "Lead-time distribution" }).waitFor();
    await shot(p, "supplier-detail");
    expect(errors).toEqual([]);
  });

  it("shows a supplier only its own scorecard and orders", async () => {
    const p = await page();
    await login(p, d, "supplier");
    const nav = await p.getByRole("navigation", { name: "Pages" }).getByRole("link").allTextContents();
    expect(nav).toEqual(["Suppliers"]);
    await p.getByRole("heading", { name: "Your open orders" }).waitFor();
    const orders = p.locator("table").last().locator("tbody tr");
    await orders.first().waitFor();
    const shown = (await orders.locator("td:first-child").allTextContents()).sort();
    const own = await d.db.query<{ line: string }>(
      `SELECT l.po_number || '/' || l.line_no AS line
       FROM purchase_order_lines l JOIN purchase_orders o USING (location_id, po_number)
       WHERE o.status = 'open' AND o.supplier_id = $1 ORDER BY 1`,
      [d.supplier],
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(own.rows.map((r) => r.line).sort());
    expect(await p.getByText("Spend share").count()).toBe(0);
    await shot(p, "supplier-portal");
    expect(errors).toEqual([]);
    // another supplier's page is not found for this token
    const other = await d.db.query<{ supplier_id: string }>(
      "SELECT supplier_id FROM suppliers WHERE supplier_id <> $1 LIMIT 1",
      [d.supplier],
    );
    const r = await p.evaluate(
      async ([id, t]) =>
        (await fetch(`/dashboard/suppliers/${id}`, { headers: { authorization: `Bearer ${t}` } })).status,
      [other.rows[0]!.supplier_id, d.tokens.supplier] as const,
    );
    expect(r).toBe(404);
  });
});
