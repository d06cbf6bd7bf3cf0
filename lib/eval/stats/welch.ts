import { studentTTwoSidedP } from "./student-t";

/*
 * Welch's (1947) unequal-variances t-test, for a mean per-row metric (loss,
 * absolute error) in a slice against the rest:
 *
 *   t = (m1 − m2) / √(s1²/n1 + s2²/n2),
 *   ν = (s1²/n1 + s2²/n2)² / ((s1²/n1)²/(n1 − 1) + (s2²/n2)²/(n2 − 1))
 *
 * (the Welch–Satterthwaite df), two-sided p from Student's t with ν df.
 * This is R's t.test default and scipy.stats.ttest_ind(equal_var=False).
 */

export interface Moments {
  n: number;
  mean: number;
  /** Unbiased sample variance (divisor n − 1); NaN when n < 2. */
  variance: number;
}

/** n, mean and variance in one pass (Welford 1962); NaN values are missing and skipped. */
export function moments(values: ArrayLike<number>): Moments {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    n++;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return { n, mean: n === 0 ? NaN : mean, variance: n < 2 ? NaN : m2 / (n - 1) };
}

export interface WelchTest {
  /** mean1 − mean2. */
  difference: number;
  standardError: number;
  t: number;
  df: number;
  pValue: number;
}

const UNDEFINED: WelchTest = { difference: NaN, standardError: NaN, t: NaN, df: NaN, pValue: NaN };

/**
 * From each sample's moments. NaN throughout when a sample has fewer than
 * two values, or both have zero variance (t would be ±∞ or 0/0; a constant
 * metric on both sides is better reported by its difference alone).
 */
export function welchTTest(a: Moments, b: Moments): WelchTest {
  if (a.n < 2 || b.n < 2) return UNDEFINED;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return { ...UNDEFINED, difference: a.mean - b.mean };
  const difference = a.mean - b.mean;
  const standardError = Math.sqrt(se2);
  const t = difference / standardError;
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { difference, standardError, t, df, pValue: studentTTwoSidedP(t, df) };
}

/** From the raw values of the two samples. */
export function welchTTestSamples(a: ArrayLike<number>, b: ArrayLike<number>): WelchTest {
  return welchTTest(moments(a), moments(b));
}
