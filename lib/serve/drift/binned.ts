import { DriftError } from "./errors";
import { ksPValue, type KsResult } from "./ks";
import { binCounts } from "./psi";
import { wasserstein } from "./wasserstein";

/*
 * KS and Wasserstein-1 from what the metadata knows exactly: the training
 * rows in each decile bin. Both sides are binned on the training deciles
 * the same way (psi.ts binCounts), so nothing about the training
 * distribution inside a bin is guessed.
 *
 * Why not the piecewise-linear CDF of ksAgainstQuantiles /
 * wassersteinAgainstQuantiles: its outer bins ramp from the 10th and 90th
 * percentiles out to training's single most extreme rows, and a discrete
 * input's CDF is a staircase, not a ramp. On seeded normal data (20,000
 * training rows, 20 windows of 999 drawn from the same distribution;
 * test/serve/drift/binned.test.ts) the linear CDF gave KS p < 0.01 in 16
 * windows and normalised W1 ≥ 0.1 in all 20; the binned forms in none.
 */

/** Checked bin counts of `quantiles`: quantiles.length − 1 of them. */
function checkBins(quantiles: ArrayLike<number>, counts: ArrayLike<number>): void {
  if (counts.length !== Math.max(quantiles.length - 1, 0)) {
    throw new DriftError("invalid_counts", `bin counts: ${counts.length} for ${quantiles.length} quantiles, expected one fewer`);
  }
}

function sum(counts: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < counts.length; i++) t += counts[i];
  return t;
}

function cumulativeShares(counts: ArrayLike<number>): number[] {
  const total = sum(counts);
  let run = 0;
  return Array.from({ length: counts.length }, (_, i) => (run += counts[i]) / total);
}

/**
 * KS on the decile bins: D = max over the inner knots x = q_1 … q_k−1 of
 * |F_live(x−) − F_train(x−)|, both exact (the share of values below each
 * knot). It is the two-sample D of the binned samples, never more than the
 * raw samples' D, so its p-value (Ne = n·N/(n + N), N = Σ counts) errs on
 * the side of no alarm. A discrete input with one value per bin loses
 * nothing by the binning. NaN when a side is empty.
 */
export function ksAgainstBins(live: ArrayLike<number>, quantiles: ArrayLike<number>, counts: ArrayLike<number>): KsResult {
  checkBins(quantiles, counts);
  const liveCounts = binCounts(live, quantiles);
  const n = sum(liveCounts);
  const trainingN = sum(counts);
  if (n === 0 || trainingN === 0) return { d: NaN, pValue: NaN, effectiveN: 0 };
  const a = cumulativeShares(liveCounts);
  const b = cumulativeShares(counts);
  let d = 0;
  for (let i = 0; i < a.length - 1; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  const effectiveN = (n * trainingN) / (n + trainingN);
  return { d, pValue: ksPValue(d, effectiveN), effectiveN };
}

/**
 * The point each decile bin stands for: the inner bins' midpoints, and for
 * the two outer bins their inner edges q_1 and q_k−1. The outer bins end at
 * training's single most extreme rows, so their midpoints would move with
 * outliers; pinning them to the inner edges is winsorising both sides at
 * the 10th and 90th percentiles. (Mass moving into the tails still raises
 * PSI's outer bins.)
 */
export function binRepresentatives(quantiles: ArrayLike<number>): number[] {
  const k = quantiles.length - 1;
  if (k < 1) return [];
  if (k === 1) return [quantiles[0]];
  return Array.from({ length: k }, (_, i) => (i === 0 ? quantiles[1] : i === k - 1 ? quantiles[k - 1] : (quantiles[i] + quantiles[i + 1]) / 2));
}

/**
 * W1 between live and training binned on the training deciles, each bin's
 * rows placed at binRepresentatives: Σ_i |C_live(i) − C_train(i)|·(r_i+1 − r_i)
 * over cumulative bin shares C. In the input's units; divide by the training
 * std (normalisedWasserstein) for a unitless value. NaN when a side is empty.
 */
export function wassersteinAgainstBins(live: ArrayLike<number>, quantiles: ArrayLike<number>, counts: ArrayLike<number>): number {
  checkBins(quantiles, counts);
  const liveCounts = binCounts(live, quantiles);
  const r = binRepresentatives(quantiles);
  if (r.length === 0 || sum(liveCounts) === 0 || sum(counts) === 0) return NaN;
  return wasserstein(r, r, counts, liveCounts);
}
