import { EvalError } from "./errors";

/** Probabilities row-major [rows, classes], as a model's softmax or sigmoid writes them. */
export type Probabilities = Float32Array | Float64Array;
/** Class indexes; float arrays are accepted because the training code keeps labels as Float32Array. */
export type Labels = Int32Array | Float32Array | Float64Array;
export type Values = Float32Array | Float64Array;

export interface ClassificationData {
  task: "binary" | "multiclass";
  rows: number;
  /** At least 2; a binary task always has 2. */
  classes: number;
  y: Int32Array;
  /** Row-major [rows, classes]; for binary, column 1 is the positive class. */
  p: Probabilities;
  /** Null when every row weighs 1 (the fast paths check this). */
  weights: Float64Array | null;
}

export interface RegressionData {
  rows: number;
  y: Values;
  yhat: Values;
  weights: Float64Array | null;
}

/**
 * Checks and normalises classification input. A binary task may pass one
 * probability per row (p1) or two (p0, p1); one column is widened to two so
 * every metric reads the same layout.
 */
export function classificationData(
  task: "binary" | "multiclass",
  labels: Labels,
  p: Probabilities,
  weights?: Values | null,
): ClassificationData {
  const rows = labels.length;
  if (rows === 0) throw new EvalError("empty_input", "no rows to evaluate: 0 labels");
  if (p.length % rows !== 0) {
    throw new EvalError("length_mismatch", `probabilities are not a whole number of columns per row: ${p.length} values for ${rows} rows`);
  }
  const width = p.length / rows;
  if (task === "binary" && width !== 1 && width !== 2) {
    throw new EvalError("class_count_mismatch", `a binary task needs 1 or 2 probability columns: ${width}`);
  }
  if (task === "multiclass" && width < 2) {
    throw new EvalError("class_count_mismatch", `a multiclass task needs at least 2 probability columns: ${width}`);
  }
  const classes = task === "binary" ? 2 : width;
  const y = labels instanceof Int32Array ? labels : new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= classes) {
      const problem = Number.isInteger(c) && c >= classes ? "class_count_mismatch" : "invalid_label";
      throw new EvalError(problem, `label of row ${i} is not a class in 0..${classes - 1}: ${c}`);
    }
    if (y !== labels) y[i] = c;
  }
  for (let j = 0; j < p.length; j++) {
    const v = p[j];
    if (!(v >= 0 && v <= 1)) {
      throw new EvalError("invalid_probability", `probability of row ${Math.floor(j / width)} column ${j % width} is not in [0, 1]: ${v}`);
    }
  }
  let probabilities = p;
  if (width === 1) {
    const wide = new Float64Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      wide[2 * i] = 1 - p[i];
      wide[2 * i + 1] = p[i];
    }
    probabilities = wide;
  }
  return { task, rows, classes, y, p: probabilities, weights: checkWeights(weights, rows) };
}

export function regressionData(y: Values, yhat: Values, weights?: Values | null): RegressionData {
  const rows = y.length;
  if (rows === 0) throw new EvalError("empty_input", "no rows to evaluate: 0 targets");
  if (yhat.length !== rows) throw new EvalError("length_mismatch", `predictions and targets differ in length: ${yhat.length} and ${rows}`);
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(y[i])) throw new EvalError("invalid_value", `target of row ${i} is not a finite number: ${y[i]}`);
    if (!Number.isFinite(yhat[i])) throw new EvalError("invalid_value", `prediction of row ${i} is not a finite number: ${yhat[i]}`);
  }
  return { rows, y, yhat, weights: checkWeights(weights, rows) };
}

function checkWeights(weights: Values | null | undefined, rows: number): Float64Array | null {
  if (weights == null) return null;
  if (weights.length !== rows) throw new EvalError("length_mismatch", `weights and rows differ in length: ${weights.length} and ${rows}`);
  const w = new Float64Array(rows);
  let total = 0;
  let allOne = true;
  for (let i = 0; i < rows; i++) {
    const v = weights[i];
    if (!(v >= 0 && v < Infinity)) throw new EvalError("invalid_weight", `weight of row ${i} is not a finite number ≥ 0: ${v}`);
    w[i] = v;
    total += v;
    if (v !== 1) allOne = false;
  }
  if (!(total > 0)) throw new EvalError("invalid_weight", `weights sum to zero: ${rows} rows`);
  return allOne ? null : w;
}
