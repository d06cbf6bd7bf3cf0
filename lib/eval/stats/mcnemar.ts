import { StatsError } from "./errors";
import { chiSquareSurvival } from "@/lib/serve/drift/gamma";
import { regularizedBeta } from "./student-t";

/*
 * McNemar's (1947) test of two models on the same rows. Only discordant
 * rows carry information: b = rows model A got right and B wrong, c = the
 * reverse. Under H0 (equal accuracy) b ~ Binomial(b + c, 1/2).
 *
 *  - b + c < 25 (default `exactBelow`): the exact binomial test,
 *    p = min(1, 2 P(X ≤ min(b, c))), X ~ Bin(b + c, 1/2) — R's
 *    binom.test(b, b + c). 25 is the usual threshold below which the
 *    chi-square approximation is poor (e.g. statsmodels' mcnemar docs;
 *    Fagerland, Lydersen & Laake 2013, BMC Med Res Methodol 13:91).
 *  - otherwise the chi-square with Edwards' (1948) continuity correction,
 *    (|b − c| − 1)² / (b + c) on 1 df — R's mcnemar.test default.
 */

export const MCNEMAR_EXACT_BELOW = 25;

export interface McNemarTest {
  method: "exact-binomial" | "chi-square-corrected";
  b: number;
  c: number;
  /** The chi-square statistic (corrected) when that method was used; NaN for the exact test. */
  statistic: number;
  pValue: number;
}

/** (b − c)² / (b + c), or with Edwards' correction (|b − c| − 1)² / (b + c) (0 when |b − c| < 1). */
export function mcnemarStatistic(b: number, c: number, correction: boolean): number {
  const n = b + c;
  if (n === 0) return NaN;
  const d = Math.max(0, Math.abs(b - c) - (correction ? 1 : 0));
  return (d * d) / n;
}

/** P(X ≤ k) for X ~ Bin(n, 1/2), k < n: I_{1/2}(n − k, k + 1) (Abramowitz & Stegun 26.5.24). */
function binomialHalfCdf(k: number, n: number): number {
  return k >= n ? 1 : regularizedBeta(0.5, n - k, k + 1);
}

export function mcnemarTest(b: number, c: number, options: { exactBelow?: number } = {}): McNemarTest {
  for (const [name, v] of [["b", b], ["c", c]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new StatsError("invalid_counts", `${name} must be a whole number ≥ 0: ${v}`);
  }
  const exactBelow = options.exactBelow ?? MCNEMAR_EXACT_BELOW;
  const n = b + c;
  if (n < exactBelow) {
    return { method: "exact-binomial", b, c, statistic: NaN, pValue: Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n)) };
  }
  const statistic = mcnemarStatistic(b, c, true);
  return { method: "chi-square-corrected", b, c, statistic, pValue: chiSquareSurvival(statistic, 1) };
}

/** From per-row correctness of the two models (truthy = correct). */
export function mcnemarFromCorrect(correctA: ArrayLike<unknown>, correctB: ArrayLike<unknown>, options: { exactBelow?: number } = {}): McNemarTest {
  if (correctA.length !== correctB.length) {
    throw new StatsError("length_mismatch", `both models need the same rows: ${correctA.length} and ${correctB.length}`);
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < correctA.length; i++) {
    const a = Boolean(correctA[i]);
    if (a !== Boolean(correctB[i])) {
      if (a) b++;
      else c++;
    }
  }
  return mcnemarTest(b, c, options);
}
