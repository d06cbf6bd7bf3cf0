import { checkCount } from "./errors";
import { normalTwoSidedP } from "./normal";

/*
 * The pooled two-proportion z-test (e.g. error rate in a slice against the
 * rest of the data): under H0: p1 = p2 both samples estimate one p̂ =
 * (x1 + x2)/(n1 + n2), and
 *
 *   z = (p̂1 − p̂2) / √(p̂(1 − p̂)(1/n1 + 1/n2)),
 *
 * two-sided p = P(|Z| ≥ |z|). z² is Pearson's chi-square on the 2×2 table
 * without continuity correction (R: prop.test(..., correct = FALSE)).
 * The normal approximation wants about 5 successes and 5 failures in each
 * sample; below that, report the slice as too small rather than trust p.
 */

export interface TwoProportionTest {
  p1: number;
  p2: number;
  /** p1 − p2. */
  difference: number;
  pooled: number;
  z: number;
  pValue: number;
}

/**
 * NaN throughout when a sample is empty. When every row of both samples is a
 * success (or none is), the proportions are equal and the pooled variance is
 * 0: z = 0 and p = 1 rather than 0/0.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest {
  checkCount(x1, n1);
  checkCount(x2, n2);
  if (n1 === 0 || n2 === 0) return { p1: NaN, p2: NaN, difference: NaN, pooled: NaN, z: NaN, pValue: NaN };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  const z = variance === 0 ? 0 : (p1 - p2) / Math.sqrt(variance);
  return { p1, p2, difference: p1 - p2, pooled, z, pValue: normalTwoSidedP(z) };
}
