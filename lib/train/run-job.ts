import type * as tfc from "@tensorflow/tfjs-core";
import { compileToTfjs } from "@/lib/features/compile-tfjs";
import { fitFeatureSpec } from "@/lib/features/fit";
import type { RawTable, RawTarget } from "@/lib/features/raw";
import type { FeatureSpec, FittedFeatureSpec } from "@/lib/features/spec";
import { predictionsFromOutputs } from "@/lib/eval/from-outputs";
import { evaluate, type EvaluationReport } from "@/lib/eval/report";
import { fitBaseline, scoreBaseline, type Baseline } from "./baseline";
import { checkLeakage, type LeakageWarning } from "./leakage";
import { trainModel, predict, type EpochReport, type TrainHooks } from "./loop";
import { metricName, scoreOutputs, type SplitScore } from "./metrics";
import { outputUnits, type ModelSpec, type Task } from "./model-spec";
import { disposeParams, snapshotParams, type ParamsSnapshot } from "./params";
import { Random } from "./random";
import { rowWeights } from "./row-weights";
import { splitRows, type SplitSpecInput } from "./split";
import { subsampleRows } from "./subsample";
import { TrainError } from "./train-error";

/** Everything one training run needs, as the train cell sends it to the worker. */
export interface TrainJob {
  table: RawTable;
  target: RawTarget;
  task: Task;
  featureSpec: FeatureSpec;
  modelSpec: ModelSpec;
  split: SplitSpecInput;
  /** Each table row's own weight (lib/train/row-weights.ts), e.g. to favour recent data; absent for equal weights. */
  rowWeight?: Float32Array | null;
  /** Also evaluate the test split with every metric and its interval (lib/eval/report.ts); runs do, learning-curve points do not. */
  evaluate?: boolean;
  /** Named sets of table rows whose test-split rows get their own score (per-slice learning curves). */
  sliceRows?: { name: string; rows: Int32Array }[] | null;
  /** Train on a seeded share of the training split only (learning curves); validation and test stay whole. */
  trainSubset?: { fraction: number; seed: number } | null;
}

export type SplitName = "train" | "validation" | "test";

export interface JobResult {
  task: Task;
  classes: string[] | null;
  metricName: "accuracy" | "rmse";
  rows: Record<SplitName, number>;
  droppedRows: number;
  /** Model and baseline, per split, with the same definitions. */
  scores: Record<SplitName, { model: SplitScore; baseline: SplitScore }>;
  baseline: Baseline;
  curves: EpochReport[];
  bestEpoch: number;
  stoppedEarly: boolean;
  fitted: FittedFeatureSpec;
  weights: ParamsSnapshot;
  /** Regression: the model outputs the standardised target; prediction = output · scale + offset. */
  targetScale: { offset: number; scale: number } | null;
  warnings: LeakageWarning[];
  /** The model's test-split metric on each of job.sliceRows (null where no test row is in it); null when the job gave none. */
  sliceScores: { name: string; rows: number; metric: number | null }[] | null;
  /** The test split's metrics with intervals against the baseline, when the job asked; null when it did not or the split is empty. */
  evaluation: EvaluationReport | null;
  timings: { prepareMs: number; trainMs: number; scoreMs: number; evaluateMs?: number };
}

export interface JobHooks extends TrainHooks {
  /** Leakage warnings, as soon as the split is known (before training starts). */
  onWarnings?(warnings: LeakageWarning[]): void;
}

/**
 * One run, start to end: split (seeded), leakage check, feature spec fitted
 * on the training rows and compiled to TensorFlow.js, baseline, training,
 * and scores on every split. Tensors made here are disposed here, whatever
 * happens; errors come out as SplitError, FeatureSpecError or TrainError.
 */
export async function runJob(tf: typeof tfc, job: TrainJob, hooks: JobHooks = {}): Promise<JobResult> {
  const t0 = performance.now();
  const whole = splitRows(job.split, job.table, job.target);
  const split = job.trainSubset ? { ...whole, train: subsampleRows(whole.train, job.trainSubset.fraction, job.trainSubset.seed) } : whole;
  const warnings = checkLeakage(job.table, job.target, split, job.featureSpec.columns.map((c) => c.name));
  hooks.onWarnings?.(warnings);
  const fitted = fitFeatureSpec(job.featureSpec, job.table, split.train);
  const compiled = compileToTfjs(fitted);
  const classes = job.target.kind === "classes" ? job.target.classes : null;
  const classCount = classes?.length ?? 1;
  if (job.task !== "regression" && job.target.kind !== "classes") {
    throw new TrainError("invalid_data", `target "${job.target.name}" holds numbers: choose regression, or a column of classes`);
  }
  if (job.task === "regression" && job.target.kind !== "values") {
    throw new TrainError("invalid_data", `target "${job.target.name}" holds classes: choose a classification task`);
  }
  const yOf = (rows: Int32Array) => Float32Array.from(rows, (r) => (job.target.kind === "classes" ? job.target.codes[r] : job.target.values[r]));
  const parts = { train: split.train, validation: split.validation, test: split.test };
  const x = {
    train: compiled.apply(tf, job.table, parts.train),
    validation: compiled.apply(tf, job.table, parts.validation),
    test: compiled.apply(tf, job.table, parts.test),
  };
  try {
    const y = { train: yOf(parts.train), validation: yOf(parts.validation), test: yOf(parts.test) };
    const baseline = fitBaseline(job.task, y.train, classCount);
    const targetScale = job.task === "regression" ? standardiser(y.train) : undefined;
    const yFit = targetScale ? y.train.map((v) => (v - targetScale.offset) / targetScale.scale) : undefined;
    const prepareMs = performance.now() - t0;
    const t1 = performance.now();
    const run = await trainModel(
      tf,
      job.modelSpec,
      {
        task: job.task,
        classCount,
        train: { x: x.train, y: y.train, yFit, w: rowWeights(job.task, y.train, classCount, job.modelSpec.classWeights === "balanced", ownWeights(job.rowWeight, parts.train)) },
        validation: { x: x.validation, y: y.validation },
        targetScale,
      },
      new Random(job.modelSpec.seed),
      hooks,
    );
    const trainMs = performance.now() - t1;
    const t2 = performance.now();
    try {
      const units = outputUnits(job.task, classCount);
      const scores = {} as JobResult["scores"];
      let testOut: Float32Array = new Float32Array(0);
      for (const name of ["train", "validation", "test"] as const) {
        const out = await predict(tf, job.modelSpec, run.params, x[name], targetScale);
        scores[name] = { model: scoreOutputs(job.task, out, y[name], units), baseline: scoreBaseline(job.task, baseline, y[name]) };
        if (name === "test") testOut = out;
      }
      const scoreMs = performance.now() - t2;
      const t3 = performance.now();
      const evaluation = job.evaluate && y.test.length > 0 ? evaluate(job.task, y.test, predictionsFromOutputs(job.task, testOut, classCount), { baseline }) : null;
      return {
        task: job.task,
        classes,
        metricName: metricName(job.task),
        rows: { train: parts.train.length, validation: parts.validation.length, test: parts.test.length },
        droppedRows: split.droppedRows,
        scores,
        baseline,
        curves: run.curves,
        bestEpoch: run.bestEpoch,
        stoppedEarly: run.stoppedEarly,
        fitted,
        weights: await snapshotParams(run.params),
        targetScale: targetScale ?? null,
        warnings,
        evaluation,
        sliceScores: job.sliceRows ? job.sliceRows.map((sl) => sliceScore(job.task, sl, parts.test, testOut, y.test, units)) : null,
        timings: { prepareMs, trainMs, scoreMs, ...(evaluation ? { evaluateMs: performance.now() - t3 } : {}) },
      };
    } finally {
      disposeParams(run.params);
    }
  } finally {
    x.train.dispose();
    x.validation.dispose();
    x.test.dispose();
  }
}

/** The test split's score on the rows of one slice (table rows), from the same outputs as the split's score. */
function sliceScore(task: Task, slice: { name: string; rows: Int32Array }, test: Int32Array, out: Float32Array, y: Float32Array, units: number) {
  const wanted = new Set(slice.rows);
  const at: number[] = [];
  test.forEach((r, i) => {
    if (wanted.has(r)) at.push(i);
  });
  const o = new Float32Array(at.length * units);
  at.forEach((i, j) => o.set(out.subarray(i * units, i * units + units), j * units));
  const metric = scoreOutputs(task, o, Float32Array.from(at, (i) => y[i]), units).metric;
  return { name: slice.name, rows: at.length, metric: Number.isFinite(metric) ? metric : null };
}

/** The training rows' own weights; all zero would make the loss vanish, so that is an error. */
function ownWeights(rowWeight: Float32Array | null | undefined, rows: Int32Array): Float32Array | undefined {
  if (!rowWeight) return undefined;
  const w = Float32Array.from(rows, (r) => rowWeight[r]);
  if (!w.some((v) => v > 0)) throw new TrainError("invalid_data", "every training row has weight 0: choose another weight column, or none");
  return w;
}

/**
 * Regression trains on the standardised target (mean 0, sd 1 over the
 * training rows): with raw units in the thousands the bias alone would need
 * thousands of steps to arrive. A constant target keeps scale 1.
 */
function standardiser(y: Float32Array): { offset: number; scale: number } {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= Math.max(1, y.length);
  let ss = 0;
  for (const v of y) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, y.length));
  return { offset: mean, scale: sd > 0 ? sd : 1 };
}
