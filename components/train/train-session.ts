import type { CreateRunRequest } from "@/lib/api/runs";
import type { FeatureSettings } from "@/lib/features/settings";
import type { BackendChoice } from "@/lib/train/backend";
import type { LeakageWarning } from "@/lib/train/leakage";
import type { EpochReport } from "@/lib/train/loop";
import type { ModelSpec, Task } from "@/lib/train/model-spec";
import type { JobResult } from "@/lib/train/run-job";
import type { SplitSpecInput } from "@/lib/train/split";
import type { RunEvaluation } from "@/lib/api/evaluation";
import { evaluationRecord } from "@/lib/eval/evaluation-record";
import { RunRecorder } from "./run-recorder";
import { trainInWorker } from "./train-client";

/** What every trial of one Train or Sweep press shares: the data read once, the backend, the run's lineage. */
export interface TrainingData {
  /** The training query's result as Arrow IPC bytes from DuckDB, never decoded on the page. */
  ipc: Uint8Array;
  target: string;
  features: string[];
  weightColumn: string | null;
  featureSettings: FeatureSettings;
  task: Task;
  split: SplitSpecInput;
  source: string;
  dataset: CreateRunRequest["dataset"];
  backend: BackendChoice;
  parentId: string | null;
  /** The label snapshot(s) of the label tables the query read, if any. */
  labelSnapshot: string | null;
}

export interface TrialHandlers {
  onRecorded(runId: string): void;
  /** The run is not recorded on the server (it still trains); why. */
  onNotRecorded(message: string): void;
  onEpoch(curves: EpochReport[]): void;
  onWarnings(w: LeakageWarning[]): void;
}

export type TrialOutcome =
  | { status: "finished"; runId: string | null; result: JobResult; recordError: string | null }
  | { status: "failed" | "cancelled"; runId: string | null; message: string };

/**
 * One training run in the worker, recorded on the server from start to end:
 * created running, curves reported as epochs finish, ended once as finished,
 * failed or cancelled. A failure to record never stops training.
 */
export async function trainAndRecord(
  data: TrainingData,
  /** `last`: no later trial needs the data, so its bytes move to the worker rather than a copy. */
  trial: { modelSpec: ModelSpec; name: string; tags: string[]; last: boolean },
  handlers: TrialHandlers,
  signal: AbortSignal,
): Promise<TrialOutcome> {
  let recorder: RunRecorder | null = null;
  const got: EpochReport[] = [];
  try {
    recorder = await RunRecorder.start({
      name: trial.name,
      config: {
        task: data.task,
        target: data.target,
        features: data.features,
        featureSpec: { defaults: true, settings: data.featureSettings },
        modelSpec: trial.modelSpec,
        split: data.split as Record<string, unknown>,
        source: data.source,
        weightColumn: data.weightColumn,
      },
      dataset: data.dataset,
      labelSnapshot: data.labelSnapshot,
      environment: {
        appVersion: process.env.NEXT_PUBLIC_LATHE_VERSION ?? "dev",
        browser: navigator.userAgent,
        backend: data.backend.name,
        adapter: data.backend.adapter,
        note: data.backend.note,
      },
      tags: trial.tags,
      notes: "",
      parentId: data.parentId,
    });
    handlers.onRecorded(recorder.run.id);
  } catch (e) {
    handlers.onNotRecorded(`This run is not being recorded on the server: ${(e as Error).message}`);
  }
  const runId = recorder?.run.id ?? null;
  try {
    // Bytes transferred to the worker are gone from the page, so a trial that is not the last sends a copy.
    const ipc = trial.last ? data.ipc : data.ipc.slice();
    const outcome = await trainInWorker(
      { ipc, target: data.target, features: data.features, task: data.task, featureSpec: null, featureSettings: data.featureSettings, modelSpec: trial.modelSpec, split: data.split, weightColumn: data.weightColumn },
      {
        onEpoch: (r) => {
          got.push(r);
          handlers.onEpoch([...got]);
          recorder?.progress(got);
        },
        onWarnings: handlers.onWarnings,
      },
      signal,
    );
    if (outcome.kind === "ok") {
      const recordError = await recorder
        ?.end(finishedRun(outcome.result))
        .then(() => recorder!.evaluated(heldOutEvaluation(outcome.result, data)))
        .then(() => null)
        .catch((e: Error) => `The run finished but was not recorded: ${e.message}`);
      return { status: "finished", runId, result: outcome.result, recordError: recordError ?? null };
    }
    const status = outcome.code === "cancelled" ? "cancelled" : "failed";
    await recorder?.end({ status, curves: got, error: { code: outcome.code, message: outcome.message } }).catch(() => undefined);
    return { status, runId, message: outcome.message };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const status = signal.aborted ? "cancelled" : "failed";
    await recorder?.end({ status, curves: got, error: { code: status === "cancelled" ? "cancelled" : "worker", message } }).catch(() => undefined);
    return { status, runId, message };
  }
}

/** The test split's metrics the worker computed, as the run's first evaluation (no slices yet: the Evaluate cell adds them). */
function heldOutEvaluation(r: JobResult, data: TrainingData): RunEvaluation | null {
  if (!r.evaluation) return null;
  return evaluationRecord({ report: r.evaluation, split: "test", classes: r.classes, datasetFingerprint: data.dataset.fingerprint, minSupport: 20, slices: [] });
}

/** The ending a finished job records: metrics, curves, weights and the fitted feature spec. */
function finishedRun(r: JobResult) {
  return {
    status: "finished" as const,
    curves: r.curves,
    metrics: { scores: r.scores, rows: r.rows, droppedRows: r.droppedRows, bestEpoch: r.bestEpoch, stoppedEarly: r.stoppedEarly, classes: r.classes, warnings: r.warnings },
    primaryMetric: Number.isFinite(r.scores.validation.model.metric) ? r.scores.validation.model.metric : null,
    weights: { ...r.weights, targetScale: r.targetScale },
    fittedFeatures: r.fitted as unknown as Record<string, unknown>,
    timings: r.timings,
  };
}
