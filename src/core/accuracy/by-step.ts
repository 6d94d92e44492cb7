import { type AccuracyScores, ErrorAccumulator, type NaiveScale } from "./metrics.js";

/**
 * Accuracy per horizon step from a rolling-origin backtest: `actual[i·horizon + k]` and
 * `forecast[i·horizon + k]` are the actual and the (k+1)-step-ahead forecast made at origin i, for
 * `origins` origins. Returns one AccuracyScores per step k = 0 … horizon−1, each over the origins
 * (Tashman 2000, "Out-of-sample tests of forecasting accuracy", IJF 16(4):437–450, §3: error by lead
 * time). MASE and RMSSE use the one scale given, so steps compare directly.
 */
export function accuracyByStep(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  origins: number,
  horizon: number,
  scale: NaiveScale,
): AccuracyScores[] {
  if (actual.length < origins * horizon || forecast.length < origins * horizon) {
    throw new RangeError(`accuracyByStep: need ${origins * horizon} values per array`);
  }
  const acc = new ErrorAccumulator();
  const out: AccuracyScores[] = [];
  for (let k = 0; k < horizon; k++) {
    acc.reset();
    for (let i = 0; i < origins; i++) acc.add(actual[i * horizon + k]!, forecast[i * horizon + k]!);
    out.push(acc.scores(scale));
  }
  return out;
}
