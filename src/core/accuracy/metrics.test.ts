import { describe, expect, it } from "vitest";
import { accuracy, ErrorAccumulator, naiveScale } from "./metrics.js";

describe("naiveScale", () => {
  it("is the mean absolute and squared one-step naive error (hand-computed)", () => {
    // 10, 12, 11, 13: differences 2, −1, 2 → MAE 5/3, MSE 9/3 = 3
    const s = naiveScale([10, 12, 11, 13]);
    expect(s.mae).toBeCloseTo(5 / 3, 14);
    expect(s.mse).toBeCloseTo(3, 14);
    const part = naiveScale([99, 10, 12, 11, 13, 99], 1, 5);
    expect(part).toEqual(s);
    expect(Number.isNaN(naiveScale([4]).mae)).toBe(true);
  });
});

describe("accuracy", () => {
  it("matches R's forecast::accuracy on a naive forecast", () => {
    /*
     * R 4.x, forecast 8.20:
     *   train <- c(10,12,11,13,15,14); test <- c(14,11,18,16)
     *   accuracy(naive(train, h=4), test)
     *   # Test set: ME 0.75, RMSE 2.69258240356725, MAE 2.25, MAPE 15.4987373737374 (%), MASE 1.40625
     *   # Training set RMSE 1.67332005306815 (the naive model's in-sample RMSE, the RMSSE scale)
     */
    const train = [10, 12, 11, 13, 15, 14];
    const s = accuracy([14, 11, 18, 16], [14, 14, 14, 14], naiveScale(train));
    expect(s.mae).toBeCloseTo(2.25, 14);
    expect(s.rmse).toBeCloseTo(2.69258240356725, 13);
    expect(s.mape).toBeCloseTo(0.154987373737374, 14);
    expect(s.mase).toBeCloseTo(1.40625, 14);
    expect(s.rmsse).toBeCloseTo(2.69258240356725 / 1.67332005306815, 12);
    // R's ME is mean(A − F); takt's bias is Σ(F − A) ÷ ΣA
    expect(s.bias).toBeCloseTo((-0.75 * 4) / 59, 14);
  });

  it("scores a hand-computed case with a zero actual", () => {
    // scale from 10, 12, 11, 13: MAE 5/3, MSE 3. Actual 10, 0, 20; forecast 12, 1, 15 → e = F − A: 2, 1, −5
    const s = accuracy([10, 0, 20], [12, 1, 15], naiveScale([10, 12, 11, 13]));
    expect(s.n).toBe(3);
    expect(s.mae).toBeCloseTo(8 / 3, 14);
    expect(s.rmse).toBeCloseTo(Math.sqrt(30 / 3), 14);
    expect(s.mape).toBeCloseTo((2 / 10 + 5 / 20) / 2, 14); // the zero actual is left out
    expect(s.wape).toBeCloseTo(8 / 30, 14);
    expect(s.mase).toBeCloseTo(8 / 3 / (5 / 3), 14);
    expect(s.rmsse).toBeCloseTo(Math.sqrt(10 / 3), 14);
    expect(s.bias).toBeCloseTo(-2 / 30, 14);
    expect([s.sumActual, s.sumAbsError, s.sumError]).toEqual([30, 8, -2]);
  });

  it("leaves undefined metrics NaN instead of dividing by zero", () => {
    const s = accuracy([0, 0], [1, 0], naiveScale([5, 5, 5]));
    expect(Number.isNaN(s.mape)).toBe(true);
    expect(Number.isNaN(s.wape)).toBe(true);
    expect(Number.isNaN(s.bias)).toBe(true);
    expect(Number.isNaN(s.mase)).toBe(true);
    expect(Number.isNaN(s.rmsse)).toBe(true);
    expect(s.mae).toBe(0.5);
    expect(() => accuracy([1, 2], [1], naiveScale([1, 2]))).toThrow(RangeError);
  });

  it("accumulates across origins and resets", () => {
    const acc = new ErrorAccumulator();
    acc.add(10, 12);
    acc.add(20, 15);
    expect(acc.scores({ mae: 1, mse: 1 }).mae).toBe(3.5);
    acc.reset();
    acc.add(4, 5);
    expect(acc.scores({ mae: 1, mse: 1 })).toMatchObject({ n: 1, mae: 1, mape: 0.25 });
  });
});
