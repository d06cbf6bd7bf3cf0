import type { Probabilities } from "./input";

/**
 * Everything that depends on the predictions only through the confusion
 * matrix: accuracy and per-class precision, recall and F1 with their
 * macro, micro and support-weighted averages. Definitions follow
 * scikit-learn's precision_recall_fscore_support with zero_division=0:
 * precision with no predictions of a class is 0, recall with no support is
 * 0, F1 is 0 when precision + recall is 0, and the averages run over the
 * classes that occur in the labels or the predictions (labels=None).
 */

/**
 * The predicted class per row: the arg max of its probabilities, ties to
 * the lower class as numpy's argmax. For a binary task that is class 1
 * exactly when p1 > p0, i.e. p1 > 0.5 — the same rule as the training loop's
 * `logit > 0`.
 */
export function predictedClasses(p: Probabilities, rows: number, classes: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0, at = 0; i < rows; i++, at += classes) {
    let best = 0;
    let max = p[at];
    for (let c = 1; c < classes; c++) {
      if (p[at + c] > max) {
        max = p[at + c];
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Weighted counts, row-major [true class, predicted class]. */
export function confusionMatrix(
  y: Int32Array,
  predicted: Int32Array,
  classes: number,
  weights: ArrayLike<number> | null,
): Float64Array {
  const m = new Float64Array(classes * classes);
  for (let i = 0; i < y.length; i++) m[y[i] * classes + predicted[i]] += weights ? weights[i] : 1;
  return m;
}

export interface Averages {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassScores {
  total: number;
  accuracy: number;
  /** Per class: weight of rows with that true label. */
  support: Float64Array;
  /** Per class: weight of rows predicted as that class. */
  predicted: Float64Array;
  truePositive: Float64Array;
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  /** Unweighted mean over the classes present (in labels or predictions). */
  macro: Averages;
  /** Pooled counts: for single-label data all three equal accuracy. */
  micro: Averages;
  /** Mean weighted by support. */
  weighted: Averages;
  /** How many classes the macro average ran over. */
  present: number;
}

export function scoresFromConfusion(m: ArrayLike<number>, classes: number): ClassScores {
  const support = new Float64Array(classes);
  const predicted = new Float64Array(classes);
  const tp = new Float64Array(classes);
  let total = 0;
  let hits = 0;
  for (let t = 0; t < classes; t++) {
    for (let q = 0; q < classes; q++) {
      const v = m[t * classes + q];
      support[t] += v;
      predicted[q] += v;
      total += v;
    }
    tp[t] = m[t * classes + t];
    hits += tp[t];
  }
  const precision = new Float64Array(classes);
  const recall = new Float64Array(classes);
  const f1 = new Float64Array(classes);
  const macro = { precision: 0, recall: 0, f1: 0 };
  const weighted = { precision: 0, recall: 0, f1: 0 };
  let present = 0;
  for (let c = 0; c < classes; c++) {
    precision[c] = predicted[c] > 0 ? tp[c] / predicted[c] : 0;
    recall[c] = support[c] > 0 ? tp[c] / support[c] : 0;
    const s = precision[c] + recall[c];
    f1[c] = s > 0 ? (2 * precision[c] * recall[c]) / s : 0;
    if (support[c] > 0 || predicted[c] > 0) {
      present++;
      macro.precision += precision[c];
      macro.recall += recall[c];
      macro.f1 += f1[c];
    }
    weighted.precision += support[c] * precision[c];
    weighted.recall += support[c] * recall[c];
    weighted.f1 += support[c] * f1[c];
  }
  const accuracy = total > 0 ? hits / total : NaN;
  const avg = (a: Averages, d: number): Averages =>
    d > 0 ? { precision: a.precision / d, recall: a.recall / d, f1: a.f1 / d } : { precision: NaN, recall: NaN, f1: NaN };
  return {
    total,
    accuracy,
    support,
    predicted,
    truePositive: tp,
    precision,
    recall,
    f1,
    macro: avg(macro, present),
    micro: { precision: accuracy, recall: accuracy, f1: accuracy },
    weighted: avg(weighted, total),
    present,
  };
}
