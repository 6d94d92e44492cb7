import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Page } from "playwright-core";
import { loadDemo } from "../../src/app/live/live-demo.js";
import { createApiToken } from "../../src/app/live/tokens.js";
import type { Db } from "../../src/db/db.js";
import { migrate } from "../../src/db/migrate.js";
import { openPgliteDb } from "../../src/db/pglite-db.js";
import { buildApp } from "../../src/http/app.js";

/**
 * End-to-end harness for the dashboard: the real server (buildApp) on a free port of 127.0.0.1 over an
 * in-memory PGlite loaded with a small demo company, and Debian's Chromium driven by playwright-core
 * (never a downloaded browser). Screenshots go to test-artifacts/ (gitignored).
 */

/** Debian's Chromium (the real binary behind the /usr/bin/chromium wrapper), or $TAKT_CHROMIUM. */
export function findChromium(): string | null {
  const candidates = [
    process.env.TAKT_CHROMIUM,
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
  ];
  return candidates.find((c): c is string => c !== undefined && c !== "" && existsSync(c)) ?? null;
}

export type Role = "admin" | "planner" | "viewer" | "supplier";

export interface Dashboard {
  readonly db: Db;
  readonly app: FastifyInstance;
  readonly url: string;
  /** One token per role; the supplier token is bound to `supplier`. */
  readonly tokens: Record<Role, string>;
  readonly supplier: string;
  /** The demo's simulated today (YYYY-MM-DD). */
  readonly today: string;
  close(): Promise<void>;
}

/** The demo company (small) in a fresh in-memory PGlite, served on a free port. */
export async function startDashboard(o: { skus?: number; locations?: number } = {}): Promise<Dashboard> {
  const db = await openPgliteDb();
  const m = await migrate(db);
  if (!m.ok) throw new Error(JSON.stringify(m.issues));
  const dir = await mkdtemp(join(tmpdir(), "takt-e2e-"));
  const demo = await loadDemo(db, {
    dir,
    skus: o.skus ?? 24,
    locations: o.locations ?? 2,
    historyDays: 200,
    futureDays: 10,
    threads: 1,
  });
  const today = demo.state.today;
  const sup = await db.query<{ supplier_id: string }>(
    `SELECT po.supplier_id FROM purchase_orders po WHERE po.status = 'open'
     GROUP BY po.supplier_id ORDER BY count(*) DESC, po.supplier_id LIMIT 1`,
  );
  const supplier = sup.rows[0]?.supplier_id;
  if (supplier === undefined) throw new Error("the demo has no open purchase order");
  const tokens = {} as Record<Role, string>;
  for (const role of ["admin", "planner", "viewer", "supplier"] as const) {
    const t = await createApiToken(
      db,
      { role, name: `e2e-${role}`, supplier: role === "supplier" ? supplier : undefined },
      "e2e",
    );
    if (!t.ok) throw new Error(JSON.stringify(t.issues));
    tokens[role] = t.value.token;
  }
  const app = buildApp(db, { now: () => new Date(today * 86_400_000 + 12 * 3_600_000) });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    db,
    app,
    url: `http://127.0.0.1:${address.port}/`,
    tokens,
    supplier,
    today: new Date(today * 86_400_000).toISOString().slice(0, 10),
    async close() {
      await app.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium at a laptop's 1366×768. */
export async function openBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/**
 * A new page whose script errors and console errors are collected into `errors` (emptied first), so a
 * test can assert the page logged none.
 */
export async function watchedPage(browser: Browser, errors: string[]): Promise<Page> {
  errors.length = 0;
  const page = await newPage(browser);
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return page;
}

/** Types the role's token on the login page and waits for the shell. */
export async function login(page: Page, d: Dashboard, role: Role): Promise<void> {
  await page.goto(d.url);
  await page.getByLabel("API token").fill(d.tokens[role]);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("button", { name: "Log out" }).waitFor();
}

export const ARTIFACTS = "test-artifacts";

/** Saves a full-page screenshot as test-artifacts/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
