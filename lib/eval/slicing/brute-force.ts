import { SlicingError } from "./errors";
import { prepareSliceData } from "./prepare";
import { sliceScore } from "./score";
import { emptyStats } from "./sliceline";
import { isReportable, TopK } from "./top-k";
import type { LevelStats, Predicate, SliceData, SliceLineParams, SliceSearchResult } from "./types";

/**
 * The reference SliceLine is tested against: every conjunction of 1 … L
 * predicates on distinct features (one value each) is scored by scanning
 * all n rows, and the best K kept with the same ranking (compareSlices) and
 * the same reporting rule (≥ σ rows, score > 0). No lattice, no row lists,
 * no bounds — deliberately nothing shared with SliceLine but the score
 * formula and the ranking, which the answer is defined by.
 *
 * Work is Σ_l C(m, l)·(values per feature)^l · n row visits: only for small
 * data or small L. Refuses (SlicingError "too_large") past `maxRowVisits`.
 */
export function bruteForceSlices(
  data: SliceData,
  params: SliceLineParams,
  options: { maxRowVisits?: number } = {},
): SliceSearchResult {
  const prep = prepareSliceData(data, params);
  const { rows: n, columns, domains, errors, meanError } = prep;
  const m = domains.length;
  const maxLevel = Math.min(params.maxLevel, m);
  const maxRowVisits = options.maxRowVisits ?? 1e10;

  let conjunctions = 0;
  for (const set of featureSets(m, maxLevel)) conjunctions += set.reduce((p, f) => p * domains[f], 1);
  if (conjunctions * n > maxRowVisits) {
    throw new SlicingError(
      "too_large",
      `brute force would visit ${conjunctions} conjunctions × ${n} rows, over the limit of ${maxRowVisits}`,
    );
  }

  const top = new TopK(params.topK);
  const levels: LevelStats[] = [];
  for (let l = 1; l <= maxLevel; l++) levels.push(emptyStats(l));

  for (const set of featureSets(m, maxLevel)) {
    const stats = levels[set.length - 1];
    const cols = set.map((f) => columns[f]);
    const values = set.map(() => 0);
    for (;;) {
      let size = 0;
      let errorSum = 0;
      let maxError = 0;
      for (let r = 0; r < n; r++) {
        let match = true;
        for (let i = 0; i < cols.length; i++) {
          if (cols[i][r] !== values[i]) {
            match = false;
            break;
          }
        }
        if (match) {
          const e = errors[r];
          size++;
          errorSum += e;
          if (e > maxError) maxError = e;
        }
      }
      stats.generated++;
      stats.evaluated++;
      stats.rowVisits += n;
      if (size >= params.minSupport && errorSum > 0) stats.valid++;
      const score = sliceScore(size, errorSum, meanError, params.alpha, n);
      if (isReportable(size, score, params.minSupport)) {
        const predicates: Predicate[] = set.map((feature, i) => ({ feature, value: values[i] }));
        top.offer({ predicates, score, size, errorSum, maxError });
      }
      // Odometer over the value combinations, last feature fastest.
      let i = set.length - 1;
      while (i >= 0 && ++values[i] === domains[set[i]]) values[i--] = 0;
      if (i < 0) break;
    }
  }

  return {
    topK: top.list(),
    rows: n,
    meanError,
    levels,
    evaluated: levels.reduce((s, x) => s + x.evaluated, 0),
  };
}

/** Every set of 1 … maxSize features out of m, as ascending lists, shorter sets first. */
function* featureSets(m: number, maxSize: number): Generator<number[]> {
  for (let size = 1; size <= maxSize; size++) {
    const set = Array.from({ length: size }, (_, i) => i);
    for (;;) {
      yield set.slice();
      let i = size - 1;
      while (i >= 0 && set[i] === m - size + i) i--;
      if (i < 0) break;
      set[i]++;
      for (let j = i + 1; j < size; j++) set[j] = set[j - 1] + 1;
    }
  }
}
