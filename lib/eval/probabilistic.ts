import type { Probabilities } from "./input";

/**
 * Per-row losses of the two proper scoring rules; a metric is their
 * (weighted) mean. Kept per row so the bootstrap can resample them and the
 * drill-down can sort rows by loss.
 */

/** Probabilities are clipped to [ε, 1 − ε] before the log, as scikit-learn's log_loss did with eps=1e-15. */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Cross-entropy of the true class, −ln p(y), natural log (nats). Rows are
 * taken to sum to 1: unlike scikit-learn before 1.5 they are not
 * renormalised after clipping, so the loss reads only p(y).
 */
export function logLossPerRow(y: Int32Array, p: Probabilities, classes: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i * classes + y[i]], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    out[i] = -Math.log(q);
  }
  return out;
}

/**
 * Brier score per row. Binary: (p1 − y)², in [0, 1], scikit-learn's
 * brier_score_loss for a positive-class probability. Multiclass: Brier's
 * (1950) original sum over classes Σ_c (p_c − [y = c])², in [0, 2] — for
 * two classes exactly twice the binary form, so the two are not compared
 * across tasks.
 */
export function brierPerRow(task: "binary" | "multiclass", y: Int32Array, p: Probabilities, classes: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    if (task === "binary") {
      const d = p[i * classes + 1] - y[i];
      out[i] = d * d;
    } else {
      let s = 0;
      for (let c = 0, at = i * classes; c < classes; c++, at++) {
        const d = p[at] - (c === y[i] ? 1 : 0);
        s += d * d;
      }
      out[i] = s;
    }
  }
  return out;
}

/** Σ w·v / Σ w; NaN when the weights sum to 0. */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number> | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    sum += w * values[i];
    total += w;
  }
  return total > 0 ? sum / total : NaN;
}
