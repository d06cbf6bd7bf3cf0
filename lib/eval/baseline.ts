import type { Baseline } from "@/lib/train/baseline";
import { definedMean } from "./classification";
import { scoresFromConfusion, type ClassScores } from "./confusion";
import type { ClassificationData, RegressionData } from "./input";
import { LOG_LOSS_EPS } from "./probabilistic";
import { regressionMetrics, type RegressionMetrics } from "./regression";

/**
 * The comparison model's value for every metric. It predicts the same
 * probability vector q for every row — the training split's class
 * frequencies when a training Baseline (lib/train/baseline.ts) is given,
 * otherwise the evaluation labels' own frequencies — and so the majority
 * class; for regression, the training mean or the evaluation mean.
 * Computed in closed form from class totals rather than by scoring n
 * copies of q (a test checks the two agree).
 */
export interface ClassificationBaseline {
  source: "training" | "evaluation";
  /** The constant probability vector. */
  probabilities: number[];
  predictedClass: number;
  scores: ClassScores;
  rocAuc: number[];
  averagePrecision: number[];
  headlineAuc: number;
  headlineAp: number;
  logLoss: number;
  brier: number;
  ece: number;
}

export function classificationBaseline(data: ClassificationData, given?: Baseline | null): ClassificationBaseline {
  const k = data.classes;
  const support = new Float64Array(k);
  for (let i = 0; i < data.rows; i++) support[data.y[i]] += data.weights ? data.weights[i] : 1;
  let total = 0;
  for (const v of support) total += v;
  const prevalence = Array.from(support, (v) => v / total);

  let q: number[];
  if (given && given.kind === "majority") {
    q = given.priors && given.priors.length === k ? given.priors.slice() : Array.from({ length: k }, (_, c) => (c === given.value ? 1 : 0));
  } else {
    q = prevalence.slice();
  }
  let m = 0;
  for (let c = 1; c < k; c++) if (q[c] > q[m]) m = c;

  // Every row is predicted m: the confusion matrix has one non-zero column.
  const confusion = new Float64Array(k * k);
  for (let c = 0; c < k; c++) confusion[c * k + m] = support[c];
  const auc = prevalence.map((pi) => (pi > 0 && pi < 1 ? 0.5 : NaN));
  const ap = prevalence.map((pi) => (pi > 0 ? pi : NaN));

  let logLoss = 0;
  let brier = 0;
  for (let c = 0; c < k; c++) {
    if (prevalence[c] === 0) continue;
    logLoss -= prevalence[c] * Math.log(Math.min(Math.max(q[c], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS));
    if (data.task === "binary") brier += prevalence[c] * (q[1] - c) ** 2;
    else {
      let s = 0;
      for (let j = 0; j < k; j++) s += (q[j] - (j === c ? 1 : 0)) ** 2;
      brier += prevalence[c] * s;
    }
  }
  // One reliability bin holds every row.
  const ece = data.task === "binary" ? Math.abs(prevalence[1] - q[1]) : Math.abs(prevalence[m] - q[m]);

  return {
    source: given && given.kind === "majority" ? "training" : "evaluation",
    probabilities: q,
    predictedClass: m,
    scores: scoresFromConfusion(confusion, k),
    rocAuc: auc,
    averagePrecision: ap,
    headlineAuc: data.task === "binary" ? auc[1] : definedMean(auc),
    headlineAp: data.task === "binary" ? ap[1] : definedMean(ap),
    logLoss,
    brier,
    ece,
  };
}

export interface RegressionBaseline {
  source: "training" | "evaluation";
  value: number;
  metrics: RegressionMetrics;
}

export function regressionBaseline(data: RegressionData, given?: Baseline | null): RegressionBaseline {
  let value: number;
  if (given && given.kind === "mean" && Number.isFinite(given.value)) value = given.value;
  else {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < data.rows; i++) {
      const w = data.weights ? data.weights[i] : 1;
      sum += w * data.y[i];
      total += w;
    }
    value = sum / total;
  }
  const r = new Float64Array(data.rows);
  for (let i = 0; i < data.rows; i++) r[i] = data.y[i] - value;
  return {
    source: given && given.kind === "mean" && Number.isFinite(given.value) ? "training" : "evaluation",
    value,
    metrics: regressionMetrics(data.y, r, data.weights),
  };
}
