import * as Comlink from "comlink";
import type { CompareOutcome, EvalApi, EvaluateRunOutcome, EvaluateRunRequest, SliceOutcome, SliceRequest } from "@/workers/eval.worker";

/**
 * The page's handle on the evaluation worker, started on first use and kept
 * (it holds the last scored split for slicing). Cancel ends the worker; so
 * does a crash (out of memory), which becomes an error outcome; the next
 * call starts a fresh one.
 */
let current: { worker: Worker; api: Comlink.Remote<EvalApi>; crashed: Promise<{ kind: "error"; message: string }> } | null = null;

function start() {
  const worker = new Worker(new URL("../../workers/eval.worker.ts", import.meta.url), { type: "module", name: "lathe-eval" });
  const crashed = new Promise<{ kind: "error"; message: string }>((resolve) => {
    worker.addEventListener("error", (e) => {
      if (current?.worker === worker) current = null;
      resolve({ kind: "error", message: `the evaluation worker stopped (${e.message || "worker error"}); it may have run out of memory — evaluate again` });
    });
  });
  current = { worker, api: Comlink.wrap<EvalApi>(worker), crashed };
  return current;
}

async function withCancel<T extends { kind: string }>(call: (api: Comlink.Remote<EvalApi>) => Promise<T>, signal: AbortSignal): Promise<T> {
  const w = current ?? start();
  let onAbort = () => {};
  const cancelled = new Promise<{ kind: "error"; message: string }>((resolve) => {
    onAbort = () => {
      w.worker.terminate();
      if (current === w) current = null;
      resolve({ kind: "error", message: "cancelled" });
    };
  });
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return (await Promise.race([call(w.api), w.crashed, cancelled])) as T;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

export function evaluateRunInWorker(req: EvaluateRunRequest, signal: AbortSignal): Promise<EvaluateRunOutcome> {
  return withCancel<EvaluateRunOutcome>((api) => api.evaluateRun(Comlink.transfer(req, [req.ipc.buffer as ArrayBuffer])), signal);
}

export function evaluateSlicesInWorker(req: SliceRequest, signal: AbortSignal): Promise<SliceOutcome> {
  const buffers = req.slices.flatMap((s) => (s.members instanceof Int32Array ? [s.members.buffer as ArrayBuffer] : []));
  return withCancel<SliceOutcome>((api) => api.evaluateSlices(Comlink.transfer(req, buffers)), signal);
}

export function compareRunInWorker(req: Parameters<EvalApi["compareRun"]>[0], signal: AbortSignal): Promise<CompareOutcome> {
  const buffers = req.slices.flatMap((s) => (s.members instanceof Int32Array ? [s.members.buffer as ArrayBuffer] : []));
  return withCancel<CompareOutcome>((api) => api.compareRun(Comlink.transfer(req, buffers)), signal);
}
