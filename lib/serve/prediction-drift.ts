import type { LoggedOutputs } from "@/lib/api/monitoring";
import { numericStats } from "@/lib/onnx/feature-stats";
import { MIN_WINDOW_ROWS, driftOfInput, type InputDrift } from "./drift/window";

/**
 * Prediction drift: the live window's predictions against those of the
 * first window the version served. The file carries no distribution of the
 * model's own outputs on training data, and the first days in production
 * are the baseline an operator compares with anyway. The predictions are
 * judged as one more input would be: predicted classes as a category
 * (chi-square, or Jensen–Shannon from 1,000 rows), predicted values as a
 * number on the reference's deciles (KS and PSI, or normalised W1 and PSI).
 */
export type PredictionDrift = InputDrift & { referenceRows: number };

export function predictionDrift(task: "classification" | "regression", reference: LoggedOutputs[], live: LoggedOutputs[]): PredictionDrift | null {
  if (task === "regression") {
    const ref = reference.flatMap((o) => o.value ?? []);
    if (ref.length < MIN_WINDOW_ROWS) return null;
    const stats = { name: "prediction", kind: "numeric" as const, ...numericStats(Float64Array.from(ref, (v) => v ?? NaN)) };
    return { ...driftOfInput(stats, live.flatMap((o) => o.value ?? []))[0], referenceRows: ref.length };
  }
  const ref = reference.flatMap((o) => o.label ?? []);
  if (ref.length < MIN_WINDOW_ROWS) return null;
  const frequencies: Record<string, number> = {};
  for (const l of ref) frequencies[l] = (frequencies[l] ?? 0) + 1;
  const stats = { name: "prediction", kind: "categorical" as const, count: ref.length, missing: 0, frequencies, other: 0 };
  return { ...driftOfInput(stats, live.flatMap((o) => o.label ?? []))[0], referenceRows: ref.length };
}
