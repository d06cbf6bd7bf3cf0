import type { Predicate, Slice } from "./types";

/**
 * The one ranking both SliceLine and the brute force use, so equal inputs
 * give identical lists even when scores tie: score descending, then size
 * descending (of equally scored slices the larger one explains more rows),
 * then predicates in lexicographic order of (feature, value) pairs, a list
 * that is a prefix of another coming first (the simpler slice). Negative
 * when `a` ranks before `b`. Two distinct slices never compare equal.
 */
export function compareSlices(a: Slice, b: Slice): number {
  if (a.score !== b.score) return a.score > b.score ? -1 : 1;
  if (a.size !== b.size) return b.size - a.size;
  return comparePredicates(a.predicates, b.predicates);
}

export function comparePredicates(a: readonly Predicate[], b: readonly Predicate[]): number {
  const k = Math.min(a.length, b.length);
  for (let i = 0; i < k; i++) {
    if (a[i].feature !== b[i].feature) return a[i].feature - b[i].feature;
    if (a[i].value !== b[i].value) return a[i].value - b[i].value;
  }
  return a.length - b.length;
}

/** A slice may be reported only with ≥ σ rows and a positive score (the paper's rule). */
export function isReportable(size: number, score: number, minSupport: number): boolean {
  return size >= minSupport && score > 0;
}

/** The best K slices seen so far, best first. */
export class TopK {
  private readonly items: Slice[] = [];

  constructor(readonly k: number) {}

  /**
   * The score a candidate's upper bound must reach to matter: the K-th best
   * score once K slices are held, else 0 (only positive scores count).
   */
  bar(): number {
    return this.items.length < this.k ? 0 : this.items[this.k - 1].score;
  }

  /**
   * Cheap pre-check before building a Slice: false when a slice with this
   * score certainly ranks below the K-th (ties are left to `offer`).
   */
  mayEnter(score: number): boolean {
    return this.items.length < this.k || score >= this.items[this.k - 1].score;
  }

  /** Inserts `slice` if it ranks among the best K; the caller checked isReportable. */
  offer(slice: Slice): void {
    const items = this.items;
    if (items.length === this.k && compareSlices(slice, items[this.k - 1]) >= 0) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSlices(items[mid], slice) < 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, slice);
    if (items.length > this.k) items.pop();
  }

  list(): Slice[] {
    return this.items.slice();
  }
}
