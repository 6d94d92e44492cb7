/**
 * Forecast accuracy of (actual, forecast) pairs, as docs/suppliers-and-kpis.md defines it. MAPE = mean(|A − F| ÷ |A|)
 * over the pairs with A ≠ 0 (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed.,
 * §5.8: undefined on zero actuals, so those pairs are left out); WAPE = Σ|A − F| ÷ Σ|A| (the MAD/mean
 * ratio of Kolassa & Schütz 2007, Foresight 6).
 * Both are fractions (0.2 = 20 %); NaN when undefined.
 */
export function mapeWape(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
): { mape: number; wape: number; n: number } {
  let ape = 0;
  let nz = 0;
  let absErr = 0;
  let absAct = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = Math.abs(a - forecast[i]!);
    absErr += e;
    absAct += Math.abs(a);
    if (a !== 0) {
      ape += e / Math.abs(a);
      nz++;
    }
  }
  return {
    mape: nz > 0 ? ape / nz : Number.NaN,
    wape: absAct > 0 ? absErr / absAct : Number.NaN,
    n: actual.length,
  };
}
