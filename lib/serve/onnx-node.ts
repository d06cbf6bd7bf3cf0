import "server-only";
import * as ort from "onnxruntime-node";
import type { OnnxFeed } from "@/lib/onnx/inputs";
import type { GateRuntime } from "./gate";

/**
 * onnxruntime-node sessions for the server: the gate opens each pushed file
 * in one, and inference keeps them. One intra-op thread per session: the
 * server answers many requests at once, so parallelism comes from requests,
 * not from splitting one small model's work.
 */
export async function openSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" });
}

export function tensorsOf(feeds: OnnxFeed[]): Record<string, ort.Tensor> {
  return Object.fromEntries(feeds.map((f) => [f.name, new ort.Tensor(f.type, f.data, f.dims)]));
}

export const nodeGateRuntime: GateRuntime = {
  async load(bytes) {
    const session = await openSession(bytes);
    return {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      run: (feeds) => session.run(tensorsOf(feeds)),
      release: () => session.release(),
    };
  },
};
