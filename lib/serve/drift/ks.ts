import { DriftError } from "./errors";
import { quantileCdf, quantileCdfBelow, sortedPresent } from "./quantile-cdf";

/*
 * Kolmogorov–Smirnov: D, the largest vertical gap between two CDFs, and its
 * asymptotic p-value, after Press et al., "Numerical Recipes in C", 2nd ed.
 * (1992), §14.3 (kstwo, probks):
 *
 *   Q_KS(λ) = 2 Σ_{k≥1} (−1)^(k−1) e^(−2k²λ²),   λ = (√Ne + 0.12 + 0.11/√Ne)·D
 *
 * with Ne = n·m/(n + m) for two samples (n for one sample against a known
 * CDF). The 0.12 + 0.11/√Ne term is Stephens' (1970) small-sample
 * correction, which NR adopts so the asymptotic p-value holds for small Ne
 * too. It assumes continuous data: with ties (discrete inputs) the test is
 * conservative (p too large).
 */

export interface KsResult {
  /** sup_x |F_live(x) − F_train(x)|, in [0, 1]; NaN when a sample is empty. */
  d: number;
  /** Asymptotic P(D ≥ d) when both samples come from one distribution; NaN when a sample is empty. */
  pValue: number;
  /** Ne, the effective sample size the p-value used. */
  effectiveN: number;
}

/** Below this λ, 1 − Q_KS(λ) < 1e-12 and the alternating series converges slowly: Q is 1. */
const LAMBDA_ONE = 0.2;

/** Q_KS(λ) = P(K > λ) for the Kolmogorov distribution K. */
export function kolmogorovSurvival(lambda: number): number {
  if (Number.isNaN(lambda)) return NaN;
  if (lambda < LAMBDA_ONE) return 1;
  const a = -2 * lambda * lambda;
  let sum = 0;
  let sign = 1;
  // Terms fall as e^(−2k²λ²); at λ = 0.2 a hundred of them reach e^(−800).
  for (let k = 1; k <= 100; k++) {
    const term = sign * 2 * Math.exp(a * k * k);
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum)) break;
    sign = -sign;
  }
  return Math.min(Math.max(sum, 0), 1);
}

/** The p-value for statistic `d` at effective sample size `ne`. */
export function ksPValue(d: number, ne: number): number {
  if (!(ne > 0)) return NaN;
  const rn = Math.sqrt(ne);
  return kolmogorovSurvival((rn + 0.12 + 0.11 / rn) * d);
}

/** Two-sample KS between raw samples; NaN values (missing) are dropped from both. */
export function ksTwoSample(x: ArrayLike<number>, y: ArrayLike<number>): KsResult {
  const a = sortedPresent(x);
  const b = sortedPresent(y);
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return { d: NaN, pValue: NaN, effectiveN: 0 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    // Step past every copy of the next value in both samples before comparing, so ties do not open a false gap.
    const v = Math.min(a[i], b[j]);
    while (i < n && a[i] <= v) i++;
    while (j < m && b[j] <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const effectiveN = (n * m) / (n + m);
  return { d, pValue: ksPValue(d, effectiveN), effectiveN };
}

/**
 * KS of a live sample against a training distribution known only by its
 * quantiles at 0, 1/k, …, 1 (the metadata's deciles), through the
 * piecewise-linear CDF of quantile-cdf.ts. That CDF approximates the
 * training one, within 1/k (0.1) everywhere, so D carries that error too:
 * even for a normal input, windows of 999 rows from the training
 * distribution show D of about 0.05, which reads as significant. The serving
 * monitor therefore judges with ksAgainstBins (binned.ts).
 * `trainingCount` (training rows with a value) makes the p-value the
 * two-sample one, Ne = n·N/(n + N), since the deciles are themselves
 * estimated; without it the training CDF is taken as exact (Ne = n).
 */
export function ksAgainstQuantiles(live: ArrayLike<number>, quantiles: ArrayLike<number>, trainingCount?: number): KsResult {
  if (trainingCount !== undefined && !(trainingCount > 0)) throw new DriftError("invalid_option", `training count must be positive: ${trainingCount}`);
  const a = sortedPresent(live);
  const n = a.length;
  if (n === 0 || quantiles.length < 2) return { d: NaN, pValue: NaN, effectiveN: 0 };
  // Between consecutive live values and knots, F_live is constant and G linear, so the
  // supremum is reached at one of them, from the right (F(x), G(x)) or the left (F(x−), G(x−)).
  let d = 0;
  const gap = (x: number, below: number, atOrBelow: number) => {
    d = Math.max(d, Math.abs(atOrBelow / n - quantileCdf(quantiles, x)), Math.abs(below / n - quantileCdfBelow(quantiles, x)));
  };
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && a[j] === a[i]) j++;
    gap(a[i], i, j);
    i = j;
  }
  for (let k = 0; k < quantiles.length; k++) gap(quantiles[k], countBelow(a, quantiles[k]), countAtOrBelow(a, quantiles[k]));
  const effectiveN = trainingCount === undefined ? n : (n * trainingCount) / (n + trainingCount);
  return { d, pValue: ksPValue(d, effectiveN), effectiveN };
}

/** Values of sorted `a` strictly below x. */
function countBelow(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Values of sorted `a` at or below x. */
function countAtOrBelow(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
