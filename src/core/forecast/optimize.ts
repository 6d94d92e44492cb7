/**
 * Small derivative-free optimisers for fitting smoothing parameters: golden-section search and
 * Brent's method in one dimension, and a bounded Nelder–Mead simplex (points clamped into the box)
 * in several. Each takes a fixed evaluation budget so the cost of a fit is predictable, and none
 * allocates per evaluation (the objective gets the same buffer each time).
 */
const INV_PHI = (Math.sqrt(5) - 1) / 2;
const CGOLD = 1 - INV_PHI;

/** Result of a one-dimensional minimisation: the best point found and its value. */
export interface Minimum1D {
  readonly x: number;
  readonly fx: number;
}

/**
 * Minimises f on [lo, hi] by golden-section search (Kiefer 1953) with `iterations` narrowing steps
 * (each shrinks the bracket by 0.618; iterations + 2 evaluations in all).
 */
export function goldenSection(f: (x: number) => number, lo: number, hi: number, iterations = 18): Minimum1D {
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
 * Minimises f on [lo, hi] by Brent's method (parabolic interpolation safeguarded by golden-section
 * steps; Brent 1973, "Algorithms for Minimization without Derivatives", ch. 5, procedure `localmin`),
 * stopping when the bracket is within 2·tol of the minimiser or after `maxEvals` evaluations.
 * Converges superlinearly on smooth unimodal functions: ~8–15 evaluations for tol = 1e-4 on [0, 1].
 */
export function brent(
  f: (x: number) => number,
  lo: number,
  hi: number,
  opts: { tol?: number; maxEvals?: number; start?: number } = {},
): Minimum1D & { evals: number } {
  const tol = opts.tol ?? 1e-5;
  const maxEvals = opts.maxEvals ?? 40;
  let a = lo;
  let b = hi;
  let x = opts.start !== undefined && opts.start > lo && opts.start < hi ? opts.start : a + CGOLD * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let evals = 1;
  let d = 0;
  let e = 0;
  while (evals < maxEvals) {
    const xm = 0.5 * (a + b);
    const tol1 = 1e-10 * Math.abs(x) + tol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // parabola through x, w, v
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm >= x ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x >= xm ? a - x : b - x;
      d = CGOLD * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evals++;
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, evals };
}

/** Options of `nelderMead`. */
export interface NelderMeadOptions {
  /** Evaluation budget (default 60 per dimension). */
  readonly maxEvals?: number;
  /** Initial simplex step, as a fraction of each coordinate's range (one number or one per coordinate; default 0.1). */
  readonly step?: number | readonly number[];
  /** Stop when the simplex's values agree within this relative tolerance (default 1e-7). */
  readonly tol?: number;
}

/**
 * Bounded Nelder–Mead (Nelder & Mead 1965, coefficients reflection 1, expansion 2, contraction 0.5,
 * shrink 0.5), starting from `x0` with an initial step per coordinate, stopping after `maxEvals`
 * evaluations or when the simplex's function values agree within `tol` (relative). Points are clamped
 * into [lower, upper]; non-finite objective values count as +∞. The objective receives a buffer that
 * is reused between calls: read it, do not keep it.
 *
 * The objective also receives a `bound`: where the step only needs to know whether f(x) is below it
 * (a reflected point against the worst vertex, an expansion against the reflection, a contraction
 * against the better of the two), a value above the bound is discarded unread. An objective that
 * accumulates non-negative terms (a sum of squares) may therefore stop as soon as its partial sum
 * exceeds `bound` and return that partial sum: the search takes exactly the same steps as with the
 * full values. `bound` is +∞ where the value is kept (the initial simplex, shrink steps).
 */
export function nelderMead(
  f: (x: Float64Array, bound: number) => number,
  x0: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  opts: NelderMeadOptions = {},
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
  const evalAt = (p: Float64Array, bound = Number.POSITIVE_INFINITY) => {
    evals++;
    const v = f(p, bound);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  pts.push(clamp(Float64Array.from(x0)));
  for (let j = 0; j < k; j++) {
    const p = Float64Array.from(pts[0]!);
    const frac = typeof opts.step === "number" ? opts.step : (opts.step?.[j] ?? 0.1);
    const step = frac * (upper[j]! - lower[j]!);
    p[j] = p[j]! + step <= upper[j]! ? p[j]! + step : p[j]! - step;
    pts.push(clamp(p));
  }
  for (let i = 0; i <= k; i++) fv[i] = evalAt(pts[i]!);
  const centroid = new Float64Array(k);
  const xr = new Float64Array(k);
  const xe = new Float64Array(k);
  const xc = new Float64Array(k);
  const order = new Int32Array(k + 1);
  while (evals < maxEvals) {
    // insertion sort of the k + 1 vertices by value (k is tiny)
    for (let i = 0; i <= k; i++) order[i] = i;
    for (let i = 1; i <= k; i++) {
      const o = order[i]!;
      let j = i - 1;
      while (j >= 0 && fv[order[j]!]! > fv[o]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = o;
    }
    const best = order[0]!;
    const worst = order[k]!;
    const second = order[k - 1]!;
    if (Math.abs(fv[worst]! - fv[best]!) <= tol * (Math.abs(fv[best]!) + tol)) break;
    centroid.fill(0);
    for (let i = 0; i < k; i++) {
      const p = pts[order[i]!]!;
      for (let j = 0; j < k; j++) centroid[j] += p[j]! / k;
    }
    const pw = pts[worst]!;
    for (let j = 0; j < k; j++) xr[j] = centroid[j]! + (centroid[j]! - pw[j]!);
    // fr is kept only when below the worst value (every use of a larger fr reads as "≥ worst")
    const fr = evalAt(clamp(xr), fv[worst]!);
    if (fr < fv[best]!) {
      for (let j = 0; j < k; j++) xe[j] = centroid[j]! + 2 * (xr[j]! - centroid[j]!);
      const fe = evals < maxEvals ? evalAt(clamp(xe), fr) : Number.POSITIVE_INFINITY;
      if (fe < fr) {
        pw.set(xe);
        fv[worst] = fe;
      } else {
        pw.set(xr);
        fv[worst] = fr;
      }
    } else if (fr < fv[second]!) {
      pw.set(xr);
      fv[worst] = fr;
    } else {
      const outside = fr < fv[worst]!;
      for (let j = 0; j < k; j++) xc[j] = centroid[j]! + 0.5 * ((outside ? xr[j]! : pw[j]!) - centroid[j]!);
      const limit = Math.min(fr, fv[worst]!);
      const fcv = evalAt(clamp(xc), limit);
      if (fcv < limit) {
        pw.set(xc);
        fv[worst] = fcv;
      } else {
        const pb = pts[best]!;
        for (let i = 1; i <= k && evals < maxEvals; i++) {
          const p = pts[order[i]!]!;
          for (let j = 0; j < k; j++) p[j] = pb[j]! + 0.5 * (p[j]! - pb[j]!);
          fv[order[i]!] = evalAt(p);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= k; i++) if (fv[i]! < fv[bi]!) bi = i;
  return { x: pts[bi]!, fx: fv[bi]!, evals };
}
