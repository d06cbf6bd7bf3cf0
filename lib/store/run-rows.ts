import type { Run, RunSummary } from "@/lib/api/runs";
import { iso, json, type Json } from "./label-rows";
import { parseNotebookId as parseUuid } from "./notebook-id";
import { StoreError } from "./store-error";

/** Row shape of the runs table and its mapping to API objects. */

/** What the run list reads: never the large json columns. */
export const SUMMARY = "id, name, status, task, dataset_name, metric_name, primary_metric, tags, created_at, finished_at, created_by";
export const FULL = `${SUMMARY}, config, dataset, label_snapshot, environment, metrics, curves, weights, fitted_features, timings, error, notes, parent_id, parity, evaluation, updated_at`;

export interface RunRow {
  id: string;
  name: string;
  status: Run["status"];
  task: Run["task"];
  dataset_name: string;
  metric_name: Run["metricName"];
  primary_metric: number | null;
  tags: Json<string[]>;
  created_at: Date | string;
  finished_at: Date | string | null;
  created_by: string;
  config?: Json<Run["config"]>;
  dataset?: Json<Run["dataset"]>;
  label_snapshot?: string | null;
  environment?: Json<Run["environment"]>;
  metrics?: Json<Run["metrics"]>;
  curves?: Json<Run["curves"]>;
  weights?: Json<Run["weights"]>;
  fitted_features?: Json<Run["fittedFeatures"]>;
  timings?: Json<Run["timings"]>;
  error?: Json<Run["error"]>;
  notes?: string;
  parent_id?: string | null;
  parity?: Json<Run["parity"]>;
  evaluation?: Json<Run["evaluation"]>;
  updated_at?: Date | string;
}

export function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    task: r.task,
    datasetName: r.dataset_name,
    metricName: r.metric_name,
    primaryMetric: r.primary_metric === null ? null : Number(r.primary_metric),
    tags: json(r.tags),
    createdAt: iso(r.created_at),
    finishedAt: r.finished_at === null ? null : iso(r.finished_at),
    createdBy: r.created_by,
  };
}

/** For rows selected with FULL. */
export function toRun(r: RunRow): Run {
  const opt = <T>(v: Json<T> | null | undefined): T | null => (v === null || v === undefined ? null : json(v));
  return {
    ...toSummary(r),
    config: json(r.config as Json<Run["config"]>),
    dataset: json(r.dataset as Json<Run["dataset"]>),
    labelSnapshot: r.label_snapshot ?? null,
    environment: json(r.environment as Json<Run["environment"]>),
    metrics: opt(r.metrics),
    curves: opt(r.curves) ?? [],
    weights: opt(r.weights),
    fittedFeatures: opt(r.fitted_features),
    timings: opt(r.timings),
    error: opt(r.error),
    notes: r.notes ?? "",
    parentId: r.parent_id ?? null,
    parity: opt(r.parity),
    evaluation: opt(r.evaluation),
    updatedAt: iso(r.updated_at as Date | string),
  };
}

/** A run's id in canonical form; anything that cannot be one is simply a run that does not exist. */
export function requireRunId(id: string): string {
  const rid = parseUuid(id);
  if (rid === null) throw runNotFound(id);
  return rid;
}

export function runNotFound(id: string): StoreError {
  return new StoreError("not_found", `run not found: ${id}`);
}
