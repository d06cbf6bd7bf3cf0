import type { Predictions } from "@/lib/train/predict-snapshot";
import type { Precision } from "./model-graph";

/**
 * The parity gate: the exported model's answers against TensorFlow.js's on
 * the same raw rows. fp32 must agree value by value; int8 changes numbers by
 * design, so it must agree on the decision and the metric.
 */
export interface ParityThresholds {
  /** fp32: largest |Δ probability| (classification) or |Δ value| / max(1, |value|) (regression). Default 1e-4. */
  fp32MaxDiff: number;
  /** int8, classification: least share of rows with the same predicted class. Default 0.99. */
  int8MinAgreement: number;
  /**
   * int8: largest metric change, in points: accuracy points (0.01 = 1 point)
   * for classification; for regression, RMSE change relative to the TF.js RMSE
   * (0.01 = 1 %). Default 0.01.
   */
  int8MaxMetricChange: number;
}

export const DEFAULT_THRESHOLDS: ParityThresholds = { fp32MaxDiff: 1e-4, int8MinAgreement: 0.99, int8MaxMetricChange: 0.01 };

export interface WorstRow {
  /** Index into the checked rows (0-based). */
  index: number;
  /** Table row, when the caller passed them. */
  row: number;
  diff: number;
  tfjs: number[];
  onnx: number[];
}

export interface ParityReport {
  precision: Precision;
  rows: number;
  /** Largest difference as fp32MaxDiff measures it. */
  maxDiff: number;
  /** Share of rows with the same predicted class (1 for regression). */
  agreement: number;
  metricName: "accuracy" | "rmse";
  /** Against the given labels; null when no row has one. */
  metricTfjs: number | null;
  metricOnnx: number | null;
  /** metricOnnx − metricTfjs (regression: relative to metricTfjs). */
  metricChange: number | null;
  passed: boolean;
  /** Why it failed, in words; empty when it passed. */
  reasons: string[];
  /** The rows that differ most, largest first. */
  worst: WorstRow[];
}

const WORST = 10;

/**
 * `truth`: class index (classification) or value (regression) per row, NaN
 * where unknown. `tableRows`: which table row each checked row is, for the
 * worst-rows list.
 */
export function checkParity(
  precision: Precision,
  tfjs: Predictions,
  onnx: Predictions,
  truth: Float32Array | Float64Array,
  thresholds: ParityThresholds = DEFAULT_THRESHOLDS,
  tableRows?: Int32Array,
): ParityReport {
  const width = tfjs.kind === "classes" ? tfjs.classes : 1;
  const a = tfjs.kind === "classes" ? tfjs.probabilities : tfjs.values;
  const b = onnx.kind === "classes" ? onnx.probabilities : onnx.values;
  if (tfjs.kind !== onnx.kind || a.length !== b.length || (onnx.kind === "classes" && onnx.classes !== width)) {
    throw new Error(`parity: TF.js gave ${a.length} ${tfjs.kind}, ONNX ${b.length} ${onnx.kind}`);
  }
  const n = a.length / width;
  const diffs = new Float64Array(n);
  let agree = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let k = 0; k < width; k++) {
      const x = a[i * width + k];
      const y = b[i * width + k];
      const delta = Number.isNaN(x) !== Number.isNaN(y) ? Infinity : Math.abs(x - y);
      d = Math.max(d, tfjs.kind === "values" ? delta / Math.max(1, Math.abs(x)) : delta);
    }
    diffs[i] = d;
    if (tfjs.kind === "values" || argmax(a, i, width) === argmax(b, i, width)) agree++;
  }
  const maxDiff = n === 0 ? 0 : diffs.reduce((m, d) => Math.max(m, d), 0);
  const agreement = n === 0 ? 1 : agree / n;
  const metricTfjs = metric(tfjs.kind, a, width, truth);
  const metricOnnx = metric(tfjs.kind, b, width, truth);
  const metricChange =
    metricTfjs === null || metricOnnx === null ? null : tfjs.kind === "values" ? (metricOnnx - metricTfjs) / Math.max(metricTfjs, Number.EPSILON) : metricOnnx - metricTfjs;

  const reasons: string[] = [];
  if (n === 0) reasons.push("no rows to check: the test split is empty");
  if (precision === "fp32" && !(maxDiff <= thresholds.fp32MaxDiff)) {
    reasons.push(`largest difference ${fmt(maxDiff)} is above ${fmt(thresholds.fp32MaxDiff)}`);
  }
  if (precision === "int8") {
    if (agreement < thresholds.int8MinAgreement) reasons.push(`same class on ${pct(agreement)} of rows, below ${pct(thresholds.int8MinAgreement)}`);
    // Only a worse metric fails the gate; quantization noise that happens to help is not a defect.
    const worse = metricChange === null ? 0 : tfjs.kind === "values" ? metricChange : -metricChange;
    if (worse > thresholds.int8MaxMetricChange) {
      reasons.push(`${tfjs.kind === "values" ? "RMSE" : "accuracy"} is worse by ${tfjs.kind === "values" ? pct(worse) : `${(worse * 100).toFixed(2)} points`}, above ${tfjs.kind === "values" ? pct(thresholds.int8MaxMetricChange) : `${(thresholds.int8MaxMetricChange * 100).toFixed(2)} points`}`);
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => diffs[y] - diffs[x]);
  const worst = order.slice(0, WORST).map((i) => ({
    index: i,
    row: tableRows ? tableRows[i] : i,
    diff: diffs[i],
    tfjs: Array.from(a.subarray(i * width, (i + 1) * width)),
    onnx: Array.from(b.subarray(i * width, (i + 1) * width)),
  }));
  return {
    precision,
    rows: n,
    maxDiff,
    agreement,
    metricName: tfjs.kind === "values" ? "rmse" : "accuracy",
    metricTfjs,
    metricOnnx,
    metricChange,
    passed: reasons.length === 0,
    reasons,
    worst,
  };
}

function argmax(v: Float32Array, i: number, width: number): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (v[i * width + k] > v[i * width + best]) best = k;
  return best;
}

/** Accuracy or RMSE over rows with a known truth; null when there are none. */
function metric(kind: Predictions["kind"], v: Float32Array, width: number, truth: ArrayLike<number>): number | null {
  let n = 0;
  let acc = 0;
  for (let i = 0; i < truth.length; i++) {
    if (Number.isNaN(truth[i])) continue;
    n++;
    if (kind === "classes") acc += argmax(v, i, width) === truth[i] ? 1 : 0;
    else acc += (v[i] - truth[i]) ** 2;
  }
  if (n === 0) return null;
  return kind === "classes" ? acc / n : Math.sqrt(acc / n);
}

const fmt = (v: number) => (v === Infinity ? "∞ (a NaN on one side)" : v.toExponential(2));
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
