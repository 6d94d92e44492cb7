import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takt } from "./support/cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-plan-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("takt plan (the planning job on the live database)", () => {
  it("proposes policies from the imported history, then finds nothing changed", async () => {
    await writeFile(
      join(dir, "items.csv"),
      "sku,location,unit_cost,lead_time_days,moq,supplier\nA,L1,4,5,10,S1\n",
    );
    const rows = ["event_id,date,kind,sku,location,qty", "r0,2026-01-01,receipt,A,L1,2000"];
    for (let i = 0; i < 59; i++) {
      const d = new Date(Date.UTC(2026, 0, 2 + i)).toISOString().slice(0, 10);
      rows.push(`s${i},${d},sale,A,L1,${5 + (i % 7 === 4 ? 7 : i % 3)}`);
    }
    await writeFile(join(dir, "events.csv"), `${rows.join("\n")}\n`);
    expect((await takt(dir, "import", "items.csv", "--kind", "items", "--data", "db")).code).toBe(0);
    expect((await takt(dir, "import", "events.csv", "--data", "db")).code).toBe(0);
    const first = await takt(dir, "plan", "--data", "db", "--as-of", "2026-03-02", "--threads", "1");
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(
      "Planning run 1 as of 2026-03-02 (manual mode): 1 series planned; 1 proposed, 0 activated, 0 unchanged, 0 skipped",
    );
    expect(first.out).toMatch(/A@L1 v1 proposed: none → r \d+(\.\d+)?, Q \d+/);
    const again = await takt(dir, "plan", "--data", "db", "--as-of", "2026-03-02", "--threads", "1");
    expect(again.out).toContain("0 proposed, 0 activated, 1 unchanged");
  });
});
