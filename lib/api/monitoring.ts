import { z } from "zod";

/**
 * The request log's shapes: what one logged inference request holds, the
 * feedback a client posts for it, and the monitoring report a model's page
 * reads (GET /api/models/{name}/monitoring).
 */

/** A logged input column: one value per logged row (a date's parts are one array per row). */
export type LoggedColumn = (number | string | null)[] | (number | null)[][];

/** What the answering version said for the logged rows. */
export interface LoggedOutputs {
  label?: string[];
  /** The predicted class's probability. */
  confidence?: number[];
  value?: number[];
}

export type LoggedRoute = "v2" | "predict" | "batch";

export interface LoggedRequest {
  model: string;
  requestId: string;
  /** Null when the request was refused before a version was chosen. */
  version: number | null;
  shadowVersion: number | null;
  at: Date;
  route: LoggedRoute;
  /** The HTTP status the client got. */
  status: number;
  error: string | null;
  latencyMs: number;
  rows: number;
  /** Share of requests logged when this one was (0, 1]. */
  sampleRate: number;
  /** By input name; the first `loggedRows` rows. */
  inputs: Record<string, LoggedColumn> | null;
  outputs: LoggedOutputs | null;
  /** The shadow version's answer to the same rows, when one ran and succeeded. */
  shadowOutputs: LoggedOutputs | null;
}

/** Request ids: what clients send as the v2 `id` or X-Request-Id, and the feedback names. */
export const requestIdSchema = z.string().min(1).max(200);

/** The truth for one request: one value per row of the request (null where unknown). */
export const feedbackItemSchema = z
  .object({
    requestId: requestIdSchema,
    truth: z.array(z.union([z.string().max(500), z.number().finite(), z.null()])).min(1).max(10_000),
  })
  .strict();

/** POST /api/models/{name}/feedback. */
export const feedbackRequestSchema = z.object({ feedback: z.array(feedbackItemSchema).min(1).max(1000) }).strict();
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

export interface FeedbackResult {
  /** Requests found in the log and given their truth. */
  recorded: number;
  /** Request ids not in the log: never sampled, refused, or unknown. */
  notLogged: string[];
}

/** One time bucket of the monitoring report; rates are estimated back up by the sample rate. */
export interface MonitorBucket {
  start: string;
  /** Estimated requests (logged ones divided by their sample rate). */
  requests: number;
  perSecond: number;
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Share of predictions per class (classifiers) over the bucket's logged rows. */
  classes: Record<string, number>;
  /** Mean predicted value (regression). */
  meanValue: number | null;
  /** Rows with feedback, and accuracy (classifiers) or RMSE (regression) over them: the offline test metric's kind. */
  feedbackRows: number;
  online: number | null;
}

export interface MonitorVersion {
  version: number;
  requests: number;
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  feedbackRows: number;
  online: number | null;
  /** The offline test metric the online one compares with (accuracy or RMSE), from the model's metadata. */
  offline: number | null;
}

/** What shadow traffic found, from the log: the share of rows with another label, or the mean |Δ value|. */
export interface MonitorShadow {
  challenger: number;
  rows: number;
  disagreement: number | null;
}

export interface Alert {
  kind: "latency" | "errors" | "drift" | "prediction_drift" | "online_metric";
  severity: "warning" | "critical";
  message: string;
}

/** POST /api/models/{name}/review: the rows feedback found wrong, to a labeling project's review queue. */
export const sendToReviewRequestSchema = z
  .object({
    projectId: z.string().min(1).max(100),
    /** How far back to look, minutes (default a day). */
    minutes: z.number().int().min(1).max(43_200).default(1440),
    /** Most rows to send (default 200). */
    limit: z.number().int().min(1).max(1000).default(200),
    /** Regression: smallest absolute error that counts as wrong. */
    minError: z.number().min(0).optional(),
  })
  .strict();
export type SendToReviewRequest = z.infer<typeof sendToReviewRequestSchema>;
