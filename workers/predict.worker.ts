/// <reference lib="webworker" />
import * as Comlink from "comlink";
import * as ort from "onnxruntime-web/wasm";
import { tableFromIPC, tableToIPC } from "apache-arrow";
import { sha256Hex } from "@/lib/data/fingerprint";
import { FeedError } from "@/lib/onnx/feeds-from-arrow";
import { PredictError, predictModelOf, predictTable, withPredictions, type Predicted } from "@/lib/onnx/predict-arrow";
import { predictionColumns } from "@/lib/onnx/prediction-columns";

/**
 * The predict worker: runs a registry version over a table in
 * onnxruntime-web (WASM, files from /vendor/ort/), off the page's thread,
 * and hands back the table with its prediction columns as Arrow IPC bytes.
 * Sessions are kept by the file's SHA-256 (versions are immutable), so a
 * second run of the same version skips the download and the compile.
 */
ort.env.wasm.wasmPaths = `${self.location.origin}/vendor/ort/`;
// Two threads where the page is cross-origin isolated (SharedArrayBuffer), else one.
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(2, self.navigator.hardwareConcurrency || 1) : 1;
ort.env.wasm.proxy = false;

/** Sessions kept, least recently used dropped first: each holds its model's weights in WASM memory. */
const KEEP_SESSIONS = 3;
const sessions = new Map<string, Promise<ort.InferenceSession>>();
const cancelled = new Set<number>();

export interface PredictRequest {
  /** Names this run for cancel(). */
  jobId: number;
  /** The version's SHA-256 (hex), as the registry lists it: the session's key and the file's check. */
  sha256: string;
  /** The .onnx file; null when has(sha256) said the session is loaded. */
  onnx: Uint8Array | null;
  /** The version's metadata_props (lathe.inputs, lathe.task, lathe.classes). */
  metadata: Record<string, string>;
  /** Arrow IPC of the input table, every column. */
  ipc: Uint8Array;
  chunkRows?: number;
}

export type PredictOutcome =
  | {
      kind: "done";
      rows: number;
      /** Time in the worker from the first chunk's feeds to the last chunk's outputs, ms. */
      ms: number;
      /** The columns added, in order. */
      columns: string[];
      outputs: Predicted;
      /** Arrow IPC stream: the input's columns, then the prediction columns. */
      table: Uint8Array;
    }
  /** The session was dropped since has() answered: send the file. */
  | { kind: "need-file" }
  | { kind: "cancelled" }
  | { kind: "error"; message: string };

async function session(sha256: string, onnx: Uint8Array | null): Promise<ort.InferenceSession | null> {
  const kept = sessions.get(sha256);
  if (kept) {
    sessions.delete(sha256);
    sessions.set(sha256, kept);
    return kept;
  }
  if (!onnx) return null;
  if ((await sha256Hex(onnx)) !== sha256) throw new PredictError("bad_file", `the downloaded model file does not match the registry's SHA-256 (${sha256.slice(0, 12)}…); run the cell again`);
  const created = ort.InferenceSession.create(onnx, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  sessions.set(sha256, created);
  // A failed load is not kept: the next run tries again.
  created.catch(() => sessions.delete(sha256));
  while (sessions.size > KEEP_SESSIONS) {
    const [oldest, s] = sessions.entries().next().value!;
    sessions.delete(oldest);
    void s.then((x) => x.release()).catch(() => undefined);
  }
  return created;
}

/** Lets queued messages (a cancel) in between chunks: awaiting the session alone only runs microtasks. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const api = {
  has(sha256: string): boolean {
    return sessions.has(sha256);
  },

  cancel(jobId: number): void {
    cancelled.add(jobId);
  },

  async predict(req: PredictRequest, onProgress: (done: number, total: number) => void): Promise<PredictOutcome> {
    try {
      const model = predictModelOf(req.metadata);
      const s = await session(req.sha256, req.onnx);
      if (!s) return { kind: "need-file" };
      const table = tableFromIPC(req.ipc);
      const t0 = performance.now();
      const outputs = await predictTable(
        { run: (feeds) => s.run(Object.fromEntries(feeds.map((f) => [f.name, new ort.Tensor(f.type, f.data, f.dims)]))) },
        table,
        model,
        {
          chunkRows: req.chunkRows,
          onProgress: (done, total) => void onProgress(done, total),
          cancelled: async () => {
            await nextTask();
            return cancelled.has(req.jobId);
          },
        },
      );
      const ms = performance.now() - t0;
      const bytes = tableToIPC(withPredictions(table, model, outputs), "stream");
      const buffers = [bytes.buffer, outputs.kind === "values" ? outputs.values.buffer : outputs.probabilities.buffer] as ArrayBuffer[];
      return Comlink.transfer({ kind: "done", rows: table.numRows, ms, columns: predictionColumns(model.task, model.classes), outputs, table: bytes }, buffers);
    } catch (e) {
      if (e instanceof PredictError && e.code === "cancelled") return { kind: "cancelled" };
      if (e instanceof FeedError || e instanceof PredictError) return { kind: "error", message: e.message };
      return { kind: "error", message: `onnxruntime-web: ${e instanceof Error ? e.message : String(e)}` };
    } finally {
      cancelled.delete(req.jobId);
    }
  },
};
export type PredictApi = typeof api;
Comlink.expose(api);
