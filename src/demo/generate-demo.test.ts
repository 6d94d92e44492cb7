import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../core/calendar.js";
import { demandPattern } from "../core/stats/demand-pattern.js";
import { csvText } from "./csv-text.js";
import { ARCHETYPE_SHARES } from "./demand-profile.js";
import type { DemoCompany } from "./demo-company.js";
import { demoTables } from "./demo-tables.js";
import { DEFAULT_END_DATE } from "./generate-demand-series.js";
import { generateDemo, quotaCounts } from "./generate-demo.js";

const company = generateDemo({ seed: 42 });
const allText = (c: DemoCompany) => demoTables(c).map((t) => csvText(t.header, t.rows()));

/** ADI and CV² computed here from scratch (Syntetos, Boylan & Croston 2005 definitions). */
function adiCv2(q: ArrayLike<number>): { adi: number; cv2: number } {
  const sizes: number[] = [];
  for (let i = 0; i < q.length; i++) if (q[i]! > 0) sizes.push(q[i]!);
  const m = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const v = sizes.reduce((a, b) => a + (b - m) ** 2, 0) / (sizes.length - 1);
  return { adi: q.length / sizes.length, cv2: v / (m * m) };
}

describe("generateDemo", () => {
  it("has the default shape: 60 SKUs × 3 locations, 730 days ending 2026-10-31", () => {
    expect(company.skus.length).toBe(60);
    expect(company.locations.map((l) => l.location)).toEqual(["WEB", "BER", "HAM"]);
    expect(company.series.length).toBe(180);
    expect(company.items.length).toBe(180);
    expect(formatIsoDate(company.endDay)).toBe("2026-10-31");
    expect(company.endDay).toBe(DEFAULT_END_DATE);
    expect(formatIsoDate(company.startDay)).toBe("2024-11-01");
  });

  it("same seed ⇒ identical files; different seed ⇒ different files", () => {
    const again = allText(generateDemo({ seed: 42 }));
    const first = allText(company);
    expect(again).toEqual(first);
    const other = allText(generateDemo({ seed: 43 }));
    for (let i = 0; i < first.length; i++) {
      if (i === 2) continue; // suppliers.csv is the fixed supplier panel
      expect(other[i]).not.toEqual(first[i]);
    }
  });

  it("has every Syntetos–Boylan class in its sales, each in at least 10 % of series", () => {
    const counts: Record<string, number> = {};
    for (const s of company.series) {
      const { adi, cv2 } = adiCv2(s.sales);
      const mine = adi < 1.32 ? (cv2 < 0.49 ? "smooth" : "erratic") : cv2 < 0.49 ? "intermittent" : "lumpy";
      expect(demandPattern(s.sales).pattern).toBe(mine);
      counts[mine] = (counts[mine] ?? 0) + 1;
    }
    for (const c of ["smooth", "erratic", "intermittent", "lumpy"])
      expect(counts[c] ?? 0).toBeGreaterThanOrEqual(18);
  });

  it("assigns archetypes by quota", () => {
    expect(quotaCounts(60, ARCHETYPE_SHARES)).toEqual([18, 12, 18, 12]);
    expect(quotaCounts(7, ARCHETYPE_SHARES).reduce((a, b) => a + b, 0)).toBe(7);
    const byArchetype: Record<string, number> = {};
    for (const s of company.skus) byArchetype[s.archetype] = (byArchetype[s.archetype] ?? 0) + 1;
    expect(byArchetype).toEqual({ smooth: 18, erratic: 12, intermittent: 18, lumpy: 12 });
  });

  it("launched SKUs have no sales rows, stock or orders before launch", () => {
    const launched = company.skus.filter((s) => s.launchDay !== null);
    expect(launched.length).toBe(6);
    const sales = demoTables(company)[0]!;
    const firstRow = new Map<string, string>();
    for (const r of sales.rows()) {
      const key = `${r[0]}@${r[1]}`;
      if (!firstRow.has(key)) firstRow.set(key, r[2] as string);
    }
    for (const k of launched) {
      for (const s of company.series.filter((x) => x.sku === k.sku)) {
        expect(s.start).toBeGreaterThanOrEqual(k.launchDay!);
        expect(s.start).toBeGreaterThan(company.startDay);
        expect(firstRow.get(`${s.sku}@${s.location}`)).toBe(formatIsoDate(s.start));
        expect(s.sales.length).toBe(company.endDay - s.start + 1);
        const isBefore = (d: number | null) => d !== null && d < s.start;
        expect(
          company.inventory.some((x) => x.sku === s.sku && x.location === s.location && isBefore(x.day)),
        ).toBe(false);
        expect(
          company.purchaseOrders.some(
            (p) => p.sku === s.sku && p.location === s.location && isBefore(p.orderDay),
          ),
        ).toBe(false);
      }
    }
  });

  it("dying SKUs sell far less in their last 90 days than in the 90 days before decay", () => {
    const dying = company.skus.filter((s) => s.decayStart !== null);
    expect(dying.length).toBe(4);
    for (const k of dying) {
      let before = 0;
      let last = 0;
      for (const s of company.series.filter((x) => x.sku === k.sku)) {
        const d0 = k.decayStart! - s.start;
        for (let i = Math.max(0, d0 - 90); i < d0; i++) before += s.demand[i]!;
        for (let i = s.demand.length - 90; i < s.demand.length; i++) last += s.demand[i]!;
      }
      expect(last).toBeLessThan(0.5 * before);
    }
  });

  it("has promotions with price cuts and more demand on promotion days", () => {
    let promoDays = 0;
    let lift = 0;
    for (const s of company.series) {
      if (s.profile.archetype !== "smooth") continue;
      for (const p of s.profile.promotions) {
        const i0 = p.start - s.start;
        if (i0 < 14 || i0 + p.days > s.sales.length) continue;
        let inPromo = 0;
        let beforePromo = 0;
        for (let i = i0; i < i0 + p.days; i++) inPromo += s.demand[i]! / p.days;
        for (let i = i0 - 14; i < i0; i++) beforePromo += s.demand[i]! / 14;
        expect(s.price[i0]).toBeLessThan(s.price[i0 - 1]!);
        promoDays++;
        lift += inPromo / Math.max(1, beforePromo);
      }
    }
    expect(promoDays).toBeGreaterThan(50);
    expect(lift / promoDays).toBeGreaterThan(1.3);
  });

  it("sells what stock allowed: sales ≤ demand, some stockouts, high fill rate", () => {
    let demand = 0;
    let sales = 0;
    let over = 0;
    for (const s of company.series)
      for (let i = 0; i < s.demand.length; i++) {
        if (s.sales[i]! > s.demand[i]!) over++;
        demand += s.demand[i]!;
        sales += s.sales[i]!;
      }
    expect(over).toBe(0);
    expect(sales / demand).toBeGreaterThan(0.95);
    expect(sales / demand).toBeLessThan(1);
  });

  it("has consistent purchase orders", () => {
    const pos = company.purchaseOrders;
    expect(pos.length).toBeGreaterThan(500);
    expect(new Set(pos.map((p) => p.poId)).size).toBe(pos.length);
    for (let k = 1; k < pos.length; k++)
      expect(pos[k]!.orderDay!).toBeGreaterThanOrEqual(pos[k - 1]!.orderDay!);
    for (const p of pos) {
      expect(p.qtyReceived).toBeLessThanOrEqual(p.qtyOrdered);
      expect(p.qtyRejected).toBeLessThanOrEqual(p.qtyReceived);
      expect(p.promisedDay!).toBeGreaterThan(p.orderDay!);
      if (p.receivedDay === null) {
        expect(p.qtyReceived).toBe(0);
        expect(p.promisedDay! + 60).toBeGreaterThan(company.endDay); // open lines are recent
      } else {
        expect(p.receivedDay).toBeGreaterThan(p.orderDay!);
        expect(p.receivedDay).toBeLessThanOrEqual(company.endDay);
        expect(p.qtyReceived).toBeGreaterThan(0);
      }
      if (p.asnQty !== null) expect(p.asnDay).not.toBeNull();
    }
    expect(pos.some((p) => p.expedited)).toBe(true);
    expect(pos.some((p) => p.receivedDay === null)).toBe(true);
    expect(pos.some((p) => p.qtyReceived < p.qtyOrdered && p.receivedDay !== null)).toBe(true);
    expect(pos.some((p) => p.asnQty !== null && p.receivedDay !== null && p.asnQty !== p.qtyReceived)).toBe(
      true,
    );
  });

  it("suppliers differ in on-time rate as configured (within 4.5 binomial standard errors)", () => {
    const rates = new Map<string, number>();
    for (const s of company.suppliers) {
      const lines = company.purchaseOrders.filter(
        (p) => p.supplier === s.supplier && !p.expedited && p.receivedDay !== null,
      );
      if (lines.length < 30) continue;
      const onTime = lines.filter((p) => {
        const late = p.receivedDay! - p.promisedDay!;
        return late >= -2 && late <= 0;
      }).length;
      const p = s.behaviour.onTimeProb;
      const rate = onTime / lines.length;
      expect(Math.abs(rate - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / lines.length));
      rates.set(s.supplier, rate);
    }
    expect(rates.size).toBeGreaterThanOrEqual(4);
    expect(rates.get("SUP-01")!).toBeGreaterThan(rates.get("SUP-04")! + 0.15);
  });

  it("inventory snapshots are weekly stock on hand ending on the last day", () => {
    const last = company.inventory.filter((x) => x.day === company.endDay);
    expect(last.length).toBe(180);
    for (const x of company.inventory) expect((company.endDay - x.day) % 7).toBe(0);
    for (const s of company.series) {
      const snap = last.find((x) => x.sku === s.sku && x.location === s.location)!;
      expect(snap.onHand).toBe(s.onHand[s.onHand.length - 1]);
    }
  });

  it("customer orders of the online shop ship exactly that day's sales", () => {
    const cos = company.customerOrders;
    expect(cos.length).toBeGreaterThan(1000);
    expect(cos.every((o) => o.location === "WEB")).toBe(true);
    const shipped = new Map<string, number>();
    let bad = 0;
    for (const o of cos) {
      if (o.qtyShipped > o.qty || (o.shipDay === null) !== (o.qtyShipped === 0)) bad++;
      if ((o.shipDay !== null && o.shipDay < o.day) || o.promisedDay! < o.day) bad++;
      const k = `${o.sku}|${o.day}`;
      shipped.set(k, (shipped.get(k) ?? 0) + o.qtyShipped);
    }
    expect(bad).toBe(0);
    const from = company.endDay - 91 + 1;
    let days = 0;
    let mismatches = 0;
    for (const s of company.series.filter((x) => x.location === "WEB"))
      for (let i = Math.max(0, from - s.start); i < s.sales.length; i++) {
        days++;
        if ((shipped.get(`${s.sku}|${s.start + i}`) ?? 0) !== s.sales[i]) mismatches++;
      }
    expect(days).toBe(60 * 91);
    expect(mismatches).toBe(0);
  });

  it("leaves items-master cells empty in every optional column", () => {
    const optional = [
      "unitCost",
      "unitPrice",
      "leadTimeDays",
      "leadTimeSdDays",
      "moq",
      "orderMultiple",
      "orderingCost",
      "holdingCostRate",
      "serviceTarget",
      "serviceType",
      "reviewPeriodDays",
      "containerSize",
    ] as const;
    for (const f of optional) {
      const empty = company.items.filter((r) => r[f] === undefined).length;
      expect(empty).toBeGreaterThan(0);
      expect(empty).toBeLessThan(company.items.length);
    }
    expect(company.items.every((r) => r.supplier !== "" && r.category !== "")).toBe(true);
  });

  it("honours the size options and rejects bad ones", () => {
    const small = generateDemo({ seed: 1, skus: 8, locations: 1, days: 120 });
    expect(small.series.length).toBe(8);
    expect(small.series.every((s) => s.start + s.sales.length - 1 === small.endDay)).toBe(true);
    expect(() => generateDemo({ skus: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ days: 1.5 })).toThrow(RangeError);
  });
});
