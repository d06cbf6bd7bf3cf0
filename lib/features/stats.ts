/**
 * The statistics a feature spec is fitted with. Inputs hold no NaN: callers
 * drop missing values (or impute them) first. All arithmetic is float64.
 */
import type { FittedScale, ScaleMethod } from "./spec";

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * Population standard deviation (ddof = 0), two-pass. Population, not
 * sample, because that is what scikit-learn's StandardScaler divides by
 * ("a biased estimator … equivalent to numpy.std(x, ddof=0)"), so a model
 * trained here sees the same inputs as the usual Python pipeline.
 */
export function populationStd(values: ArrayLike<number>): number {
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - m) ** 2;
  return Math.sqrt(ss / values.length);
}

/**
 * Median of a sorted copy: the middle value, or the mean of the two middle
 * values when the count is even. This is Hyndman–Fan type 7 at p = 0.5
 * (numpy.median / numpy.percentile's default "linear" method).
 */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const h = (sorted.length - 1) / 2;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.ceil(h)] - sorted[lo]);
}

/**
 * The most frequent value; among equally frequent values the smallest, as
 * scikit-learn's SimpleImputer(strategy="most_frequent") does ("If there is
 * more than one such value, only the smallest is returned"). Values compare
 * exactly (1 and 1.0000000001 are different values).
 */
export function mostFrequent(values: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  let best = NaN;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && v < best)) [best, bestCount] = [v, n];
  }
  return best;
}

/** The [min, max] of non-empty values. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  return [lo, hi];
}

/**
 * Fits a scaling on the imputed training values (impute-then-scale, as a
 * scikit-learn Pipeline([SimpleImputer, StandardScaler]) does), so the
 * transformed training column has mean 0 and population std 1 (standard) or
 * spans exactly [0, 1] (minmax).
 *
 * A constant column (all values equal) gets divisor 1 rather than 0: the
 * output is then 0 for every training row instead of NaN/±Infinity, and an
 * unseen value at apply time still maps to a finite number. scikit-learn does
 * the same (`_handle_zeros_in_scale`). Equality of min and max is tested
 * rather than std === 0, because the float mean of n equal values need not
 * equal them exactly and leaves a std like 1e-17.
 */
export function fitScale(method: ScaleMethod, imputed: ArrayLike<number>): FittedScale {
  if (method === "none") return { method: "none" };
  const [lo, hi] = extent(imputed);
  const constant = lo === hi;
  if (method === "minmax") return { method: "minmax", min: lo, range: constant ? 1 : hi - lo };
  return constant ? { method: "standard", mean: lo, std: 1 } : { method: "standard", mean: mean(imputed), std: populationStd(imputed) };
}
