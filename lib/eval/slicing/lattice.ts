import type { ItemTable } from "./items";
import { sliceKeyer } from "./items";
import { scoreUpperBound } from "./score";
import type { LevelStats } from "./types";

/**
 * The evaluated slices of one level, in lexicographic order of their items.
 * Invalid ones (fewer than σ rows, or no error) are kept too, flagged, so
 * that a child whose parent was too small is counted as pruned by size.
 */
export interface SliceLevel {
  /** Predicates per slice. */
  width: number;
  count: number;
  /** count × width item ids, ascending within each slice. */
  items: Int32Array;
  size: Int32Array;
  errorSum: Float64Array;
  maxError: Float64Array;
  /** 1 when size ≥ σ and errorSum > 0: may be a parent at the next level (the paper's rule). */
  valid: Uint8Array;
  /** The slice of the level below whose rows were scanned to evaluate this one; −1 = all rows. */
  scanParent: Int32Array;
  /** The item this slice adds to its scan parent. */
  newItem: Int32Array;
}

/** Candidates of one level that survived pruning, in lexicographic order. */
export interface Candidates {
  width: number;
  count: number;
  items: Int32Array;
  /** Upper bound of the score of this candidate (and of all its descendants). */
  ubScore: Float64Array;
  /** The smallest parent: scanning its rows is the cheapest way to evaluate. −1 = all rows. */
  scanParent: Int32Array;
  newItem: Int32Array;
}

export interface Bounds {
  meanError: number;
  alpha: number;
  n: number;
  minSupport: number;
  /** See pruningSlack. */
  slack: number;
}

/** Level 1: every feature value is a candidate, evaluated from all rows (no parents, no bounds). */
export function basicCandidates(items: ItemTable): Candidates {
  const all = new Int32Array(items.count);
  for (let i = 0; i < items.count; i++) all[i] = i;
  return {
    width: 1,
    count: items.count,
    items: all,
    ubScore: new Float64Array(items.count).fill(Infinity),
    scanParent: new Int32Array(items.count).fill(-1),
    newItem: all.slice(),
  };
}

/**
 * Level l + 1 from the slices of level l (the paper's getPairedCandidates):
 * two valid parents that share l − 1 predicates and differ in feature on
 * the last one are joined into a conjunction of l + 1 predicates. Joining
 * only parents that share their first l − 1 items (Apriori-gen, Agrawal &
 * Srikant 1994) forms each conjunction exactly once, so no deduplication
 * pass is needed; the other l − 1 parents are then looked up, and the
 * candidate is pruned when
 *  - a parent is missing (pruned, or never formed because one of its own
 *    parents was: whatever bound dropped it also bounds this child),
 *  - the smallest parent has fewer than σ rows (so would the child), or
 *  - the score upper bound from the parents' minimum size, error sum and
 *    max error is below `bar()` (the K-th best so far, or 0); a parent
 *    without error makes it −∞.
 * This yields the same candidates as the paper's all-pairs join followed by
 * deduplication and missing-parent pruning. The generator yields now and
 * then so the caller can check for cancellation; it returns the survivors.
 */
export function* joinCandidates(
  parents: SliceLevel,
  items: ItemTable,
  bounds: Bounds,
  bar: () => number,
  stats: LevelStats,
): Generator<void, Candidates> {
  const w = parents.width;
  const l = w + 1;
  const key = sliceKeyer(items.count, w);
  const index = new Map<number | string, number>();
  const validIdx: number[] = [];
  for (let p = 0; p < parents.count; p++) {
    index.set(key(parents.items, p * w, w, -1), p);
    if (parents.valid[p]) validIdx.push(p);
  }

  const outItems: number[] = [];
  const outUb: number[] = [];
  const outScan: number[] = [];
  const outNew: number[] = [];
  const cand = new Int32Array(l);
  const pItems = parents.items;
  const { meanError, alpha, n, minSupport, slack } = bounds;
  let sinceYield = 0;

  for (let g0 = 0; g0 < validIdx.length; ) {
    let g1 = g0 + 1;
    while (g1 < validIdx.length && samePrefix(pItems, validIdx[g0] * w, validIdx[g1] * w, w - 1)) g1++;
    for (let i = g0; i < g1; i++) {
      const pi = validIdx[i];
      const a = pItems[pi * w + w - 1];
      for (let j = i + 1; j < g1; j++) {
        const pj = validIdx[j];
        const b = pItems[pj * w + w - 1];
        if (items.feature[a] === items.feature[b]) continue;
        stats.generated++;
        for (let k = 0; k < w; k++) cand[k] = pItems[pi * w + k];
        cand[l - 1] = b;

        // Parent without position l − 1 is pi, without l − 2 is pj; look up the rest.
        let ubSize = Math.min(parents.size[pi], parents.size[pj]);
        let ubError = Math.min(parents.errorSum[pi], parents.errorSum[pj]);
        let ubMax = Math.min(parents.maxError[pi], parents.maxError[pj]);
        let scan = parents.size[pj] < parents.size[pi] ? pj : pi;
        let scanDrop = scan === pi ? l - 1 : l - 2;
        let missing = false;
        for (let k = 0; k < l - 2; k++) {
          const p = index.get(key(cand, 0, l, k));
          if (p === undefined) {
            missing = true;
            break;
          }
          const s = parents.size[p];
          if (s < parents.size[scan]) {
            scan = p;
            scanDrop = k;
          }
          if (s < ubSize) ubSize = s;
          if (parents.errorSum[p] < ubError) ubError = parents.errorSum[p];
          if (parents.maxError[p] < ubMax) ubMax = parents.maxError[p];
        }
        if (missing) {
          stats.prunedMissingParent++;
          continue;
        }
        if (ubSize < minSupport) {
          stats.prunedBySize++;
          continue;
        }
        const ub = scoreUpperBound(ubSize, ubError, ubMax, meanError, alpha, n, minSupport);
        if (ub < bar() - slack) {
          stats.prunedByScore++;
          continue;
        }
        for (let k = 0; k < l; k++) outItems.push(cand[k]);
        outUb.push(ub);
        outScan.push(scan);
        outNew.push(cand[scanDrop]);
      }
      if (++sinceYield >= 64) {
        sinceYield = 0;
        yield;
      }
    }
    g0 = g1;
  }
  return {
    width: l,
    count: outUb.length,
    items: Int32Array.from(outItems),
    ubScore: Float64Array.from(outUb),
    scanParent: Int32Array.from(outScan),
    newItem: Int32Array.from(outNew),
  };
}

function samePrefix(items: Int32Array, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (items[a + k] !== items[b + k]) return false;
  return true;
}
