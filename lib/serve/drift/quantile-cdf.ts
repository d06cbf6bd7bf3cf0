/*
 * A training distribution known only by its quantiles at the evenly spaced
 * probabilities 0, 1/k, …, 1 (the deciles of lib/onnx/feature-stats.ts, k =
 * 10), read as the piecewise-linear CDF through the points (q_i, i/k): 0
 * below the minimum, 1 from the maximum on, linear in between.
 *
 * This approximates the training CDF. It is exact at the knots (up to the
 * type-7 interpolation and the six-digit rounding of the metadata) and, since
 * the true CDF also rises from i/k to (i+1)/k across a bin, it is never off by
 * more than 1/k (0.1) anywhere. The error is largest where the CDF bends
 * within a bin: the outer deciles of a skewed input, and discrete inputs,
 * whose CDF jumps at a value a run of equal quantiles (a vertical step of the
 * piecewise-linear CDF) only brackets.
 */

/** G(x), right-continuous: the approximate share of training values ≤ x. */
export function quantileCdf(q: ArrayLike<number>, x: number): number {
  const k = q.length - 1;
  if (x < q[0]) return 0;
  if (x >= q[k]) return 1;
  // Largest i < k with q_i ≤ x; then q_i ≤ x < q_i+1, a bin of positive width.
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (q[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return (lo + (x - q[lo]) / (q[lo + 1] - q[lo])) / k;
}

/** G(x−), the limit from the left: the approximate share of training values < x. Differs from G(x) only at a run of equal quantiles. */
export function quantileCdfBelow(q: ArrayLike<number>, x: number): number {
  const k = q.length - 1;
  if (x <= q[0]) return 0;
  if (x > q[k]) return 1;
  // Smallest j ≥ 1 with q_j ≥ x; then q_j−1 < x ≤ q_j.
  let lo = 1;
  let hi = k;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (q[mid] >= x) hi = mid;
    else lo = mid + 1;
  }
  return (lo - 1 + (x - q[lo - 1]) / (q[lo] - q[lo - 1])) / k;
}

/** The non-missing values of a sample, sorted ascending (NaN marks a missing value and is dropped). */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out.push(values[i]);
  return Float64Array.from(out).sort();
}
