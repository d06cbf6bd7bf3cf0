import type { ItemTable } from "./items";
import type { Bounds, Candidates, SliceLevel } from "./lattice";
import type { PreparedData } from "./prepare";
import { sliceScore } from "./score";
import { isReportable, type TopK } from "./top-k";
import type { LevelStats, Slice } from "./types";

/**
 * Row lists of the slices of one level, ascending row numbers; only the
 * slices some candidate of the next level scans are materialised. −1 as a
 * scan parent means all rows, so the root needs no list.
 */
export type RowLists = (Int32Array | undefined)[];

/** Per-run scratch space, indexed by a feature's code; sized to the largest domain. */
export interface Scratch {
  slot: Int32Array;
  count: Int32Array;
  sum: Float64Array;
  max: Float64Array;
}

export function scratchFor(domains: readonly number[]): Scratch {
  const d = Math.max(...domains);
  return { slot: new Int32Array(d).fill(-1), count: new Int32Array(d), sum: new Float64Array(d), max: new Float64Array(d) };
}

/**
 * Computes size, error sum and max error of each candidate. Candidates that
 * add a value of the same feature f to the same scan parent P share one pass
 * over P's rows, reading f's code per row (a per-value histogram): the
 * paper's intersection of slice indicators, done once for all siblings.
 * Rows are visited in ascending order, so each error sum is the same float
 * as a plain row-by-row sum (what the brute force computes), which keeps
 * equal scores equal. Before a group's scan, candidates whose bound fell
 * below the risen bar are pruned. Yields after each group.
 */
export function* evaluateCandidates(
  cands: Candidates,
  parentRows: RowLists,
  data: PreparedData,
  items: ItemTable,
  bounds: Bounds,
  topK: TopK,
  scratch: Scratch,
  stats: LevelStats,
): Generator<void, SliceLevel> {
  const c = cands.count;
  const size = new Int32Array(c);
  const errorSum = new Float64Array(c);
  const maxError = new Float64Array(c);
  const done = new Uint8Array(c);
  const { slot, count, sum, max } = scratch;
  const errors = data.errors;
  const order = groupOrder(c, cands.scanParent, cands.newItem, items);
  const kept: number[] = [];

  for (let g0 = 0; g0 < c; ) {
    const first = order[g0];
    const parent = cands.scanParent[first];
    const f = items.feature[cands.newItem[first]];
    let g1 = g0 + 1;
    while (g1 < c && cands.scanParent[order[g1]] === parent && items.feature[cands.newItem[order[g1]]] === f) g1++;

    kept.length = 0;
    const bar = topK.bar() - bounds.slack;
    for (let i = g0; i < g1; i++) {
      const q = order[i];
      if (cands.ubScore[q] < bar) {
        stats.prunedByScore++;
        continue;
      }
      const v = items.value[cands.newItem[q]];
      slot[v] = kept.length;
      count[kept.length] = 0;
      sum[kept.length] = 0;
      max[kept.length] = 0;
      kept.push(q);
    }
    if (kept.length > 0) {
      const col = data.columns[f];
      if (parent < 0) {
        const n = data.rows;
        for (let r = 0; r < n; r++) {
          const j = slot[col[r]];
          if (j >= 0) {
            const e = errors[r];
            count[j]++;
            sum[j] += e;
            if (e > max[j]) max[j] = e;
          }
        }
        stats.rowVisits += n;
      } else {
        const rows = parentRows[parent]!;
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i];
          const j = slot[col[r]];
          if (j >= 0) {
            const e = errors[r];
            count[j]++;
            sum[j] += e;
            if (e > max[j]) max[j] = e;
          }
        }
        stats.rowVisits += rows.length;
      }
      for (let j = 0; j < kept.length; j++) {
        const q = kept[j];
        slot[items.value[cands.newItem[q]]] = -1;
        size[q] = count[j];
        errorSum[q] = sum[j];
        maxError[q] = max[j];
        done[q] = 1;
        const score = sliceScore(count[j], sum[j], data.meanError, bounds.alpha, data.rows);
        if (isReportable(count[j], score, bounds.minSupport) && topK.mayEnter(score)) {
          topK.offer(toSlice(cands.items, q * cands.width, cands.width, items, score, count[j], sum[j], max[j]));
        }
      }
      stats.evaluated += kept.length;
    }
    g0 = g1;
    yield;
  }
  return compact(cands, done, size, errorSum, maxError, bounds.minSupport, stats);
}

/**
 * Fills the row lists of the slices flagged in `needed` (the scan parents of
 * the next level), from the row lists of their own scan parents, one pass
 * per (scan parent, feature) group as in evaluateCandidates.
 */
export function* materializeRows(
  level: SliceLevel,
  needed: Uint8Array,
  parentRows: RowLists,
  data: PreparedData,
  items: ItemTable,
  scratch: Scratch,
  stats: LevelStats,
): Generator<void, RowLists> {
  const out: RowLists = new Array(level.count);
  const which: number[] = [];
  for (let q = 0; q < level.count; q++) if (needed[q]) which.push(q);
  const idx = Int32Array.from(which);
  const order = groupOrder(idx.length, pick(level.scanParent, idx), pick(level.newItem, idx), items);
  const { slot, count } = scratch;
  const lists: Int32Array[] = [];

  for (let g0 = 0; g0 < order.length; ) {
    const first = idx[order[g0]];
    const parent = level.scanParent[first];
    const f = items.feature[level.newItem[first]];
    let g1 = g0 + 1;
    while (
      g1 < order.length &&
      level.scanParent[idx[order[g1]]] === parent &&
      items.feature[level.newItem[idx[order[g1]]]] === f
    ) {
      g1++;
    }
    lists.length = 0;
    for (let i = g0; i < g1; i++) {
      const q = idx[order[i]];
      const list = new Int32Array(level.size[q]);
      out[q] = list;
      slot[items.value[level.newItem[q]]] = lists.length;
      count[lists.length] = 0;
      lists.push(list);
    }
    const col = data.columns[f];
    if (parent < 0) {
      for (let r = 0; r < data.rows; r++) {
        const j = slot[col[r]];
        if (j >= 0) lists[j][count[j]++] = r;
      }
      stats.rowVisits += data.rows;
    } else {
      const rows = parentRows[parent]!;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        const j = slot[col[r]];
        if (j >= 0) lists[j][count[j]++] = r;
      }
      stats.rowVisits += rows.length;
    }
    for (let i = g0; i < g1; i++) slot[items.value[level.newItem[idx[order[i]]]]] = -1;
    g0 = g1;
    yield;
  }
  return out;
}

export function toSlice(
  itemIds: Int32Array,
  start: number,
  width: number,
  items: ItemTable,
  score: number,
  size: number,
  errorSum: number,
  maxError: number,
): Slice {
  const predicates = [];
  for (let k = 0; k < width; k++) {
    const it = itemIds[start + k];
    predicates.push({ feature: items.feature[it], value: items.value[it] });
  }
  return { predicates, score, size, errorSum, maxError };
}

/** Positions 0 … c − 1 ordered by (scan parent, feature of the new item), stable. */
function groupOrder(c: number, scanParent: Int32Array, newItem: Int32Array, items: ItemTable): Int32Array {
  const order = new Int32Array(c);
  for (let i = 0; i < c; i++) order[i] = i;
  return order.sort(
    (x, y) =>
      scanParent[x] - scanParent[y] || items.feature[newItem[x]] - items.feature[newItem[y]] || x - y,
  );
}

function pick(a: Int32Array, idx: Int32Array): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = a[idx[i]];
  return out;
}

/** The evaluated candidates as a level, in their (lexicographic) candidate order. */
function compact(
  cands: Candidates,
  done: Uint8Array,
  size: Int32Array,
  errorSum: Float64Array,
  maxError: Float64Array,
  minSupport: number,
  stats: LevelStats,
): SliceLevel {
  const w = cands.width;
  let k = 0;
  for (let q = 0; q < cands.count; q++) k += done[q];
  const level: SliceLevel = {
    width: w,
    count: k,
    items: new Int32Array(k * w),
    size: new Int32Array(k),
    errorSum: new Float64Array(k),
    maxError: new Float64Array(k),
    valid: new Uint8Array(k),
    scanParent: new Int32Array(k),
    newItem: new Int32Array(k),
  };
  let i = 0;
  for (let q = 0; q < cands.count; q++) {
    if (!done[q]) continue;
    level.items.set(cands.items.subarray(q * w, q * w + w), i * w);
    level.size[i] = size[q];
    level.errorSum[i] = errorSum[q];
    level.maxError[i] = maxError[q];
    level.valid[i] = size[q] >= minSupport && errorSum[q] > 0 ? 1 : 0;
    stats.valid += level.valid[i];
    level.scanParent[i] = cands.scanParent[q];
    level.newItem[i] = cands.newItem[q];
    i++;
  }
  return level;
}
