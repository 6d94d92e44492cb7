import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { takt } from "./support/cli.js";

/** The report's "Checks not run for lack of data: …" note, unescaped; "" when there is none. */
const notRunNote = (html: string): string =>
  (/Checks not run for lack of data: (.*?)\.<\/p>/.exec(html)?.[1] ?? "").replace(/&amp;/g, "&");

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-root-cause-cli-"));
  const r = await takt(dir, "demo", "--out", "demo");
  expect(r.code, r.err).toBe(0);
}, 60_000);

describe("takt analyze: stockout root cause with the reorder point in force", () => {
  it("on the demo, runs the process and threshold checks for every episode", async () => {
    const items = await readFile(join(dir, "demo", "items.csv"), "utf8");
    expect(items.split("\n", 1)[0]).toMatch(/,reorder_point$/);
    const r = await takt(dir, "analyze", "demo", "--out", "with-rop", "--threads", "1");
    expect(r.code, r.err).toBe(0);
    const line = /Stockouts \(snapshots\): (\d+) episode\(s\) in the window; causes (.*)/.exec(r.out);
    expect(line, r.out).not.toBeNull();
    expect(Number(line![1])).toBeGreaterThan(10);
    // Both causes can now be found: the demo has episodes of each.
    expect(line![2]).toMatch(/\bprocess \d+/);
    expect(line![2]).toMatch(/\bthreshold-too-low \d+/);
    const note = notRunNote(await readFile(join(dir, "with-rop", "report.html"), "utf8"));
    expect(note).not.toMatch(/process|threshold-too-low/);
  }, 60_000);

  it("without the reorder_point column, says both checks lacked it", async () => {
    await mkdir(join(dir, "no-rop"));
    for (const f of await readdir(join(dir, "demo"))) {
      if (!f.endsWith(".csv")) continue;
      const text = await readFile(join(dir, "demo", f), "utf8");
      // reorder_point is the last column of items.csv.
      const out = f === "items.csv" ? text.replace(/,[^,\n]*$/gm, "") : text;
      await writeFile(join(dir, "no-rop", f), out);
    }
    const r = await takt(dir, "analyze", "no-rop", "--out", "no-rop-out", "--threads", "1");
    expect(r.code, r.err).toBe(0);
    const episodes = Number(/Stockouts \(snapshots\): (\d+) episode/.exec(r.out)![1]);
    expect(r.out).not.toMatch(/causes .*\b(process|threshold-too-low) \d+/);
    const note = notRunNote(await readFile(join(dir, "no-rop-out", "report.html"), "utf8"));
    expect(note).toContain(`process: no reorder point in force (items master reorder_point) (${episodes})`);
    expect(note).toContain(
      `threshold-too-low: no reorder point in force (items master reorder_point) (${episodes})`,
    );
  }, 60_000);
});
