import { MAX_STORED_RESIDUALS, type RunEvaluation, type SliceEvaluation } from "@/lib/api/evaluation";
import type { LearningCurve } from "@/lib/train/learning-curve";
import type { EvaluationReport } from "./report";

/**
 * The evaluation as stored with the run (lib/api/evaluation.ts): the
 * report with its per-row residuals cut to an even sample (a regression
 * split of 200k rows would otherwise store 200k numbers nobody plots), and
 * the slices as evaluated.
 */
export function evaluationRecord(input: {
  report: EvaluationReport;
  split: "test" | "validation";
  classes: string[] | null;
  datasetFingerprint: string | null;
  minSupport: number;
  slices: SliceEvaluation[];
  learningCurve?: LearningCurve | null;
  now?: Date;
}): RunEvaluation {
  const { report } = input;
  const stored = report.task === "regression" ? { ...report, residuals: evenSample(report.residuals, MAX_STORED_RESIDUALS) } : report;
  return {
    evaluatedAt: (input.now ?? new Date()).toISOString(),
    split: input.split,
    rows: report.rows,
    datasetFingerprint: input.datasetFingerprint,
    classes: input.classes,
    minSupport: input.minSupport,
    report: JSON.parse(JSON.stringify(stored)) as Record<string, unknown>,
    slices: input.slices,
    learningCurve: input.learningCurve ?? null,
  };
}

/** At most `max` values, evenly spaced over the input, first one included. */
export function evenSample<T>(values: readonly T[], max: number): T[] {
  if (values.length <= max) return [...values];
  const step = values.length / max;
  return Array.from({ length: max }, (_, i) => values[Math.floor(i * step)]);
}
