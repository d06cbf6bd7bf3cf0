import type { ItemIndex } from "./item-index";

/**
 * The per-item sufficient statistics of every statistic that looks only at
 * how many ratings each label got on an item (percent agreement, Fleiss,
 * Krippendorff, per-label agreement, confused pairs): the count vector
 * n_i = (n_i0 .. n_iK-1) of each item with at least two ratings.
 *
 * Items with the same count vector are stored once, as a "pattern" with a
 * multiplicity. With K labels and a few ratings per item there are few
 * patterns (3 ratings over 5 labels: at most 35), so statistics cost
 * O(patterns), and a bootstrap resample of items is a multinomial draw of
 * pattern multiplicities rather than N separate draws.
 *
 * Items with fewer than two ratings are not in the table: no statistic here
 * can use them (there is no pair of ratings to compare).
 */
export interface LabelCounts {
  readonly labelCount: number;
  readonly patternCount: number;
  /** Ratings per item of each pattern, n_i (≥ 2). */
  readonly raters: Int32Array;
  /** Length patternCount + 1; the labels with a non-zero count in pattern p are cells start[p] .. start[p + 1]. */
  readonly cellStart: Int32Array;
  /** Cell label, ascending within a pattern. */
  readonly cellLabel: Int32Array;
  /** Cell count n_ij > 0. */
  readonly cellCount: Int32Array;
  /** How many items have each pattern: the observed weights. */
  readonly items: Int32Array;
  /**
   * Per pattern, the share of its rating pairs that agree, P_i = Σ_j n_ij(n_ij − 1) / n_i(n_i − 1)
   * (Fleiss 1971). Fixed by the pattern, so computed once here rather than
   * by every statistic in every bootstrap resample.
   */
  readonly pairAgreement: Float64Array;
}

/** Groups the items of `index` with ≥ 2 ratings by count vector, in O(ratings). */
export function countLabels(index: ItemIndex): LabelCounts {
  const K = index.labelCount;
  const N = index.itemCount;
  const { start, label } = index;
  let pairable = 0;
  for (let i = 0; i < N; i++) if (start[i + 1] - start[i] >= 2) pairable++;
  // Upper bounds: one pattern per item, one cell per rating.
  const raters = new Int32Array(pairable);
  const items = new Int32Array(pairable);
  const cellStart = new Int32Array(pairable + 1);
  const cellLabel = new Int32Array(label.length);
  const cellCount = new Int32Array(label.length);
  let size = 1;
  while (size < 2 * pairable) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);

  const scratch = new Int32Array(K);
  const touched = new Int32Array(K);
  let patterns = 0;
  let cells = 0;
  for (let i = 0; i < N; i++) {
    const n = start[i + 1] - start[i];
    if (n < 2) continue;
    let t = 0;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const l = label[k];
      if (scratch[l]++ === 0) touched[t++] = l;
    }
    // Insertion sort: an item touches few labels.
    for (let a = 1; a < t; a++) {
      const v = touched[a];
      let b = a - 1;
      while (b >= 0 && touched[b] > v) {
        touched[b + 1] = touched[b];
        b--;
      }
      touched[b + 1] = v;
    }
    // Write the candidate cells after the last pattern; keep them only if new.
    let h = 0x811c9dc5 ^ n;
    for (let a = 0; a < t; a++) {
      const l = touched[a];
      const c = scratch[l];
      cellLabel[cells + a] = l;
      cellCount[cells + a] = c;
      h = Math.imul(h ^ l, 0x01000193);
      h = Math.imul(h ^ c, 0x01000193);
      scratch[l] = 0;
    }
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const p = slots[slot];
      if (p < 0) {
        slots[slot] = patterns;
        raters[patterns] = n;
        items[patterns] = 1;
        cells += t;
        cellStart[++patterns] = cells;
        break;
      }
      if (raters[p] === n && cellStart[p + 1] - cellStart[p] === t && sameCells(cellLabel, cellCount, cellStart[p], cells, t)) {
        items[p]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const pairAgreement = new Float64Array(patterns);
  for (let p = 0; p < patterns; p++) {
    let agreeing = 0;
    for (let c = cellStart[p]; c < cellStart[p + 1]; c++) agreeing += cellCount[c] * (cellCount[c] - 1);
    pairAgreement[p] = agreeing / (raters[p] * (raters[p] - 1));
  }
  return {
    labelCount: K,
    patternCount: patterns,
    raters: raters.slice(0, patterns),
    cellStart: cellStart.slice(0, patterns + 1),
    cellLabel: cellLabel.slice(0, cells),
    cellCount: cellCount.slice(0, cells),
    items: items.slice(0, patterns),
    pairAgreement,
  };
}

function sameCells(label: Int32Array, count: Int32Array, a: number, b: number, t: number): boolean {
  for (let k = 0; k < t; k++) {
    if (label[a + k] !== label[b + k] || count[a + k] !== count[b + k]) return false;
  }
  return true;
}

/** Items in the table (those with ≥ 2 ratings) under weights `w`. */
export function totalWeight(w: ArrayLike<number>): number {
  let s = 0;
  for (let p = 0; p < w.length; p++) s += w[p];
  return s;
}
