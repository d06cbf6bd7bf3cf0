import * as Comlink from "comlink";
import type { BackendChoice, BackendPreference } from "@/lib/train/backend";
import type { LeakageWarning } from "@/lib/train/leakage";
import type { EpochReport } from "@/lib/train/loop";
import { TrainError } from "@/lib/train/train-error";
import type { LearningCurveOutcome, TrainApi, TrainOutcome, TrainRequest } from "@/workers/train.worker";
import type { LearningCurvePoint } from "@/lib/train/learning-curve";

/**
 * The page's handle on the training worker, started on first use. A crash
 * (out of memory, a backend bug) fails the run in progress with a message
 * and the next run starts a fresh worker.
 */
let current: { worker: Worker; api: Comlink.Remote<TrainApi>; crashed: Promise<never> } | null = null;

function start() {
  const worker = new Worker(new URL("../../workers/train.worker.ts", import.meta.url), { type: "module", name: "lathe-train" });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener("error", (e) => {
      if (current?.worker === worker) current = null;
      reject(new TrainError("backend", `the training worker stopped (${e.message || "worker error"}); it may have run out of memory — try fewer rows or a smaller model`));
    });
  });
  crashed.catch(() => undefined);
  current = { worker, api: Comlink.wrap<TrainApi>(worker), crashed };
  return current;
}

export async function trainingBackend(preference: BackendPreference): Promise<BackendChoice> {
  const w = current ?? start();
  return Promise.race([w.api.backend(preference), w.crashed]);
}

export interface TrainHandlers {
  onEpoch(r: EpochReport): void;
  onWarnings(w: LeakageWarning[]): void;
}

/**
 * Runs one job. Cancel sets a flag in shared memory that the worker reads
 * before every batch; without cross-origin isolation (no SharedArrayBuffer)
 * it ends the worker instead.
 */
export async function trainInWorker(req: TrainRequest, handlers: TrainHandlers, signal: AbortSignal): Promise<TrainOutcome> {
  const w = current ?? start();
  const shared = typeof SharedArrayBuffer !== "undefined" && self.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      if (shared) Atomics.store(new Int32Array(shared), 0, 1);
      else {
        w.worker.terminate();
        if (current === w) current = null;
        reject(new TrainError("cancelled", "cancelled: the worker was stopped"));
      }
    };
  });
  aborted.catch(() => undefined);
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const ipc = req.ipc;
    return await Promise.race([
      w.api.train(Comlink.transfer(req, [ipc.buffer]), shared, Comlink.proxy(handlers.onEpoch), Comlink.proxy(handlers.onWarnings)),
      w.crashed,
      aborted,
    ]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** A learning curve of the request's model, cancelled like a run (shared flag, else the worker ends). */
export async function learningCurveInWorker(
  req: TrainRequest & { fractions: number[]; repeats: number; sliceRows?: { name: string; rows: Int32Array }[] },
  onPoint: (point: LearningCurvePoint, done: number, total: number) => void,
  signal: AbortSignal,
): Promise<LearningCurveOutcome> {
  const w = current ?? start();
  const shared = typeof SharedArrayBuffer !== "undefined" && self.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
  let onAbort = () => {};
  const aborted = new Promise<LearningCurveOutcome>((resolve) => {
    onAbort = () => {
      if (shared) Atomics.store(new Int32Array(shared), 0, 1);
      else {
        w.worker.terminate();
        if (current === w) current = null;
        resolve({ kind: "error", code: "cancelled", message: "cancelled: the worker was stopped" });
      }
    };
  });
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([w.api.learningCurve(Comlink.transfer(req, [req.ipc.buffer as ArrayBuffer]), shared, Comlink.proxy(onPoint)), w.crashed, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
