import type { Baseline } from "@/lib/train/baseline";
import type { Task } from "@/lib/train/model-spec";
import { classificationBaseline, regressionBaseline } from "./baseline";
import { classificationIntervals } from "./bootstrap-classification";
import { regressionIntervals } from "./bootstrap-regression";
import { DEFAULT_CALIBRATION_BINS, type CalibrationBasis } from "./calibration";
import { classificationMetrics, prepareClassification } from "./classification";
import { EvalError } from "./errors";
import { bootstrapEstimate, finiteOrNull, wilsonEstimate, type Estimate } from "./estimate";
import { classificationData, regressionData, type Labels, type Probabilities, type Values } from "./input";
import { effectiveSize, resolveBootstrap, wilsonInterval, type BootstrapOptions } from "./intervals";
import { regressionMetrics, residuals } from "./regression";
import { checkCells, DEFAULT_CELLS, type BootstrapMethod } from "./resampling";

export type { Estimate } from "./estimate";

/**
 * Every metric of a run's held-out predictions with its confidence
 * interval and the baseline's value, as the plain JSON the UI renders and
 * the store keeps (numbers, strings, arrays; null for undefined values).
 */
export interface EvaluateOptions extends BootstrapOptions {
  /** Per-row weights (scikit-learn's sample_weight); omitted means 1 each. */
  weights?: Values | null;
  /** The training split's baseline (lib/train/baseline.ts); omitted means one fitted on the evaluated labels. */
  baseline?: Baseline | null;
  /** Equal-width reliability bins; default 10. */
  calibrationBins?: number;
  /** How resamples are drawn (resampling.ts); default "auto". */
  method?: BootstrapMethod;
  /** Cells per resampled value set on the cell path; default 256. */
  cells?: number;
}

export interface IntervalSettings {
  level: number;
  resamples: number;
  seed: number;
  method: "rows" | "cells";
  cells: number;
}

export interface ClassReport {
  class: number;
  /** Weight of rows with this label. */
  support: number;
  /** Weight of rows predicted as this class. */
  predicted: number;
  precision: Estimate;
  recall: Estimate;
  f1: Estimate;
  /** This class against the rest. */
  rocAuc: Estimate;
  averagePrecision: Estimate;
}

export interface CalibrationBinReport {
  lower: number;
  upper: number;
  rows: number;
  weight: number;
  meanPredicted: number | null;
  /** Fraction of positives (binary) or accuracy (multiclass), with its Wilson interval. */
  observed: Estimate;
}

export interface ClassificationReport {
  task: "binary" | "multiclass";
  rows: number;
  classes: number;
  weighted: boolean;
  intervals: IntervalSettings;
  baseline: { kind: "majority"; source: "training" | "evaluation"; probabilities: number[]; predictedClass: number };
  accuracy: Estimate;
  perClass: ClassReport[];
  /** Averages over the classes present in labels or predictions, scikit-learn's zero_division=0. */
  macro: { precision: Estimate; recall: Estimate; f1: Estimate };
  /** Pooled over classes; for single-label data each equals accuracy. */
  micro: { precision: Estimate; recall: Estimate; f1: Estimate };
  /** Averages weighted by support. */
  weightedAverage: { precision: Estimate; recall: Estimate; f1: Estimate };
  /** Binary: the positive class (1). Multiclass: one-vs-rest macro average. */
  rocAuc: Estimate;
  averagePrecision: Estimate;
  /** Natural log, probabilities clipped to [1e-15, 1 − 1e-15]. */
  logLoss: Estimate;
  /** Binary: mean (p1 − y)². Multiclass: Brier's sum over classes. */
  brier: Estimate;
  calibration: { basis: CalibrationBasis; bins: CalibrationBinReport[]; ece: Estimate };
  /** Weighted counts, [true class][predicted class]. */
  confusion: number[][];
}

export interface RegressionReport {
  task: "regression";
  rows: number;
  weighted: boolean;
  intervals: IntervalSettings;
  baseline: { kind: "mean"; source: "training" | "evaluation"; value: number };
  mae: Estimate;
  rmse: Estimate;
  r2: Estimate;
  /** y − ŷ per row, in input order, for residual-against-feature plots. */
  residuals: number[];
}

export type EvaluationReport = ClassificationReport | RegressionReport;

export function evaluate(task: "binary" | "multiclass", y: Labels, p: Probabilities, options?: EvaluateOptions): ClassificationReport;
export function evaluate(task: "regression", y: Values, yhat: Values, options?: EvaluateOptions): RegressionReport;
export function evaluate(task: Task, y: Labels, predictions: Values, options?: EvaluateOptions): EvaluationReport;
export function evaluate(task: Task, y: Labels, predictions: Values, options: EvaluateOptions = {}): EvaluationReport {
  const settings = resolveBootstrap(options);
  const cells = checkCells(options.cells ?? DEFAULT_CELLS);
  if (task === "regression") {
    if (y instanceof Int32Array) throw new EvalError("invalid_value", "regression targets must be a Float32Array or Float64Array: Int32Array");
    return evaluateRegression(y, predictions, options, settings, cells);
  }
  if (task !== "binary" && task !== "multiclass") throw new EvalError("invalid_option", `task must be binary, multiclass or regression: ${String(task)}`);
  const bins = options.calibrationBins ?? DEFAULT_CALIBRATION_BINS;
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new EvalError("invalid_option", `calibration bins must be an integer from 1 to 1000: ${bins}`);

  const data = classificationData(task, y, predictions, options.weights);
  const prep = prepareClassification(data, bins);
  const point = classificationMetrics(prep, data.weights);
  const base = classificationBaseline(data, options.baseline);
  const boot = classificationIntervals(prep, point, settings, { method: options.method, cells });
  const k = data.classes;
  const s = point.scores;
  const L = settings.level;

  // Σw and Σw² per true class, per predicted class and per reliability bin, for Wilson's n.
  const w2True = new Float64Array(k);
  const w2Pred = new Float64Array(k);
  const w2Bin = new Float64Array(bins);
  let w2All = 0;
  for (let i = 0; i < data.rows; i++) {
    const w = data.weights ? data.weights[i] : 1;
    w2True[data.y[i]] += w * w;
    w2Pred[prep.predicted[i]] += w * w;
    w2Bin[prep.calibration.bin[i]] += w * w;
    w2All += w * w;
  }
  const wilson = (value: number, sumW: number, sumW2: number, baseline: number, reason: string): Estimate =>
    wilsonEstimate(value, wilsonInterval(value, effectiveSize(sumW, sumW2), L), baseline, reason);

  const accuracy = wilson(s.accuracy, s.total, w2All, base.scores.accuracy, "no rows carry weight");
  const perClass: ClassReport[] = [];
  for (let c = 0; c < k; c++) {
    const noPredictions = `no row is predicted as class ${c}, so its precision is undefined`;
    const noSupport = `no row has label ${c}, so its recall is undefined`;
    perClass.push({
      class: c,
      support: s.support[c],
      predicted: s.predicted[c],
      precision: wilson(s.predicted[c] > 0 ? s.precision[c] : NaN, s.predicted[c], w2Pred[c], base.scores.precision[c], noPredictions),
      recall: wilson(s.support[c] > 0 ? s.recall[c] : NaN, s.support[c], w2True[c], base.scores.recall[c], noSupport),
      f1: bootstrapEstimate(
        s.support[c] > 0 || s.predicted[c] > 0 ? s.f1[c] : NaN,
        boot.f1[c],
        base.scores.f1[c],
        `class ${c} neither occurs nor is predicted`,
      ),
      rocAuc: bootstrapEstimate(point.rocAuc[c], boot.rocAuc[c], base.rocAuc[c], oneClassReason(c, s.support[c], s.total)),
      averagePrecision: bootstrapEstimate(
        point.averagePrecision[c],
        boot.averagePrecision[c],
        base.averagePrecision[c],
        `no row has label ${c}: average precision needs at least one positive`,
      ),
    });
  }
  const avg = (v: number, ci: (typeof boot.macro)["f1"], b: number) => bootstrapEstimate(v, ci, b, "no class occurs");
  const rel = point.reliability;
  return {
    task,
    rows: data.rows,
    classes: k,
    weighted: data.weights !== null,
    intervals: { ...settings, method: boot.method, cells },
    baseline: { kind: "majority", source: base.source, probabilities: base.probabilities, predictedClass: base.predictedClass },
    accuracy,
    perClass,
    macro: {
      precision: avg(s.macro.precision, boot.macro.precision, base.scores.macro.precision),
      recall: avg(s.macro.recall, boot.macro.recall, base.scores.macro.recall),
      f1: avg(s.macro.f1, boot.macro.f1, base.scores.macro.f1),
    },
    micro: { precision: accuracy, recall: accuracy, f1: accuracy },
    weightedAverage: {
      precision: avg(s.weighted.precision, boot.weighted.precision, base.scores.weighted.precision),
      recall: avg(s.weighted.recall, boot.weighted.recall, base.scores.weighted.recall),
      f1: avg(s.weighted.f1, boot.weighted.f1, base.scores.weighted.f1),
    },
    rocAuc: bootstrapEstimate(
      point.headlineAuc,
      boot.headlineAuc,
      base.headlineAuc,
      task === "binary" ? oneClassReason(1, s.support[1], s.total) : "no class has both positive and negative rows, so no one-vs-rest ROC AUC is defined",
    ),
    averagePrecision: bootstrapEstimate(
      point.headlineAp,
      boot.headlineAp,
      base.headlineAp,
      task === "binary" ? "no row has label 1: average precision needs at least one positive" : "no class occurs",
    ),
    logLoss: bootstrapEstimate(point.logLoss, boot.logLoss, base.logLoss, "no rows carry weight"),
    brier: bootstrapEstimate(point.brier, boot.brier, base.brier, "no rows carry weight"),
    calibration: {
      basis: rel.basis,
      bins: rel.bins.map((b, i) => ({
        lower: b.lower,
        upper: b.upper,
        rows: b.rows,
        weight: b.weight,
        meanPredicted: finiteOrNull(b.meanPredicted),
        observed: wilson(b.observed, b.weight, w2Bin[i], NaN, "the bin is empty"),
      })),
      ece: bootstrapEstimate(rel.ece, boot.ece, base.ece, "no rows carry weight"),
    },
    confusion: Array.from({ length: k }, (_, t) => Array.from(point.confusion.subarray(t * k, (t + 1) * k))),
  };
}

function oneClassReason(c: number, support: number, total: number): string {
  if (support > 0 && support < total) return `ROC AUC for class ${c} is undefined: its rows or the others carry no weight`;
  return `only one class is present (${support > 0 ? `every row is class ${c}` : `no row is class ${c}`}): ROC AUC needs positive and negative rows`;
}

function evaluateRegression(
  y: Values,
  yhat: Values,
  options: EvaluateOptions,
  settings: ReturnType<typeof resolveBootstrap>,
  cells: number,
): RegressionReport {
  const data = regressionData(y, yhat, options.weights);
  const r = residuals(data);
  const point = regressionMetrics(data.y, r, data.weights);
  const base = regressionBaseline(data, options.baseline);
  const boot = regressionIntervals(data, r, point, settings, { method: options.method, cells });
  return {
    task: "regression",
    rows: data.rows,
    weighted: data.weights !== null,
    intervals: { ...settings, method: boot.method, cells },
    baseline: { kind: "mean", source: base.source, value: base.value },
    mae: bootstrapEstimate(point.mae, boot.mae, base.metrics.mae, "no rows carry weight"),
    rmse: bootstrapEstimate(point.rmse, boot.rmse, base.metrics.rmse, "no rows carry weight"),
    r2: bootstrapEstimate(point.r2, boot.r2, base.metrics.r2, "the target is constant, so R² is undefined"),
    residuals: Array.from(r),
  };
}
