import { mean } from "./summary.js";

/**
 * Strength of seasonality and trend (Wang, Smith & Hyndman 2006; Hyndman & Athanasopoulos, FPP3 §4.3):
 * F_S = max(0, 1 − Var(R) ÷ Var(S + R)), F_T = max(0, 1 − Var(R) ÷ Var(T + R)),
 * from a classical additive decomposition: T a centred moving average of the seasonal period
 * (2×m MA when m is even), S the per-position means of y − T normalised to sum to zero, R = y − T − S.
 * Only positions where the centred average exists enter the variances. Null when fewer than two full
 * seasons or a flat series.
 */
export interface DecompositionStrength {
  readonly seasonal: number;
  readonly trend: number;
}

export function decompositionStrength(y: ArrayLike<number>, period: number): DecompositionStrength | null {
  const n = y.length;
  if (period < 2 || n < 2 * period) return null;
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  const trend = new Float64Array(n).fill(Number.NaN);
  // running window sum for the centred moving average
  let s = 0;
  for (let i = 0; i < period; i++) s += y[i]!;
  for (let c = half; c + half < n; c++) {
    // window for odd m: [c−half, c+half]; for even m (2×m MA): ½y[c−half] + y[c−half+1..c+half−1] + ½y[c+half]
    const lo = c - half;
    if (even) {
      const w = s - y[lo]! / 2 + y[c + half]! / 2; // s holds y[lo..lo+period)
      trend[c] = w / period;
      s += y[c + half]! - y[lo]!;
    } else {
      trend[c] = s / period;
      if (c + half + 1 < n) s += y[c + half + 1]! - y[lo]!;
    }
  }
  const seasonal = new Float64Array(period);
  const counts = new Int32Array(period);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(trend[i]!)) continue;
    seasonal[i % period] += y[i]! - trend[i]!;
    counts[i % period]++;
  }
  for (let k = 0; k < period; k++) seasonal[k] = counts[k]! ? seasonal[k]! / counts[k]! : 0;
  const sm = mean(seasonal);
  for (let k = 0; k < period; k++) seasonal[k] -= sm;
  // variances of R, S+R, T+R over the defined positions (one pass, sums of squares)
  let m = 0;
  let sr = 0;
  let srr = 0;
  let ssr = 0;
  let sssr = 0;
  let str = 0;
  let sstr = 0;
  for (let i = 0; i < n; i++) {
    const t = trend[i]!;
    if (Number.isNaN(t)) continue;
    const sk = seasonal[i % period]!;
    const r = y[i]! - t - sk;
    m++;
    sr += r;
    srr += r * r;
    ssr += sk + r;
    sssr += (sk + r) * (sk + r);
    str += t + r;
    sstr += (t + r) * (t + r);
  }
  const v = (a: number, b: number) => b / m - (a / m) * (a / m);
  const vr = v(sr, srr);
  const vsr = v(ssr, sssr);
  const vtr = v(str, sstr);
  if (!(vsr > 0) || !(vtr > 0)) return null;
  return { seasonal: Math.max(0, 1 - vr / vsr), trend: Math.max(0, 1 - vr / vtr) };
}
