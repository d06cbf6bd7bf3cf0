/**
 * Turning fractions into whole row counts. Every split kind cuts `n` rows
 * into three counts that must add up to `n` exactly; rounding each fraction
 * on its own can lose or invent a row (3 × round(10 × 1/3) = 9).
 */

/** Fractional parts closer than this are ties: 0.15 × 3 is not exactly 0.45. */
const TIE_EPSILON = 1e-9;

/**
 * Largest remainder method (Hamilton's method): each part gets the floor of
 * its quota `total × weight / Σweights`, and the rows left over go one each to
 * the parts with the largest fractional remainders. Every count is then the
 * floor or the ceiling of its quota, so within one row of it.
 *
 * `carry[i]`, if given, is added to part i's remainder when ranking (not to
 * its quota): the stratified split passes each split's running shortfall over
 * earlier classes, so that the per-class roundings do not all lean the same
 * way. Remaining ties go to the lower index.
 */
export function apportion(total: number, weights: readonly number[], carry?: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const counts = quotas.map((q) => Math.floor(q + TIE_EPSILON));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const rank = quotas.map((q, i) => ({ i, key: q - counts[i] + (carry?.[i] ?? 0), frac: q - counts[i] }));
  rank.sort((a, b) => (Math.abs(a.key - b.key) > TIE_EPSILON ? b.key - a.key : a.i - b.i));
  for (const r of rank) {
    if (left <= 0) break;
    // A part whose quota is already whole never takes a leftover row: that
    // would put it a full row off its quota.
    if (r.frac <= TIE_EPSILON) continue;
    counts[r.i]++;
    left--;
  }
  // Only reachable through floating point in the quotas (a floor one too low
  // or too high); settle the difference on the largest part.
  if (left !== 0) counts[largestIndex(counts)] += left;
  return counts;
}

/** Raises every zero count to one, taking rows from the largest count. */
export function ensureEachAtLeastOne(counts: number[]): number[] {
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) continue;
    const from = largestIndex(counts);
    if (counts[from] <= 1) break;
    counts[from]--;
    counts[i]++;
  }
  return counts;
}

export function largestIndex(counts: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  return best;
}

/** The three split sizes for `n` rows: [train, validation, test], each ≥ 1 when n ≥ 3. */
export function splitSizes(n: number, validation: number, test: number): [number, number, number] {
  const c = ensureEachAtLeastOne(apportion(n, [1 - validation - test, validation, test]));
  return [c[0], c[1], c[2]];
}

/** [train, validation, test] while a split is being made. */
export type SplitParts = [Int32Array, Int32Array, Int32Array];

/** The first `sizes[0]` of `order` train, the next `sizes[1]` validate, the rest test. */
export function cutInOrder(order: Int32Array, sizes: readonly [number, number, number]): SplitParts {
  const a = sizes[0];
  const b = sizes[0] + sizes[1];
  return [order.slice(0, a), order.slice(a, b), order.slice(b)];
}
