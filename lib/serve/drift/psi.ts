import { DriftError } from "./errors";

/*
 * Population Stability Index (PSI): how far a live histogram has moved from
 * the training one over the same bins,
 *
 *   PSI = Σ_i (a_i − e_i) · ln(a_i / e_i)
 *
 * with e_i, a_i the expected (training) and actual (live) shares of bin i.
 * It is the symmetrised Kullback–Leibler divergence KL(a‖e) + KL(e‖a), so
 * psi(e, a) = psi(a, e), and it is 0 only when the shares agree.
 */

/**
 * Interpretation bands from Siddiqi (2006), "Credit Risk Scorecards:
 * Developing and Implementing Intelligent Credit Scoring", Wiley, ch. 8:
 * below 0.1 no significant change; 0.1 to 0.25 a minor change worth a look;
 * 0.25 and above a significant shift.
 */
export const PSI_MINOR = 0.1;
export const PSI_MAJOR = 0.25;

/** Default floor for a zero share (a share, not a count). */
export const PSI_EPSILON = 1e-4;

/**
 * PSI between two histograms of counts over the same bins (training first).
 * Each is normalised to shares. A zero share would make ln(a/e) infinite,
 * so shares are floored at `epsilon` (default 1e-4) before the sum: a bin
 * the live window left empty, or filled where training had nothing, then
 * adds a large but finite amount, (a − ε)·ln(a/ε). A bin empty in both
 * adds nothing. The floored shares are not renormalised (the usual practice;
 * the difference is of order ε).
 * An all-zero histogram has no shares: the result is NaN.
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, epsilon = PSI_EPSILON): number {
  if (expected.length !== actual.length) throw new DriftError("invalid_counts", `histograms differ in length: ${expected.length} and ${actual.length} bins`);
  if (!(epsilon > 0 && epsilon < 1)) throw new DriftError("invalid_option", `epsilon must be between 0 and 1: ${epsilon}`);
  const totalE = total(expected, "expected");
  const totalA = total(actual, "actual");
  if (totalE === 0 || totalA === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i] / totalE, epsilon);
    const a = Math.max(actual[i] / totalA, epsilon);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

function total(counts: ArrayLike<number>, which: string): number {
  let t = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0) || !Number.isFinite(c)) throw new DriftError("invalid_counts", `${which} count of bin ${i} is not a count: ${c}`);
    t += c;
  }
  return t;
}

/**
 * Live values counted into the training bins [edges_i, edges_i+1), the last
 * bin closed, exactly as lib/onnx/feature-stats.ts counted the training rows:
 * a value goes to the last bin whose lower edge it reaches, so where deciles
 * repeat (a discrete input) it lands in the last of the tied bins.
 * Values below the first edge go to the first bin and values above the last
 * edge to the last bin: training's extremes are its own min and max, so a
 * live value outside them is in the tail the outer bin stands for, and
 * keeping it there makes an outward shift raise the outer bins' shares
 * (and PSI) instead of vanishing. NaN (missing) values are not counted.
 * Returns edges.length − 1 counts; fewer than two edges give no bins.
 * The edges in the metadata are rounded to six significant digits, so a
 * training value within that rounding of an edge may fall on the other side.
 */
export function binCounts(values: ArrayLike<number>, edges: ArrayLike<number>): number[] {
  const bins = Math.max(edges.length - 1, 0);
  const counts = new Array<number>(bins).fill(0);
  if (bins === 0) return counts;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    // Largest b in [0, bins − 1] with edges[b] ≤ v (b = 0 when v is below them all).
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v >= edges[mid]) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]++;
  }
  return counts;
}
