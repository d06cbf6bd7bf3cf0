import { checkProbabilities, confidentJoint, type ConfidentJoint } from "./confident-joint";
import { StatsError } from "./errors";

/*
 * Label issue detection, confident-learning style (Northcutt, Jiang &
 * Chuang, JAIR 2021). The rule is the confident joint's off-diagonal (the
 * paper's C_{ỹ,y*} method, cleanlab's filter_by="confident_learning"): a
 * row is flagged when it was counted in C[ỹ][j] with j ≠ ỹ, i.e. some
 * other class reached its per-class threshold and was the likeliest such
 * class. The suggested label is that j. It needs no calibration of the
 * joint and no noise-rate estimate, and flags nothing on a row that
 * reaches no threshold (an ambiguous row is not evidence of a wrong label).
 *
 * Ranking, most suspicious first:
 *  - "self-confidence": p̂_ỹ(x), lowest first (the paper's default order);
 *  - "margin": the normalized margin p̂_ỹ(x) − max_{j≠ỹ} p̂_j(x), lowest first
 *    (Wei et al. 2018; cleanlab's "normalized_margin"), which also weighs
 *    how strongly another class is preferred.
 * Probabilities should be out-of-fold: in-sample ones have memorised the
 * noisy labels and flag almost nothing.
 */

export type LabelIssueRanking = "self-confidence" | "margin";

export interface LabelIssue {
  row: number;
  givenLabel: number;
  suggestedLabel: number;
  /** p̂ of the given label. */
  selfConfidence: number;
  /** p̂ of the given label minus the largest other p̂; negative when another class is likelier. */
  margin: number;
  /** The ranking score (selfConfidence or margin); lower is more suspicious. */
  score: number;
}

export interface LabelIssues {
  /** Sorted by score ascending, ties by row. */
  issues: LabelIssue[];
  joint: ConfidentJoint;
  rankBy: LabelIssueRanking;
}

export function findLabelIssues(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  options: { rankBy?: LabelIssueRanking } = {},
): LabelIssues {
  const rankBy = options.rankBy ?? "self-confidence";
  if (rankBy !== "self-confidence" && rankBy !== "margin") throw new StatsError("invalid_option", `rankBy must be "self-confidence" or "margin": ${String(rankBy)}`);
  checkProbabilities(probs, labels, classes);
  const joint = confidentJoint(probs, labels, classes);
  const issues: LabelIssue[] = [];
  for (let i = 0; i < labels.length; i++) {
    const given = labels[i];
    const suggested = joint.confidentLabel[i];
    if (suggested < 0 || suggested === given) continue;
    const selfConfidence = probs[i * classes + given];
    let other = -Infinity;
    for (let j = 0; j < classes; j++) if (j !== given) other = Math.max(other, probs[i * classes + j]);
    const margin = selfConfidence - other;
    issues.push({ row: i, givenLabel: given, suggestedLabel: suggested, selfConfidence, margin, score: rankBy === "margin" ? margin : selfConfidence });
  }
  issues.sort((a, b) => a.score - b.score || a.row - b.row);
  return { issues, joint, rankBy };
}
