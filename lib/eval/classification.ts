import { calibrationRows, DEFAULT_CALIBRATION_BINS, reliability, type CalibrationRows, type Reliability } from "./calibration";
import { confusionMatrix, predictedClasses, scoresFromConfusion, type ClassScores } from "./confusion";
import type { ClassificationData } from "./input";
import { brierPerRow, logLossPerRow, weightedMean } from "./probabilistic";
import { averagePrecision, rankingFor, rocAuc, type Ranking } from "./ranking";

/**
 * Every classification metric for one set of held-out predictions, as
 * point estimates. The per-row work that does not depend on the weights
 * (predicted class, each class's sort order, per-row losses, calibration
 * bins) is done once by `prepareClassification`; `classificationMetrics`
 * then reads it under any weights — the sample weights for the estimate,
 * sample weights × resample multiplicities for the exact bootstrap.
 */
export interface PreparedClassification {
  data: ClassificationData;
  predicted: Int32Array;
  /** One per class, class c against the rest. */
  rankings: Ranking[];
  logLoss: Float64Array;
  brier: Float64Array;
  calibration: CalibrationRows;
}

export interface ClassificationMetrics {
  confusion: Float64Array;
  scores: ClassScores;
  /** Per class, one-vs-rest; NaN where the class or its complement has no weight. */
  rocAuc: Float64Array;
  averagePrecision: Float64Array;
  /** Binary: the positive class's AUC. Multiclass: the one-vs-rest macro average over classes where it is defined. */
  headlineAuc: number;
  headlineAp: number;
  logLoss: number;
  brier: number;
  reliability: Reliability;
}

export function prepareClassification(data: ClassificationData, bins: number = DEFAULT_CALIBRATION_BINS): PreparedClassification {
  const { task, y, p, classes, rows } = data;
  const predicted = predictedClasses(p, rows, classes);
  const rankings: Ranking[] = [];
  for (let c = 0; c < classes; c++) rankings.push(rankingFor(p, y, classes, c));
  return {
    data,
    predicted,
    rankings,
    logLoss: logLossPerRow(y, p, classes),
    brier: brierPerRow(task, y, p, classes),
    calibration: calibrationRows(task, y, p, classes, predicted, bins),
  };
}

export function classificationMetrics(prep: PreparedClassification, weights: ArrayLike<number> | null): ClassificationMetrics {
  const { data } = prep;
  const confusion = confusionMatrix(data.y, prep.predicted, data.classes, weights);
  const auc = new Float64Array(data.classes);
  const ap = new Float64Array(data.classes);
  for (let c = 0; c < data.classes; c++) {
    auc[c] = rocAuc(prep.rankings[c], weights);
    ap[c] = averagePrecision(prep.rankings[c], weights);
  }
  return {
    confusion,
    scores: scoresFromConfusion(confusion, data.classes),
    rocAuc: auc,
    averagePrecision: ap,
    headlineAuc: data.task === "binary" ? auc[1] : definedMean(auc),
    headlineAp: data.task === "binary" ? ap[1] : definedMean(ap),
    logLoss: weightedMean(prep.logLoss, weights),
    brier: weightedMean(prep.brier, weights),
    reliability: reliability(prep.calibration, weights),
  };
}

/** Mean of the non-NaN entries; NaN when there are none. */
export function definedMean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      sum += values[i];
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}
