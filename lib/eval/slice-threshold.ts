import type { SliceMetricName, SliceThreshold } from "@/lib/api/evaluation";

/**
 * Which way each headline metric is better, so a threshold typed as one
 * number ("accuracy 0.85", "RMSE 300") becomes "at least" or "at most"
 * without the user having to say which.
 */
export const HIGHER_IS_BETTER: Record<SliceMetricName, boolean> = {
  accuracy: true,
  macroF1: true,
  rocAuc: true,
  r2: true,
  logLoss: false,
  mae: false,
  rmse: false,
};

export const METRIC_LABELS: Record<SliceMetricName, string> = {
  accuracy: "Accuracy",
  macroF1: "Macro F1",
  rocAuc: "ROC AUC",
  logLoss: "Log loss",
  mae: "MAE",
  rmse: "RMSE",
  r2: "R²",
};

export function isSliceMetric(m: string): m is SliceMetricName {
  return Object.hasOwn(HIGHER_IS_BETTER, m);
}

export function thresholdOf(metric: SliceMetricName, value: number): SliceThreshold {
  return HIGHER_IS_BETTER[metric] ? { metric, min: value } : { metric, max: value };
}

/** null when the value is unknown. */
export function passes(t: SliceThreshold, value: number | null): boolean | null {
  if (value === null) return null;
  return t.min !== undefined ? value >= t.min : value <= t.max!;
}
