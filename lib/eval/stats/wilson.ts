import { checkCount, checkLevel } from "./errors";
import { wilsonInterval as wilsonOfProportion } from "../intervals";

/*
 * The Wilson (1927) score interval for a binomial proportion, the interval
 * the issue asks for on every proportion (accuracy, rates): unlike the
 * Wald interval it stays inside [0, 1] and keeps close to its nominal
 * coverage for small n and proportions near 0 or 1 (Newcombe 1998,
 * "Two-sided confidence intervals for the single proportion", Statistics
 * in Medicine 17:857–872, method 3).
 */

export interface ProportionInterval {
  /** x / n; NaN when n = 0. */
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Wilson interval for `successes` out of `n` at `level` (default 0.95); all
 * NaN when n = 0. The counts are checked here; the formula is the metrics'
 * own (lib/eval/intervals.ts, which also takes a weighted effective n).
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): ProportionInterval {
  checkCount(successes, n);
  checkLevel(level);
  if (n === 0) return { estimate: NaN, lower: NaN, upper: NaN };
  const { lower, upper } = wilsonOfProportion(successes / n, n, level);
  // At x = 0 or x = n the bound is exactly 0 or 1; rounding would leave it a hair off.
  return { estimate: successes / n, lower: successes === 0 ? 0 : lower, upper: successes === n ? 1 : upper };
}
