import type { FunctionComponent } from "preact";
import type { PageProps } from "./page-props.js";
import { AnalyzePage } from "./pages/analyze.js";
import { OverviewPage } from "./pages/overview.js";
import { PilotPage } from "./pages/pilot.js";
import { SignalsPage } from "./pages/signals.js";
import { SkuPage } from "./pages/sku.js";
import { SuppliersPage } from "./pages/suppliers.js";
import { WhatIfPage } from "./pages/whatif.js";
import type { Role } from "./session.js";

export interface PageEntry {
  /** The hash route, e.g. "/signals" (#/signals). */
  readonly path: string;
  /** The nav label and the document title. */
  readonly title: string;
  /** Who sees the page (the API enforces the same roles on its endpoints). */
  readonly roles: readonly Role[];
  readonly component: FunctionComponent<PageProps>;
}

const STAFF: readonly Role[] = ["admin", "planner", "viewer"];

/**
 * The page registry: the nav, in this order, and the routes. To add a page, add one line here (see
 * src/web/README.md). The first page a role may see is its home.
 */
export const PAGES: readonly PageEntry[] = [
  { path: "/", title: "Overview", roles: STAFF, component: OverviewPage },
  { path: "/signals", title: "Signals", roles: STAFF, component: SignalsPage },
  { path: "/sku", title: "SKU", roles: STAFF, component: SkuPage },
  { path: "/suppliers", title: "Suppliers", roles: [...STAFF, "supplier"], component: SuppliersPage },
  { path: "/whatif", title: "What-if", roles: STAFF, component: WhatIfPage },
  { path: "/pilot", title: "Pilot", roles: STAFF, component: PilotPage },
  { path: "/analyze", title: "Analyze a file", roles: STAFF, component: AnalyzePage },
];

export const pagesFor = (role: Role): PageEntry[] => PAGES.filter((p) => p.roles.includes(role));
