import type { Probabilities } from "./input";
import { ascendingOrder } from "./sort-order";

/**
 * One class's ranking problem (the class against the rest), sorted once by
 * score, highest first. Scores and labels are stored in that order so the
 * walks below read memory sequentially — at 200,000 rows a walk through a
 * permutation is bound by cache misses, not arithmetic. Every weighted
 * evaluation (the estimate, and each resample on the row path) reuses it.
 */
export interface Ranking {
  /** Row indexes by descending score; rows with equal scores are adjacent. */
  order: Int32Array;
  /** score[j] is the score of row order[j]. */
  score: Float64Array;
  /** positive[j] is 1 when row order[j] belongs to the class. */
  positive: Uint8Array;
}

export function rankingFor(p: Probabilities, y: Int32Array, classes: number, column: number): Ranking {
  const rows = y.length;
  // Negated so the ascending sort puts the highest score first.
  const keys = new Float64Array(rows);
  for (let i = 0; i < rows; i++) keys[i] = -p[i * classes + column];
  const order = ascendingOrder(keys);
  const score = new Float64Array(rows);
  const positive = new Uint8Array(rows);
  for (let j = 0; j < rows; j++) {
    const i = order[j];
    score[j] = -keys[i];
    positive[j] = y[i] === column ? 1 : 0;
  }
  return { order, score, positive };
}

/**
 * ROC AUC and average precision from one walk over the ranking's tie
 * groups, highest score first; a tied group enters at one threshold.
 *
 * AUC is the Mann–Whitney statistic: the weighted share of (positive,
 * negative) pairs where the positive scores higher, ties counting ½
 * (Hanley & McNeil 1982; Fawcett 2006 §7), equal to the trapezoidal area
 * under the ROC curve, scikit-learn's roc_auc_score, for any ties and
 * weights. AP is scikit-learn's step definition (since 0.19):
 * AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct scores as thresholds, with no
 * interpolation — not the trapezoidal area under the PR curve, which is
 * optimistic. `positives` and `negatives` are the class totals.
 */
export function rankingSums(r: Ranking, weights: ArrayLike<number> | null): { positives: number; negatives: number; auc: number; ap: number } {
  const { order, score, positive } = r;
  const rows = order.length;
  let tp = 0;
  let fp = 0;
  let pairs = 0;
  let apSum = 0;
  let j = 0;
  while (j < rows) {
    const s = score[j];
    let gp = 0;
    let gn = 0;
    for (; j < rows && score[j] === s; j++) {
      const w = weights ? weights[order[j]] : 1;
      if (positive[j]) gp += w;
      else gn += w;
    }
    pairs += gn * (tp + 0.5 * gp);
    tp += gp;
    fp += gn;
    if (gp > 0) apSum += (gp * tp) / (tp + fp);
  }
  return { positives: tp, negatives: fp, auc: tp > 0 && fp > 0 ? pairs / (tp * fp) : NaN, ap: tp > 0 ? apSum / tp : NaN };
}

/** ROC AUC (rankingSums); NaN when either class has no weight. */
export function rocAuc(r: Ranking, weights: ArrayLike<number> | null): number {
  return rankingSums(r, weights).auc;
}

/** Average precision (rankingSums); NaN when no row is positive (recall is undefined). */
export function averagePrecision(r: Ranking, weights: ArrayLike<number> | null): number {
  return rankingSums(r, weights).ap;
}
