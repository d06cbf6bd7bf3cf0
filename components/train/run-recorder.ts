import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { RunEvaluation } from "@/lib/api/evaluation";
import type { CreateRunRequest, Run, UpdateRunRequest } from "@/lib/api/runs";
import type { EpochReport } from "@/lib/train/loop";

/** Least time between two progress reports, ms: each epoch on small data can take less than this. */
const PROGRESS_EVERY_MS = 1000;

/**
 * Records one run on the server: created when training starts, its curves
 * reported as they grow (which also tells the server the page is alive),
 * ended once. A failure to record is reported to the caller and does not
 * stop training: the run's results stay on the page.
 */
export class RunRecorder {
  private lastSent = 0;
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(readonly run: Run) {}

  static async start(req: CreateRunRequest): Promise<RunRecorder> {
    return new RunRecorder(await send<Run>("/api/runs", "POST", req));
  }

  progress(curves: readonly EpochReport[]): void {
    const now = performance.now();
    if (now - this.lastSent < PROGRESS_EVERY_MS) return;
    this.lastSent = now;
    this.queue({ curves: curves.map(clean) });
  }

  async end(update: UpdateRunRequest & { curves?: EpochReport[] }): Promise<Run> {
    await this.pending.catch(() => undefined);
    return send<Run>(`/api/runs/${this.run.id}`, "PATCH", { ...update, curves: update.curves?.map(clean) });
  }

  /** After the ending: the held-out evaluation, when there is one. */
  async evaluated(evaluation: RunEvaluation | null): Promise<void> {
    if (evaluation) await send<Run>(`/api/runs/${this.run.id}`, "PATCH", { evaluation });
  }

  private queue(update: UpdateRunRequest): void {
    this.pending = this.pending.then(() => send(`/api/runs/${this.run.id}`, "PATCH", update)).catch(() => undefined);
  }
}

/** NaN is not JSON: a split without rows reports null. */
function clean(e: EpochReport): EpochReport {
  const n = (v: number) => (Number.isFinite(v) ? v : (null as unknown as number));
  return { ...e, train: { loss: n(e.train.loss), metric: n(e.train.metric) }, validation: { loss: n(e.validation.loss), metric: n(e.validation.metric) } };
}

async function send<T>(url: string, method: string, body: unknown): Promise<T> {
  return apiJson<T>(await apiFetch(url, { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
}
