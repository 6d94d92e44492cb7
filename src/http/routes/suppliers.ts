import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { setSupplierVmi, supplierScorecards } from "../../app/live/supplier-portal.js";
import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import type { EpochDay } from "../../core/units.js";
import { listConsumption, listSupplierViews } from "../../db/read-models.js";
import { principal, supplierScope } from "../auth.js";
import type { RouteContext } from "../context.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { pageBody } from "../pagination.js";
import { IsoDate, PageQuery, QueryBool } from "../validation.js";
import { FIGURE_REFRESH, FigureCache, RefreshingFigure, refreshWithApp } from "./dashboard-cache.js";

const PORTAL = ["admin", "planner", "viewer", "supplier"] as const;

const SuppliersQuery = z.strictObject({
  ...PageQuery,
  q: z.string().min(1).optional().describe("part of the id or name, any case"),
  vmi: QueryBool.optional().describe("only suppliers flagged VMI / continuous replenishment"),
});
const IdParams = z.strictObject({ id: z.string().min(1) });
const ScorecardQuery = z.strictObject({
  from: IsoDate.optional().describe("first due day scored (default: 12 months before as_of)"),
  to: IsoDate.optional().describe("last due day scored (default as_of)"),
  as_of: IsoDate.optional().describe("the day the scorecard is drawn up (default today)"),
});
const VmiBody = z
  .strictObject({
    vmi: z.boolean(),
    location: z.string().min(1).optional().describe("with sku: one lane only"),
    sku: z.string().min(1).optional(),
  })
  .refine((b) => (b.location === undefined) === (b.sku === undefined), {
    message: "name both location and sku (one lane), or neither (the whole supplier)",
    path: ["sku"],
  });
const ConsumptionQuery = z.strictObject({
  ...PageQuery,
  sku: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

/**
 * Suppliers, scorecards and consumption. A supplier token sees only itself, its own scorecard
 * (another supplier's is 404) and the consumption of the item × locations it replenishes under VMI /
 * continuous replenishment (the supply lane or the supplier flagged); volume and value shares, which
 * are ratios to other suppliers' orders, are left out of a supplier's own scorecard.
 */
export function supplierRoutes(app: FastifyInstance, { db, today }: RouteContext): void {
  /** Scorecards of a chosen period or day: computed at most once a minute per choice. */
  const scorecards = new FigureCache(60_000);
  /** Today's default scorecards (12 months to today): kept fresh in the background (dashboard-cache.ts). */
  const current = new RefreshingFigure(
    () => String(today()),
    (k) => supplierScorecards(db, { asOf: Number(k) as EpochDay }),
    {
      ...FIGURE_REFRESH,
      onError: (err) => app.log.warn({ err }, "supplier scorecards: background computation failed"),
    },
  );
  refreshWithApp(app, [{ figure: current, onWrite: true }]);
  app.get(
    "/suppliers",
    {
      config: { roles: [...PORTAL] },
      schema: doc({ summary: "List suppliers", tags: ["suppliers"], querystring: SuppliersQuery }),
    },
    async (request) => {
      const q = request.query as z.output<typeof SuppliersQuery>;
      const own = supplierScope(request) ?? undefined;
      return pageBody(request, q, await listSupplierViews(db, { id: own, search: q.q, vmi: q.vmi }, q));
    },
  );

  app.get(
    "/suppliers/:id/scorecard",
    {
      config: { roles: [...PORTAL] },
      schema: doc({
        summary:
          "A supplier's scorecard from the stored orders, receipts and ASNs (kept fresh in the background; see docs/api.md)",
        tags: ["suppliers"],
        params: IdParams,
        querystring: ScorecardQuery,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const q = request.query as z.output<typeof ScorecardQuery>;
      const own = supplierScope(request);
      if (own !== null && own !== id) throw notFound("supplier", "id", id);
      if ((await listSupplierViews(db, { id }, { limit: 1, offset: 0 })).rows.length === 0)
        throw notFound("supplier", "id", id);
      const asOf = q.as_of !== undefined ? parseIsoDate(q.as_of)! : today();
      // Every supplier's card comes from one pass over all stored lines (shares need them all): today's
      // default cards kept fresh in the background, another period's at most once a minute.
      const cards =
        q.as_of === undefined && q.from === undefined && q.to === undefined
          ? await current.get()
          : await scorecards.get(`${asOf}|${q.from ?? ""}|${q.to ?? ""}`, () =>
              supplierScorecards(db, { asOf, from: q.from, to: q.to }),
            );
      const score = cards.find((s) => s.supplier === id) ?? null;
      const shown =
        score === null || own === null ? score : { ...score, volumeShare: null, valueShare: null };
      return { ok: true, supplier: id, asOf: formatIsoDate(asOf), scorecard: shown };
    },
  );

  app.get(
    "/consumption",
    {
      config: { roles: [...PORTAL] },
      schema: doc({
        summary: "Daily consumption (sales, consumption, scrap) per item × location",
        description:
          "Supplier tokens: only the item × locations they replenish under VMI / continuous replenishment.",
        tags: ["suppliers"],
        querystring: ConsumptionQuery,
      }),
    },
    async (request) => {
      const q = request.query as z.output<typeof ConsumptionQuery>;
      const own = supplierScope(request) ?? undefined;
      return pageBody(request, q, await listConsumption(db, { ...q, vmiSupplier: own }, q));
    },
  );

  app.post(
    "/suppliers/:id/vmi",
    {
      config: { roles: ["admin", "planner"] },
      schema: doc({
        summary: "Mark a supplier or one of its lanes as VMI / continuous replenishment (or clear it)",
        tags: ["suppliers"],
        params: IdParams,
        body: VmiBody,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const b = request.body as z.output<typeof VmiBody>;
      const target =
        b.location !== undefined && b.sku !== undefined
          ? { supplier: id, location: b.location, sku: b.sku }
          : { supplier: id };
      if (!(await setSupplierVmi(db, target, b.vmi, principal(request).actor)))
        throw notFound(b.sku !== undefined ? "supply lane" : "supplier", "id", id);
      return { ok: true, ...target, vmi: b.vmi };
    },
  );
}
