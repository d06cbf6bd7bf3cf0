import { z } from "zod";
import { runEvaluationSchema, type RunEvaluation } from "./evaluation";
import { modelSpecSchema, TASKS } from "@/lib/train/model-spec";

/**
 * Bodies and replies of /api/runs: experiment tracking. A run is created
 * when training starts (status "running"), reports progress, and ends once
 * as finished, failed or cancelled; its notes and tags change any time.
 */

const nul = (s: string) => !s.includes("\u0000");
const text = (max: number) => z.string().max(max).refine(nul, "must not contain the NUL character");

export const RUN_STATUSES = ["running", "finished", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const scoreSchema = z.object({ loss: z.number().nullable(), metric: z.number().nullable() }).strict();
export const epochSchema = z
  .object({
    epoch: z.number().int().min(1),
    train: scoreSchema,
    validation: scoreSchema,
    elapsedMs: z.number().min(0),
    samplesPerSecond: z.number().min(0),
    fitMs: z.number().min(0).optional(),
  })
  .strict();
export type RunEpoch = z.infer<typeof epochSchema>;

export const runConfigSchema = z
  .object({
    task: z.enum(TASKS),
    target: text(500),
    features: z.array(text(500)).min(1).max(2000),
    /** The feature spec as chosen (lib/features/spec.ts); the fitted one is stored with the result. */
    featureSpec: z.record(z.string(), z.unknown()),
    modelSpec: modelSpecSchema,
    /** The split (lib/train/split.ts). */
    split: z.record(z.string(), z.unknown()),
    /** The SQL the training data came from, so Re-run can read the same query on the current data. */
    source: text(200_000).optional(),
    /** The column whose values weighed each training row, when one did. */
    weightColumn: text(500).nullable().optional(),
  })
  .strict();
export type RunConfig = z.infer<typeof runConfigSchema>;

export const datasetRefSchema = z
  .object({
    /** The table (or a description of the query) trained on. */
    name: text(500),
    version: z.number().int().min(1).nullable(),
    fingerprint: text(200).nullable(),
    rows: z.number().int().min(0),
  })
  .strict();

export const environmentSchema = z
  .object({
    appVersion: text(100),
    browser: text(500),
    backend: text(50),
    adapter: text(500).nullable(),
    /** Why this backend (e.g. "WebGPU adapter is a software fallback; WASM is faster here"). */
    note: text(1000).default(""),
  })
  .strict();

const parityOutcomeSchema = z
  .object({
    passed: z.boolean(),
    /** Largest |Δ probability| (or relative |Δ value|); null when a NaN appeared on one side only. */
    maxDiff: z.number().nullable(),
    /** Share of rows with the same predicted class as TF.js. */
    agreement: z.number().min(0).max(1),
    /** The test-split metric of this file's predictions. */
    metric: z.number().nullable(),
    metricChange: z.number().nullable(),
    sizeBytes: z.number().int().min(0),
    /** onnxruntime-web: the session runs over the test split (in chunks), divided by its rows. */
    msPerRow: z.number().min(0),
    reasons: z.array(text(500)).max(20),
  })
  .strict();

/** The last parity check of a run's ONNX export (lib/onnx/parity.ts), as the export dialog records it. */
export const parityRecordSchema = z
  .object({
    checkedAt: z.iso.datetime({ offset: true }),
    rows: z.number().int().min(0),
    metricName: z.enum(["accuracy", "rmse"]),
    /** TF.js's own metric on the same rows. */
    tfjsMetric: z.number().nullable(),
    thresholds: z.object({ fp32MaxDiff: z.number().positive(), int8MinAgreement: z.number().min(0).max(1), int8MaxMetricChange: z.number().min(0) }).strict(),
    fp32: parityOutcomeSchema,
    int8: parityOutcomeSchema,
    /** The dataset the check read, which may have changed since training. */
    datasetFingerprint: text(200).nullable(),
  })
  .strict();
export type ParityRecord = z.infer<typeof parityRecordSchema>;

export const createRunRequestSchema = z
  .object({
    name: text(200).pipe(z.string().trim().min(1, "must not be empty")),
    config: runConfigSchema,
    dataset: datasetRefSchema,
    labelSnapshot: text(300).nullable().default(null),
    environment: environmentSchema,
    tags: z.array(text(50).pipe(z.string().trim().min(1))).max(20).default([]),
    notes: text(20_000).default(""),
    /** The run this one repeats (Re-run). */
    parentId: z.string().uuid().nullable().default(null),
  })
  .strict();
export type CreateRunRequest = z.infer<typeof createRunRequestSchema>;

const metricsSchema = z.record(z.string(), z.unknown());

/** PATCH /api/runs/{id}: progress while running, the one ending, or notes and tags at any time. */
export const updateRunRequestSchema = z
  .object({
    /** Progress: the curves so far (replaces the stored ones; they only grow). Keeps a running run from being taken as abandoned. */
    curves: z.array(epochSchema).max(10_000).optional(),
    /** Ending: allowed once, from "running". */
    status: z.enum(["finished", "failed", "cancelled"]).optional(),
    metrics: metricsSchema.optional(),
    /** Validation accuracy (classification) or RMSE (regression): what the run list sorts by. */
    primaryMetric: z.number().nullable().optional(),
    weights: z.record(z.string(), z.unknown()).optional(),
    fittedFeatures: z.record(z.string(), z.unknown()).optional(),
    timings: z.record(z.string(), z.number()).optional(),
    error: z.object({ code: text(50), message: text(2000) }).strict().optional(),
    notes: text(20_000).optional(),
    tags: z.array(text(50).pipe(z.string().trim().min(1))).max(20).optional(),
    /** Of a finished run: its export's parity check. */
    parity: parityRecordSchema.optional(),
    /** Of a finished run: its held-out metrics and slices (replaces an earlier evaluation). */
    evaluation: runEvaluationSchema.optional(),
  })
  .strict()
  .refine((r) => Object.keys(r).length > 0, "nothing to change");
export type UpdateRunRequest = z.infer<typeof updateRunRequestSchema>;

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  task: RunConfig["task"];
  datasetName: string;
  metricName: MetricName;
  primaryMetric: number | null;
  tags: string[];
  createdAt: string;
  finishedAt: string | null;
  createdBy: string;
}

export interface Run extends RunSummary {
  config: RunConfig;
  dataset: z.infer<typeof datasetRefSchema>;
  labelSnapshot: string | null;
  environment: z.infer<typeof environmentSchema>;
  metrics: Record<string, unknown> | null;
  curves: RunEpoch[];
  weights: Record<string, unknown> | null;
  fittedFeatures: Record<string, unknown> | null;
  timings: Record<string, number> | null;
  error: { code: string; message: string } | null;
  notes: string;
  parentId: string | null;
  parity: ParityRecord | null;
  evaluation: RunEvaluation | null;
  updatedAt: string;
}

export const METRIC_NAMES = ["accuracy", "rmse"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * Which runs: shared by the list, the export and the groups. Every field
 * narrows; the metric bounds are inclusive, on primaryMetric, and leave out
 * runs without one. They compare numbers only: pair them with `metricName`
 * unless the runs share a metric (accuracy 0.9 and RMSE 0.9 both pass 0.8–1).
 */
export interface RunFilters {
  status?: RunStatus;
  tag?: string;
  dataset?: string;
  metricName?: MetricName;
  metricMin?: number;
  metricMax?: number;
}

export const RUN_SORTS = ["created", "metric", "name"] as const;
export interface RunListQuery extends RunFilters {
  sort: (typeof RUN_SORTS)[number];
  dir: "asc" | "desc";
  limit: number;
  offset: number;
}

export const RUN_GROUP_KEYS = ["tag", "dataset"] as const;
export type RunGroupKey = (typeof RUN_GROUP_KEYS)[number];

/** The best run of a group for one metric: highest accuracy, lowest RMSE. */
export interface RunGroupBest {
  value: number;
  runId: string;
}

/**
 * GET /api/runs/groups: one row per tag or dataset name. A run with several
 * tags counts in each of their groups; runs without tags share the key ""
 * (untagged). A group can mix tasks, so the best is kept per metric — never
 * an accuracy weighed against an RMSE — and is null where no run of the
 * group reported that metric. Any status counts, as in the list's metric sort.
 */
export interface RunGroup {
  key: string;
  count: number;
  best: Record<MetricName, RunGroupBest | null>;
  /** The newest run's createdAt. */
  latest: string;
}
