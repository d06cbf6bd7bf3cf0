/**
 * Which items get several annotators. An item at position `seq` (1-based)
 * is an overlap item when frac(seq·φ⁻¹) < share: the golden-ratio sequence
 * is evenly spread (low discrepancy), so any prefix of the items holds
 * close to `share` overlap items, and the choice is reproducible without
 * storing a random seed.
 */
const INV_PHI = (Math.sqrt(5) - 1) / 2;

export function isOverlapItem(seq: number, share: number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  const f = (seq * INV_PHI) % 1;
  return f < share;
}

/** How many annotators item `seq` needs. */
export function itemTarget(seq: number, annotatorsPerItem: number, overlapShare: number): number {
  return isOverlapItem(seq, overlapShare) ? annotatorsPerItem : 1;
}
