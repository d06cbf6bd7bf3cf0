import { percentileInterval } from "@/lib/labels/agreement/percentile";
import { createRandom } from "@/lib/labels/agreement/random";
import { resolveBootstrap, type BootstrapOptions } from "../intervals";
import { StatsError } from "./errors";

/*
 * A seeded paired bootstrap for the difference of a metric between two
 * models scored on the same rows: each resample draws n row indices with
 * replacement and scores BOTH models on that same multiset, so the
 * interval reflects only how the models differ, not row-to-row difficulty
 * they share (which an unpaired interval would count twice). Percentile
 * interval (Efron & Tibshirani 1993, ch. 13) as in the labels' bootstrap;
 * the generator is the same seeded xoshiro128**.
 */

/** A metric over a multiset of rows: `rows` holds row indices, repeats allowed. Return NaN when undefined (e.g. AUC with one class). */
export type RowMetric = (rows: Int32Array) => number;

export interface PairedBootstrap {
  /** metricA − metricB on all rows. */
  difference: number;
  lower: number;
  upper: number;
  /** Resamples on which the difference was NaN, left out of the interval. */
  undefinedResamples: number;
  resamples: number;
  seed: number;
  level: number;
}

/** Percentile interval of metricA(rows) − metricB(rows) over resampled rows. */
export function pairedBootstrap(rowCount: number, metricA: RowMetric, metricB: RowMetric, options: BootstrapOptions = {}): PairedBootstrap {
  const { resamples, seed, level } = resolveBootstrap(options);
  if (!Number.isInteger(rowCount) || rowCount < 1) throw new StatsError("invalid_counts", `rows must be a whole number ≥ 1: ${rowCount}`);
  const all = Int32Array.from({ length: rowCount }, (_, i) => i);
  const difference = metricA(all) - metricB(all);
  const rng = createRandom(seed);
  const rows = new Int32Array(rowCount);
  const values = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < rowCount; i++) rows[i] = Math.floor(rng.float() * rowCount);
    values[r] = metricA(rows) - metricB(rows);
  }
  const ci = percentileInterval(values, level);
  return { difference, lower: ci.lower, upper: ci.upper, undefinedResamples: ci.undefinedResamples, resamples, seed, level };
}

/**
 * The common case of a per-row metric (1/0 correct, loss, absolute error):
 * the difference of means is the mean of per-row differences, so each
 * resample is one pass over the drawn rows.
 */
export function pairedMeanDifference(a: ArrayLike<number>, b: ArrayLike<number>, options: BootstrapOptions = {}): PairedBootstrap {
  if (a.length !== b.length) throw new StatsError("length_mismatch", `both models need the same rows: ${a.length} and ${b.length}`);
  const d = Float64Array.from({ length: a.length }, (_, i) => a[i] - b[i]);
  const mean = (rows: Int32Array) => {
    let s = 0;
    for (let i = 0; i < rows.length; i++) s += d[rows[i]];
    return s / rows.length;
  };
  return pairedBootstrap(a.length, mean, () => 0, options);
}
