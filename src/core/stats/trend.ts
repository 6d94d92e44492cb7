/**
 * Ordinary least-squares slope of y against t = 0, 1, …, n − 1 (units per period); 0 for n < 2.
 * Closed form: slope = Σ(t − t̄)(y − ȳ) ÷ Σ(t − t̄)².
 */
export function olsSlope(y: ArrayLike<number>): number {
  const n = y.length;
  if (n < 2) return 0;
  const tm = (n - 1) / 2;
  let ym = 0;
  for (let i = 0; i < n; i++) ym += y[i]!;
  ym /= n;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (i - tm) * (y[i]! - ym);
  const sxx = (n * (n * n - 1)) / 12; // Σ(t − t̄)² for t = 0..n−1
  return sxy / sxx;
}
