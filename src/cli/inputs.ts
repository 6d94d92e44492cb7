import { basename, relative, resolve } from "node:path";
import type { OperationsData } from "../app/operations.js";
import type { CustomerOrderLine, InventorySnapshot } from "../core/kpi/records.js";
import { formatIssue, type Issue } from "../core/result.js";
import type { PurchaseOrderLine } from "../core/supplier/purchase-order.js";
import { detectKind, type InputKind, listInputFiles, parseKindOverrides } from "../io/detect-kind.js";
import type { BlankedCell } from "../io/operations-cells.js";
import { readCustomerOrdersCsv } from "../io/read-customer-orders.js";
import { readItemsCsv } from "../io/read-items.js";
import { readPurchaseOrdersCsv } from "../io/read-purchase-orders.js";
import { readSnapshotsCsv } from "../io/read-snapshots.js";
import type { SkippedRows } from "../io/row-issues.js";
import { type CliContext, say, UserError } from "./context.js";

export type Routed = Record<InputKind, string[]>;

/**
 * Expands folders and sorts the inputs by kind (header recognition, `--kind` overrides). In a folder,
 * files of no recognised kind are passed over with a note; a file named on its own must be recognised.
 */
export async function routeInputs(
  ctx: CliContext,
  inputs: readonly string[],
  kinds: readonly string[] | undefined,
): Promise<Routed> {
  const overrides = parseKindOverrides(kinds);
  if (!overrides.ok) throw new UserError(overrides.issues.map(formatIssue).join("\n"));
  const routed: Routed = { demand: [], items: [], purchase_orders: [], snapshots: [], customer_orders: [] };
  const used = new Set<string>();
  for (const input of inputs) {
    const listed = await listInputFiles([resolve(ctx.cwd, input)]);
    if (!listed.ok)
      throw new UserError(listed.issues.map((i) => formatIssue({ ...i, path: { file: input } })).join("\n"));
    const inFolder = listed.value.length !== 1 || listed.value[0] !== resolve(ctx.cwd, input);
    for (const abs of listed.value) {
      const shown = inFolder ? relative(ctx.cwd, abs) || abs : input;
      const key = [shown, input, abs, basename(abs)].find((k) => overrides.value.has(k));
      if (key !== undefined) used.add(key);
      const kind = await detectKind(abs, shown, key === undefined ? undefined : overrides.value.get(key));
      if (!kind.ok) {
        if (inFolder && kind.issues[0]?.code === "unknown_kind") {
          say(
            ctx,
            `passing over ${shown}: not a kind of file takt reads (use --kind ${basename(abs)}=KIND to name it)`,
          );
          continue;
        }
        throw new UserError(kind.issues.map(formatIssue).join("\n"));
      }
      routed[kind.value].push(shown);
    }
  }
  const unused = [...overrides.value.keys()].filter((k) => !used.has(k));
  if (unused.length > 0)
    throw new UserError(`--kind names file(s) not among the inputs: ${unused.join(", ")}`);
  return routed;
}

export function noteSkipped(ctx: CliContext, file: string, skipped: SkippedRows): void {
  if (skipped.count === 0) return;
  say(ctx, `${file}: skipped ${skipped.count} bad row(s) (--lenient):`);
  for (const i of skipped.issues.slice(0, 10)) say(ctx, `  ${formatIssue(i)}`);
  if (skipped.count > 10) say(ctx, `  … and ${skipped.count - 10} more`);
}

function noteBlanked(ctx: CliContext, blanked: readonly BlankedCell[]): void {
  for (const b of blanked)
    say(
      ctx,
      `  ${b.count.toLocaleString("en-US")} × ${b.column} read as unknown: ${b.reason} (e.g. ${JSON.stringify(b.example)})`,
    );
}

/** Reads every operational file (PO lines, snapshots, customer orders); null when there is none. */
export async function loadOperations(
  ctx: CliContext,
  files: Routed,
  lenient: boolean,
): Promise<OperationsData | null> {
  if (files.purchase_orders.length + files.snapshots.length + files.customer_orders.length === 0) return null;
  const po: PurchaseOrderLine[] = [];
  const snaps: InventorySnapshot[] = [];
  const orders: CustomerOrderLine[] = [];
  const failIf = (issues: readonly Issue[]): never => {
    throw new UserError(issues.map(formatIssue).join("\n"));
  };
  for (const f of files.purchase_orders) {
    const r = await readPurchaseOrdersCsv(resolve(ctx.cwd, f), { label: f, lenient });
    if (!r.ok) return failIf(r.issues);
    for (const l of r.value.lines) po.push(l);
    say(
      ctx,
      `${f}: ${r.value.lines.length.toLocaleString("en-US")} purchase-order lines of ${r.value.rowsRead.toLocaleString("en-US")} rows`,
    );
    noteBlanked(ctx, r.value.blanked);
    noteSkipped(ctx, f, r.value.skipped);
  }
  for (const f of files.snapshots) {
    const r = await readSnapshotsCsv(resolve(ctx.cwd, f), { label: f, lenient });
    if (!r.ok) return failIf(r.issues);
    for (const s of r.value.snapshots) snaps.push(s);
    say(ctx, `${f}: ${r.value.snapshots.length.toLocaleString("en-US")} inventory snapshots`);
    noteBlanked(ctx, r.value.blanked);
    noteSkipped(ctx, f, r.value.skipped);
  }
  for (const f of files.customer_orders) {
    const r = await readCustomerOrdersCsv(resolve(ctx.cwd, f), { label: f, lenient });
    if (!r.ok) return failIf(r.issues);
    for (const l of r.value.lines) orders.push(l);
    say(ctx, `${f}: ${r.value.lines.length.toLocaleString("en-US")} customer order lines`);
    noteBlanked(ctx, r.value.blanked);
    noteSkipped(ctx, f, r.value.skipped);
  }
  return {
    ...(files.purchase_orders.length ? { purchaseLines: po } : {}),
    ...(files.snapshots.length ? { snapshots: snaps } : {}),
    ...(files.customer_orders.length ? { customerOrders: orders } : {}),
  };
}

/** Reads the items master, when one is among the inputs; precise errors, a note on skipped rows. */
export async function loadItems(ctx: CliContext, file: string | undefined, lenient: boolean) {
  if (file === undefined) return null;
  const r = await readItemsCsv(resolve(ctx.cwd, file), { label: file, lenient });
  if (!r.ok) throw new UserError(r.issues.map(formatIssue).join("\n"));
  noteSkipped(ctx, file, r.value.skipped);
  return r.value;
}
