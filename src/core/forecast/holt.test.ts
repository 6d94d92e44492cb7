import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { holt, holtDamped, holtProfile, holtSse, PHI_MAX, PHI_MIN } from "./holt.js";
import { nelderMead } from "./optimize.js";
import { FIT_WINDOW } from "./ses.js";

// Reference values from R 4.x with the forecast package 8.20, data `WWWusage` from base R's `datasets`
// (users connected to a server per minute, 100 values):
//   library(forecast)
//   f <- holt(WWWusage, alpha = 0.8, beta = 0.2, initial = "simple", h = 5); f$mean; fitted(f)
//   # holt(damped = TRUE) insists on optimised initial states, so call its engine with the simple ones:
//   z <- forecast:::HoltWintersZZ(WWWusage, alpha = 0.8, beta = 0.2, gamma = FALSE, phi = 0.9)
//   forecast(z, h = 5)$mean; fitted(z)
//   fit <- ets(WWWusage, model = "AAN", damped = FALSE); fit$par; sum(residuals(fit)^2)
//   fit <- ets(WWWusage, model = "AAN", damped = TRUE);  fit$par; sum(residuals(fit)^2)
// initial = "simple": ℓ0 = y1, b0 = y2 − y1, recursion from y1. R's holt() `beta` is β* (component
// form); ets() reports β = α·β*. Printed with formatC(x, digits = 15, format = "g").
const WWWusage = [
  88, 84, 85, 85, 84, 85, 83, 85, 88, 89, 91, 99, 104, 112, 126, 138, 146, 151, 150, 148, 147, 149, 143, 132,
  131, 139, 147, 150, 148, 145, 140, 134, 131, 131, 129, 126, 126, 132, 137, 140, 142, 150, 159, 167, 170,
  171, 172, 172, 174, 175, 172, 172, 174, 174, 169, 165, 156, 142, 131, 121, 112, 104, 102, 99, 99, 95, 88,
  84, 84, 87, 89, 88, 85, 86, 89, 91, 91, 94, 101, 110, 121, 135, 145, 149, 156, 165, 171, 175, 177, 182, 193,
  204, 208, 210, 215, 222, 228, 226, 222, 220,
];
const HOLT_MEAN = [223.291274505008, 225.17237402465, 227.053473544292, 228.934573063934, 230.815672583576];
const HOLT_FITTED = [
  84, 83.84, 80.6336, 81.490944, 82.22386176, 81.8546274304, 83.084040175616, 81.7164762965606,
  83.5683273132999, 87.0477651465197, 88.8560102897206, 91.1606976720054, 99.2759235209415, 105.654820927378,
  114.345829060285, 129.148698037221, 143.125480146653, 152.780759745075, 158.426894105547, 157.407817920754,
  154.098751816475, 151.501138304983, 152.181433473887, 146.048463151846, 133.774114983143, 130.075386952099,
  137.163579433555, 146.555045220477, 151.384531142585, 150.208903344193, 146.740353249444, 140.968186710583,
  133.898843529117, 129.621159928166, 128.986237619469, 127.261455138614, 124.314665820265, 123.994961425353,
  130.011826718314, 136.333307501976, 140.584274458392, 143.260983936333, 151.274568402108, 161.313354350925,
  170.630974844541, 174.793542968137, 175.819089717955, 176.213144713045, 175.617852557976, 176.839937717686,
  177.589964714798, 174.445575759853, 173.425405847288, 174.913306929208, 175.064758036919, 170.124686972554,
  165.116722844073, 155.456454363325, 140.171367969043, 126.84693181514, 115.246535493937, 105.207010550666,
  96.6059838739057, 94.1488211187286, 92.0335771886966, 92.7251560524988, 90.0274468568594, 83.563513520634,
  79.1405646900875, 79.0334845735642, 82.6867110184893, 86.027482544516, 86.2112396425988, 83.6541927193995,
  84.3181124996557, 87.5999984557621, 90.4003758940614, 91.0563912386715, 94.058571709406, 101.369636330048,
  111.412707441369, 123.755288473014, 139.222958523661, 151.240819170004, 156.485860232072, 163.057130807354,
  171.882243993234, 178.306107591493, 182.261903096505, 183.811157702067, 187.831223390849, 198.262240786069,
  210.066485739342, 215.296697011702, 217.095267744302, 221.119739051733, 227.665475064942, 233.828146257193,
  232.208177094493, 227.050874926834,
];
const DAMPED_MEAN = [221.403877641187, 221.804844746561, 222.165715141397, 222.49049849675, 222.782803516567];
const DAMPED_FITTED = [
  84.4, 84.5584, 81.5818304, 82.5317178624, 83.2555928044544, 82.8326375058264, 83.9619947507683,
  82.5097922306857, 84.2462023173972, 87.5596068139083, 89.1986676969649, 91.3371970917949, 99.1986002343023,
  105.28916634747, 113.648694986007, 128.000102464078, 141.463332858177, 150.662927768883, 155.994359032581,
  154.891280236748, 151.709079280467, 149.361449349511, 150.297911307649, 144.5117423272, 132.747601629427,
  129.518593538836, 136.82120712983, 146.175727179127, 150.876177899876, 149.637995180039, 146.216211370139,
  140.607858937446, 133.798195097574, 129.78565990454, 129.335415751177, 127.739238675308, 124.902337338383,
  124.637571533938, 130.559097665536, 136.667734492144, 140.673716594693, 143.13188085594, 150.872809111234,
  160.566666956271, 169.512627970173, 173.392072287356, 174.274548072082, 174.643894945186, 174.118144914623,
  175.437045448246, 176.296549363891, 173.328833011196, 172.496985473203, 174.123928170366, 174.389017945694,
  169.629594085417, 164.855868715434, 155.53288355658, 140.743380311312, 127.97875253743, 116.917878969747,
  107.345316838341, 99.1129046828993, 96.8377798459504, 94.7525946898067, 95.3286801511841, 92.4787511803668,
  85.9225237012175, 81.4317574458979, 81.1987058520593, 84.616246454307, 87.6533645569469, 87.5576921546659,
  84.8075480796102, 85.2996313762675, 88.3770889413819, 90.9585633802329, 91.4325105820539, 94.2529387080016,
  101.31195750008, 111.008702402636, 122.912167146906, 137.842465359967, 149.333206797686, 154.206901933793,
  160.525821025123, 169.145442551935, 175.432395295128, 179.347190242794, 180.966082718988, 185.089080835649,
  195.523266389463, 207.22020811791, 212.380331010618, 214.215958984927, 218.321997207679, 224.924956713255,
  231.122299120489, 229.650425750802, 224.791793176078,
];
const ETS_AAN = {
  alpha: 0.999899814906903,
  beta: 0.999899798519283,
  l0: 85.0834793158914,
  b0: 3.10584848033794,
  sse: 1322.04796840234,
};
const ETS_AADN = {
  alpha: 0.999899956335557,
  beta: 0.996643873986974,
  phi: 0.814958027904187,
  l0: 90.3517674497485,
  b0: -0.0172823378386636,
  sse: 1161.31678985225,
};

const www = Float64Array.from(WWWusage);
const n = www.length;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const allOrigins = Int32Array.from({ length: n }, (_, i) => i);

describe("Holt recursions match R's forecast package", () => {
  it("holt(WWWusage, alpha = 0.8, beta = 0.2, initial = 'simple'): fitted values and forecasts", () => {
    const params = { alpha: 0.8, beta: 0.2, l0: www[0]!, b0: www[1]! - www[0]!, start: 0 };
    const fitted = new Float64Array(n);
    holt.forecastAt(www, params, 1, allOrigins, 1, fitted);
    HOLT_FITTED.forEach((r, i) => {
      expect(rel(fitted[i]!, r)).toBeLessThan(1e-9);
    });
    const mean = new Float64Array(5);
    holt.forecastAt(www, params, 1, Int32Array.of(n), 5, mean);
    HOLT_MEAN.forEach((r, i) => {
      expect(rel(mean[i]!, r)).toBeLessThan(1e-9);
    });
  });
  it("damped trend, φ = 0.9: fitted values and forecasts", () => {
    const params = { alpha: 0.8, beta: 0.2, phi: 0.9, l0: www[0]!, b0: www[1]! - www[0]!, start: 0 };
    const fitted = new Float64Array(n);
    holtDamped.forecastAt(www, params, 1, allOrigins, 1, fitted);
    DAMPED_FITTED.forEach((r, i) => {
      expect(rel(fitted[i]!, r)).toBeLessThan(1e-9);
    });
    const mean = new Float64Array(5);
    holtDamped.forecastAt(www, params, 1, Int32Array.of(n), 5, mean);
    DAMPED_MEAN.forEach((r, i) => {
      expect(rel(mean[i]!, r)).toBeLessThan(1e-9);
    });
  });
  it("holtSse with ets()'s estimates (β* = β ÷ α) reproduces R's residual sums of squares", () => {
    const a = ETS_AAN;
    expect(rel(holtSse(www, 0, n, a.alpha, a.beta / a.alpha, 1, a.l0, a.b0), a.sse)).toBeLessThan(1e-9);
    const d = ETS_AADN;
    expect(rel(holtSse(www, 0, n, d.alpha, d.beta / d.alpha, d.phi, d.l0, d.b0), d.sse)).toBeLessThan(1e-9);
  });
  it("damps the slope geometrically: ℓ + (φ + … + φ^h)·b", () => {
    const out = new Float64Array(3);
    holtDamped.forecastAt(
      www,
      { alpha: 0.5, beta: 0.1, phi: 0.9, l0: 100, b0: 2, start: 0 },
      1,
      Int32Array.of(0),
      3,
      out,
    );
    expect(out[0]).toBeCloseTo(100 + 2 * 0.9, 12);
    expect(out[1]).toBeCloseTo(100 + 2 * (0.9 + 0.81), 12);
    expect(out[2]).toBeCloseTo(100 + 2 * (0.9 + 0.81 + 0.729), 12);
  });
});

describe("Holt fitting", () => {
  it("fitted SSE is no larger than that of R's ets() estimates (ours 1274.2 vs 1322.0, damped 1150.0 vs 1161.3)", () => {
    const p = holt.fit(www, n, 1)!;
    const sse = holtSse(www, 0, n, p.alpha!, p.beta!, 1, p.l0!, p.b0!);
    expect(sse).toBeLessThanOrEqual(ETS_AAN.sse);
    const d = holtDamped.fit(www, n, 1)!;
    expect(d.phi).toBeGreaterThanOrEqual(PHI_MIN);
    expect(d.phi).toBeLessThanOrEqual(PHI_MAX);
    const sseD = holtSse(www, 0, n, d.alpha!, d.beta!, d.phi!, d.l0!, d.b0!);
    expect(sseD).toBeLessThanOrEqual(ETS_AADN.sse);
  });
  it("the concentrated SSE equals a direct search over (ℓ0, b0)", () => {
    const out = new Float64Array(2);
    for (const [alpha, beta, phi] of [
      [0.3, 0.1, 1],
      [0.8, 0.5, 0.9],
      [0.05, 0.02, 0.85],
    ] as const) {
      const prof = holtProfile(www, 0, n, alpha, beta, phi, out);
      const direct = nelderMead(
        (x) => holtSse(www, 0, n, alpha, beta, phi, x[0]!, x[1]!),
        [90, 0],
        [0, -50],
        [200, 50],
        {
          maxEvals: 3000,
          tol: 1e-15,
          step: 0.05,
        },
      );
      expect(rel(prof, direct.fx)).toBeLessThan(1e-6);
      expect(prof).toBeLessThanOrEqual(direct.fx * (1 + 1e-9));
      expect(rel(holtSse(www, 0, n, alpha, beta, phi, out[0]!, out[1]!), prof)).toBeLessThan(1e-9);
    }
  });
  it("recovers the parameters of simulated ETS(A,A,N) series on average, at the least-squares optimum", () => {
    const alpha = 0.4;
    const betaStar = 0.1;
    const len = 1095;
    let sumA = 0;
    let sumB = 0;
    const seeds = [3, 4, 5, 6, 7, 8];
    const state = new Float64Array(2);
    for (const seed of seeds) {
      const rng = createRng(seed);
      const y = new Float64Array(len);
      let l = 5000; // high enough that the trend's random walk keeps it positive (no clamping)
      let b = 0.2;
      for (let t = 0; t < len; t++) {
        const e = rng.normal() * 2;
        y[t] = l + b + e;
        l = l + b + alpha * e;
        b = b + alpha * betaStar * e;
      }
      const p = holt.fit(y, len, 7)!;
      sumA += p.alpha!;
      sumB += p.beta!;
      // the 30-evaluation fit reaches the optimum of a long, careful search
      const careful = nelderMead(
        (x) => holtProfile(y, len - FIT_WINDOW, len, x[0]!, x[1]!, 1, state),
        [0.3, 0.1],
        [1e-4, 1e-4],
        [0.9999, 0.9999],
        {
          maxEvals: 2000,
          tol: 1e-14,
        },
      );
      expect(holtProfile(y, len - FIT_WINDOW, len, p.alpha!, p.beta!, 1, state)).toBeLessThan(
        careful.fx * (1 + 1e-4),
      );
      // the final forecast continues the simulated state's line
      const f = new Float64Array(1);
      holt.forecastAt(y, p, 7, Int32Array.of(len), 1, f);
      expect(Math.abs(f[0]! - (l + b))).toBeLessThan(4);
    }
    // single estimates on FIT_WINDOW points scatter by ≈ ±0.1 (seed 3 gives α̂ = 0.29, β̂* = 0.24)
    expect(Math.abs(sumA / seeds.length - alpha)).toBeLessThan(0.05);
    expect(Math.abs(sumB / seeds.length - betaStar)).toBeLessThan(0.05);
  });
  it("needs 5 (damped 6) periods", () => {
    expect(holt.fit(www, 4, 1)).toBeNull();
    expect(holt.fit(www, 5, 1)).not.toBeNull();
    expect(holtDamped.fit(www, 5, 1)).toBeNull();
  });
});

describe("Holt forecastAt", () => {
  it("one pass over many origins equals separate runs, and forecasts are clamped at 0", () => {
    const p = holtDamped.fit(www, 50, 1)!;
    const origins = Int32Array.of(50, 64, 99, 100);
    const all = new Float64Array(origins.length * 4);
    holtDamped.forecastAt(www, p, 1, origins, 4, all);
    origins.forEach((o, i) => {
      const one = new Float64Array(4);
      holtDamped.forecastAt(www, p, 1, Int32Array.of(o), 4, one);
      expect(Array.from(all.subarray(i * 4, i * 4 + 4))).toEqual(Array.from(one));
    });
    const down = new Float64Array(5);
    holt.forecastAt(www, { alpha: 0.5, beta: 0.1, l0: 3, b0: -2, start: 0 }, 1, Int32Array.of(0), 5, down);
    expect(Array.from(down)).toEqual([1, 0, 0, 0, 0]);
  });
});
