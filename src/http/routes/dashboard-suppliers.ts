import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { formatIsoDate } from "../../core/calendar.js";
import { addMonths } from "../../core/kpi/period.js";
import { concentrationReport } from "../../core/supplier/concentration.js";
import { leadTimeSamples, type SupplierScore, supplierScorecard } from "../../core/supplier/scorecard.js";
import { supplierFacts } from "../../db/dashboard-store.js";
import { scorecardLines } from "../../db/portal-store.js";
import { supplierScope } from "../auth.js";
import type { RouteContext } from "../context.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { FIGURE_REFRESH, RefreshingFigure, refreshWithApp } from "./dashboard-cache.js";

const ALL = ["admin", "planner", "viewer", "supplier"] as const;
const IdParams = z.strictObject({ id: z.string().min(1) });

/** Months of history in the trend (calendar months touching the window). */
const TREND_MONTHS = 6;

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The figures of a trailing-window score the list shows (NaN → null: nothing to rate). */
const summary = (s: SupplierScore | undefined, own: boolean) =>
  s === undefined
    ? null
    : {
        linesScored: s.linesScored,
        linesOverdue: s.linesOverdue,
        onTimeRate: num(s.onTimeRate),
        otifRate: num(s.otifRate),
        leadTimeMean: num(s.leadTime.mean),
        leadTimeCv: num(s.leadTime.cv),
        rejectionRate: num(s.rejectionRate),
        asnAccuracy: num(s.asnAccuracy),
        valueShare: own ? null : num(s.valueShare),
        lights: s.lights,
        standing: s.standing,
      };

/**
 * Lead-time histogram of samples in whole days: one bin per day from the smallest to the largest
 * sample when that is at most 40 bins, else 40 bins of equal whole-day width.
 */
export function leadTimeHistogram(samples: ArrayLike<number>): { from: number; to: number; count: number }[] {
  if (samples.length === 0) return [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < samples.length; i++) {
    lo = Math.min(lo, Math.floor(samples[i]!));
    hi = Math.max(hi, Math.floor(samples[i]!));
  }
  const width = Math.max(1, Math.ceil((hi - lo + 1) / 40));
  const bins = Array.from({ length: Math.floor((hi - lo) / width) + 1 }, (_, i) => ({
    from: lo + i * width,
    to: lo + (i + 1) * width - 1,
    count: 0,
  }));
  for (let i = 0; i < samples.length; i++) bins[Math.floor((Math.floor(samples[i]!) - lo) / width)]!.count++;
  return bins;
}

/**
 * Suppliers on the dashboard: GET /dashboard/suppliers (scorecards with standing, monthly on-time
 * trend, escalation step, lanes, single sourcing, open and late lines; spend concentration) and GET
 * /dashboard/suppliers/:id (the same plus lead-time distribution, lateness bins, late deliveries).
 * Supplier tokens see only their own supplier, without shares of the panel's spend. The scorecards
 * (every stored order line) are computed in the background (dashboard-cache.ts: RefreshingFigure).
 */
export function dashboardSupplierRoutes(app: FastifyInstance, { db, today }: RouteContext): void {
  /**
   * Every stored order line, the scorecards and spend concentration from them, and the per-supplier
   * facts (lanes, single sourcing, open and late lines), shared by both routes: computed in the
   * background (at start, every 30 s, soon after writes), never while a request waits after warm-up.
   */
  const figures = new RefreshingFigure(
    () => String(today()),
    async (k) => {
      const asOf = Number(k);
      const lines = await scorecardLines(db);
      const card = supplierScorecard(lines, {
        asOf,
        kind: "month",
        from: addMonths(asOf, -(TREND_MONTHS - 1)),
        to: asOf,
      });
      const facts = await supplierFacts(db, asOf);
      return { asOf, lines, card, facts, conc: concentrationReport(lines, () => false) };
    },
    {
      ...FIGURE_REFRESH,
      onError: (err) => app.log.warn({ err }, "supplier scorecards: background computation failed"),
    },
  );
  refreshWithApp(app, [{ figure: figures, onWrite: true }]);

  app.get(
    "/dashboard/suppliers",
    {
      config: { roles: [...ALL] },
      schema: doc({
        summary: "Supplier scorecards: standing, monthly on-time trend, escalation, concentration",
        tags: ["dashboard"],
      }),
    },
    async (request) => {
      const own = supplierScope(request);
      const { asOf, card, facts: all, conc } = await figures.get();
      const facts = all.filter((f) => own === null || f.supplier === own);
      return {
        ok: true,
        asOf: formatIsoDate(asOf),
        months: card.periods.map((p) => p.key),
        suppliers: facts.map((f) => ({
          ...f,
          score: summary(card.trailing.get(f.supplier), own !== null),
          trend: (card.bySupplier.get(f.supplier) ?? card.periods.map(() => null)).map((s) =>
            s === null ? null : num(s.onTimeRate),
          ),
          escalation: card.escalation.get(f.supplier)?.step ?? "none",
        })),
        concentration:
          own !== null
            ? null
            : {
                spendHhi: num(conc.spendHhi),
                band: conc.spendHhiBand,
                singleSource: conc.singleSource.length,
              },
      };
    },
  );

  app.get(
    "/dashboard/suppliers/:id",
    {
      config: { roles: [...ALL] },
      schema: doc({
        summary: "One supplier: scorecard, lead-time distribution, lateness, late deliveries",
        tags: ["dashboard"],
        params: IdParams,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof IdParams>;
      const own = supplierScope(request);
      if (own !== null && own !== id) throw notFound("supplier", "id", id);
      const { asOf, lines, card, facts: all } = await figures.get();
      const facts = all.find((f) => f.supplier === id);
      if (facts === undefined) throw notFound("supplier", "id", id);
      const trailing = card.trailing.get(id);
      const samples = leadTimeSamples(lines, { asOf, from: addMonths(asOf, -12) + 1 }).bySupplier.get(id);
      const late = lines
        .filter(
          (l) =>
            l.supplier === id &&
            l.promisedDay !== null &&
            ((l.receivedDay !== null && l.receivedDay > l.promisedDay && l.receivedDay <= asOf) ||
              (l.receivedDay === null && l.promisedDay < asOf)),
        )
        .sort((a, b) => b.promisedDay! - a.promisedDay!)
        .slice(0, 50)
        .map((l) => ({
          po: l.poId,
          sku: l.sku,
          promised: formatIsoDate(l.promisedDay!),
          received: l.receivedDay === null ? null : formatIsoDate(l.receivedDay),
          daysLate: (l.receivedDay ?? asOf) - l.promisedDay!,
          open: l.receivedDay === null,
        }));
      return {
        ok: true,
        asOf: formatIsoDate(asOf),
        ...facts,
        score: summary(trailing, own !== null),
        leadTime:
          trailing === undefined
            ? null
            : {
                n: trailing.leadTime.n,
                mean: num(trailing.leadTime.mean),
                sd: num(trailing.leadTime.sd),
                p50: num(trailing.leadTime.p50),
                p90: num(trailing.leadTime.p90),
              },
        leadTimeHistogram: leadTimeHistogram(samples ?? []),
        lateness: (trailing?.lateness ?? []).map((b) => ({ label: b.label, count: b.count })),
        months: card.periods.map((p) => p.key),
        trend: (card.bySupplier.get(id) ?? card.periods.map(() => null)).map((s) =>
          s === null ? null : { onTimeRate: num(s.onTimeRate), standing: s.standing },
        ),
        escalation: card.escalation.get(id) ?? null,
        late,
        rejections:
          trailing === undefined || !Number.isFinite(trailing.rejectionRate)
            ? "not recorded: no receipt in the window"
            : `${trailing.unitsRejected} of ${trailing.unitsReceived} units delivered rejected at inspection (${Math.round(trailing.ppm)} PPM)`,
      };
    },
  );
}
