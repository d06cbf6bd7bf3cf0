/**
 * Which TensorFlow.js backend trains: the first that works in the order
 * WebGPU → WebGL → WASM → CPU, or the user's choice when it works. A WebGPU
 * adapter that is a software fallback (SwiftShader on machines without a
 * GPU) trains slower than WASM — measured here at about 2.1k against 74k
 * samples/s on a small MLP — so then WASM is chosen instead, and the note
 * says why.
 */
export const BACKENDS = ["webgpu", "webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | "auto";

export interface BackendProbe {
  name: BackendName;
  ok: boolean;
  /** The adapter or renderer, when the backend reports one. */
  adapter: string | null;
  /** WebGPU only: the adapter is a software fallback. */
  fallback: boolean;
  /** Why it did not work. */
  error: string | null;
}

export interface BackendChoice {
  name: BackendName;
  adapter: string | null;
  note: string;
}

/**
 * Picks from probes already run (in BACKENDS order; unprobed ones are not
 * candidates). Throws when nothing works, which cannot happen while the CPU
 * backend is probed.
 */
export function chooseBackend(probes: readonly BackendProbe[], preference: BackendPreference): BackendChoice {
  const works = (n: BackendName) => probes.find((p) => p.name === n && p.ok);
  if (preference !== "auto") {
    const p = works(preference);
    if (p) return { name: p.name, adapter: p.adapter, note: `chosen by the user` };
    const failed = probes.find((q) => q.name === preference);
    const next = chooseBackend(probes, "auto");
    return { ...next, note: `${preference} did not start (${failed?.error ?? "not available"}); ${next.name} instead` };
  }
  const gpu = works("webgpu");
  if (gpu && !gpu.fallback) return { name: "webgpu", adapter: gpu.adapter, note: "first that works" };
  if (gpu?.fallback) {
    const wasm = works("wasm");
    if (wasm) return { name: "wasm", adapter: wasm.adapter, note: `WebGPU's adapter is a software fallback (${gpu.adapter ?? "unnamed"}); WASM is faster here` };
  }
  for (const n of ["webgl", "wasm", "cpu"] as const) {
    const p = works(n);
    if (p) return { name: n, adapter: p.adapter, note: gpu ? "first that works" : `first that works (WebGPU: ${probes.find((q) => q.name === "webgpu")?.error ?? "not probed"})` };
  }
  throw new Error(`no TensorFlow.js backend works here: ${probes.map((p) => `${p.name}: ${p.error}`).join("; ")}`);
}
