import * as Comlink from "comlink";
import type { PredictApi, PredictOutcome, PredictRequest } from "@/workers/predict.worker";

/**
 * The page's handle on the predict worker, started on first use and kept
 * (its sessions and compiled WASM stay warm for the next run). Cancel asks
 * the worker to stop between chunks; one that does not answer within
 * CANCEL_GRACE_MS is ended, as is a crashed worker, and the next run starts
 * a fresh one. Every way out is an outcome, never a thrown error.
 */
const CANCEL_GRACE_MS = 2000;

let current: { worker: Worker; api: Comlink.Remote<PredictApi>; crashed: Promise<PredictOutcome> } | null = null;
let jobs = 0;

function start() {
  const worker = new Worker(new URL("../../workers/predict.worker.ts", import.meta.url), { type: "module", name: "lathe-predict" });
  const crashed = new Promise<PredictOutcome>((resolve) => {
    worker.addEventListener("error", (e) => {
      if (current?.worker === worker) current = null;
      resolve({ kind: "error", message: `the prediction worker stopped (${e.message || "worker error"}); it may have run out of memory — try a smaller table` });
    });
  });
  current = { worker, api: Comlink.wrap<PredictApi>(worker), crashed };
  return current;
}

export interface PredictJob {
  sha256: string;
  metadata: Record<string, string>;
  /** Arrow IPC of the input table; transferred to the worker (unusable here afterwards). */
  ipc: Uint8Array;
  /** Fetches the .onnx file, when the worker does not hold its session yet. */
  file(): Promise<Uint8Array>;
  onStage(stage: "download" | "predict"): void;
  onProgress(done: number, total: number): void;
  signal: AbortSignal;
}

export async function predictInWorker(job: PredictJob): Promise<PredictOutcome> {
  if (job.signal.aborted) return { kind: "cancelled" };
  const w = current ?? start();
  const jobId = ++jobs;
  let grace: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const cancelled = new Promise<PredictOutcome>((resolve) => {
    onAbort = () => {
      void w.api.cancel(jobId).catch(() => undefined);
      grace = setTimeout(() => {
        w.worker.terminate();
        if (current === w) current = null;
        resolve({ kind: "cancelled" });
      }, CANCEL_GRACE_MS);
    };
  });
  job.signal.addEventListener("abort", onAbort, { once: true });
  const race = <T,>(p: Promise<T>) => Promise.race([p, w.crashed, cancelled]);
  try {
    const held = await race(w.api.has(job.sha256).then((has) => ({ kind: "held" as const, has })));
    if (held.kind !== "held") return held;
    let onnx: Uint8Array | null = null;
    if (!held.has) {
      job.onStage("download");
      try {
        onnx = await job.file();
      } catch (e) {
        return job.signal.aborted ? { kind: "cancelled" } : { kind: "error", message: e instanceof Error ? e.message : String(e) };
      }
      if (job.signal.aborted) return { kind: "cancelled" };
    }
    job.onStage("predict");
    const req: PredictRequest = { jobId, sha256: job.sha256, onnx, metadata: job.metadata, ipc: job.ipc };
    const buffers = [job.ipc.buffer, ...(onnx ? [onnx.buffer] : [])] as ArrayBuffer[];
    const out = await race<PredictOutcome>(w.api.predict(Comlink.transfer(req, buffers), Comlink.proxy(job.onProgress)));
    // Dropped between has() and predict() (another model's run): the table's bytes went with the call, so the cell runs again.
    if (out.kind === "need-file") return { kind: "error", message: "the model's session was unloaded as the run started; run the cell again" };
    return out;
  } finally {
    clearTimeout(grace);
    job.signal.removeEventListener("abort", onAbort);
  }
}
