import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import type { InputStats } from "@/lib/onnx/feature-stats";
import { DriftError } from "./errors";
import { chiSquareSurvival } from "./gamma";

/*
 * Drift of a categorical input. Its cells are the fitted categories, then
 * "other" (any category the model was not fitted on) and "missing", each
 * with its training count from the metadata and its live count.
 */

export type CategoricalStats = Extract<InputStats, { kind: "categorical" }>;

export interface CategoryCells {
  /** Fitted categories in the metadata's order, then OTHER_CELL, then MISSING_CELL. */
  labels: string[];
  training: number[];
  live: number[];
}

export const OTHER_CELL = "(other)";
export const MISSING_CELL = "(missing)";

/**
 * Live values counted into the training cells. null and MISSING_CATEGORY
 * (what serving feeds the graph for a null) are missing; text that is not a
 * fitted category is "other", as the model itself treats it.
 */
export function categoryCells(stats: CategoricalStats, live: ArrayLike<string | null>): CategoryCells {
  const fitted = Object.keys(stats.frequencies);
  const index = new Map(fitted.map((c, i) => [c, i]));
  const counts = new Array<number>(fitted.length + 2).fill(0);
  for (let i = 0; i < live.length; i++) {
    const v = live[i];
    if (v === null || v === MISSING_CATEGORY) counts[fitted.length + 1]++;
    else if (typeof v !== "string") throw new DriftError("kind_mismatch", `"${stats.name}" value ${i}: expected text or null, got ${typeof v}`);
    else counts[index.get(v) ?? fitted.length]++;
  }
  return {
    labels: [...fitted, OTHER_CELL, MISSING_CELL],
    training: [...fitted.map((c) => stats.frequencies[c]), stats.other, stats.missing],
    live: counts,
  };
}

/**
 * Smallest expected count a cell may have, after Cochran (1954), "Some
 * methods for strengthening the common χ² tests", Biometrics 10(4) 417–451:
 * below it the chi-square approximation to the statistic's distribution
 * fails.
 */
export const MIN_EXPECTED = 5;

export interface ChiSquareResult {
  /** Σ (O − E)²/E over the cells after pooling. */
  statistic: number;
  /** Cells after pooling, minus one. */
  df: number;
  /** P(χ²_df ≥ statistic); 1 when df is 0 (nothing left to compare), NaN when either side is empty. */
  pValue: number;
}

/**
 * Chi-square goodness of fit of live counts against training counts (both
 * counts; the training ones become expected shares). Cells whose expected
 * live count is below `minExpected` (default 5) are pooled into one cell,
 * taking the next-smallest cells with them until the pool reaches
 * `minExpected`. This is how cells training never saw (expected 0) are
 * handled: merged, not dropped, so live values in them still count against
 * the pool's small expectation, and a category appearing in force (e.g. a
 * column suddenly missing) still drives the statistic up, where dropping it
 * would hide it and keeping it alone would divide by zero.
 */
export function chiSquareGoodnessOfFit(training: ArrayLike<number>, live: ArrayLike<number>, minExpected = MIN_EXPECTED): ChiSquareResult {
  if (training.length !== live.length) throw new DriftError("invalid_counts", `cell counts differ in length: ${training.length} and ${live.length}`);
  if (!(minExpected > 0)) throw new DriftError("invalid_option", `minimum expected count must be positive: ${minExpected}`);
  const trainingTotal = sum(training, "training");
  const liveTotal = sum(live, "live");
  if (trainingTotal === 0 || liveTotal === 0) return { statistic: NaN, df: 0, pValue: NaN };
  const cells = Array.from({ length: training.length }, (_, i) => ({ expected: (liveTotal * training[i]) / trainingTotal, observed: live[i] }));
  cells.sort((a, b) => a.expected - b.expected);
  const pool = { expected: 0, observed: 0 };
  let first = 0;
  let pooled = 0;
  while (first < cells.length && (cells[first].expected < minExpected || (pooled > 0 && pool.expected < minExpected))) {
    pool.expected += cells[first].expected;
    pool.observed += cells[first].observed;
    first++;
    pooled++;
  }
  const kept = cells.slice(first);
  if (pooled > 0) kept.push(pool);
  let statistic = 0;
  for (const c of kept) statistic += ((c.observed - c.expected) ** 2) / c.expected;
  const df = kept.length - 1;
  return { statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : 1 };
}

function sum(counts: ArrayLike<number>, which: string): number {
  let t = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0) || !Number.isFinite(c)) throw new DriftError("invalid_counts", `${which} count of cell ${i} is not a count: ${c}`);
    t += c;
  }
  return t;
}

/**
 * Jensen–Shannon distance in base 2, √JSD with
 * JSD(p, q) = ½ KL(p‖m) + ½ KL(q‖m), m = ½(p + q), as
 * scipy.spatial.distance.jensenshannon(p, q, base=2). p and q are counts or
 * shares over the same cells (each is normalised). In base 2 it lies in
 * [0, 1]: 0 for identical distributions, 1 for disjoint ones; a metric, and
 * finite even where one side has zeros, so no cell needs merging.
 * NaN when either side sums to zero.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new DriftError("invalid_counts", `distributions differ in length: ${p.length} and ${q.length}`);
  const tp = sum(p, "first");
  const tq = sum(q, "second");
  if (tp === 0 || tq === 0) return NaN;
  let jsd = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] / tp;
    const b = q[i] / tq;
    const m = (a + b) / 2;
    // 0·log 0 = 0; m > 0 whenever a or b is.
    if (a > 0) jsd += (a / 2) * Math.log2(a / m);
    if (b > 0) jsd += (b / 2) * Math.log2(b / m);
  }
  // Rounding can leave JSD a hair outside [0, 1].
  return Math.sqrt(Math.min(Math.max(jsd, 0), 1));
}
