/**
 * SliceLine's scoring function and its upper bound (Sagadeeva & Boehm,
 * "SliceLine: Fast, Linear-Algebra-based Slice Finding for ML Model
 * Debugging", SIGMOD 2021, §3; the same formulas as `score` and `scoreUB` in
 * Apache SystemDS scripts/builtin/sliceLine.dml).
 */

/**
 * sc = α·((se / |S|) / ē − 1) − (1 − α)·(n / |S| − 1).
 *
 * Positive when the slice's mean error is far enough above the overall mean
 * ē to pay for its smallness; α trades the two. An empty slice, or ē = 0
 * (nothing to explain), scores −∞ so it is never reported.
 */
export function sliceScore(
  size: number,
  errorSum: number,
  meanError: number,
  alpha: number,
  n: number,
): number {
  const sc = alpha * (errorSum / size / meanError - 1) - (1 - alpha) * (n / size - 1);
  return Number.isNaN(sc) || size === 0 ? -Infinity : sc;
}

/**
 * The best score any slice below some parents can reach, given the
 * smallest parent size, error sum and max error (a child has at most as many
 * rows, as much total error and as large a single error as each parent).
 *
 * A child with size s ∈ [σ, sizeUb] has error at most min(errorUb, s·maxErrorUb),
 * so its score is at most f(s) = α·(min(errorUb, s·maxErrorUb)/s / ē − 1)
 * − (1 − α)·(n/s − 1). f is increasing while s·maxErrorUb < errorUb and
 * monotone (one way or the other) after, so its maximum over the interval is
 * at σ, at errorUb / maxErrorUb or at sizeUb: the paper probes exactly these
 * three points. Unlike SystemDS we clamp the middle point into [σ, sizeUb]
 * (SystemDS may probe beyond sizeUb, which only loosens the bound); after
 * the clamp the σ probe can no longer win, but it is kept to match the paper.
 * Returns −∞ when no child can have ≥ σ rows or any error.
 */
export function scoreUpperBound(
  sizeUb: number,
  errorUb: number,
  maxErrorUb: number,
  meanError: number,
  alpha: number,
  n: number,
  minSupport: number,
): number {
  if (sizeUb < minSupport || !(errorUb > 0) || !(maxErrorUb > 0)) return -Infinity;
  const knee = Math.min(Math.max(errorUb / maxErrorUb, minSupport), sizeUb);
  return Math.max(
    probe(minSupport, errorUb, maxErrorUb, meanError, alpha, n),
    probe(knee, errorUb, maxErrorUb, meanError, alpha, n),
    probe(sizeUb, errorUb, maxErrorUb, meanError, alpha, n),
  );
}

function probe(s: number, errorUb: number, maxErrorUb: number, meanError: number, alpha: number, n: number): number {
  return alpha * (Math.min(errorUb, s * maxErrorUb) / s / meanError - 1) - (1 - alpha) * (n / s - 1);
}

/**
 * How far below the pruning bar an upper bound must be before a candidate
 * is dropped. The bound and the score are computed by different float
 * expressions (s·maxError against a row-by-row sum), so a child could
 * exceed its bound by a few ulps of the score's terms; those terms are at
 * most α·maxError/ē and (1 − α)·n/σ in size. 1e-9 of them is far above any
 * rounding here and only costs the odd extra candidate, never a result.
 */
export function pruningSlack(meanError: number, maxError: number, alpha: number, n: number, minSupport: number): number {
  // With no error at all every bound is −∞ and there is nothing to scale.
  if (!(meanError > 0)) return 0;
  return 1e-9 * (1 + alpha * (maxError / meanError) + (1 - alpha) * (n / minSupport));
}
