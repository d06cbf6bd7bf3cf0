import type { Task } from "./model-spec";

/**
 * The headline metric per epoch and split: accuracy for classification,
 * RMSE for regression, with the unweighted mean loss. Computed from the
 * model's outputs in plain arrays (the evaluation issue adds the full set).
 */
export interface SplitScore {
  loss: number;
  /** Accuracy (classification) or RMSE (regression). */
  metric: number;
}

/** `out` is row-major [n, units]: one logit (binary), class logits (multiclass) or the value. */
export function scoreOutputs(task: Task, out: Float32Array, y: Float32Array, units: number): SplitScore {
  const n = y.length;
  if (n === 0) return { loss: NaN, metric: NaN };
  let loss = 0;
  let hits = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    if (task === "binary") {
      const z = out[i];
      loss += Math.max(z, 0) - y[i] * z + Math.log1p(Math.exp(-Math.abs(z)));
      if ((z > 0 ? 1 : 0) === y[i]) hits++;
    } else if (task === "multiclass") {
      let max = -Infinity;
      let arg = 0;
      for (let k = 0; k < units; k++) {
        const v = out[i * units + k];
        if (v > max) [max, arg] = [v, k];
      }
      let sum = 0;
      for (let k = 0; k < units; k++) sum += Math.exp(out[i * units + k] - max);
      loss += Math.log(sum) + max - out[i * units + y[i]];
      if (arg === y[i]) hits++;
    } else {
      const d = out[i] - y[i];
      sq += d * d;
    }
  }
  return task === "regression" ? { loss: sq / n, metric: Math.sqrt(sq / n) } : { loss: loss / n, metric: hits / n };
}

export function metricName(task: Task): "accuracy" | "rmse" {
  return task === "regression" ? "rmse" : "accuracy";
}
