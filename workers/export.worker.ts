/// <reference lib="webworker" />
import * as Comlink from "comlink";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as ort from "onnxruntime-web/wasm";
import { tableFromIPC } from "apache-arrow";
import type { ParityThresholds } from "@/lib/onnx/parity";
import { runExportCheck, type ExportCheckResult, type OnnxRunner, type RunForExport } from "@/lib/onnx/export-check";

/**
 * The export worker: writes a run's ONNX files and proves them against
 * TensorFlow.js on the run's test split, with onnxruntime-web (WASM, files
 * from /vendor/ort/) and TF.js's WASM backend, off the page's thread.
 */
setWasmPaths(`${self.location.origin}/vendor/tfjs/`);
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
ort.env.wasm.wasmPaths = `${self.location.origin}/vendor/ort/`;
// One thread, as the TF.js side: the parity figures compare like with like, and no pthread workers are started from a bundled script.
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;

let ready: Promise<void> | null = null;
function backend(): Promise<void> {
  ready ??= (async () => {
    if (!(await tf.setBackend("wasm"))) await tf.setBackend("cpu");
    await tf.ready();
  })();
  return ready;
}

const runner: OnnxRunner = {
  async load(bytes) {
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
    return {
      run: (feeds) => session.run(Object.fromEntries(feeds.map((f) => [f.name, new ort.Tensor(f.type, f.data, f.dims)]))),
      release: () => session.release(),
    };
  },
};

export interface ExportRequest {
  /** Arrow IPC stream of the run's query: target and feature columns. */
  ipc: Uint8Array;
  run: RunForExport;
  appVersion: string;
  datasetFingerprint: string | null;
  thresholds: ParityThresholds;
}

export type ExportOutcome = { kind: "ok"; result: ExportCheckResult; backend: string } | { kind: "error"; message: string };

const api = {
  async check(req: ExportRequest, onStep: (step: string) => void): Promise<ExportOutcome> {
    try {
      await backend();
      const result = await runExportCheck(tf, runner, { run: req.run, table: tableFromIPC(req.ipc), appVersion: req.appVersion, datasetFingerprint: req.datasetFingerprint, thresholds: req.thresholds }, (s) => void onStep(s));
      const buffers = [result.files.fp32.buffer, result.files.int8.buffer] as ArrayBuffer[];
      return Comlink.transfer({ kind: "ok", result, backend: tf.getBackend() }, buffers);
    } catch (e) {
      return { kind: "error", message: e instanceof Error ? e.message : String(e) };
    }
  },
};
export type ExportApi = typeof api;
Comlink.expose(api);
