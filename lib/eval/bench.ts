import { createRandom } from "@/lib/labels/agreement/random";
import { evaluate, type EvaluateOptions, type EvaluationReport } from "./report";

/**
 * Figures for `npm run bench:eval`, without vitest: synthetic held-out
 * predictions of a plausible model, then the wall time of evaluate() with
 * every interval. The data are seeded, so runs differ only in timing.
 */
export interface SyntheticPredictions {
  y: Int32Array;
  /** Row-major [rows, classes] softmax probabilities (binary: classes = 2). */
  p: Float32Array;
}

/**
 * Each row's true class gets a logit boost of `signal`; every logit also
 * gets Gaussian noise (Box–Muller), so accuracy is well short of 1 and the
 * probabilities are spread out and mostly distinct, as a real model's are.
 */
export function syntheticPredictions(rows: number, classes: number, seed = 7, signal = 1.5): SyntheticPredictions {
  const rng = createRandom(seed);
  const y = new Int32Array(rows);
  const p = new Float32Array(rows * classes);
  const logits = new Float64Array(classes);
  for (let i = 0; i < rows; i++) {
    const c = rng.uint32() % classes;
    y[i] = c;
    let max = -Infinity;
    for (let j = 0; j < classes; j++) {
      const z = Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
      logits[j] = z + (j === c ? signal : 0);
      max = Math.max(max, logits[j]);
    }
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += (logits[j] = Math.exp(logits[j] - max));
    for (let j = 0; j < classes; j++) p[i * classes + j] = logits[j] / sum;
  }
  return { y, p };
}

export interface EvalTiming {
  task: "binary" | "multiclass";
  rows: number;
  classes: number;
  resamples: number;
  method: "rows" | "cells";
  /** Wall time of each run, ms; the first includes JIT warm-up. */
  runsMs: number[];
  medianMs: number;
}

export function timeEvaluate(rows: number, classes: number, runs = 3, options: EvaluateOptions = {}): EvalTiming {
  const { y, p } = syntheticPredictions(rows, classes);
  const task = classes === 2 ? "binary" : "multiclass";
  const runsMs: number[] = [];
  let report: EvaluationReport | null = null;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    report = evaluate(task, y, p, { resamples: 1000, ...options });
    runsMs.push(performance.now() - t);
  }
  const sorted = runsMs.slice().sort((a, b) => a - b);
  return {
    task,
    rows,
    classes,
    resamples: options.resamples ?? 1000,
    method: report!.intervals.method,
    runsMs,
    medianMs: sorted[Math.floor(sorted.length / 2)],
  };
}
