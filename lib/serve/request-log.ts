import "server-only";
import type { LoggedColumn, LoggedOutputs, LoggedRequest } from "@/lib/api/monitoring";
import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import type { OnnxFeed } from "@/lib/onnx/inputs";
import type { Store } from "@/lib/store/store";
import { serveMetrics } from "./metrics";

/**
 * Sampled inference request logging, written to the store in batches so a
 * request never waits on the database: a request only appends a reference to
 * its feeds and outputs to an in-memory buffer, and a timer (or a full
 * batch) turns them into rows and writes them with one INSERT. If the store
 * is down the buffer holds up to MAX_BUFFERED entries, then drops the oldest
 * and counts them (lathe_request_log_dropped_total): serving never fails or
 * stalls because its log cannot be written. Entries still in the buffer
 * when the process is killed are lost — at most FLUSH_MS of them.
 */

/**
 * Requests per INSERT. Small and frequent rather than large and rare: PGlite
 * runs in this process, so a write holds the event loop for as long as it
 * takes: many short holds delay a request less than one long one.
 */
export const BATCH_SIZE = 100;
/** Longest an entry waits in the buffer before it is written, ms. */
export const FLUSH_MS = 200;
/** Entries held while the store cannot be written. */
export const MAX_BUFFERED = 20_000;
/** Rows of one request kept in the log: a 10,000-row batch must not become a 10,000-row log entry. */
export const LOG_ROWS_PER_REQUEST = 100;

/** What the serving path hands over; conversion to JSON happens at flush, off the request's path. */
export interface PendingRequest extends Omit<LoggedRequest, "sampleRate" | "inputs" | "outputs" | "shadowOutputs"> {
  feeds: OnnxFeed[] | null;
  outputs: ServedOutputs | null;
  shadowOutputs: ServedOutputs | null;
}

/** A session's outputs as served: labels and probabilities over `classes` columns, or values. */
export interface ServedOutputs {
  label?: ArrayLike<string>;
  probabilities?: Float32Array;
  classes?: number;
  value?: Float32Array;
}

/** LATHE_REQUEST_LOG_SAMPLE: the share of requests logged, 0 (off) to 1 (every one, the default). */
export function sampleRateFromEnv(raw = process.env.LATHE_REQUEST_LOG_SAMPLE): number {
  if (raw === undefined || raw.trim() === "") return 1;
  const v = Number(raw);
  if (!(v >= 0 && v <= 1)) throw new Error(`LATHE_REQUEST_LOG_SAMPLE: not a share between 0 and 1: ${JSON.stringify(raw)}`);
  return v;
}

export class RequestLog {
  private buffer: PendingRequest[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    readonly sampleRate: number,
    private readonly options: { flushMs?: number; batchSize?: number; maxBuffered?: number } = {},
  ) {}

  /** Whether to log this request: decided before any work is kept for it. */
  sampled(): boolean {
    return this.sampleRate >= 1 || (this.sampleRate > 0 && Math.random() < this.sampleRate);
  }

  add(entry: PendingRequest): void {
    const max = this.options.maxBuffered ?? MAX_BUFFERED;
    if (this.buffer.length >= max) {
      this.buffer.shift();
      serveMetrics().logDropped.inc();
    }
    this.buffer.push(entry);
    if (this.buffer.length >= (this.options.batchSize ?? BATCH_SIZE)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? FLUSH_MS);
    // The timer must not keep a finishing process (a test, a script) alive.
    (this.timer as { unref?: () => void } | null)?.unref?.();
  }

  /** Writes everything buffered; resolves when written or, on a store failure, when put back. Never rejects. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // One writer at a time: a second flush waits for the first, then writes what came since.
    const previous = this.writing ?? Promise.resolve();
    const next = previous.then(() => this.writeAll());
    this.writing = next;
    void next.finally(() => {
      if (this.writing === next) this.writing = null;
    });
    return next;
  }

  private async writeAll(): Promise<void> {
    const size = this.options.batchSize ?? BATCH_SIZE;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, size);
      try {
        await this.store.requests.logRequests(batch.map(toLogged(this.sampleRate)));
        serveMetrics().logWritten.inc(batch.length);
      } catch {
        // Back to the front, newest kept if that overflows; retried on the next add's timer.
        const max = this.options.maxBuffered ?? MAX_BUFFERED;
        this.buffer = batch.concat(this.buffer);
        const over = this.buffer.length - max;
        if (over > 0) {
          this.buffer.splice(0, over);
          serveMetrics().logDropped.inc(over);
        }
        this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? FLUSH_MS);
        (this.timer as { unref?: () => void }).unref?.();
        return;
      }
    }
  }

  /** Entries waiting to be written (for tests and the monitoring page). */
  get pending(): number {
    return this.buffer.length;
  }
}

const logs = new WeakMap<Store, RequestLog>();

/** The log of a store, with the sample rate from the environment. */
export function requestLog(store: Store): RequestLog {
  let log = logs.get(store);
  if (!log) logs.set(store, (log = new RequestLog(store, sampleRateFromEnv())));
  return log;
}

/** Seven significant digits: a float32's precision, without its binary tail in the JSON. */
const round = (v: number) => (Number.isNaN(v) ? null : Number(v.toPrecision(7)));

function toLogged(sampleRate: number) {
  return (p: PendingRequest): LoggedRequest => {
    const n = Math.min(p.rows, LOG_ROWS_PER_REQUEST);
    return {
      model: p.model,
      requestId: p.requestId,
      version: p.version,
      shadowVersion: p.shadowVersion,
      at: p.at,
      route: p.route,
      status: p.status,
      error: p.error,
      latencyMs: p.latencyMs,
      rows: p.rows,
      sampleRate,
      inputs: p.feeds === null ? null : Object.fromEntries(p.feeds.map((f) => [f.name, column(f, n)])),
      outputs: p.outputs === null ? null : outputs(p.outputs, n),
      shadowOutputs: p.shadowOutputs === null ? null : outputs(p.shadowOutputs, n),
    };
  };
}

function column(f: OnnxFeed, n: number): LoggedColumn {
  const w = f.dims[1];
  if (f.type === "string") return f.data.slice(0, n).map((v) => (v === MISSING_CATEGORY ? null : v));
  if (w === 1) return Array.from(f.data.subarray(0, n), round);
  return Array.from({ length: n }, (_, i) => Array.from(f.data.subarray(i * w, (i + 1) * w), round));
}

function outputs(o: ServedOutputs, n: number): LoggedOutputs {
  if (o.value) return { value: Array.from(o.value.subarray(0, n), (v) => round(v) ?? NaN) };
  const out: LoggedOutputs = {};
  if (o.label) out.label = Array.from({ length: Math.min(n, o.label.length) }, (_, i) => o.label![i]);
  if (o.probabilities && o.classes) {
    const k = o.classes;
    out.confidence = Array.from({ length: Math.min(n, o.probabilities.length / k) }, (_, i) => round(Math.max(...o.probabilities!.subarray(i * k, (i + 1) * k))) ?? NaN);
  }
  return out;
}
