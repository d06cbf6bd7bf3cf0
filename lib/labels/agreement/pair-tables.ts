import type { ItemIndex } from "./item-index";

/**
 * For every pair of annotators a < b who rated at least one item in common,
 * the contingency table of their labels on those items, stored sparsely:
 * only label pairs that occur. Pair p is (pairA[p], pairB[p]), ordered by a
 * then b; its cells are cellStart[p] .. cellStart[p + 1], and a cell codes
 * (label by a)·K + (label by b). Pairs that share no item are absent, so
 * many annotators who rarely overlap cost nothing.
 */
export interface PairTables {
  readonly annotatorCount: number;
  readonly labelCount: number;
  readonly pairCount: number;
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  /** Items both annotators rated, per pair (≥ 1). */
  readonly shared: Int32Array;
  readonly cellStart: Int32Array;
  readonly cellCode: Int32Array;
  readonly cellCount: Int32Array;
}

/**
 * Built in O(rating pairs + A + K²) time and memory (plus sorting each
 * annotator's distinct partners): rating pairs within items are bucketed by
 * the lower annotator (a counting sort), each bucket is split by the higher
 * annotator, and each pair is tallied in one reused
 * K×K scratch table cleared only where it was written.
 */
export function pairTables(index: ItemIndex): PairTables {
  const A = index.annotatorCount;
  const K = index.labelCount;
  const N = index.itemCount;
  const { start, annotator, label } = index;

  const byLow = new Int32Array(A + 1);
  let ratingPairs = 0;
  for (let i = 0; i < N; i++) {
    for (let x = start[i]; x < start[i + 1]; x++) {
      for (let y = x + 1; y < start[i + 1]; y++) {
        byLow[Math.min(annotator[x], annotator[y]) + 1]++;
        ratingPairs++;
      }
    }
  }
  for (let a = 0; a < A; a++) byLow[a + 1] += byLow[a];
  const fill = byLow.slice(0, A);
  const high = new Int32Array(ratingPairs);
  const code = new Int32Array(ratingPairs);
  for (let i = 0; i < N; i++) {
    for (let x = start[i]; x < start[i + 1]; x++) {
      for (let y = x + 1; y < start[i + 1]; y++) {
        const ax = annotator[x];
        const ay = annotator[y];
        const at = fill[Math.min(ax, ay)]++;
        high[at] = Math.max(ax, ay);
        code[at] = ax < ay ? label[x] * K + label[y] : label[y] * K + label[x];
      }
    }
  }

  // Upper bounds for the outputs: one pair and one cell per rating pair.
  const pairA = new Int32Array(ratingPairs);
  const pairB = new Int32Array(ratingPairs);
  const shared = new Int32Array(ratingPairs);
  const cellStart = new Int32Array(ratingPairs + 1);
  const cellCode = new Int32Array(ratingPairs);
  const cellCount = new Int32Array(ratingPairs);
  const perHigh = new Int32Array(A);
  const offset = new Int32Array(A);
  const distinct = new Int32Array(A);
  const sortedCode = new Int32Array(ratingPairs);
  const scratch = new Int32Array(K * K);
  const touched = new Int32Array(Math.min(K * K, Math.max(ratingPairs, 1)));
  let pairs = 0;
  let cells = 0;
  for (let a = 0; a < A; a++) {
    const from = byLow[a];
    const to = byLow[a + 1];
    // Counting sort of this bucket by the higher annotator, over the b's present only.
    let d = 0;
    for (let k = from; k < to; k++) if (perHigh[high[k]]++ === 0) distinct[d++] = high[k];
    distinct.subarray(0, d).sort();
    let at = from;
    for (let j = 0; j < d; j++) {
      offset[distinct[j]] = at;
      at += perHigh[distinct[j]];
    }
    for (let k = from; k < to; k++) sortedCode[offset[high[k]]++] = code[k];
    let run = from;
    for (let j = 0; j < d; j++) {
      const b = distinct[j];
      const n = perHigh[b];
      perHigh[b] = 0;
      pairA[pairs] = a;
      pairB[pairs] = b;
      shared[pairs] = n;
      let t = 0;
      for (let k = run; k < run + n; k++) {
        if (scratch[sortedCode[k]]++ === 0) touched[t++] = sortedCode[k];
      }
      for (let k = 0; k < t; k++) {
        cellCode[cells] = touched[k];
        cellCount[cells++] = scratch[touched[k]];
        scratch[touched[k]] = 0;
      }
      cellStart[++pairs] = cells;
      run += n;
    }
  }
  return {
    annotatorCount: A,
    labelCount: K,
    pairCount: pairs,
    pairA: pairA.slice(0, pairs),
    pairB: pairB.slice(0, pairs),
    shared: shared.slice(0, pairs),
    cellStart: cellStart.slice(0, pairs + 1),
    cellCode: cellCode.slice(0, cells),
    cellCount: cellCount.slice(0, cells),
  };
}
