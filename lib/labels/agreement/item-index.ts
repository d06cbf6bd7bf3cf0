import { AgreementError } from "./errors";
import { validateRatings, type Ratings } from "./ratings";

/**
 * Ratings grouped by item (a counting sort, stable within an item): the
 * ratings of item i are positions start[i] .. start[i + 1] of `annotator`
 * and `label`. Built once; every statistic reads it or tables made from it.
 */
export interface ItemIndex {
  readonly labelCount: number;
  readonly annotatorCount: number;
  readonly itemCount: number;
  /** Length N + 1. */
  readonly start: Int32Array;
  readonly annotator: Int32Array;
  readonly label: Int32Array;
}

/** Validates `r` and groups it by item; an annotator rating an item twice is a "duplicate_rating" error. */
export function indexByItem(r: Ratings): ItemIndex {
  validateRatings(r);
  const n = r.item.length;
  const start = new Int32Array(r.itemCount + 1);
  for (let k = 0; k < n; k++) start[r.item[k] + 1]++;
  for (let i = 0; i < r.itemCount; i++) start[i + 1] += start[i];
  const fill = start.slice(0, r.itemCount);
  const annotator = new Int32Array(n);
  const label = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const at = fill[r.item[k]]++;
    annotator[at] = r.annotator[k];
    label[at] = r.label[k];
  }
  // seenAt[a] = 1 + the last item annotator a was seen on: no clearing between items.
  const seenAt = new Int32Array(r.annotatorCount);
  for (let i = 0; i < r.itemCount; i++) {
    for (let k = start[i]; k < start[i + 1]; k++) {
      const a = annotator[k];
      if (seenAt[a] === i + 1) throw new AgreementError("duplicate_rating", `annotator ${a} rated item ${i} more than once`);
      seenAt[a] = i + 1;
    }
  }
  return {
    labelCount: r.labelCount,
    annotatorCount: r.annotatorCount,
    itemCount: r.itemCount,
    start,
    annotator,
    label,
  };
}
