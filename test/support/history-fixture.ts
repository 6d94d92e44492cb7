import { formatIsoDate } from "../../src/core/calendar.js";
import { createRng } from "../../src/core/random.js";
import type { HistoryLine } from "../../src/db/ledger-history.js";

/** `days` days of sales ending the day before `end`, `perDay(i)` units a day, after an opening stock. */
export function salesHistory(
  location: string,
  sku: string,
  end: number,
  days: number,
  perDay: (i: number) => number,
): HistoryLine[] {
  const out: HistoryLine[] = [
    {
      location,
      sku,
      kind: "adjustment",
      qty: 5000,
      occurredAt: `${formatIsoDate(end - days)}T00:00:00Z`,
      key: `${sku}@${location}:open`,
      reference: null,
    },
  ];
  for (let i = 0; i < days; i++) {
    const q = perDay(i);
    if (q > 0)
      out.push({
        location,
        sku,
        kind: "sale",
        qty: -q,
        occurredAt: `${formatIsoDate(end - days + i)}T12:00:00Z`,
        key: `${sku}@${location}:${i}`,
        reference: null,
      });
  }
  return out;
}

/** A seeded, noisy daily demand around `level` (normal, σ = 40 % of the level, floored at 0). */
export const noisy = (level: number, seed: number) => {
  const rng = createRng(seed);
  return () => Math.max(0, Math.round(level * (1 + 0.4 * rng.normal())));
};
