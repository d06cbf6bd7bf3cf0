import "server-only";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { NAME_PATTERN } from "@/lib/api/models";

/**
 * Prometheus metrics of this app instance (GET /metrics, text format):
 * inference requests, errors and latency by model and the version that
 * answered, plus Node's own process metrics. One registry per process,
 * kept on globalThis so Next's separately bundled route modules share it.
 */
interface ServeMetrics {
  registry: Registry;
  requests: Counter<"model" | "version" | "route">;
  errors: Counter<"model" | "route" | "status">;
  latency: Histogram<"model" | "version" | "route">;
  rows: Counter<"model" | "version">;
  logWritten: Counter;
  logDropped: Counter;
}

const KEY = Symbol.for("lathe.serve.metrics");

function create(): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "lathe_" });
  return {
    registry,
    requests: new Counter({ name: "lathe_inference_requests_total", help: "Inference requests answered, by model, answering version and route", labelNames: ["model", "version", "route"], registers: [registry] }),
    errors: new Counter({ name: "lathe_inference_errors_total", help: "Inference requests refused or failed, by model, route and HTTP status", labelNames: ["model", "route", "status"], registers: [registry] }),
    // Seconds; buckets from 0.5 ms (one small row) to 2.5 s (a 10,000-row batch on a busy core).
    latency: new Histogram({ name: "lathe_inference_seconds", help: "Time to answer an inference request, in the handler, seconds", labelNames: ["model", "version", "route"], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] }),
    rows: new Counter({ name: "lathe_inference_rows_total", help: "Rows predicted, by model and answering version", labelNames: ["model", "version"], registers: [registry] }),
    logWritten: new Counter({ name: "lathe_request_log_written_total", help: "Sampled inference requests written to the request log", registers: [registry] }),
    logDropped: new Counter({ name: "lathe_request_log_dropped_total", help: "Sampled inference requests dropped because the store could not take them in time", registers: [registry] }),
  };
}

export function serveMetrics(): ServeMetrics {
  const g = globalThis as unknown as Record<symbol, ServeMetrics | undefined>;
  return (g[KEY] ??= create());
}

export type InferRoute = "v2" | "predict" | "batch";

export function recordAnswer(model: string, version: number, route: InferRoute, rows: number, seconds: number): void {
  const m = serveMetrics();
  const labels = { model, version: String(version), route };
  m.requests.inc(labels);
  m.latency.observe(labels, seconds);
  m.rows.inc({ model, version: String(version) }, rows);
}

/**
 * A refused or failed request. The model label is the path's name only when
 * the model was found: names from unknown or malformed paths would let any
 * caller add series without bound, so they count as "unknown".
 */
export function recordFailure(model: string, route: InferRoute, status: number): void {
  const known = status !== 404 && NAME_PATTERN.test(model);
  serveMetrics().errors.inc({ model: known ? model : "unknown", route, status: String(status) });
}

/** Counts a non-2xx answer of an inference route; the response passes through. */
export async function countFailure(res: Response, context: { params: Promise<{ name: string }> }, route: InferRoute): Promise<Response> {
  if (!res.ok) recordFailure((await context.params).name, route, res.status);
  return res;
}
