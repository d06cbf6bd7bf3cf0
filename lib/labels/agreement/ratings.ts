import { AgreementError } from "./errors";

/**
 * A project's single-label nominal ratings as parallel typed arrays: entry r
 * says annotator `annotator[r]` gave item `item[r]` the label `label[r]`.
 * Entries may come in any order; an annotator rates an item at most once.
 * Items and annotators without ratings are allowed (they count in the totals
 * and nowhere else).
 */
export interface Ratings {
  /** Number of categories K; labels are 0..K-1. */
  readonly labelCount: number;
  /** Number of annotators A; annotators are 0..A-1. */
  readonly annotatorCount: number;
  /** Number of items N; items are 0..N-1. */
  readonly itemCount: number;
  readonly item: Int32Array;
  readonly annotator: Int32Array;
  readonly label: Int32Array;
}

export const MAX_LABELS = 1024;

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0x7fffffff;
}

/** Throws an AgreementError naming the first entry out of range; duplicates are found later, per item. */
export function validateRatings(r: Ratings): void {
  if (!isCount(r.labelCount)) throw new AgreementError("invalid_ratings", `label count is not a count: ${r.labelCount}`);
  if (!isCount(r.annotatorCount)) throw new AgreementError("invalid_ratings", `annotator count is not a count: ${r.annotatorCount}`);
  if (!isCount(r.itemCount)) throw new AgreementError("invalid_ratings", `item count is not a count: ${r.itemCount}`);
  // Several tables here are K×K (pair tallies, confusions, coincidences); a
  // nominal scale with more categories than this is not one people label on.
  if (r.labelCount > MAX_LABELS) throw new AgreementError("invalid_ratings", `too many labels: ${r.labelCount} (at most ${MAX_LABELS})`);
  const n = r.item.length;
  if (r.annotator.length !== n || r.label.length !== n) {
    throw new AgreementError(
      "invalid_ratings",
      `rating arrays differ in length: item ${n}, annotator ${r.annotator.length}, label ${r.label.length}`,
    );
  }
  const { item, annotator, label, itemCount, annotatorCount, labelCount } = r;
  for (let i = 0; i < n; i++) {
    // Unsigned comparison folds the "< 0" test into the range test.
    if (item[i] >>> 0 >= itemCount) throw new AgreementError("invalid_ratings", `item out of range at rating ${i}: ${item[i]}`);
    if (annotator[i] >>> 0 >= annotatorCount) {
      throw new AgreementError("invalid_ratings", `annotator out of range at rating ${i}: ${annotator[i]}`);
    }
    if (label[i] >>> 0 >= labelCount) throw new AgreementError("invalid_ratings", `label out of range at rating ${i}: ${label[i]}`);
  }
}

export interface RatingRow {
  item: string | number;
  annotator: string;
  label: string;
}

export interface InternedRatings {
  ratings: Ratings;
  /** itemIds[i] is the caller's id of item i, in order of first appearance. */
  itemIds: (string | number)[];
  annotatorIds: string[];
}

/**
 * Builds Ratings from readable rows, numbering items and annotators in order
 * of first appearance and labels by their position in `labels`. Item ids are
 * compared as given, so 1 and "1" are different items.
 */
export function ratingsFrom(rows: Iterable<RatingRow>, labels: readonly string[]): InternedRatings {
  const labelIndex = new Map<string, number>();
  labels.forEach((l, i) => {
    if (labelIndex.has(l)) throw new AgreementError("invalid_ratings", `label listed twice: ${JSON.stringify(l)}`);
    labelIndex.set(l, i);
  });
  const itemIndex = new Map<string | number, number>();
  const annotatorIndex = new Map<string, number>();
  const itemIds: (string | number)[] = [];
  const annotatorIds: string[] = [];
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  for (const row of rows) {
    const l = labelIndex.get(row.label);
    if (l === undefined) throw new AgreementError("unknown_label", `unknown label: ${JSON.stringify(row.label)}`);
    let i = itemIndex.get(row.item);
    if (i === undefined) {
      i = itemIds.length;
      itemIndex.set(row.item, i);
      itemIds.push(row.item);
    }
    let a = annotatorIndex.get(row.annotator);
    if (a === undefined) {
      a = annotatorIds.length;
      annotatorIndex.set(row.annotator, a);
      annotatorIds.push(row.annotator);
    }
    item.push(i);
    annotator.push(a);
    label.push(l);
  }
  return {
    ratings: {
      labelCount: labels.length,
      annotatorCount: annotatorIds.length,
      itemCount: itemIds.length,
      item: Int32Array.from(item),
      annotator: Int32Array.from(annotator),
      label: Int32Array.from(label),
    },
    itemIds,
    annotatorIds,
  };
}
