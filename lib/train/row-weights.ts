import type { Task } from "./model-spec";

/**
 * Each training row's weight: its class weight (when balancing classes)
 * times its own weight (e.g. to favour recent rows), normalised so the
 * weights average 1 and the learning rate means the same with or without.
 * "balanced" follows scikit-learn: w_c = n / (k · n_c).
 */
export function rowWeights(task: Task, y: Float32Array, classCount: number, balance: boolean, own?: Float32Array): Float32Array {
  const n = y.length;
  const w = new Float32Array(n).fill(1);
  if (balance && task !== "regression") {
    const counts = new Float64Array(classCount);
    for (let i = 0; i < n; i++) counts[y[i]]++;
    const present = counts.filter((c) => c > 0).length;
    for (let i = 0; i < n; i++) w[i] = n / (present * counts[y[i]]);
  }
  if (own) for (let i = 0; i < n; i++) w[i] *= own[i];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i];
  const scale = sum > 0 ? n / sum : 1;
  for (let i = 0; i < n; i++) w[i] *= scale;
  return w;
}
