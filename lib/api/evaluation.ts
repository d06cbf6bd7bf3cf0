import { z } from "zod";

/**
 * A run's evaluation as stored with it (PATCH /api/runs/{id} `evaluation`,
 * runs.evaluation): the held-out split's metrics with confidence intervals
 * and the baseline's values (lib/eval/report.ts), and one row per named
 * slice. It is written by the notebook's Evaluate cell after the eval
 * worker computed it, and read by the run page and the product owners'
 * dashboard, which never recompute anything.
 */

const nul = (s: string) => !s.includes("\u0000");
const text = (max: number) => z.string().max(max).refine(nul, "must not contain the NUL character");
const num = z.number().nullable();

export const estimateSchema = z
  .object({
    value: num,
    lower: num,
    upper: num,
    interval: z.enum(["wilson", "bootstrap"]).nullable(),
    baseline: num,
    reason: text(500).optional(),
    undefinedResamples: z.number().int().min(0).optional(),
  })
  .strict();
export type StoredEstimate = z.infer<typeof estimateSchema>;

/** The headline metrics a slice row and the dashboard show, per task. */
export const SLICE_METRICS = {
  classification: ["accuracy", "macroF1", "rocAuc", "logLoss"],
  regression: ["mae", "rmse", "r2"],
} as const;
export type SliceMetricName = (typeof SLICE_METRICS)["classification" | "regression"][number];
const sliceMetricName = z.enum([...SLICE_METRICS.classification, ...SLICE_METRICS.regression]);

/** "Pass" means value ≥ min (accuracy, F1, AUC, R²) or value ≤ max (log loss, MAE, RMSE). */
export const sliceThresholdSchema = z
  .object({ metric: sliceMetricName, min: z.number().finite().optional(), max: z.number().finite().optional() })
  .strict()
  .refine((t) => (t.min === undefined) !== (t.max === undefined), "give either min or max");
export type SliceThreshold = z.infer<typeof sliceThresholdSchema>;

export const sliceTestSchema = z
  .object({
    /** Two-proportion z test (accuracy) or Welch's t test (per-row loss or absolute error), slice against the rest. */
    kind: z.enum(["two-proportion", "welch"]),
    statistic: num,
    p: num,
    /** Benjamini–Hochberg adjusted p over every slice of this evaluation. */
    q: num,
    /** The rest of the data's value of the tested quantity. */
    rest: num,
  })
  .strict();

export const sliceEvaluationSchema = z
  .object({
    name: text(200).pipe(z.string().trim().min(1, "must not be empty")),
    /** The slice language (lib/eval/slices), as typed. */
    definition: text(5000),
    rows: z.number().int().min(0),
    /** Below the evaluation's minimum support: shown greyed, not trusted. */
    lowSupport: z.boolean(),
    metrics: z.partialRecord(sliceMetricName, estimateSchema),
    test: sliceTestSchema.nullable(),
    /** Shown on the dashboard. */
    pinned: z.boolean().default(false),
    threshold: sliceThresholdSchema.nullable().default(null),
    /** Why the slice has no numbers (e.g. a column the data no longer has). */
    error: text(1000).optional(),
  })
  .strict();
export type SliceEvaluation = z.infer<typeof sliceEvaluationSchema>;

const meanSd = z.object({ mean: num, sd: num }).strict();
export const learningCurveSchema = z
  .object({
    metricName: z.enum(["accuracy", "rmse"]),
    fractions: z.array(z.number().gt(0).max(1)).min(1).max(20),
    repeats: z.number().int().min(1).max(20),
    points: z
      .array(z.object({ fraction: z.number(), repeat: z.number().int().min(0), trainRows: z.number().int().min(0), train: num, validation: num, slices: z.record(text(200), num).optional() }).strict())
      .max(400),
    /** slices: the test-split metric on each named slice, mean ± sd. */
    summary: z.array(z.object({ fraction: z.number(), trainRows: z.number().int().min(0), train: meanSd, validation: meanSd, slices: z.record(text(200), meanSd).optional() }).strict()).max(20),
  })
  .strict();

export const runEvaluationSchema = z
  .object({
    evaluatedAt: z.iso.datetime({ offset: true }),
    split: z.enum(["test", "validation"]),
    rows: z.number().int().min(0),
    /** The data the evaluation read, which may have changed since training. */
    datasetFingerprint: text(200).nullable(),
    classes: z.array(text(500)).max(10_000).nullable(),
    minSupport: z.number().int().min(1),
    /** lib/eval/report.ts EvaluationReport (residuals cut to MAX_STORED_RESIDUALS). */
    report: z.record(z.string(), z.unknown()),
    slices: z.array(sliceEvaluationSchema).max(500),
    /** lib/train/learning-curve.ts LearningCurve, when one was drawn. */
    learningCurve: learningCurveSchema.nullable().optional(),
  })
  .strict();
export type RunEvaluation = z.infer<typeof runEvaluationSchema>;

/** Residuals kept with a stored regression report: enough for a plot, not the whole split. */
export const MAX_STORED_RESIDUALS = 2000;
