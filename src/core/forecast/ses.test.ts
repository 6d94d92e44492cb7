import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { goldenSection } from "./optimize.js";
import { FIT_WINDOW, fitStart, ses, sesProfile, sesSse } from "./ses.js";

// Reference values from R 4.x with the forecast package 8.20 (Hyndman et al.), data `Nile` from base R's
// `datasets` (annual Nile flow at Aswan, 1871–1970, 100 values):
//   library(forecast)
//   f <- ses(Nile, alpha = 0.3, initial = "simple", h = 5); f$mean; fitted(f)
//   fit <- ets(Nile, model = "ANN"); fit$par; sum(residuals(fit)^2)
// initial = "simple" starts the recursion from ℓ0 = y1 (forecast:::HoltWintersZZ). Printed with
// formatC(x, digits = 15, format = "g").
const Nile = [
  1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140, 995, 935, 1110, 994, 1020, 960, 1180, 799, 958,
  1140, 1100, 1210, 1150, 1250, 1260, 1220, 1030, 1100, 774, 840, 874, 694, 940, 833, 701, 916, 692, 1020,
  1050, 969, 831, 726, 456, 824, 702, 1120, 1100, 832, 764, 821, 768, 845, 864, 862, 698, 845, 744, 796, 1040,
  759, 781, 865, 845, 944, 984, 897, 822, 1010, 771, 676, 649, 846, 812, 742, 801, 1040, 860, 874, 848, 890,
  744, 749, 838, 1050, 918, 986, 797, 923, 975, 815, 1020, 906, 901, 1170, 912, 746, 919, 718, 714, 740,
];
const SES_MEAN = [788.440125585578, 788.440125585578, 788.440125585578, 788.440125585578, 788.440125585578];
const SES_FITTED = [
  1120, 1120, 1132, 1081.3, 1119.91, 1131.937, 1140.3559, 1042.14913, 1098.504391, 1179.9530737,
  1167.96715159, 1116.077006113, 1061.7539042791, 1076.22773299537, 1051.55941309676, 1042.09158916773,
  1017.46411241741, 1066.22487869219, 986.057415084532, 977.640190559172, 1026.34813339142, 1048.44369337399,
  1096.9105853618, 1112.83740975326, 1153.98618682728, 1185.7903307791, 1196.05323154537, 1146.23726208176,
  1132.36608345723, 1024.85625842006, 969.399380894043, 940.77956662583, 866.745696638081, 888.721987646656,
  872.005391352659, 820.703773946861, 849.292641762803, 802.104849233962, 867.473394463773, 922.231376124641,
  936.261963287249, 904.683374301074, 851.078362010752, 732.554853407526, 759.988397385268, 742.591878169688,
  855.814314718781, 929.070020303147, 899.949014212203, 859.164309948542, 847.715016963979, 823.800511874785,
  830.16035831235, 840.312250818645, 846.818575573051, 802.173002901136, 815.021102030795, 793.714771421556,
  794.400339995089, 868.080237996563, 835.356166597594, 819.049316618316, 832.834521632821, 836.484165142975,
  868.738915600082, 903.317240920057, 901.42206864404, 877.595448050828, 917.31681363558, 873.421769544906,
  814.195238681434, 764.636667077004, 789.045666953903, 795.931966867732, 779.752376807412, 786.126663765188,
  862.288664635632, 861.602065244942, 865.32144567146, 860.125011970022, 869.087508379015, 831.56125586531,
  806.792879105717, 816.155015374002, 886.308510761801, 895.815957533261, 922.871170273283, 885.109819191298,
  896.476873433908, 920.033811403736, 888.523667982615, 927.96656758783, 921.376597311481, 915.263618118037,
  991.684532682626, 967.779172877838, 901.245421014487, 906.57179471014, 850.000256297098, 809.200179407969,
];
// ets(Nile, model = "ANN"): maximum likelihood = least squares for additive errors
const ETS_ANN = { alpha: 0.245533862697156, l0: 1110.68685995136, sse: 2038674.50050534 };

const nile = Float64Array.from(Nile);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("SES recursion matches R's forecast package", () => {
  it("ses(Nile, alpha = 0.3, initial = 'simple'): fitted values and forecasts to 1e-9 relative", () => {
    const params = { alpha: 0.3, l0: nile[0]!, start: 0 };
    // fitted value t (1-based) is the one-step forecast at origin t − 1
    const origins = Int32Array.from({ length: nile.length }, (_, i) => i);
    const fitted = new Float64Array(nile.length);
    ses.forecastAt(nile, params, 1, origins, 1, fitted);
    SES_FITTED.forEach((r, i) => {
      expect(rel(fitted[i]!, r)).toBeLessThan(1e-9);
    });
    const mean = new Float64Array(5);
    ses.forecastAt(nile, params, 1, Int32Array.of(nile.length), 5, mean);
    SES_MEAN.forEach((r, i) => {
      expect(rel(mean[i]!, r)).toBeLessThan(1e-9);
    });
  });
  it("sesSse with ets(model = 'ANN')'s α and ℓ0 reproduces R's residual sum of squares", () => {
    expect(rel(sesSse(nile, 0, nile.length, ETS_ANN.alpha, ETS_ANN.l0), ETS_ANN.sse)).toBeLessThan(1e-9);
  });
});

describe("SES fitting", () => {
  it("the fitted SSE is no larger than that of R's ets() estimates (figures in docs/forecasting-ets.md)", () => {
    const p = ses.fit(nile, nile.length, 1)!;
    expect(p.start).toBe(0);
    const sse = sesSse(nile, 0, nile.length, p.alpha!, p.l0!);
    // ours 2038674.43 vs R 2038674.50: the same optimum
    expect(sse).toBeLessThanOrEqual(ETS_ANN.sse * (1 + 1e-9));
    expect(Math.abs(p.alpha! - ETS_ANN.alpha)).toBeLessThan(0.005);
    expect(Math.abs(p.l0! - ETS_ANN.l0)).toBeLessThan(1);
  });
  it("the concentrated SSE equals a direct search over the initial level", () => {
    const out = new Float64Array(1);
    for (const alpha of [0.05, 0.3, 0.9]) {
      const prof = sesProfile(nile, 10, 90, alpha, out);
      const direct = goldenSection((l0) => sesSse(nile, 10, 90, alpha, l0), 0, 3000, 80);
      expect(rel(prof, direct.fx)).toBeLessThan(1e-9);
      expect(Math.abs(out[0]! - direct.x)).toBeLessThan(1e-3);
      expect(rel(sesSse(nile, 10, 90, alpha, out[0]!), prof)).toBeLessThan(1e-9);
    }
  });
  it("recovers α of a simulated local-level process, ETS(A,N,N) with α = 0.3", () => {
    const rng = createRng(11);
    for (const trueAlpha of [0.1, 0.3, 0.6]) {
      const n = 1095;
      const y = new Float64Array(n);
      let level = 100;
      for (let t = 0; t < n; t++) {
        const e = rng.normal() * 5;
        y[t] = level + e;
        level += trueAlpha * e;
      }
      const p = ses.fit(y, n, 7)!;
      // standard error of α̂ on 364 points is ≈ 0.03–0.05 here
      expect(Math.abs(p.alpha! - trueAlpha)).toBeLessThan(0.12);
      expect(p.start).toBe(n - FIT_WINDOW);
    }
  });
  it("fits on the last FIT_WINDOW periods of the prefix only", () => {
    expect(fitStart(100)).toBe(0);
    expect(fitStart(1095)).toBe(1095 - FIT_WINDOW);
    const y = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? 1000 * Math.sin(i) : 10 + (i % 3)));
    const a = ses.fit(y, 900, 1)!;
    const b = ses.fit(y.slice(900 - FIT_WINDOW, 900), FIT_WINDOW, 1)!;
    expect(a.alpha).toBeCloseTo(b.alpha!, 12);
    expect(a.l0).toBeCloseTo(b.l0!, 9);
  });
  it("is not applicable to fewer than 3 periods", () => {
    expect(ses.fit(Float64Array.of(1, 2), 2, 1)).toBeNull();
    expect(ses.minHistory(7)).toBe(3);
  });
});

describe("SES forecastAt", () => {
  it("one pass over many origins equals separate runs, and forecasts are clamped at 0", () => {
    const p = ses.fit(nile, 60, 1)!;
    const origins = Int32Array.of(60, 61, 75, 100);
    const all = new Float64Array(origins.length * 3);
    ses.forecastAt(nile, p, 1, origins, 3, all);
    origins.forEach((o, i) => {
      const one = new Float64Array(3);
      ses.forecastAt(nile, p, 1, Int32Array.of(o), 3, one);
      expect(Array.from(all.subarray(i * 3, i * 3 + 3))).toEqual(Array.from(one));
      // flat forecast = the level after y[0..o)
      let l = p.l0!;
      for (let t = 0; t < o; t++) l += p.alpha! * (nile[t]! - l);
      expect(one[2]).toBeCloseTo(l, 9);
    });
    const neg = new Float64Array(2);
    ses.forecastAt(Float64Array.of(-5, -6), { alpha: 0.5, l0: -4, start: 0 }, 1, Int32Array.of(2), 2, neg);
    expect(Array.from(neg)).toEqual([0, 0]);
  });
});
