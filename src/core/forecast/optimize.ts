/**
 * Small derivative-free optimisers for fitting smoothing parameters: golden-section search in one
 * dimension and a bounded Nelder–Mead simplex (points are clamped into the box) in several.
 * Both take a fixed evaluation budget so fitting cost is predictable.
 */
const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Minimises f on [lo, hi] by golden-section search with `iterations` narrowing steps. */
export function goldenSection(
  f: (x: number) => number,
  lo: number,
  hi: number,
  iterations = 18,
): { x: number; fx: number } {
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iterations; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  return fc < fd ? { x: c, fx: fc } : { x: d, fx: fd };
}

/**
 * Bounded Nelder–Mead (Nelder & Mead 1965, standard coefficients 1, 2, 0.5, 0.5), starting from `x0`
 * with an initial step of `step` per coordinate, stopping after `maxEvals` evaluations or when the
 * simplex's function values agree within `tol`.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  opts: { maxEvals?: number; step?: number; tol?: number } = {},
): { x: Float64Array; fx: number; evals: number } {
  const k = x0.length;
  const maxEvals = opts.maxEvals ?? 60 * k;
  const tol = opts.tol ?? 1e-7;
  const clamp = (p: Float64Array) => {
    for (let j = 0; j < k; j++) p[j] = Math.min(upper[j]!, Math.max(lower[j]!, p[j]!));
    return p;
  };
  const pts: Float64Array[] = [];
  const fv = new Float64Array(k + 1);
  let evals = 0;
  const evalAt = (p: Float64Array) => {
    evals++;
    const v = f(p);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  pts.push(clamp(Float64Array.from(x0)));
  for (let j = 0; j < k; j++) {
    const p = Float64Array.from(x0);
    const step = (opts.step ?? 0.1) * (upper[j]! - lower[j]!);
    p[j] = p[j]! + step <= upper[j]! ? p[j]! + step : p[j]! - step;
    pts.push(clamp(p));
  }
  for (let i = 0; i <= k; i++) fv[i] = evalAt(pts[i]!);
  const centroid = new Float64Array(k);
  const xr = new Float64Array(k);
  const xe = new Float64Array(k);
  const xc = new Float64Array(k);
  const order = Array.from({ length: k + 1 }, (_, i) => i);
  while (evals < maxEvals) {
    order.sort((a, b) => fv[a]! - fv[b]!);
    const best = order[0]!;
    const worst = order[k]!;
    const second = order[k - 1]!;
    if (Math.abs(fv[worst]! - fv[best]!) <= tol * (Math.abs(fv[best]!) + tol)) break;
    centroid.fill(0);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) centroid[j] += pts[order[i]!]![j]! / k;
    for (let j = 0; j < k; j++) xr[j] = centroid[j]! + (centroid[j]! - pts[worst]![j]!);
    const fr = evalAt(clamp(xr));
    if (fr < fv[best]!) {
      for (let j = 0; j < k; j++) xe[j] = centroid[j]! + 2 * (xr[j]! - centroid[j]!);
      const fe = evalAt(clamp(xe));
      if (fe < fr) {
        pts[worst]!.set(xe);
        fv[worst] = fe;
      } else {
        pts[worst]!.set(xr);
        fv[worst] = fr;
      }
    } else if (fr < fv[second]!) {
      pts[worst]!.set(xr);
      fv[worst] = fr;
    } else {
      const outside = fr < fv[worst]!;
      for (let j = 0; j < k; j++)
        xc[j] = centroid[j]! + 0.5 * ((outside ? xr[j]! : pts[worst]![j]!) - centroid[j]!);
      const fcv = evalAt(clamp(xc));
      if (fcv < Math.min(fr, fv[worst]!)) {
        pts[worst]!.set(xc);
        fv[worst] = fcv;
      } else {
        for (let i = 1; i <= k; i++) {
          const p = pts[order[i]!]!;
          for (let j = 0; j < k; j++) p[j] = pts[best]![j]! + 0.5 * (p[j]! - pts[best]![j]!);
          fv[order[i]!] = evalAt(p);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= k; i++) if (fv[i]! < fv[bi]!) bi = i;
  return { x: pts[bi]!, fx: fv[bi]!, evals };
}
