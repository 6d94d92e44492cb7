/**
 * The demand occurrences of a history prefix, the shared input of the intermittent-demand fits
 * (Croston, SBA, TSB). Between two occurrences those methods' forecasts follow a closed form, so
 * an in-sample error needs one step per occurrence rather than one per period.
 *
 * Event j sits at period `position[j]` (a period with y > 0), with size `size[j]` = y and interval
 * `interval[j]` = periods since the previous event (for the first event: position + 1, the periods
 * up to and including it, as R's forecast::croston). The gap after event j is the `gapCount[j]`
 * periods up to the next event (or to the end of the prefix for the last); it holds no demand, but
 * may hold negative values (net returns): `gapSum[j]`, `gapSumSq[j]` are their sum and sum of squares.
 */
export interface DemandEvents {
  readonly count: number;
  readonly position: Int32Array;
  readonly size: Float64Array;
  readonly interval: Float64Array;
  readonly gapCount: Float64Array;
  readonly gapSum: Float64Array;
  readonly gapSumSq: Float64Array;
  /** Longest gap, in periods. */
  readonly maxGap: number;
  /** Whether any gap holds a negative value (else gapSum and gapSumSq are all 0). */
  readonly negatives: boolean;
}

let scratch = {
  position: new Int32Array(1024),
  size: new Float64Array(1024),
  interval: new Float64Array(1024),
  gapCount: new Float64Array(1024),
  gapSum: new Float64Array(1024),
  gapSumSq: new Float64Array(1024),
};

/**
 * Extracts the demand events of y[0..n) (see DemandEvents). For speed (allocating typed arrays costs
 * more than the scan) the arrays are module scratch, reused by the next call: use the result before
 * calling again. Arrays may be longer than `count`. The scan is branch-free (demand occurrences are
 * unpredictable, and mispredicted branches would dominate its cost).
 */
export function demandEvents(y: Float64Array, n: number): DemandEvents {
  if (scratch.position.length < n + 1) {
    const cap = Math.max(n + 1, 2 * scratch.position.length);
    scratch = {
      position: new Int32Array(cap),
      size: new Float64Array(cap),
      interval: new Float64Array(cap),
      gapCount: new Float64Array(cap),
      gapSum: new Float64Array(cap),
      gapSumSq: new Float64Array(cap),
    };
  }
  const { position, size, interval, gapCount, gapSum, gapSumSq } = scratch;
  // every period writes its index at slot `count`; only a demand period advances `count`, keeping it
  let count = 0;
  let negatives = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t]!;
    position[count] = t;
    count += ((v > 0) as unknown as number) | 0;
    negatives |= ((v < 0) as unknown as number) | 0;
  }
  let last = -1;
  let maxGap = 0;
  for (let j = 0; j < count; j++) {
    const t = position[j]!;
    size[j] = y[t]!;
    interval[j] = t - last;
    const gap = (j + 1 < count ? position[j + 1]! : n) - t - 1;
    gapCount[j] = gap;
    if (gap > maxGap) maxGap = gap;
    last = t;
  }
  gapSum.fill(0, 0, count);
  gapSumSq.fill(0, 0, count);
  if (negatives) {
    // negative values (net returns) sit in gaps: sum them per gap
    for (let j = 0; j < count; j++) {
      const end = position[j]! + 1 + gapCount[j]!;
      for (let t = position[j]! + 1; t < end; t++) {
        const v = y[t]!;
        gapSum[j] += v;
        gapSumSq[j] += v * v;
      }
    }
  }
  return { count, position, size, interval, gapCount, gapSum, gapSumSq, maxGap, negatives: negatives !== 0 };
}

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Minimises f on [a, b] by golden-section search (Kiefer 1953) with `iterations` narrowing steps
 * (iterations + 2 evaluations; the bracket shrinks by 0.618 a step). Assumes f unimodal on [a, b].
 */
export function goldenSection(
  f: (x: number) => number,
  a: number,
  b: number,
  iterations: number,
): { x: number; fx: number } {
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
  return fc <= fd ? { x: c, fx: fc } : { x: d, fx: fd };
}

/**
 * Minimises f on [lo, hi]: a grid of `gridSteps` + 1 equally spaced points, then golden-section
 * search for `goldenIterations` steps inside the two grid cells around the best point. The grid
 * guards against local minima; the golden steps refine to (hi − lo)·2/gridSteps·0.618^k.
 */
export function minimiseOnInterval(
  f: (x: number) => number,
  lo: number,
  hi: number,
  gridSteps = 5,
  goldenIterations = 8,
): { x: number; fx: number } {
  let bestX = lo;
  let bestF = Number.POSITIVE_INFINITY;
  const cell = (hi - lo) / gridSteps;
  for (let i = 0; i <= gridSteps; i++) {
    const x = lo + i * cell;
    const v = f(x);
    if (v < bestF) {
      bestF = v;
      bestX = x;
    }
  }
  const g = goldenSection(f, Math.max(lo, bestX - cell), Math.min(hi, bestX + cell), goldenIterations);
  return g.fx < bestF ? g : { x: bestX, fx: bestF };
}
