import * as Comlink from "comlink";
import type { ExportApi, ExportOutcome, ExportRequest } from "@/workers/export.worker";

/**
 * The page's handle on the export worker, started on first use and kept:
 * its WASM runtimes (TF.js, onnxruntime-web) stay compiled for the next
 * check. Cancel ends the worker (the next check starts a fresh one); so
 * does a crash (out of memory), which becomes an error outcome.
 */
let current: { worker: Worker; api: Comlink.Remote<ExportApi>; crashed: Promise<ExportOutcome> } | null = null;

function start() {
  const worker = new Worker(new URL("../../workers/export.worker.ts", import.meta.url), { type: "module", name: "lathe-export" });
  const crashed = new Promise<ExportOutcome>((resolve) => {
    worker.addEventListener("error", (e) => {
      if (current?.worker === worker) current = null;
      resolve({ kind: "error", message: `the export worker stopped (${e.message || "worker error"}); it may have run out of memory` });
    });
  });
  current = { worker, api: Comlink.wrap<ExportApi>(worker), crashed };
  return current;
}

/** Starts the worker and its WASM runtimes compiling, so a check about to start does not wait for them. */
export function warmExportWorker(): void {
  const w = current ?? start();
  void w.api.warm().catch(() => undefined);
}

export async function checkInWorker(req: ExportRequest, onStep: (step: string) => void, signal: AbortSignal): Promise<ExportOutcome> {
  const w = current ?? start();
  let onAbort = () => {};
  const cancelled = new Promise<ExportOutcome>((resolve) => {
    onAbort = () => {
      w.worker.terminate();
      if (current === w) current = null;
      resolve({ kind: "error", message: "cancelled" });
    };
  });
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([w.api.check(Comlink.transfer(req, [req.ipc.buffer as ArrayBuffer]), Comlink.proxy(onStep)), w.crashed, cancelled]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
