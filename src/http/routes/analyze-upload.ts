import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  analyzeUploadedFiles,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_FILES,
  MAX_UPLOAD_SERIES,
} from "../../app/file-analysis.js";
import { doc } from "../openapi.js";
import { failure } from "./failure.js";
import type { LiveRouteContext } from "./live-context.js";

const READ = ["admin", "planner", "viewer"] as const;

const UploadBody = z.strictObject({
  files: z
    .array(
      z.strictObject({
        name: z
          .string()
          .min(1)
          .max(200)
          .describe("the file's name (.csv, .tsv, optionally .gz): errors name it"),
        content: z.string().describe("the file's text (utf8) or its bytes in base64 (gzip files)"),
        encoding: z.enum(["utf8", "base64"]).default("utf8"),
      }),
    )
    .min(1)
    .max(MAX_UPLOAD_FILES),
  include_report: z.boolean().default(false).describe("also return report.html (self-contained)"),
});

/**
 * Analyze a file (app/file-analysis.ts): POST /analyze runs `takt analyze` on uploaded CSVs in a
 * temporary folder and returns the summary, plan.csv's rows and optionally report.html. Nothing is
 * stored. JSON body (the dashboard reads dropped files as text, or base64 for .gz).
 */
export function analyzeUploadRoutes(app: FastifyInstance, _ctx: LiveRouteContext): void {
  app.post(
    "/analyze",
    {
      config: { roles: [...READ] },
      // base64 adds a third: the decoded files are checked against MAX_UPLOAD_BYTES.
      bodyLimit: Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024,
      schema: doc({
        summary: "Analyze uploaded CSV files without storing anything",
        description: `The takt analyze pipeline on up to ${MAX_UPLOAD_FILES} files (${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together, ${MAX_UPLOAD_SERIES} series at most), each recognised by its header: demand history, items master, purchase-order lines, inventory snapshots, customer orders. Errors name the file, line and column.`,
        tags: ["analyze"],
        body: UploadBody,
      }),
    },
    async (request) => {
      const b = request.body as z.output<typeof UploadBody>;
      const r = await analyzeUploadedFiles(
        b.files.map((f) => ({
          name: f.name,
          bytes: f.encoding === "base64" ? Buffer.from(f.content, "base64") : Buffer.from(f.content, "utf8"),
        })),
        { includeReport: b.include_report },
      );
      if (!r.ok) throw failure(r.issues);
      return { ok: true, analysis: r.value };
    },
  );
}
