import type { LabelCounts } from "./label-counts";

export interface LabelAgreement {
  label: number;
  /** Ratings with this label, on the items used (those with at least two ratings). */
  ratings: number;
  /** p_j: this label's share of those ratings. */
  share: number;
  /**
   * Category-specific kappa (Fleiss 1971, eq. for κ_j):
   * κ_j = 1 − Σ_i n_ij(n_i − n_ij)/(n_i(n_i − 1)) / (N p_j q_j),
   * which is Fleiss' kappa of the "j versus any other label" split. NaN when
   * the label is used on no rating or on every rating (p_j q_j = 0).
   */
  kappa: number;
  /**
   * Specific (positive) agreement: given a rating of j, the chance that
   * another rating of the same item is also j,
   * Σ_i n_ij(n_ij − 1) / Σ_i n_ij(n_i − 1). For two raters this is
   * 2a / (2a + b + c) (Fleiss 1975; Cicchetti & Feinstein 1990); for many,
   * Uebersax's pooled form, which is Fleiss's (1971) P̄_j. NaN when unused.
   */
  specificAgreement: number;
}

/**
 * Agreement on each label. Both indexes are reported because they answer
 * different questions: κ_j corrects for how common the label is (a rare
 * label that raters agree on a little more than chance scores low), while
 * specific agreement says how often a use of the label is confirmed.
 * With varying ratings per item each item enters κ_j with its own n_i, as
 * in fleissKappa; items with fewer than two ratings are left out, and the
 * overall Fleiss κ stays the p_j q_j-weighted mean of the κ_j.
 */
export function perLabelAgreement(t: LabelCounts, weight: ArrayLike<number> = t.items): LabelAgreement[] {
  const K = t.labelCount;
  const used = new Float64Array(K);
  const disagree = new Float64Array(K);
  const agreeingPairs = new Float64Array(K);
  const pairs = new Float64Array(K);
  let items = 0;
  let ratings = 0;
  for (let p = 0; p < t.patternCount; p++) {
    const w = weight[p];
    if (w === 0) continue;
    const n = t.raters[p];
    items += w;
    ratings += w * n;
    for (let c = t.cellStart[p]; c < t.cellStart[p + 1]; c++) {
      const j = t.cellLabel[c];
      const m = t.cellCount[c];
      used[j] += w * m;
      disagree[j] += (w * m * (n - m)) / (n * (n - 1));
      agreeingPairs[j] += w * m * (m - 1);
      pairs[j] += w * m * (n - 1);
    }
  }
  const out: LabelAgreement[] = [];
  for (let j = 0; j < K; j++) {
    const pj = used[j] / ratings;
    const pq = pj * (1 - pj);
    out.push({
      label: j,
      ratings: used[j],
      share: pj,
      kappa: pq > 0 ? 1 - disagree[j] / (items * pq) : NaN,
      specificAgreement: pairs[j] > 0 ? agreeingPairs[j] / pairs[j] : NaN,
    });
  }
  return out;
}
