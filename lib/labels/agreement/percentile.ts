export interface PercentileInterval {
  /** NaN when no resample gave a defined value. */
  lower: number;
  upper: number;
  /** Resamples on which the statistic was undefined (NaN), left out of the interval. */
  undefinedResamples: number;
}

/**
 * The bootstrap percentile interval (Efron & Tibshirani 1993, ch. 13): the
 * (1 − level)/2 and (1 + level)/2 quantiles of the resampled values, each by
 * linear interpolation between order statistics (Hyndman & Fan 1996, type
 * 7, R's default). Sorts `values` in place.
 */
export function percentileInterval(values: Float64Array, level: number): PercentileInterval {
  let defined = 0;
  for (let k = 0; k < values.length; k++) if (!Number.isNaN(values[k])) values[defined++] = values[k];
  const sorted = values.subarray(0, defined).sort();
  const tail = (1 - level) / 2;
  return {
    lower: quantile7(sorted, tail),
    upper: quantile7(sorted, 1 - tail),
    undefinedResamples: values.length - defined,
  };
}

/** Hyndman & Fan type 7 quantile of ascending `sorted`; NaN when empty. */
export function quantile7(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
