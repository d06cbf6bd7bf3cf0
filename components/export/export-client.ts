import * as Comlink from "comlink";
import type { ExportApi, ExportOutcome, ExportRequest } from "@/workers/export.worker";

/**
 * Runs one export check in a fresh worker, ended when the check ends: the
 * worker holds two ONNX sessions and a TF.js model, which nothing reuses.
 * Cancel ends the worker; a crash (out of memory) becomes an error outcome.
 */
export async function checkInWorker(req: ExportRequest, onStep: (step: string) => void, signal: AbortSignal): Promise<ExportOutcome> {
  const worker = new Worker(new URL("../../workers/export.worker.ts", import.meta.url), { type: "module", name: "lathe-export" });
  const api = Comlink.wrap<ExportApi>(worker);
  let onAbort = () => {};
  const stopped = new Promise<ExportOutcome>((resolve) => {
    onAbort = () => resolve({ kind: "error", message: "cancelled" });
    worker.addEventListener("error", (e) => resolve({ kind: "error", message: `the export worker stopped (${e.message || "worker error"}); it may have run out of memory` }));
  });
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([api.check(Comlink.transfer(req, [req.ipc.buffer as ArrayBuffer]), Comlink.proxy(onStep)), stopped]);
  } finally {
    signal.removeEventListener("abort", onAbort);
    worker.terminate();
  }
}
