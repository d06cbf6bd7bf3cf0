/// <reference lib="webworker" />
import * as Comlink from "comlink";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as ort from "onnxruntime-web/wasm";
import { tableFromIPC } from "apache-arrow";
import { IR_VERSION, OPSET } from "@/lib/onnx/export";
import { GraphBuilder } from "@/lib/onnx/graph";
import type { ParityThresholds } from "@/lib/onnx/parity";
import { DataType, encodeModel } from "@/lib/onnx/proto";
import { runExportCheck, type ExportCheckResult, type OnnxRunner, type RunForExport } from "@/lib/onnx/export-check";

/**
 * The export worker: writes a run's ONNX files and proves them against
 * TensorFlow.js on the run's test split, with onnxruntime-web (WASM, files
 * from /vendor/ort/) and TF.js's WASM backend, off the page's thread.
 */
setWasmPaths(`${self.location.origin}/vendor/tfjs/`);
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
ort.env.wasm.wasmPaths = `${self.location.origin}/vendor/ort/`;
// Two threads where the page is cross-origin isolated (SharedArrayBuffer), else one.
const ORT_THREADS = self.crossOriginIsolated ? Math.min(2, self.navigator.hardwareConcurrency || 1) : 1;
ort.env.wasm.numThreads = ORT_THREADS;
ort.env.wasm.proxy = false;

let ready: Promise<void> | null = null;
function backend(): Promise<void> {
  ready ??= (async () => {
    if (!(await tf.setBackend("wasm"))) await tf.setBackend("cpu");
    await tf.ready();
  })();
  return ready;
}

/**
 * onnxruntime-web compiles its 14 MB WASM module and starts its threads on
 * the first session. A one-node model loaded as soon as a check begins lets
 * that happen in the background while the data is read and TF.js predicts,
 * instead of in front of the first real session. Failures surface there.
 */
let warmed: Promise<void> | null = null;
function warmOnnx(): Promise<void> {
  warmed ??= (async () => {
    const g = new GraphBuilder();
    g.output(g.input("x", DataType.FLOAT, [1]), "y", DataType.FLOAT, [1]);
    const bytes = encodeModel({ ir_version: IR_VERSION, opset_import: [{ domain: "", version: OPSET }], producer_name: "lathe", producer_version: "warm-up", graph: g.graph("warm_up"), metadata_props: [] });
    await (await ort.InferenceSession.create(bytes)).release();
  })().catch(() => undefined);
  return warmed;
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

export type ExportOutcome = { kind: "ok"; result: ExportCheckResult; backend: string; onnxThreads: number } | { kind: "error"; message: string };

const api = {
  /** Compiles both WASM runtimes ahead of a check (see warmOnnx). */
  async warm(): Promise<void> {
    await Promise.all([warmOnnx(), backend().catch(() => undefined)]);
  },

  async check(req: ExportRequest, onStep: (step: string) => void): Promise<ExportOutcome> {
    try {
      void warmOnnx();
      await backend();
      const result = await runExportCheck(tf, runner, { run: req.run, table: tableFromIPC(req.ipc), appVersion: req.appVersion, datasetFingerprint: req.datasetFingerprint, thresholds: req.thresholds }, (s) => void onStep(s));
      const buffers = [result.files.fp32.buffer, result.files.int8.buffer] as ArrayBuffer[];
      return Comlink.transfer({ kind: "ok", result, backend: tf.getBackend(), onnxThreads: ORT_THREADS }, buffers);
    } catch (e) {
      return { kind: "error", message: e instanceof Error ? e.message : String(e) };
    }
  },
};
export type ExportApi = typeof api;
Comlink.expose(api);
