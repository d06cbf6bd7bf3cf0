import type { ItemTally } from "./votes";

/**
 * When an item gets its gold label without a reviewer, and when it goes to
 * the review queue. Both wait until the item has all the answers it asked
 * for (and at least two), so a reviewer never settles an item while a
 * labeler still holds a slot on it.
 */

export interface ItemState {
  /** Answers the item asked for (1 to 5). */
  target: number;
  /** A reviewer decided (gold or excluded), or a file imported gold: answers no longer move it. */
  reviewed: boolean;
  /** The gold label set automatically, if any. */
  autoGold: readonly string[] | null;
}

export interface ItemDecision {
  /** What the automatic gold label should be now (null: none). */
  autoGold: string[] | null;
  needsReview: boolean;
}

export function decideItem(tally: ItemTally, item: ItemState, autoAdjudicate: boolean): ItemDecision {
  const complete = tally.filled >= Math.max(item.target, 2);
  if (item.reviewed) return { autoGold: null, needsReview: false };
  const autoGold = autoAdjudicate && complete && tally.unanimous ? tally.unanimousLabels : null;
  // Unanimous items go to review too when nothing settles them automatically,
  // after the disagreements (their agreement share is 1, sorted last).
  const needsReview = autoGold === null && complete && (tally.disagreement || tally.unanimous);
  return { autoGold, needsReview };
}

export function sameLabels(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x) => b.includes(x));
}
