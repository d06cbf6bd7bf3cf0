import type { LabelCounts } from "./label-counts";

export interface ConfusedPair {
  /** The smaller label index of the pair. */
  a: number;
  b: number;
  /** Pairs of ratings on the same item, one a and one b: Σ_i n_ia · n_ib. */
  count: number;
  /** count / all disagreeing rating pairs. */
  share: number;
}

/**
 * Unordered label pairs that annotators split on, most frequent first (ties
 * by label order). Every pair of ratings within an item counts once, so an
 * item rated (x, x, y) adds 2 to {x, y}. Items with one rating have no pairs.
 * Pairs that never occur are omitted.
 */
export function confusedPairs(t: LabelCounts, weight: ArrayLike<number> = t.items): ConfusedPair[] {
  const K = t.labelCount;
  const counts = new Float64Array(K * K);
  let total = 0;
  for (let p = 0; p < t.patternCount; p++) {
    const w = weight[p];
    if (w === 0) continue;
    const end = t.cellStart[p + 1];
    for (let x = t.cellStart[p]; x < end; x++) {
      for (let y = x + 1; y < end; y++) {
        // Cells are in ascending label order, so cellLabel[x] < cellLabel[y].
        const c = w * t.cellCount[x] * t.cellCount[y];
        counts[t.cellLabel[x] * K + t.cellLabel[y]] += c;
        total += c;
      }
    }
  }
  const out: ConfusedPair[] = [];
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      const count = counts[a * K + b];
      if (count > 0) out.push({ a, b, count, share: count / total });
    }
  }
  out.sort((x, y) => y.count - x.count || x.a - y.a || x.b - y.b);
  return out;
}
