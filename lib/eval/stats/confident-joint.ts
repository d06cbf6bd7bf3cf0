import { StatsError } from "./errors";

/*
 * The confident joint of Northcutt, Jiang & Chuang, "Confident Learning:
 * Estimating Uncertainty in Dataset Labels", JAIR 70 (2021), §3.1.
 *
 * From out-of-fold predicted probabilities p̂(x) and the given (noisy)
 * labels ỹ:
 *  - per-class threshold t_j = mean of p̂_j(x) over rows given label j
 *    (the expected self-confidence of class j), eq. (2);
 *  - a row with given label i counts in C[i][j] where j is the most
 *    probable among the classes whose probability reaches their threshold,
 *    j = argmax_{l : p̂_l(x) ≥ t_l} p̂_l(x); a row that reaches no threshold
 *    is not counted, eq. (1).
 * Per-class thresholds make the count robust to a model that is more
 * confident about some classes than others (the paper's motivation).
 */

export interface ConfidentJoint {
  classes: number;
  /** t_j; +∞ for a class no row is given (nothing can be confidently counted as it). */
  thresholds: Float64Array;
  /** classes × classes counts, row-major: row = given label, column = confident label. */
  joint: Int32Array;
  /** Per row, the column it was counted under, or −1 when no class reached its threshold. */
  confidentLabel: Int32Array;
}

/** Checks the shapes and values shared by the confident-learning functions; returns the row count. */
export function checkProbabilities(probs: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  if (!Number.isInteger(classes) || classes < 2) throw new StatsError("invalid_option", `classes must be a whole number ≥ 2: ${classes}`);
  const n = labels.length;
  if (probs.length !== n * classes) {
    throw new StatsError("length_mismatch", `probabilities must be rows × classes = ${n} × ${classes}, row-major: ${probs.length} values`);
  }
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new StatsError("invalid_counts", `a label must be a class index 0…${classes - 1}: ${y} at row ${i}`);
  }
  for (let k = 0; k < probs.length; k++) {
    const p = probs[k];
    if (!(p >= 0 && p <= 1)) throw new StatsError("invalid_counts", `a probability must be in [0, 1]: ${p} at row ${Math.floor(k / classes)}`);
  }
  return n;
}

/** `probs` is row-major, rows × classes (as a model's output tensor's data); `labels` are class indices. */
export function confidentJoint(probs: ArrayLike<number>, labels: ArrayLike<number>, classes: number): ConfidentJoint {
  const n = checkProbabilities(probs, labels, classes);
  const sums = new Float64Array(classes);
  const counts = new Int32Array(classes);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    sums[y] += probs[i * classes + y];
    counts[y]++;
  }
  const thresholds = sums.map((s, j) => (counts[j] === 0 ? Infinity : s / counts[j]));

  const joint = new Int32Array(classes * classes);
  const confidentLabel = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestP = -Infinity;
    for (let j = 0; j < classes; j++) {
      const p = probs[i * classes + j];
      if (p >= thresholds[j] && p > bestP) {
        best = j;
        bestP = p;
      }
    }
    if (best >= 0) {
      confidentLabel[i] = best;
      joint[labels[i] * classes + best]++;
    }
  }
  return { classes, thresholds, joint, confidentLabel };
}
