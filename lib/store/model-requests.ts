import type { FeedbackRequest, FeedbackResult, LoggedColumn, LoggedOutputs, LoggedRequest, MonitorShadow } from "@/lib/api/monitoring";

/** A time window of a model's log, cut into buckets of `bucketMs`. */
export interface LogWindow {
  model: string;
  since: Date;
  until: Date;
  bucketMs: number;
}

/** Scalar aggregates of one bucket (or one version over the window); counts are estimated back up by the sample rate. */
export interface TrafficAggregate {
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface LoggedPredictions {
  requestId: string;
  version: number;
  at: string;
  inputs: Record<string, LoggedColumn>;
  outputs: LoggedOutputs;
  feedback: (string | number | null)[] | null;
}

/**
 * The sampled request log (model-requests-sql.ts). Written in batches by
 * lib/serve/request-log.ts; read by the monitoring report and feedback.
 */
export interface RequestStore {
  /** Appends a batch; a request id already logged for the model is kept as first written. */
  logRequests(batch: LoggedRequest[]): Promise<void>;
  /**
   * Stores each request's truth (the first logged rows of it). `task` says
   * how truth must look: numbers for regression. A truth whose length is not
   * the request's row count is refused ("invalid") and nothing is stored.
   */
  recordFeedback(model: string, task: "classification" | "regression", req: FeedbackRequest): Promise<FeedbackResult>;
  /** Requests, errors and latency percentiles (ms) per bucket index. */
  trafficByBucket(w: LogWindow): Promise<Map<number, TrafficAggregate>>;
  /** The same over the whole window, per answering version. */
  trafficByVersion(w: LogWindow): Promise<Map<number, TrafficAggregate>>;
  /** Estimated predictions per class per bucket (classifiers). */
  classesByBucket(w: LogWindow): Promise<Map<number, Record<string, number>>>;
  /** Mean predicted value per bucket (regression). */
  meanValueByBucket(w: LogWindow): Promise<Map<number, number>>;
  /** Rows with feedback and how many were right (classifiers) or their squared error sum (regression, for an RMSE), per bucket and per version. */
  feedbackByBucket(w: LogWindow, task: "classification" | "regression"): Promise<{ bucket: number; version: number; rows: number; score: number }[]>;
  /** Per shadow version: rows it answered beside the champion and how far it disagreed. */
  shadowByVersion(w: LogWindow, task: "classification" | "regression"): Promise<MonitorShadow[]>;
  /**
   * Successful logged requests of one version, newest first (drift's live
   * window) or oldest first (the window it is compared with for prediction drift).
   */
  predictionsOf(model: string, version: number, limit: number, from: "newest" | "oldest"): Promise<LoggedPredictions[]>;
  /** The latest logged requests with feedback, newest first: where wrong predictions are found. */
  withFeedback(model: string, since: Date, limit: number): Promise<LoggedPredictions[]>;
}
