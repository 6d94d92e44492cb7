import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { hwAdditive, hwInitialState, hwMultiplicative, hwRefineState, hwSse } from "./holt-winters.js";
import type { Params } from "./method.js";
import { FIT_WINDOW } from "./ses.js";

// Reference values from R 4.x with the forecast package 8.20, data from base R's `datasets`:
// `USAccDeaths` (monthly US accidental deaths 1973–78, 72 values) and `AirPassengers` (monthly airline
// passengers 1949–60, 144 values), m = 12:
//   library(forecast)
//   f <- hw(USAccDeaths, seasonal = "additive", alpha = 0.3, beta = 0.1, gamma = 0.2, initial = "simple", h = 24)
//   f$mean; fitted(f)
//   f <- hw(AirPassengers, seasonal = "multiplicative", alpha = 0.3, beta = 0.05, gamma = 0.3, initial = "simple", h = 24)
//   f$mean; fitted(f)
//   fit <- ets(USAccDeaths, model = "AAA", damped = FALSE); fit$par; fit$initstate; sum(residuals(fit)^2)
//   fit <- ets(AirPassengers, model = "AAA", damped = FALSE); ... (same)
//   fit <- ets(AirPassengers, model = "AAM", damped = FALSE, restrict = FALSE); ... (same)
// initial = "simple" (forecast:::HoltWintersZZ): ℓ0 = mean of the first season, b0 = (mean of the
// second − mean of the first) ÷ m, s_j = y_j − ℓ0 (or y_j ÷ ℓ0), recursion from y1. ets() reports
// β = α·β*; its initstate lists [ℓ, b, s1 … sm] with s1 the most recent, so y1 uses sm.
// Printed with formatC(x, digits = 15, format = "g").
const USAccDeaths = [
  9007, 8106, 8928, 9137, 10017, 10826, 11317, 10744, 9713, 9938, 9161, 8927, 7750, 6981, 8038, 8422, 8714,
  9512, 10120, 9823, 8743, 9129, 8710, 8680, 8162, 7306, 8124, 7870, 9387, 9556, 10093, 9620, 8285, 8466,
  8160, 8034, 7717, 7461, 7767, 7925, 8623, 8945, 10078, 9179, 8037, 8488, 7874, 8647, 7792, 6957, 7726, 8106,
  8890, 9299, 10625, 9302, 8314, 8850, 8265, 8796, 7836, 6892, 7791, 8192, 9115, 9434, 10484, 9827, 9110,
  9070, 8633, 9240,
];
const AirPassengers = [
  112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158,
  133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218,
  230, 242, 209, 191, 172, 194, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235,
  227, 234, 264, 302, 293, 259, 229, 203, 229, 242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278,
  284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306, 315, 301, 356, 348, 355, 422, 465, 467, 404,
  347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337, 360, 342, 406, 396, 420, 472,
  548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
];
const HWA_MEAN = [
  8304.08919741372, 7557.96205622251, 8385.31012192259, 8674.34468444143, 9580.93704346128, 10142.2581767625,
  11085.1255734404, 10387.3828105905, 9443.57665515052, 9748.81662634919, 9218.21569570108, 9440.22911515366,
  8762.99088367341, 8016.8637424822, 8844.21180818228, 9133.24637070112, 10039.838729721, 10601.1598630222,
  11544.0272597001, 10846.2844968502, 9902.47834141021, 10207.7183126089, 9677.11738196077, 9899.13080141335,
];
const HWA_FITTED = [
  8929.22916666667, 7976.12270833333, 8765.54450625, 8956.61342960417, 9829.47327306396, 10639.1009652939,
  11136.147320896, 10572.8053501906, 9553.70181019116, 9791.80827788578, 9028.36855693544, 8807.83969556214,
  8916.39846840064, 7618.16478033556, 8178.68060402994, 8267.99183740761, 9119.17176162863, 9717.88898598045,
  10051.1306407729, 9404.14354516589, 8416.27058574484, 8666.31939503894, 7968.94321742263, 7920.32942465313,
  7975.2265267992, 7240.68331967818, 8184.20702150123, 8431.97889510817, 9010.42791758999, 9960.87836601937,
  10360.7587101768, 9744.06560512308, 8619.88795005342, 8723.7905977212, 7869.48296826808, 7679.44848971809,
  7476.09536088275, 6712.98898890566, 7836.18592346382, 7980.61005856968, 8913.57129942192, 9502.46571406614,
  9874.29323498693, 9432.22180776549, 8227.70155110234, 8395.17390907573, 7771.12563292008, 7547.38879155813,
  7576.95952975628, 6938.87458826478, 7689.12929487504, 7880.73012916548, 8872.03403617979, 9530.43780027631,
  10192.4160819721, 9774.59629151205, 8557.16071195782, 8804.42004615448, 8205.60939606856, 8204.27209310223,
  7925.42449321897, 7168.34390210454, 7836.89964494319, 8041.75886855544, 8967.25217136853, 9616.7619970521,
  10429.6598924357, 9709.49613167437, 8724.84593552321, 9247.06549864488, 8606.26164208828, 8722.65485778795,
];
const HWM_MEAN = [
  451.542534190645, 430.589532182571, 494.474328539999, 506.349970350193, 521.218550878152, 596.378079868249,
  676.791749089193, 666.785383465785, 556.120503332427, 491.480697347514, 424.423196883051, 472.487717350842,
  491.341537572935, 468.267830050915, 537.432786965751, 550.027230342948, 565.86082660972, 647.099556576354,
  733.951537419184, 722.710674137981, 602.443718666081, 532.140434312395, 459.297532052194, 511.0503089608,
];
const HWM_FITTED = [
  112.957894736842, 119.700519736842, 134.415072434211, 131.675580820806, 123.679094379134, 138.076568218127,
  151.389382948519, 151.35012902827, 139.007069671752, 121.54796896854, 106.142485243331, 120.327470745273,
  113.816978515593, 120.688141437067, 137.402067078923, 136.040219019466, 127.996746262776, 142.549141524057,
  159.345474297248, 163.667059344597, 153.275696962233, 136.417220323985, 119.212221524589, 134.405503997626,
  130.918018802056, 144.774621506423, 164.086404170393, 164.249319841365, 154.382065771606, 183.767412554541,
  202.908584482338, 202.076681875462, 186.228893013262, 161.211404747429, 141.657185540605, 168.071755436986,
  164.623228012882, 174.947787085798, 200.978978456741, 188.568437680245, 181.817605505021, 200.447182800937,
  230.046818857875, 230.661921706815, 217.037906593352, 187.463022293246, 166.764694802582, 195.461235400521,
  194.77361594409, 204.417603295732, 225.081903509186, 216.879876182614, 220.434298165815, 251.863001487475,
  271.700079791562, 274.201636959454, 247.080125338831, 216.685300126089, 190.688812923328, 214.740094342472,
  210.644059544577, 214.781029144166, 235.759771767453, 224.918079913, 219.469654987103, 245.980751053534,
  273.639924056676, 288.378715851952, 258.72651319319, 230.540900052465, 202.067044979298, 231.18360000098,
  232.985756428194, 236.120066744511, 279.167920144147, 264.727991415975, 263.908574924366, 293.185705809941,
  329.768509565166, 339.272549930532, 304.174806478153, 272.961980629155, 241.328930536388, 273.576295472332,
  282.446345811171, 279.523041972563, 328.419778662217, 318.497925038809, 315.414587589844, 354.579762194388,
  400.281099839983, 393.66730380031, 353.897233510287, 313.312411878296, 272.809003581664, 313.381583026215,
  318.40593763115, 311.886155480029, 360.282900950831, 353.312171008718, 352.452184190163, 401.212400840318,
  448.997812229353, 441.275035130403, 396.895282037988, 350.004529451336, 307.600721415654, 351.281300906415,
  355.976151375355, 342.282725718493, 393.275191481488, 376.615735788765, 370.149769636207, 422.174090994007,
  465.572837721352, 461.755507573339, 413.548635933652, 356.267594628451, 313.745232023519, 353.131420611723,
  356.42698319878, 344.927040262046, 402.29712333127, 396.129027993429, 405.650763930605, 478.107210366221,
  524.758640558741, 525.282987465436, 450.704422065849, 398.273131667742, 350.596181974548, 396.53129992617,
  416.401581901421, 400.693938282842, 468.656470930743, 444.619734648287, 465.867127270005, 538.134651784115,
  602.627649113775, 605.074068624673, 504.041898868914, 442.002240298574, 392.770713706753, 437.332122976849,
];
// hw() fits the M,A,M model, whose mean for h > m exceeds the point forecast (ℓ + h·b)·s (Hyndman et al.
// 2008 §6.4, class 3); FPP2's point forecast from R's final states, for all 24 steps:
//   s <- tail(f$model$states, 1); l <- s[1]; b <- s[2]; seas <- rev(s[3:14]); h <- 1:24
//   (l + h * b) * seas[(h - 1) %% 12 + 1]
const HWM_POINT = [
  451.542534190645, 430.589532182571, 494.474328539999, 506.349970350193, 521.218550878152, 596.378079868249,
  676.791749089192, 666.785383465785, 556.120503332427, 491.480697347514, 424.423196883051, 472.487717350843,
  491.137430771889, 468.073194451114, 537.20927408323, 549.798349418488, 565.625224771554, 646.829981037222,
  733.645613196277, 722.409273004537, 602.19234040526, 531.918274614657, 459.105683766713, 510.836734492794,
];
const ETS = {
  aaaUsa: {
    alpha: 0.537836338579467,
    beta: 0.00118122904167618,
    gamma: 0.00371516218674482,
    init: [
      9933.13049007313, -20.04685725899, 58.2216479183425, -260.492724695828, 230.879628798937,
      -47.9817252423583, 988.775439137595, 1698.95701486463, 751.926045929567, 333.91331096685,
      -514.481208506585, -741.245627458615, -1510.74152288545, -987.730278827084,
    ],
    sse: 5087816.25717694,
  },
  aaaAir: {
    alpha: 0.993480362872374,
    beta: 0.000191179159524254,
    gamma: 0.000580032514321104,
    init: [
      120.960762545579, 1.39339982901592, -29.181569592927, -54.3841662192089, -20.7168716370162,
      15.0726618966834, 65.1553960287441, 66.1846393963355, 33.5822290602453, -4.23202989396608,
      -8.0946070079278, -3.82047037350508, -34.3364218104466, -25.2287898470107,
    ],
    sse: 41689.2208725296,
  },
  aamAir: {
    alpha: 0.314610942059728,
    beta: 0.00705354953598918,
    gamma: 0.597720311360263,
    init: [
      120.379601479621, 1.77572737201835, 0.929759419987479, 0.794600725331044, 0.902445465634974,
      1.04510220208267, 1.13375241548739, 1.13877992952706, 1.05287912841346, 0.963846445621548,
      1.03491798578542, 1.0806974077887, 0.985418661814932, 0.937800212525319,
    ],
    sse: 16279.3850062935,
  },
};

const usa = Float64Array.from(USAccDeaths);
const air = Float64Array.from(AirPassengers);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const origins = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** R's "simple" initial state as Params, seasonal index of phase p = s_{p+1} of the first season. */
function simpleParams(
  y: Float64Array,
  m: number,
  mult: boolean,
  alpha: number,
  beta: number,
  gamma: number,
): Params {
  let l = 0;
  let l2 = 0;
  for (let j = 0; j < m; j++) {
    l += y[j]! / m;
    l2 += y[m + j]! / m;
  }
  const p: Record<string, number> = { alpha, beta, gamma, l0: l, b0: (l2 - l) / m, start: 0 };
  for (let j = 0; j < m; j++) p[`s${j}`] = mult ? y[j]! / l : y[j]! - l;
  return p;
}

/** ets() initstate [ℓ, b, s1 … sm] → our state vector [ℓ0, b0, s by phase]. */
function etsState(init: readonly number[], m: number): Float64Array {
  const s = new Float64Array(m + 2);
  s[0] = init[0]!;
  s[1] = init[1]!;
  for (let p = 0; p < m; p++) s[2 + p] = init[2 + (m - 1 - p)]!;
  return s;
}

function stateOf(p: Params, m: number): Float64Array {
  const s = new Float64Array(m + 2);
  s[0] = p.l0!;
  s[1] = p.b0!;
  for (let q = 0; q < m; q++) s[2 + q] = p[`s${q}`]!;
  return s;
}

describe("Holt–Winters recursions match R's forecast package", () => {
  it("additive, hw(USAccDeaths, alpha = 0.3, beta = 0.1, gamma = 0.2, initial = 'simple')", () => {
    const params = simpleParams(usa, 12, false, 0.3, 0.1, 0.2);
    const fitted = new Float64Array(usa.length);
    hwAdditive.forecastAt(usa, params, 12, origins(usa.length), 1, fitted);
    HWA_FITTED.forEach((r, i) => {
      expect(rel(fitted[i]!, r)).toBeLessThan(1e-9);
    });
    const mean = new Float64Array(24);
    hwAdditive.forecastAt(usa, params, 12, Int32Array.of(usa.length), 24, mean);
    HWA_MEAN.forEach((r, i) => {
      expect(rel(mean[i]!, r)).toBeLessThan(1e-9);
    });
  });
  it("multiplicative, hw(AirPassengers, alpha = 0.3, beta = 0.05, gamma = 0.3, initial = 'simple')", () => {
    const params = simpleParams(air, 12, true, 0.3, 0.05, 0.3);
    const fitted = new Float64Array(air.length);
    hwMultiplicative.forecastAt(air, params, 12, origins(air.length), 1, fitted);
    HWM_FITTED.forEach((r, i) => {
      expect(rel(fitted[i]!, r)).toBeLessThan(1e-9);
    });
    const mean = new Float64Array(24);
    hwMultiplicative.forecastAt(air, params, 12, Int32Array.of(air.length), 24, mean);
    HWM_POINT.forEach((r, i) => {
      expect(rel(mean[i]!, r)).toBeLessThan(1e-9);
    });
    // the first season's point forecasts are R's f$mean as well
    HWM_MEAN.slice(0, 12).forEach((r, i) => {
      expect(rel(mean[i]!, r)).toBeLessThan(1e-9);
    });
  });
  it("hwSse with ets()'s estimates and initial states (β* = β ÷ α) reproduces R's residual sums of squares", () => {
    const w = new Float64Array(12);
    for (const [y, e, mult] of [
      [usa, ETS.aaaUsa, false],
      [air, ETS.aaaAir, false],
      [air, ETS.aamAir, true],
    ] as const) {
      const sse = hwSse(
        y,
        0,
        y.length,
        12,
        mult,
        e.alpha,
        e.beta / e.alpha,
        e.gamma,
        etsState(e.init, 12),
        w,
      );
      expect(rel(sse, e.sse)).toBeLessThan(1e-9);
    }
  });
});

describe("Holt–Winters fitting", () => {
  it("fitted SSE ≤ that of R's ets() estimates (figures in docs/forecasting-ets.md)", () => {
    const w = new Float64Array(12);
    for (const [y, e, method] of [
      [usa, ETS.aaaUsa, hwAdditive],
      [air, ETS.aaaAir, hwAdditive],
      [air, ETS.aamAir, hwMultiplicative],
    ] as const) {
      const p = method.fit(y, y.length, 12)!;
      const mult = method === hwMultiplicative;
      expect(p.gamma).toBeLessThanOrEqual(1 - p.alpha! + 1e-12);
      const sse = hwSse(y, 0, y.length, 12, mult, p.alpha!, p.beta!, p.gamma!, stateOf(p, 12), w);
      expect(sse).toBeLessThanOrEqual(e.sse);
    }
  });
  it("the heuristic initial state is exact on a noiseless additive season on a line (odd and even m)", () => {
    for (const m of [7, 12]) {
      const season = Array.from({ length: m }, (_, j) => Math.sin(j) - Math.sin(j + m) * 0 + j * 0.3);
      const mean = season.reduce((a, b) => a + b, 0) / m;
      const s = season.map((v) => v - mean);
      // y_t = ℓ0 + b0·(t + 1) + s_{t mod m}, with the series starting at index 5
      const y = Float64Array.from({ length: 5 + 10 * m }, (_, t) => 20 + 0.5 * (t - 5 + 1) + s[t % m]!);
      const st = new Float64Array(m + 2);
      expect(hwInitialState(y, 5, y.length, m, false, st)).toBe(true);
      expect(st[0]).toBeCloseTo(20, 9);
      expect(st[1]).toBeCloseTo(0.5, 9);
      for (let p = 0; p < m; p++) expect(st[2 + p]).toBeCloseTo(s[p]!, 9);
      expect(hwSse(y, 5, y.length, m, false, 0.3, 0.2, 0.1, st, new Float64Array(m))).toBeLessThan(1e-16);
    }
  });
  it("refining the initial state solves the additive least-squares problem (a stationary point)", () => {
    const m = 12;
    const w = new Float64Array(m);
    const st = new Float64Array(m + 2);
    hwInitialState(usa, 0, usa.length, m, false, st);
    const [a, b, g] = [0.4, 0.05, 0.1];
    const before = hwSse(usa, 0, usa.length, m, false, a, b, g, st, w);
    const after = hwRefineState(usa, 0, usa.length, m, false, a, b, g, st, w);
    expect(after).toBeLessThan(before);
    expect(rel(after, hwSse(usa, 0, usa.length, m, false, a, b, g, st, w))).toBeLessThan(1e-12);
    // a second step changes nothing, and moving any coordinate (seasonal pairs keep the sum) costs SSE
    expect(rel(hwRefineState(usa, 0, usa.length, m, false, a, b, g, st.slice(), w), after)).toBeLessThan(
      1e-9,
    );
    for (let i = 0; i < m + 1; i++) {
      for (const d of [-1, 1]) {
        const t = st.slice();
        t[i === 0 ? 0 : i === 1 ? 1 : i] = t[i]! + d;
        if (i >= 2) t[i + 1] = t[i + 1]! - d;
        expect(hwSse(usa, 0, usa.length, m, false, a, b, g, t, w)).toBeGreaterThan(after);
      }
    }
  });
  it("hwSse with a bound: the full SSE when it is within the bound, else a partial sum above the bound", () => {
    const m = 12;
    const w = new Float64Array(m);
    for (const mult of [false, true]) {
      const st = new Float64Array(m + 2);
      hwInitialState(air, 0, air.length, m, mult, st);
      for (const [a, b, g] of [
        [0.3, 0.05, 0.2],
        [0.8, 0.3, 0.1],
        [0.05, 0.01, 0.5],
      ] as const) {
        const full = hwSse(air, 0, air.length, m, mult, a, b, g, st, w);
        expect(hwSse(air, 0, air.length, m, mult, a, b, g, st, w, full)).toBe(full);
        expect(hwSse(air, 0, air.length, m, mult, a, b, g, st, w, 2 * full)).toBe(full);
        for (const f of [0.1, 0.5, 0.999]) {
          const partial = hwSse(air, 0, air.length, m, mult, a, b, g, st, w, f * full);
          expect(partial).toBeGreaterThan(f * full);
          expect(partial).toBeLessThanOrEqual(full);
        }
      }
    }
  });
  it("recovers the weekly pattern of a simulated daily series, both models", () => {
    const rng = createRng(5);
    const pattern = [5, 0, -3, 8, 12, -10, -12];
    const y = Float64Array.from(
      { length: 1095 },
      (_, i) => 50 + 0.01 * i + pattern[i % 7]! + 2 * rng.normal(),
    );
    for (const method of [hwAdditive, hwMultiplicative]) {
      const p = method.fit(y, 1095, 7)!;
      expect(p.start).toBe(1095 - FIT_WINDOW);
      const out = new Float64Array(14);
      method.forecastAt(y, p, 7, Int32Array.of(1095), 14, out);
      for (let k = 0; k < 14; k++) {
        const truth = 50 + 0.01 * (1095 + k) + pattern[(1095 + k) % 7]!;
        expect(Math.abs(out[k]! - truth)).toBeLessThan(2.5);
      }
    }
  });
  it("fits weekly data with m = 52", () => {
    const rng = createRng(8);
    const y = Float64Array.from(
      { length: 156 },
      (_, i) => 100 + 30 * Math.sin((2 * Math.PI * i) / 52) + 3 * rng.normal(),
    );
    const p = hwAdditive.fit(y, 156, 52)!;
    expect(p.s51).toBeDefined();
    const out = new Float64Array(52);
    hwAdditive.forecastAt(y, p, 52, Int32Array.of(156), 52, out);
    for (let k = 0; k < 52; k++)
      expect(Math.abs(out[k]! - (100 + 30 * Math.sin((2 * Math.PI * (156 + k)) / 52)))).toBeLessThan(8);
  });
  it("multiplicative is not applicable to data with zeros; both need 2m + 3 periods", () => {
    const z = Float64Array.from({ length: 60 }, (_, i) => 1 + (i % 3) - (i === 40 ? 2 : 0));
    expect(hwMultiplicative.fit(z, 60, 7)).toBeNull();
    expect(hwMultiplicative.fit(z, 40, 7)).not.toBeNull();
    expect(hwAdditive.fit(z, 60, 7)).not.toBeNull();
    expect(hwAdditive.minHistory(7)).toBe(17);
    expect(hwAdditive.fit(z, 16, 7)).toBeNull();
    expect(hwAdditive.fit(z, 60, 1)).toBeNull();
  });
});

describe("Holt–Winters forecastAt", () => {
  it("one pass over many origins equals separate runs; forecasts are clamped at 0", () => {
    const p = hwMultiplicative.fit(air, 100, 12)!;
    const at = Int32Array.of(100, 101, 117, 144);
    const all = new Float64Array(at.length * 13);
    hwMultiplicative.forecastAt(air, p, 12, at, 13, all);
    at.forEach((o, i) => {
      const one = new Float64Array(13);
      hwMultiplicative.forecastAt(air, p, 12, Int32Array.of(o), 13, one);
      expect(Array.from(all.subarray(i * 13, i * 13 + 13))).toEqual(Array.from(one));
    });
    const low = new Float64Array(3);
    const params: Record<string, number> = {
      alpha: 0.5,
      beta: 0.1,
      gamma: 0.1,
      l0: 1,
      b0: -1,
      start: 0,
      s0: 0,
      s1: 0,
    };
    hwAdditive.forecastAt(air, params, 2, Int32Array.of(0), 3, low);
    expect(Array.from(low)).toEqual([0, 0, 0]);
  });
});
