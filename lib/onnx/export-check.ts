import type * as tfc from "@tensorflow/tfjs-core";
import type { Table } from "apache-arrow";
import type { ReferenceBatch } from "@/lib/api/models";
import type { ParityRecord, Run } from "@/lib/api/runs";
import { recastTable, recordedSettings } from "@/lib/features/settings";
import type { RawTable } from "@/lib/features/raw";
import { PREDICT_CHUNK, predictSnapshot, type Predictions } from "@/lib/train/predict-snapshot";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { splitRows, splitSpecSchema } from "@/lib/train/split";
import { exportOnnx } from "./export";
import { featureStats } from "./feature-stats";
import { ExportError, exportableFromRun } from "./from-run";
import { onnxFeeds, type OnnxFeed } from "./inputs";
import { OUTPUTS, type ExportableModel, type Precision } from "./model-graph";
import { REFERENCE_ROWS, referenceBatch } from "./reference";
import { checkParity, DEFAULT_THRESHOLDS, type ParityReport, type ParityThresholds } from "./parity";

/**
 * Export and parity check of one run, start to end, whatever runs the ONNX
 * model: the export worker passes onnxruntime-web, tests and the benchmark
 * onnxruntime-node. The run's own query result arrives as an Arrow table;
 * the test split is recomputed from the run's recorded split (same seed,
 * same rows), so the check reads exactly the rows the run was scored on
 * when the data has not changed.
 */

/** The one thing asked of an ONNX runtime: run a model's bytes on feeds, return named outputs' data. */
export interface OnnxRunner {
  load(bytes: Uint8Array): Promise<{ run(feeds: OnnxFeed[]): Promise<Record<string, { data: unknown; dims: readonly number[] }>>; release(): Promise<void> }>;
}

export type RunForExport = Pick<Run, "id" | "name" | "status" | "config" | "weights" | "fittedFeatures" | "metrics" | "dataset" | "labelSnapshot">;

export interface ExportCheckInput {
  run: RunForExport;
  /** The run's query result now: its target and feature columns. */
  table: Table;
  appVersion: string;
  /** The data's fingerprint now, when known (it may differ from the run's). */
  datasetFingerprint: string | null;
  thresholds?: ParityThresholds;
}

export interface ExportCheckResult {
  files: Record<Precision, Uint8Array>;
  reports: Record<Precision, ParityReport>;
  /** What is stored with the run. */
  record: ParityRecord;
  /** Per file, the first test rows and its own answers: what a push asks the registry's gate to reproduce. */
  references: Record<Precision, ReferenceBatch>;
  /** onnxMs: loading, feeding and running each file; its run part alone is record[p].msPerRow × rows. */
  timings: { prepareMs: number; exportMs: number; tfjsMs: number; onnxMs: Record<Precision, number>; totalMs: number };
}

export async function runExportCheck(tf: typeof tfc, ort: OnnxRunner, input: ExportCheckInput, onStep: (step: string) => void = () => {}): Promise<ExportCheckResult> {
  const t0 = performance.now();
  const { run } = input;
  const model = exportableFromRun(run);
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  onStep("Reading the test split…");
  const raw = recastTable(rawTable(input.table, run.config.features), recordedSettings(run.config.featureSpec) ?? {});
  const target = rawTarget(input.table, run.config.target, run.config.task);
  const splitSpec = splitSpecSchema.safeParse(run.config.split);
  if (!splitSpec.success) throw new ExportError(`run "${run.name}": its recorded split is not readable (${splitSpec.error.issues[0]?.message}), so its test rows cannot be found`);
  const split = splitRows(splitSpec.data, raw, target);
  const truth = Float64Array.from(split.test, (r) => (target.kind === "classes" ? (target.codes[r] < 0 ? NaN : target.codes[r]) : target.values[r]));
  const prepareMs = performance.now() - t0;

  onStep("Writing the ONNX files…");
  const t1 = performance.now();
  const lineage = {
    runId: run.id,
    runName: run.name,
    datasetName: run.dataset.name,
    datasetFingerprint: run.dataset.fingerprint,
    labelSnapshot: run.labelSnapshot,
    appVersion: input.appVersion,
    metrics: (run.metrics as { scores?: unknown } | null)?.scores ?? null,
    featureStats: featureStats(model.fitted, raw, split.train),
  };
  const files = { fp32: exportOnnx(model, "fp32", lineage), int8: exportOnnx(model, "int8", lineage) };
  const exportMs = performance.now() - t1;

  onStep("Predicting with TensorFlow.js…");
  const t2 = performance.now();
  const tfjs = await predictSnapshot(tf, model, raw, split.test);
  const tfjsMs = performance.now() - t2;

  const reports = {} as Record<Precision, ParityReport>;
  const references = {} as Record<Precision, ReferenceBatch>;
  const onnxMs = {} as Record<Precision, number>;
  const runMs = {} as Record<Precision, number>;
  const referenceFeeds = onnxFeeds(model.fitted, raw, split.test.subarray(0, REFERENCE_ROWS));
  for (const precision of ["fp32", "int8"] as const) {
    onStep(`Running the ${precision} model in ONNX Runtime…`);
    const t = performance.now();
    const session = await ort.load(files[precision]);
    try {
      const run = await runInChunks(session, model, raw, split.test);
      runMs[precision] = run.ms;
      reports[precision] = checkParity(precision, tfjs, run.predictions, truth, thresholds, split.test);
      references[precision] = referenceBatch(referenceFeeds, (await session.run(referenceFeeds)) as Record<string, { data: unknown; dims: readonly number[] }>);
    } finally {
      await session.release();
    }
    onnxMs[precision] = performance.now() - t;
  }
  const rows = split.test.length;
  const outcome = (p: Precision) => ({
    passed: reports[p].passed,
    maxDiff: Number.isFinite(reports[p].maxDiff) ? reports[p].maxDiff : null,
    agreement: reports[p].agreement,
    metric: reports[p].metricOnnx,
    metricChange: reports[p].metricChange,
    sizeBytes: files[p].byteLength,
    msPerRow: rows > 0 ? runMs[p] / rows : 0,
    reasons: reports[p].reasons,
  });
  const record: ParityRecord = {
    checkedAt: new Date().toISOString(),
    rows,
    metricName: reports.fp32.metricName,
    tfjsMetric: reports.fp32.metricTfjs,
    thresholds,
    fp32: outcome("fp32"),
    int8: outcome("int8"),
    datasetFingerprint: input.datasetFingerprint,
  };
  return { files, reports, record, references, timings: { prepareMs, exportMs, tfjsMs, onnxMs, totalMs: performance.now() - t0 } };
}

/**
 * The model on `rows` in chunks of PREDICT_CHUNK (as TF.js predicted them):
 * the whole split in one batch makes every intermediate [rows, width]
 * tensor hundreds of MB. `ms` counts the session's own runs over the rows.
 */
async function runInChunks(session: Awaited<ReturnType<OnnxRunner["load"]>>, m: ExportableModel, raw: RawTable, rows: Int32Array): Promise<{ predictions: Predictions; ms: number }> {
  const width = m.task === "regression" ? 1 : m.classes!.length;
  const out = new Float32Array(rows.length * width);
  let ms = 0;
  // One untimed row first: a session's first run sets up its kernels and buffers, which is not time per row.
  if (rows.length > 0) await session.run(onnxFeeds(m.fitted, raw, rows.subarray(0, 1)));
  for (let start = 0; start < rows.length; start += PREDICT_CHUNK) {
    const feeds = onnxFeeds(m.fitted, raw, rows.subarray(start, start + PREDICT_CHUNK));
    const t = performance.now();
    const result = await session.run(feeds);
    ms += performance.now() - t;
    out.set(result[m.task === "regression" ? OUTPUTS.value : OUTPUTS.probabilities].data as Float32Array, start * width);
  }
  const predictions: Predictions = m.task === "regression" ? { kind: "values", values: out } : { kind: "classes", classes: width, probabilities: out };
  return { predictions, ms };
}
