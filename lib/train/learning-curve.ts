import type * as tfc from "@tensorflow/tfjs-core";
import { runJob, type TrainJob } from "./run-job";
import type { TrainHooks } from "./loop";
import { TrainError } from "./train-error";

/**
 * A learning curve: the same model, split and feature settings trained on
 * growing shares of the training split, each share `repeats` times with a
 * different subsample and initialisation seed. Train and validation metric
 * per point, then mean ± one (sample) standard deviation per share. Does
 * more data help? A validation curve still rising at 100 % says yes.
 */

export const DEFAULT_FRACTIONS = [0.1, 0.25, 0.5, 0.75, 1] as const;

export interface LearningCurvePoint {
  fraction: number;
  repeat: number;
  trainRows: number;
  train: number | null;
  validation: number | null;
  /** Test-split metric per named slice (job.sliceRows). */
  slices?: Record<string, number | null>;
}

export interface LearningCurveSummary {
  fraction: number;
  trainRows: number;
  train: { mean: number | null; sd: number | null };
  validation: { mean: number | null; sd: number | null };
  slices?: Record<string, { mean: number | null; sd: number | null }>;
}

export interface LearningCurve {
  metricName: "accuracy" | "rmse";
  fractions: number[];
  repeats: number;
  points: LearningCurvePoint[];
  summary: LearningCurveSummary[];
}

export interface LearningCurveHooks {
  /** After each trained point, with how many are done of the total. */
  onPoint?(point: LearningCurvePoint, done: number, total: number): void;
  cancelled?: TrainHooks["cancelled"];
}

export async function learningCurve(tf: typeof tfc, job: TrainJob, fractions: readonly number[], repeats: number, hooks: LearningCurveHooks = {}): Promise<LearningCurve> {
  if (fractions.length === 0 || fractions.some((f) => !(f > 0 && f <= 1))) throw new TrainError("invalid_data", `training shares must be in (0, 1]: ${fractions.join(", ")}`);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 20) throw new TrainError("invalid_data", `repeats must be a whole number from 1 to 20: ${repeats}`);
  const sorted = [...new Set(fractions)].sort((a, b) => a - b);
  const total = sorted.length * repeats;
  const points: LearningCurvePoint[] = [];
  let metricName: LearningCurve["metricName"] = "accuracy";
  for (const fraction of sorted) {
    for (let repeat = 0; repeat < repeats; repeat++) {
      const seed = job.modelSpec.seed + repeat;
      const r = await runJob(tf, { ...job, modelSpec: { ...job.modelSpec, seed }, trainSubset: { fraction, seed } }, { cancelled: hooks.cancelled });
      metricName = r.metricName;
      const point: LearningCurvePoint = { fraction, repeat, trainRows: r.rows.train, train: finite(r.scores.train.model.metric), validation: finite(r.scores.validation.model.metric) };
      if (r.sliceScores) point.slices = Object.fromEntries(r.sliceScores.map((sl) => [sl.name, sl.metric]));
      points.push(point);
      hooks.onPoint?.(point, points.length, total);
    }
  }
  return { metricName, fractions: sorted, repeats, points, summary: summarise(sorted, points) };
}

export function summarise(fractions: readonly number[], points: readonly LearningCurvePoint[]): LearningCurveSummary[] {
  return fractions.map((fraction) => {
    const at = points.filter((p) => p.fraction === fraction);
    const names = [...new Set(at.flatMap((p) => Object.keys(p.slices ?? {})))];
    const summary: LearningCurveSummary = { fraction, trainRows: at[0]?.trainRows ?? 0, train: meanSd(at.map((p) => p.train)), validation: meanSd(at.map((p) => p.validation)) };
    if (names.length > 0) summary.slices = Object.fromEntries(names.map((n) => [n, meanSd(at.map((p) => p.slices?.[n] ?? null))]));
    return summary;
  });
}

/** Mean and sample standard deviation (n − 1) of the known values; sd null below two. */
function meanSd(values: (number | null)[]): { mean: number | null; sd: number | null } {
  const v = values.filter((x): x is number => x !== null);
  if (v.length === 0) return { mean: null, sd: null };
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  if (v.length < 2) return { mean, sd: null };
  return { mean, sd: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) };
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
