import * as ort from "onnxruntime-node";
import type { OnnxRunner } from "@/lib/onnx/export-check";
import type { OnnxFeed } from "@/lib/onnx/inputs";

/** Runs ONNX bytes in onnxruntime-node (the real runtime serving uses) and returns every output. */
export async function runOnnx(bytes: Uint8Array, feeds: OnnxFeed[] | Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const inputs = Array.isArray(feeds) ? Object.fromEntries(feeds.map((f) => [f.name, new ort.Tensor(f.type, f.data, f.dims)])) : feeds;
    return await session.run(inputs);
  } finally {
    await session.release();
  }
}

/** A row-major [rows, cols] tensor as nested arrays. */
export function matrix(t: ort.Tensor): number[][] {
  const [rows, cols] = t.dims as number[];
  const data = t.data as Float32Array;
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/** onnxruntime-node behind the export check's runner seam. */
export const nodeRunner: OnnxRunner = {
  async load(bytes) {
    const session = await ort.InferenceSession.create(bytes);
    return {
      run: (feeds) => session.run(Object.fromEntries(feeds.map((f) => [f.name, new ort.Tensor(f.type, f.data, f.dims)]))),
      release: () => session.release(),
    };
  },
};

/**
 * onnxruntime-web's own WASM build (the one the browser's export worker
 * loads), run in Node, one thread: every model type can be checked in it
 * without a browser; the Playwright journey covers it in Chromium.
 */
export const webRunner: OnnxRunner = {
  async load(bytes) {
    const web = await import("onnxruntime-web");
    web.env.wasm.numThreads = 1;
    const session = await web.InferenceSession.create(bytes, { executionProviders: ["wasm"] });
    return {
      run: (feeds) => session.run(Object.fromEntries(feeds.map((f) => [f.name, new web.Tensor(f.type, f.data, f.dims)]))),
      release: () => session.release(),
    };
  },
};
