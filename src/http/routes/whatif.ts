import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { liveWhatIf, MAX_WHATIF_SERIES, proposeBufferScale } from "../../app/live/whatif.js";
import { parseIsoDate } from "../../core/calendar.js";
import { DEMAND_PATTERNS } from "../../core/stats/demand-pattern.js";
import type { EpochDay } from "../../core/units.js";
import { principal } from "../auth.js";
import { doc } from "../openapi.js";
import { IsoDate } from "../validation.js";
import { failure } from "./failure.js";
import type { LiveRouteContext } from "./live-context.js";

const READ = ["admin", "planner", "viewer"] as const;
const PLAN = ["admin", "planner"] as const;

/** The default scales: the JIT practice of 10 % steps, from 20 % more buffer to half of it. */
export const DEFAULT_WHATIF_SCALES = [1.2, 1.1, 1, 0.9, 0.8, 0.7, 0.6, 0.5] as const;

const Scale = z.number().min(0).max(3);
const Names = z.array(z.string().min(1).max(200)).max(10_000);

const WhatIfBody = z.strictObject({
  skus: Names.optional().describe("SKUs (at every location), or none for all"),
  locations: Names.optional(),
  suppliers: Names.optional().describe("primary suppliers"),
  abc: z
    .array(z.enum(["A", "B", "C"]))
    .max(3)
    .optional()
    .describe("ABC class by annual consumption value over the catalogue (the year before the cut)"),
  patterns: z
    .array(z.enum(DEMAND_PATTERNS as readonly [string, ...string[]]))
    .max(5)
    .optional()
    .describe("Syntetos–Boylan demand class on the history before the cut"),
  cut: IsoDate.optional().describe("first replayed day (default: replay_days before today)"),
  replay_days: z.number().int().min(7).max(366).default(91),
  scales: z
    .array(Scale)
    .min(1)
    .max(16)
    .optional()
    .describe(
      `buffer scales (safety stock × scale; 1 is always added); default ${DEFAULT_WHATIF_SCALES.join(", ")}`,
    ),
});

const ProposalBody = z.strictObject({
  items: z
    .array(z.strictObject({ sku: z.string().min(1), location: z.string().min(1) }))
    .min(1)
    .max(MAX_WHATIF_SERIES),
  scale: Scale,
  note: z.string().max(500).optional(),
});

/**
 * What-if on stored history (app/live/whatif.ts): POST /whatif replays a selection at every buffer
 * scale in one call and returns the trade-off curve, the per-item figures and the recommended scale;
 * POST /whatif/proposals saves a scale as proposed policy versions (audited).
 */
export function whatIfRoutes(app: FastifyInstance, { db, today }: LiveRouteContext): void {
  app.post(
    "/whatif",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "Replay a selection at several buffer scales",
        description: `Plans each selected item × location on the ledger history before the cut (the takt analyze pipeline), replays the following days at every buffer scale (takt simulate's replay) and returns the trade-off curve (inventory value vs fill rate), per-item figures and the recommended scale. At most ${MAX_WHATIF_SERIES} item × locations per call. Nothing is stored.`,
        tags: ["what-if"],
        body: WhatIfBody,
      }),
    },
    async (request) => {
      const b = request.body as z.output<typeof WhatIfBody>;
      const t = today();
      const cut = b.cut === undefined ? ((t - b.replay_days) as EpochDay) : parseIsoDate(b.cut)!;
      const r = await liveWhatIf(db, {
        selection: {
          ...(b.skus ? { skus: b.skus } : {}),
          ...(b.locations ? { locations: b.locations } : {}),
          ...(b.suppliers ? { suppliers: b.suppliers } : {}),
          ...(b.abc ? { abc: b.abc } : {}),
          ...(b.patterns ? { patterns: b.patterns as never } : {}),
        },
        cut,
        replayDays: b.replay_days,
        scales: b.scales ?? DEFAULT_WHATIF_SCALES,
        today: t,
      });
      if (!r.ok) throw failure(r.issues);
      return { ok: true, whatIf: r.value };
    },
  );

  app.post(
    "/whatif/proposals",
    {
      config: { roles: [...PLAN] },
      schema: doc({
        summary: "Save a buffer scale as proposed policy changes",
        description:
          "Proposes, for each item × location, the active policy with its buffer scaled (safety stock × scale, every level moved by the difference). Items without an active policy are listed as skipped.",
        tags: ["what-if"],
        body: ProposalBody,
        successStatus: 201,
      }),
    },
    async (request, reply) => {
      const b = request.body as z.output<typeof ProposalBody>;
      const r = await proposeBufferScale(db, b.items, b.scale, principal(request).actor, today(), b.note);
      if (!r.ok) throw failure(r.issues);
      reply.code(201);
      return {
        ok: true,
        proposed: r.value.filter((p) => p.version !== null).length,
        skipped: r.value.filter((p) => p.version === null).length,
        proposals: r.value,
      };
    },
  );
}
