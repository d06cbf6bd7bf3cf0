import type { LabelCounts } from "./label-counts";

export interface PercentAgreement {
  /**
   * Mean over items of the share of rating pairs on the item that agree,
   * Σ_j n_ij(n_ij − 1) / (n_i(n_i − 1)). With two ratings per item this is
   * the plain share of items on which the two agree. NaN without items.
   */
  pairwise: number;
  /** Share of items on which every rating agrees. NaN without items. */
  allAgree: number;
  /** Items used: those with at least two ratings (weighted, under resampling). */
  items: number;
}

/**
 * Raw (chance-uncorrected) agreement. Items rated by fewer than two
 * annotators have no pair to compare and are left out of both means, as
 * in Fleiss's (1971) P̄, of which `pairwise` is the variable-raters form.
 * `weight` defaults to the observed item count of each pattern.
 */
export function percentAgreement(t: LabelCounts, weight: ArrayLike<number> = t.items): PercentAgreement {
  let items = 0;
  let pairwise = 0;
  let allAgree = 0;
  for (let p = 0; p < t.patternCount; p++) {
    const w = weight[p];
    if (w === 0) continue;
    items += w;
    pairwise += w * t.pairAgreement[p];
    if (t.cellStart[p + 1] - t.cellStart[p] === 1) allAgree += w;
  }
  return { pairwise: pairwise / items, allAgree: allAgree / items, items };
}
