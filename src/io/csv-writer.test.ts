import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, writeCsv } from "./csv-writer.js";

describe("csv writer", () => {
  it("quotes per RFC 4180", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvLine(["x", 1.5, null, Number.NaN, true])).toBe("x,1.5,,,true\n");
  });
  it("neutralises formula injection in text but not negative numbers", () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell(-3)).toBe("-3");
  });
  it("rounds long decimals", () => {
    expect(csvCell(1 / 3)).toBe("0.333333");
    expect(csvCell(12.345678)).toBe("12.3457");
    expect(csvCell(123456.789)).toBe("123456.79");
  });
  it("writes a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "takt-csv-"));
    const p = join(dir, "a.csv");
    await writeCsv(
      p,
      ["a", "b"],
      [
        [1, "x"],
        [2, "y,z"],
      ],
    );
    expect(await readFile(p, "utf8")).toBe('a,b\n1,x\n2,"y,z"\n');
  });
});
