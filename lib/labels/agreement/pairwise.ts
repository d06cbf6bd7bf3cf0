import { kappaFromMargins } from "./cohen";
import type { PairTables } from "./pair-tables";

export interface PairwiseAgreement {
  annotatorCount: number;
  /** A×A, row-major, symmetric: items both annotators rated (diagonal 0). */
  shared: Int32Array;
  /** A×A share of shared items the two agree on; NaN on the diagonal and for pairs with no shared item. */
  percentAgreement: Float64Array;
  /** A×A Cohen's kappa; NaN on the diagonal, with fewer than two shared items, or when undefined (p_e = 1). */
  cohenKappa: Float64Array;
}

/**
 * Cohen's kappa of one pair from its sparse cells. `counts` replaces the
 * stored cell counts (a bootstrap resample); rows and cols are scratch of
 * length K, overwritten.
 */
export function pairKappa(
  t: PairTables,
  p: number,
  counts: ArrayLike<number>,
  countOffset: number,
  rows: Float64Array,
  cols: Float64Array,
): number {
  const K = t.labelCount;
  rows.fill(0);
  cols.fill(0);
  let n = 0;
  let agree = 0;
  for (let c = t.cellStart[p]; c < t.cellStart[p + 1]; c++) {
    const w = counts[c - countOffset];
    if (w === 0) continue;
    const code = t.cellCode[c];
    const a = (code / K) | 0;
    const b = code - a * K;
    rows[a] += w;
    cols[b] += w;
    n += w;
    if (a === b) agree += w;
  }
  return kappaFromMargins(n, agree, rows, cols).kappa;
}

/** Raw agreement and Cohen's kappa for every pair of annotators (Cohen 1960), over the items each pair shares. */
export function pairwiseAgreement(t: PairTables): PairwiseAgreement {
  const A = t.annotatorCount;
  const K = t.labelCount;
  const shared = new Int32Array(A * A);
  const percentAgreement = new Float64Array(A * A).fill(NaN);
  const cohenKappa = new Float64Array(A * A).fill(NaN);
  const rows = new Float64Array(K);
  const cols = new Float64Array(K);
  for (let p = 0; p < t.pairCount; p++) {
    const a = t.pairA[p];
    const b = t.pairB[p];
    const n = t.shared[p];
    let agree = 0;
    for (let c = t.cellStart[p]; c < t.cellStart[p + 1]; c++) {
      const code = t.cellCode[c];
      if (((code / K) | 0) === code % K) agree += t.cellCount[c];
    }
    shared[a * A + b] = shared[b * A + a] = n;
    percentAgreement[a * A + b] = percentAgreement[b * A + a] = agree / n;
    cohenKappa[a * A + b] = cohenKappa[b * A + a] = pairKappa(t, p, t.cellCount, 0, rows, cols);
  }
  return { annotatorCount: A, shared, percentAgreement, cohenKappa };
}
