import "server-only";
import type { ModelVersion } from "@/lib/api/models";
import type { Alert, LoggedColumn, MonitorBucket, MonitorShadow, MonitorVersion } from "@/lib/api/monitoring";
import { META } from "@/lib/onnx/export";
import type { FeatureStats } from "@/lib/onnx/feature-stats";
import type { InputSchema } from "@/lib/onnx/inputs";
import type { LoggedPredictions, LogWindow } from "@/lib/store/model-requests";
import type { Store } from "@/lib/store/store";
import { alertsOf } from "./alerts";
import { modelTask, type ServedTask } from "./model-task";
import { predictionDrift, type PredictionDrift } from "./prediction-drift";
import { requestLog } from "./request-log";
import { driftOfDateParts, driftOfInput, windowOf, type LiveValues, type WindowDrift } from "./drift/window";

/**
 * A model's monitoring report (GET /api/models/{name}/monitoring): traffic,
 * latency, errors, predictions and online metrics per time bucket, the same
 * per version, input and prediction drift of the champion, its age, and the
 * alerts. Counts come from the sampled log scaled by its sample rate;
 * latency percentiles are over the logged requests, an unbiased sample.
 */

/** Rows of the champion's latest requests that make up the drift window. */
export const DRIFT_ROWS = 5000;

export type MonitorTask = ServedTask;

export interface DriftReport {
  version: number;
  /** Rows in the live window (latest logged requests of the version). */
  rows: number;
  inputs: WindowDrift | null;
  prediction: PredictionDrift | null;
  /** Why drift could not be measured (no training statistics, a malformed log); null when it was. */
  problem: string | null;
}

export interface MonitoringReport {
  model: string;
  task: MonitorTask;
  champion: number | null;
  window: { since: string; until: string; bucketMs: number };
  /** The share of requests this instance logs (LATHE_REQUEST_LOG_SAMPLE). */
  sampleRate: number;
  buckets: MonitorBucket[];
  versions: MonitorVersion[];
  /** Shadow versions' disagreement with the answering version, from the log (all instances). */
  shadow: MonitorShadow[];
  drift: DriftReport | null;
  /** The champion's age: time since its version was pushed. */
  age: { version: number; pushedAt: string; days: number } | null;
  alerts: Alert[];
}

export interface MonitorOptions {
  /** Window length, minutes (default 60). */
  minutes?: number;
  /** Buckets in the window (default 30). */
  buckets?: number;
  now?: Date;
}

export async function monitoringReport(store: Store, model: string, options: MonitorOptions = {}): Promise<MonitoringReport> {
  const detail = await store.models.getModel(model);
  // What was answered but not yet written would be missing from a report read right after traffic.
  await requestLog(store).flush();
  const now = options.now ?? new Date();
  const count = options.buckets ?? 30;
  const spanMs = (options.minutes ?? 60) * 60_000;
  const bucketMs = Math.max(1000, Math.ceil(spanMs / count));
  const w: LogWindow = { model, since: new Date(now.getTime() - bucketMs * count), until: now, bucketMs };

  const champion = detail.aliases.champion ?? null;
  const championVersion = detail.versions.find((v) => v.version === champion);
  const task = modelTask(detail);

  const [traffic, byVersion, classes, means, feedback, shadow] = await Promise.all([
    store.requests.trafficByBucket(w),
    store.requests.trafficByVersion(w),
    task === "classification" ? store.requests.classesByBucket(w) : Promise.resolve(new Map<number, Record<string, number>>()),
    task === "regression" ? store.requests.meanValueByBucket(w) : Promise.resolve(new Map<number, number>()),
    store.requests.feedbackByBucket(w, task),
    store.requests.shadowByVersion(w, task),
  ]);

  const online = (rows: number, score: number) => (rows === 0 ? null : task === "regression" ? Math.sqrt(score / rows) : score / rows);
  const buckets: MonitorBucket[] = Array.from({ length: count }, (_, k) => {
    const t = traffic.get(k);
    const c = classes.get(k) ?? {};
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    const fb = feedback.filter((f) => f.bucket === k);
    const fbRows = fb.reduce((a, f) => a + f.rows, 0);
    return {
      start: new Date(w.since.getTime() + k * bucketMs).toISOString(),
      requests: t?.requests ?? 0,
      perSecond: (t?.requests ?? 0) / (bucketMs / 1000),
      errorRate: t && t.requests > 0 ? t.errors / t.requests : null,
      p50: t?.p50 ?? null,
      p95: t?.p95 ?? null,
      p99: t?.p99 ?? null,
      classes: total === 0 ? {} : Object.fromEntries(Object.entries(c).map(([label, n]) => [label, n / total])),
      meanValue: means.get(k) ?? null,
      feedbackRows: fbRows,
      online: online(fbRows, fb.reduce((a, f) => a + f.score, 0)),
    };
  });

  const versions: MonitorVersion[] = [...byVersion.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, t]) => {
      const fb = feedback.filter((f) => f.version === version);
      const rows = fb.reduce((a, f) => a + f.rows, 0);
      return {
        version,
        requests: t.requests,
        errorRate: t.requests > 0 ? t.errors / t.requests : null,
        p50: t.p50,
        p95: t.p95,
        p99: t.p99,
        feedbackRows: rows,
        online: online(rows, fb.reduce((a, f) => a + f.score, 0)),
        offline: offlineMetric(detail.versions.find((v) => v.version === version)),
      };
    });

  const drift = championVersion ? await driftReport(store, championVersion, task) : null;
  const age = championVersion
    ? { version: championVersion.version, pushedAt: championVersion.createdAt, days: (now.getTime() - Date.parse(championVersion.createdAt)) / 86_400_000 }
    : null;
  return {
    model,
    task,
    champion,
    window: { since: w.since.toISOString(), until: w.until.toISOString(), bucketMs },
    sampleRate: requestLog(store).sampleRate,
    buckets,
    versions,
    shadow,
    drift,
    age,
    alerts: alertsOf({ task, champion, versions, drift }),
  };
}

/** The run's test score carried in the file: accuracy, or RMSE for regression. */
function offlineMetric(v: ModelVersion | undefined): number | null {
  try {
    const scores = JSON.parse(v?.metadata[META.metrics] ?? "null") as { test?: { model?: { metric?: number } } } | null;
    const m = scores?.test?.model?.metric;
    return typeof m === "number" && Number.isFinite(m) ? m : null;
  } catch {
    return null;
  }
}

async function driftReport(store: Store, v: ModelVersion, task: MonitorTask): Promise<DriftReport> {
  const latest = await store.requests.predictionsOf(v.model, v.version, DRIFT_ROWS, "newest");
  const live = takeRows(latest, DRIFT_ROWS);
  const report: DriftReport = { version: v.version, rows: rowCount(live), inputs: null, prediction: null, problem: null };
  try {
    const stats = JSON.parse(v.metadata[META.featureStats] ?? "null") as FeatureStats | null;
    const schema = JSON.parse(v.metadata[META.inputs] ?? "[]") as InputSchema[];
    if (!stats || !Array.isArray(stats.inputs)) report.problem = "the model's file carries no training statistics (lathe.feature_stats)";
    else report.inputs = inputDrift(stats, schema, live);
    const [reference, current] = referenceAndLive(takeRows(await store.requests.predictionsOf(v.model, v.version, DRIFT_ROWS, "oldest"), DRIFT_ROWS), live);
    report.prediction = predictionDrift(task, reference.map((r) => r.outputs), current.map((r) => r.outputs));
  } catch (e) {
    report.problem = e instanceof Error ? e.message : String(e);
  }
  return report;
}

/**
 * The first window the version served (the reference) and the latest one.
 * While the version has served fewer than two windows' rows they overlap,
 * and then its requests are cut in two at the middle row instead.
 */
function referenceAndLive(oldest: LoggedPredictions[], newest: LoggedPredictions[]): [LoggedPredictions[], LoggedPredictions[]] {
  const ids = new Set(oldest.map((r) => r.requestId));
  if (!newest.some((r) => ids.has(r.requestId))) return [oldest, newest];
  const all = [...oldest, ...newest.filter((r) => !ids.has(r.requestId)).reverse()];
  const half = rowCount(all) / 2;
  let rows = 0;
  const cut = all.findIndex((r) => (rows += rowsOf(r)) >= half);
  return [all.slice(0, cut + 1), all.slice(cut + 1)];
}

/** Requests, newest first, until they hold `max` rows. */
function takeRows(requests: LoggedPredictions[], max: number): LoggedPredictions[] {
  const out: LoggedPredictions[] = [];
  let rows = 0;
  for (const r of requests) {
    if (rows >= max) break;
    out.push(r);
    rows += rowsOf(r);
  }
  return out;
}

const rowsOf = (r: LoggedPredictions) => Object.values(r.inputs)[0]?.length ?? 0;
const rowCount = (rs: LoggedPredictions[]) => rs.reduce((a, r) => a + rowsOf(r), 0);

function inputDrift(stats: FeatureStats, schema: InputSchema[], live: LoggedPredictions[]): WindowDrift {
  const column = (name: string): LoggedColumn[] => live.map((r) => r.inputs[name] ?? []);
  return windowOf(
    stats.inputs.flatMap((s) => {
      if (s.kind !== "date") return driftOfInput(s, column(s.name).flat() as LiveValues);
      // A date was served as its parts, in the order the input schema gives.
      const order = schema.find((i) => i.name === s.name)?.parts ?? [];
      const rows = column(s.name).flat() as (number | null)[][];
      const parts = Object.fromEntries(order.map((p, j) => [p, rows.map((row) => row[j] ?? null)]));
      return driftOfDateParts(s, parts);
    }),
  );
}
