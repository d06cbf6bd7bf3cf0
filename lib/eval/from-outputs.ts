import type { Task } from "@/lib/train/model-spec";

/**
 * The training loop's raw outputs (lib/train/loop.ts predict: one logit for
 * binary, k logits for multiclass, values for regression) as what the
 * metrics read: row-major [1 − p, p] or softmax probabilities (shifted by
 * the row's largest logit, so large logits do not overflow), or the values.
 */
export function predictionsFromOutputs(task: Task, out: Float32Array, classes: number): Float64Array {
  if (task === "regression") return Float64Array.from(out);
  if (task === "binary") {
    const p = new Float64Array(out.length * 2);
    for (let i = 0; i < out.length; i++) {
      const q = 1 / (1 + Math.exp(-out[i]));
      p[2 * i] = 1 - q;
      p[2 * i + 1] = q;
    }
    return p;
  }
  const rows = out.length / classes;
  const p = new Float64Array(out.length);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, out[r * classes + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += p[r * classes + c] = Math.exp(out[r * classes + c] - max);
    for (let c = 0; c < classes; c++) p[r * classes + c] /= sum;
  }
  return p;
}
