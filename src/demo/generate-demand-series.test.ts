import { describe, expect, it } from "vitest";
import { epochDayFromParts, isoWeekday, partsFromEpochDay } from "../core/calendar.js";
import { demandPattern } from "../core/stats/demand-pattern.js";
import { DEFAULT_END_DATE, generateDemandSeries, toMonths, toWeeks } from "./generate-demand-series.js";

describe("generateDemandSeries", () => {
  const opts = { seed: 7, count: 400, days: 1095 };
  const a = generateDemandSeries(opts);

  it("is deterministic for a seed and differs across seeds", () => {
    const b = generateDemandSeries(opts);
    expect(b.map((s) => [s.sku, s.start, s.unitPrice, Array.from(s.quantities)])).toEqual(
      a.map((s) => [s.sku, s.start, s.unitPrice, Array.from(s.quantities)]),
    );
    const c = generateDemandSeries({ ...opts, seed: 8 });
    const same = a.filter(
      (s, i) =>
        s.quantities.length === c[i]!.quantities.length &&
        s.quantities.every((x, k) => x === c[i]!.quantities[k]),
    );
    expect(same.length).toBeLessThan(5);
  });

  it("series i depends only on (seed, i): a shorter run is a prefix", () => {
    const short = generateDemandSeries({ ...opts, count: 25 });
    for (let i = 0; i < 25; i++)
      expect(Array.from(short[i]!.quantities)).toEqual(Array.from(a[i]!.quantities));
  });

  it("covers the four Syntetos–Boylan classes, each in at least 12 % of series", () => {
    const counts: Record<string, number> = {};
    for (const s of a) {
      const p = demandPattern(s.quantities).pattern;
      counts[p] = (counts[p] ?? 0) + 1;
    }
    for (const c of ["smooth", "erratic", "intermittent", "lumpy"])
      expect(counts[c] ?? 0).toBeGreaterThan(0.12 * 400);
  });

  it("ends on the end date, starts launches at their launch, and has integer non-negative demand", () => {
    let launches = 0;
    for (const s of a) {
      expect(s.start + s.quantities.length - 1).toBe(DEFAULT_END_DATE);
      if (s.profile.launchDay !== null) {
        launches++;
        expect(s.start).toBe(s.profile.launchDay);
        expect(s.start).toBeGreaterThan(DEFAULT_END_DATE - 1095 + 1);
      } else expect(s.quantities.length).toBe(1095);
      expect(s.quantities.every((q) => Number.isInteger(q) && q >= 0)).toBe(true);
      expect(s.unitPrice).toBeGreaterThan(0);
      expect(s.frequency).toBe("day");
    }
    expect(launches).toBeGreaterThan(10);
  });

  it("shows the weekday profile of its category (Saturday above Sunday for retail)", () => {
    let sat = 0;
    let sun = 0;
    for (const s of a) {
      if (s.profile.category !== "Beverages") continue;
      for (let i = 0; i < s.quantities.length; i++) {
        const w = isoWeekday(s.start + i);
        if (w === 6) sat += s.quantities[i]!;
        if (w === 7) sun += s.quantities[i]!;
      }
    }
    // Profile 1.45 vs 0.75 (±8 % noise per series): the ratio is near 1.9.
    expect(sat / sun).toBeGreaterThan(1.6);
    expect(sat / sun).toBeLessThan(2.3);
  });

  it("weekly and monthly series are the daily ones summed over whole periods", () => {
    const w = generateDemandSeries({ ...opts, count: 30, frequency: "week" });
    const m = generateDemandSeries({ ...opts, count: 30, frequency: "month" });
    for (let i = 0; i < 30; i++) {
      const d = a[i]!;
      expect(isoWeekday(w[i]!.start)).toBe(1);
      expect(partsFromEpochDay(m[i]!.start).day).toBe(1);
      // Independent recomputation by date.
      const wk = new Float64Array(w[i]!.quantities.length);
      const mo = new Float64Array(m[i]!.quantities.length);
      const ms = partsFromEpochDay(m[i]!.start);
      for (let k = 0; k < d.quantities.length; k++) {
        const t = d.start + k;
        const wi = Math.floor((t - w[i]!.start) / 7);
        if (wi >= 0 && wi < wk.length) wk[wi]! += d.quantities[k]!;
        const p = partsFromEpochDay(t);
        const mi = (p.year - ms.year) * 12 + (p.month - ms.month);
        if (t >= m[i]!.start && mi < mo.length) mo[mi]! += d.quantities[k]!;
      }
      expect(Array.from(w[i]!.quantities)).toEqual(Array.from(wk));
      expect(Array.from(m[i]!.quantities)).toEqual(Array.from(mo));
    }
  });
});

describe("toWeeks / toMonths", () => {
  it("keep only whole periods inside the window", () => {
    const start = epochDayFromParts(2026, 1, 14); // a Wednesday
    const end = epochDayFromParts(2026, 4, 30);
    const d = new Float64Array(end - start + 1).fill(1);
    const w = toWeeks(d, start, start, end);
    expect(w.start).toBe(epochDayFromParts(2026, 1, 19));
    expect(w.quantities.length).toBe(14); // 19 Jan … 26 Apr
    expect(Array.from(w.quantities).every((x) => x === 7)).toBe(true);
    const m = toMonths(d, start, start, end);
    expect(m.start).toBe(epochDayFromParts(2026, 2, 1));
    expect(Array.from(m.quantities)).toEqual([28, 31, 30]);
  });
});
