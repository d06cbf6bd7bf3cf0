import type { LabelCounts } from "./label-counts";

export interface FleissKappa {
  /** (P̄ − P̄e) / (1 − P̄e); NaN when undefined (no items, or every rating in one category). */
  kappa: number;
  /** P̄: mean per-item share of agreeing rating pairs. */
  observed: number;
  /** P̄e = Σ_j p_j²: agreement expected by chance. */
  expected: number;
  /** Items used: those with at least two ratings. */
  items: number;
}

/**
 * Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many
 * raters", Psychological Bulletin 76(5)), generalised to a varying number of
 * ratings per item in the direct way:
 *
 *   P_i  = Σ_j n_ij(n_ij − 1) / (n_i(n_i − 1))    (each item with its own n_i)
 *   P̄    = mean of P_i over the items used
 *   p_j  = Σ_i n_ij / Σ_i n_i                     (share of all ratings of those items)
 *   P̄e   = Σ_j p_j²,   κ = (P̄ − P̄e) / (1 − P̄e)
 *
 * With the same n on every item these are Fleiss's equations exactly.
 * Items rated by fewer than two annotators have no P_i and are left out
 * entirely, from p_j too, so both terms describe the same items. (Gwet's
 * handbook instead averages per-item shares n_ij/n_i over all rated items
 * for p_j; the two agree when every item has the same number of ratings.)
 */
export function fleissKappa(t: LabelCounts, weight: ArrayLike<number> = t.items): FleissKappa {
  const share = new Float64Array(t.labelCount);
  let items = 0;
  let sumP = 0;
  let ratings = 0;
  for (let p = 0; p < t.patternCount; p++) {
    const w = weight[p];
    if (w === 0) continue;
    for (let c = t.cellStart[p]; c < t.cellStart[p + 1]; c++) share[t.cellLabel[c]] += w * t.cellCount[c];
    items += w;
    ratings += w * t.raters[p];
    sumP += w * t.pairAgreement[p];
  }
  let expected = 0;
  for (let j = 0; j < t.labelCount; j++) {
    const pj = share[j] / ratings;
    expected += pj * pj;
  }
  const observed = sumP / items;
  // 1 − P̄e is 0 only when all ratings share one category; then κ is 0/0.
  const kappa = expected < 1 ? (observed - expected) / (1 - expected) : NaN;
  return { kappa: items > 0 ? kappa : NaN, observed, expected, items };
}
