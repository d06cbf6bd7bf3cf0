import type { Task } from "./model-spec";
import type { SplitScore } from "./metrics";

/**
 * The model every run is compared with: the training split's majority class
 * (ties to the lower class index) or its mean. Its scores use the same
 * definitions as the model's (metrics.ts): for classification the loss is the
 * cross-entropy of predicting the training class frequencies.
 */
export interface Baseline {
  kind: "majority" | "mean";
  /** The class index predicted, or the mean. */
  value: number;
  /** Training class frequencies (classification). */
  priors: number[] | null;
}

export function fitBaseline(task: Task, yTrain: Float32Array, classCount: number): Baseline {
  if (task === "regression") {
    let sum = 0;
    for (const v of yTrain) sum += v;
    return { kind: "mean", value: yTrain.length ? sum / yTrain.length : NaN, priors: null };
  }
  const counts = new Array<number>(classCount).fill(0);
  for (const c of yTrain) counts[c]++;
  let best = 0;
  for (let k = 1; k < classCount; k++) if (counts[k] > counts[best]) best = k;
  return { kind: "majority", value: best, priors: counts.map((c) => c / Math.max(1, yTrain.length)) };
}

export function scoreBaseline(task: Task, b: Baseline, y: Float32Array): SplitScore {
  const n = y.length;
  if (n === 0) return { loss: NaN, metric: NaN };
  if (task === "regression") {
    let sq = 0;
    for (const v of y) sq += (v - b.value) ** 2;
    return { loss: sq / n, metric: Math.sqrt(sq / n) };
  }
  const priors = b.priors ?? [];
  let hits = 0;
  let loss = 0;
  // A class never seen in training gets a floor probability, so the loss stays finite.
  const floor = 1e-15;
  for (const c of y) {
    if (c === b.value) hits++;
    loss -= Math.log(Math.max(floor, priors[c] ?? 0));
  }
  return { loss: loss / n, metric: hits / n };
}
