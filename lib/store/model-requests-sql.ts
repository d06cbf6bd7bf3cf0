import type { FeedbackRequest, FeedbackResult, LoggedColumn, LoggedOutputs, LoggedRequest, MonitorShadow } from "@/lib/api/monitoring";
import type { Guard } from "./guard";
import { iso, json, type Json } from "./label-rows";
import type { LogWindow, LoggedPredictions, RequestStore, TrafficAggregate } from "./model-requests";
import type { SqlDatabase } from "./sql";
import { StoreError } from "./store-error";

/** The request log over SQL (table model_requests, migration 8). */

/** Columns per logged request in the INSERT: a batch of 500 stays far under PostgreSQL's 65,535 parameters. */
const COLUMNS = ["model", "request_id", "version", "shadow_version", "at", "route", "status", "error", "latency_ms", "rows", "logged_rows", "sample_rate", "inputs", "outputs", "shadow_outputs"] as const;

/** The bucket a row falls in: whole bucketMs steps from the window's start. */
const BUCKET = "floor(extract(epoch FROM (r.at - $2::timestamptz)) * 1000 / $4)::int";
const IN_WINDOW = "r.model = $1 AND r.at >= $2::timestamptz AND r.at < $3::timestamptz";

interface AggregateRow {
  k: number;
  requests: string | number;
  errors: string | number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

const AGGREGATES = `sum(1.0 / r.sample_rate) AS requests,
  sum(CASE WHEN r.status >= 400 THEN 1.0 / r.sample_rate ELSE 0 END) AS errors,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY r.latency_ms) AS p50,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY r.latency_ms) AS p95,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY r.latency_ms) AS p99`;

function toAggregates(rows: AggregateRow[]): Map<number, TrafficAggregate> {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return new Map(rows.map((r) => [Number(r.k), { requests: Number(r.requests), errors: Number(r.errors), p50: num(r.p50), p95: num(r.p95), p99: num(r.p99) }]));
}

const windowParams = (w: LogWindow) => [w.model, w.since.toISOString(), w.until.toISOString(), w.bucketMs];

interface PredictionRow {
  request_id: string;
  version: number;
  at: Date | string;
  inputs: Json<Record<string, LoggedColumn>>;
  outputs: Json<LoggedOutputs>;
  feedback: Json<(string | number | null)[]> | null;
}

const toPredictions = (r: PredictionRow): LoggedPredictions => ({
  requestId: r.request_id,
  version: Number(r.version),
  at: iso(r.at),
  inputs: json(r.inputs),
  outputs: json(r.outputs),
  feedback: r.feedback === null ? null : json(r.feedback),
});

export class SqlRequestStore implements RequestStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly guard: Guard,
  ) {}

  logRequests(batch: LoggedRequest[]): Promise<void> {
    if (batch.length === 0) return Promise.resolve();
    return this.guard(async () => {
      const params: unknown[] = [];
      const tuples = batch.map((e) => {
        const logged = e.inputs === null ? 0 : Math.min(e.rows, ...Object.values(e.inputs).map((c) => c.length));
        const values = [e.model, e.requestId, e.version, e.shadowVersion, e.at.toISOString(), e.route, e.status, e.error, e.latencyMs, e.rows, logged, e.sampleRate, e.inputs === null ? null : JSON.stringify(e.inputs), e.outputs === null ? null : JSON.stringify(e.outputs), e.shadowOutputs === null ? null : JSON.stringify(e.shadowOutputs)];
        const start = params.length;
        params.push(...values);
        return `(${values.map((_, i) => `$${start + i + 1}${i >= 12 ? "::json" : ""}`).join(", ")})`;
      });
      await this.db.query(`INSERT INTO model_requests (${COLUMNS.join(", ")}) VALUES ${tuples.join(", ")} ON CONFLICT (model, request_id) DO NOTHING`, params);
    });
  }

  recordFeedback(model: string, task: "classification" | "regression", req: FeedbackRequest): Promise<FeedbackResult> {
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        const ids = req.feedback.map((f) => f.requestId);
        const { rows } = await tx.query<{ request_id: string; rows: number; logged_rows: number }>(
          "SELECT request_id, rows, logged_rows FROM model_requests WHERE model = $1 AND request_id = ANY($2::text[]) AND status < 400",
          [model, ids],
        );
        const found = new Map(rows.map((r) => [r.request_id, r]));
        let recorded = 0;
        for (const [i, f] of req.feedback.entries()) {
          const r = found.get(f.requestId);
          if (!r) continue;
          if (f.truth.length !== Number(r.rows)) {
            throw new StoreError("invalid", `feedback[${i}].truth: ${f.truth.length} values, but request ${f.requestId} had ${r.rows} rows`, `feedback.${i}.truth`);
          }
          const bad = task === "regression" ? f.truth.findIndex((t) => typeof t === "string") : -1;
          if (bad >= 0) throw new StoreError("invalid", `feedback[${i}].truth[${bad}]: a regression model's truth is a number or null, got ${JSON.stringify(f.truth[bad])}`, `feedback.${i}.truth`);
          // Only the logged rows can be compared with a prediction; the rest were never stored.
          await tx.query("UPDATE model_requests SET feedback = $3::json, feedback_at = clock_timestamp() WHERE model = $1 AND request_id = $2", [model, f.requestId, JSON.stringify(f.truth.slice(0, Number(r.logged_rows)))]);
          recorded++;
        }
        return { recorded, notLogged: ids.filter((id) => !found.has(id)) };
      }),
    );
  }

  trafficByBucket(w: LogWindow): Promise<Map<number, TrafficAggregate>> {
    return this.guard(async () => {
      const { rows } = await this.db.query<AggregateRow>(`SELECT ${BUCKET} AS k, ${AGGREGATES} FROM model_requests r WHERE ${IN_WINDOW} GROUP BY k`, windowParams(w));
      return toAggregates(rows);
    });
  }

  trafficByVersion(w: LogWindow): Promise<Map<number, TrafficAggregate>> {
    return this.guard(async () => {
      const { rows } = await this.db.query<AggregateRow>(
        `SELECT r.version AS k, ${AGGREGATES} FROM model_requests r WHERE ${IN_WINDOW} AND r.version IS NOT NULL GROUP BY r.version`,
        windowParams(w).slice(0, 3),
      );
      return toAggregates(rows);
    });
  }

  classesByBucket(w: LogWindow): Promise<Map<number, Record<string, number>>> {
    return this.guard(async () => {
      const { rows } = await this.db.query<{ k: number; label: string; n: string | number }>(
        `SELECT ${BUCKET} AS k, l.label, sum(1.0 / r.sample_rate) AS n
           FROM model_requests r CROSS JOIN LATERAL json_array_elements_text(r.outputs -> 'label') AS l(label)
          WHERE ${IN_WINDOW} AND r.outputs IS NOT NULL GROUP BY k, l.label`,
        windowParams(w),
      );
      const out = new Map<number, Record<string, number>>();
      for (const r of rows) {
        const k = Number(r.k);
        out.set(k, { ...out.get(k), [r.label]: Number(r.n) });
      }
      return out;
    });
  }

  meanValueByBucket(w: LogWindow): Promise<Map<number, number>> {
    return this.guard(async () => {
      const { rows } = await this.db.query<{ k: number; mean: number }>(
        `SELECT ${BUCKET} AS k, avg(v.value::float8) AS mean
           FROM model_requests r CROSS JOIN LATERAL json_array_elements_text(r.outputs -> 'value') AS v(value)
          WHERE ${IN_WINDOW} AND r.outputs IS NOT NULL AND v.value IS NOT NULL GROUP BY k`,
        windowParams(w),
      );
      return new Map(rows.map((r) => [Number(r.k), Number(r.mean)]));
    });
  }

  feedbackByBucket(w: LogWindow, task: "classification" | "regression"): Promise<{ bucket: number; version: number; rows: number; score: number }[]> {
    // Predictions and truths are paired by position; a null truth is a row the client did not know.
    const score = task === "regression" ? "sum((p.v::float8 - f.v::float8) ^ 2)" : "sum(CASE WHEN p.v = f.v THEN 1 ELSE 0 END)";
    const predicted = task === "regression" ? "r.outputs -> 'value'" : "r.outputs -> 'label'";
    return this.guard(async () => {
      const { rows } = await this.db.query<{ k: number; version: number; n: string | number; score: string | number }>(
        `SELECT ${BUCKET} AS k, r.version, count(*) AS n, ${score} AS score
           FROM model_requests r
           CROSS JOIN LATERAL json_array_elements_text(${predicted}) WITH ORDINALITY AS p(v, i)
           JOIN LATERAL json_array_elements_text(r.feedback) WITH ORDINALITY AS f(v, i) ON f.i = p.i
          WHERE ${IN_WINDOW} AND r.feedback IS NOT NULL AND f.v IS NOT NULL AND p.v IS NOT NULL
          GROUP BY k, r.version`,
        windowParams(w),
      );
      return rows.map((r) => ({ bucket: Number(r.k), version: Number(r.version), rows: Number(r.n), score: Number(r.score) }));
    });
  }

  shadowByVersion(w: LogWindow, task: "classification" | "regression"): Promise<MonitorShadow[]> {
    const differs = task === "regression" ? "avg(abs(p.v::float8 - s.v::float8))" : "avg(CASE WHEN p.v = s.v THEN 0 ELSE 1 END)";
    const field = task === "regression" ? "value" : "label";
    return this.guard(async () => {
      const { rows } = await this.db.query<{ version: number; n: string | number; d: number | null }>(
        `SELECT r.shadow_version AS version, count(*) AS n, ${differs} AS d
           FROM model_requests r
           CROSS JOIN LATERAL json_array_elements_text(r.outputs -> '${field}') WITH ORDINALITY AS p(v, i)
           JOIN LATERAL json_array_elements_text(r.shadow_outputs -> '${field}') WITH ORDINALITY AS s(v, i) ON s.i = p.i
          WHERE ${IN_WINDOW} AND r.shadow_outputs IS NOT NULL GROUP BY r.shadow_version ORDER BY r.shadow_version`,
        windowParams(w).slice(0, 3),
      );
      return rows.map((r) => ({ challenger: Number(r.version), rows: Number(r.n), disagreement: r.d === null ? null : Number(r.d) }));
    });
  }

  predictionsOf(model: string, version: number, limit: number, from: "newest" | "oldest"): Promise<LoggedPredictions[]> {
    return this.guard(async () => {
      const { rows } = await this.db.query<PredictionRow>(
        `SELECT request_id, version, at, inputs, outputs, feedback FROM model_requests
          WHERE model = $1 AND version = $2 AND status < 400 AND inputs IS NOT NULL ORDER BY at ${from === "newest" ? "DESC" : "ASC"} LIMIT $3`,
        [model, version, limit],
      );
      return rows.map(toPredictions);
    });
  }

  withFeedback(model: string, since: Date, limit: number): Promise<LoggedPredictions[]> {
    return this.guard(async () => {
      const { rows } = await this.db.query<PredictionRow>(
        `SELECT request_id, version, at, inputs, outputs, feedback FROM model_requests
          WHERE model = $1 AND at >= $2::timestamptz AND feedback IS NOT NULL AND inputs IS NOT NULL ORDER BY at DESC LIMIT $3`,
        [model, since.toISOString(), limit],
      );
      return rows.map(toPredictions);
    });
  }
}
