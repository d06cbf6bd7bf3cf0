/**
 * Single features that give the target away on the training rows: a copy of
 * the label, a column filled in after the outcome was known, an identifier
 * the model can memorise. Each is measured by how well the feature alone
 * predicts the target, with the simplest rule that can use it.
 */
import type { RawColumn, RawTarget } from "../features/raw";

/** "Almost perfectly": the share of training rows the feature alone gets right, or |r|. */
export const PROXY_THRESHOLD = 0.99;
/** Distinct values per non-missing row from which a categorical column reads as an identifier. */
export const ID_LIKE_RATIO = 0.9;
/** Below this many rows a perfect fit is too easily luck to warn about. */
const MIN_ROWS = 10;
/** A threshold sweep costs O(rows × classes); past this many classes it is skipped. */
const MAX_SWEEP_CLASSES = 64;

export type FeatureFinding =
  | { kind: "id_like"; distinctShare: number }
  /** `score`: accuracy (classification) or |Pearson r| / correlation ratio (regression), on train rows. */
  | { kind: "proxy"; score: number; measure: "accuracy" | "correlation" };

export function checkFeature(column: RawColumn, target: RawTarget, rows: Int32Array): FeatureFinding | undefined {
  if (column.kind === "categorical") {
    const present = rows.filter((i) => column.codes[i] >= 0);
    const distinct = new Set(Array.from(present, (i) => column.codes[i])).size;
    if (present.length >= MIN_ROWS && distinct >= ID_LIKE_RATIO * present.length) {
      return { kind: "id_like", distinctShare: distinct / present.length };
    }
  }
  if (rows.length < MIN_ROWS) return undefined;
  const score =
    target.kind === "classes"
      ? column.kind === "categorical" || column.kind === "boolean"
        ? groupAccuracy(column, target.codes, rows)
        : thresholdAccuracy(column.values, target.codes, rows)
      : column.kind === "categorical" || column.kind === "boolean"
        ? correlationRatio(column, target.values, rows)
        : Math.abs(pearson(column.values, target.values, rows));
  if (score === undefined || !(score >= PROXY_THRESHOLD)) return undefined;
  return { kind: "proxy", score, measure: target.kind === "classes" ? "accuracy" : "correlation" };
}

/** The value a categorical or boolean row has, missing (−1) being a value of its own. */
function valueOf(column: Extract<RawColumn, { kind: "categorical" | "boolean" }>, i: number): number {
  const v = column.kind === "categorical" ? column.codes[i] : column.values[i];
  return v < 0 ? -1 : v;
}

/**
 * Share of rows whose class is the majority class of their feature value. It
 * must also halve the errors of always guessing the overall majority class:
 * on a 99.5%-majority target every feature scores ≥ 0.99 without knowing
 * anything. Undefined when the rows hold fewer than two classes.
 */
function groupAccuracy(column: Extract<RawColumn, { kind: "categorical" | "boolean" }>, codes: Int32Array, rows: Int32Array): number | undefined {
  const perValue = new Map<number, Map<number, number>>();
  const overall = new Map<number, number>();
  for (const i of rows) {
    const v = valueOf(column, i);
    let m = perValue.get(v);
    if (!m) perValue.set(v, (m = new Map()));
    m.set(codes[i], (m.get(codes[i]) ?? 0) + 1);
    overall.set(codes[i], (overall.get(codes[i]) ?? 0) + 1);
  }
  if (overall.size < 2) return undefined;
  let correct = 0;
  for (const m of perValue.values()) correct += maxOf(m.values());
  return beatsMajority(correct, maxOf(overall.values()), rows.length);
}

/**
 * Best accuracy of one threshold on a numeric (or date) feature, each side
 * predicting its majority class, rows with a missing value forming a third
 * side: sort once, sweep the cut over every boundary between distinct values
 * keeping class counts on the left. For more than two classes a threshold
 * tells only two groups of classes apart, so this can miss a multi-class
 * proxy; it never overstates one.
 */
function thresholdAccuracy(values: Float64Array, codes: Int32Array, rows: Int32Array): number | undefined {
  let k = 0;
  for (const i of rows) k = Math.max(k, codes[i] + 1);
  if (k > MAX_SWEEP_CLASSES) return undefined;
  const total = new Int32Array(k);
  const missing = new Int32Array(k);
  const present: number[] = [];
  for (const i of rows) {
    total[codes[i]]++;
    if (Number.isNaN(values[i])) missing[codes[i]]++;
    else present.push(i);
  }
  if (total.filter((c) => c > 0).length < 2) return undefined;
  present.sort((a, b) => values[a] - values[b]);
  const right = Int32Array.from(total, (c, j) => c - missing[j]);
  const left = new Int32Array(k);
  let best = maxOf(right); // no cut: one side only
  let leftMax = 0;
  for (let p = 0; p < present.length - 1; p++) {
    const c = codes[present[p]];
    left[c]++;
    right[c]--;
    leftMax = Math.max(leftMax, left[c]);
    if (values[present[p]] === values[present[p + 1]]) continue; // not a boundary
    best = Math.max(best, leftMax + maxOf(right));
  }
  return beatsMajority(best + maxOf(missing), maxOf(total), rows.length);
}

function maxOf(xs: Iterable<number>): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}

function beatsMajority(correct: number, majority: number, n: number): number | undefined {
  const errors = n - correct;
  return errors <= 0.5 * (n - majority) ? correct / n : undefined;
}

/** Pearson's r over rows where the feature is present; 0 when either side is constant. */
function pearson(x: Float64Array, y: Float64Array, rows: Int32Array): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (const i of rows) {
    if (Number.isNaN(x[i])) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < MIN_ROWS) return 0;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const i of rows) {
    if (Number.isNaN(x[i])) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * Correlation ratio η = sqrt(between-group sum of squares / total): how much
 * of a numeric target's spread a categorical feature explains; it is |r| for
 * a feature with two values. Missing is a group of its own.
 */
function correlationRatio(column: Extract<RawColumn, { kind: "categorical" | "boolean" }>, y: Float64Array, rows: Int32Array): number | undefined {
  const groups = new Map<number, { n: number; sum: number }>();
  let sum = 0;
  for (const i of rows) {
    const v = valueOf(column, i);
    const g = groups.get(v) ?? { n: 0, sum: 0 };
    g.n++;
    g.sum += y[i];
    groups.set(v, g);
    sum += y[i];
  }
  const mean = sum / rows.length;
  let total = 0;
  for (const i of rows) total += (y[i] - mean) ** 2;
  if (!(total > 0)) return undefined;
  let between = 0;
  for (const g of groups.values()) between += g.n * (g.sum / g.n - mean) ** 2;
  return Math.sqrt(Math.min(1, between / total));
}
