/**
 * Which TensorFlow.js backend trains: the first that works in the order
 * WebGPU → WebGL → WASM → CPU, or the user's choice when it works. A GPU
 * backend on a software adapter (SwiftShader or llvmpipe on machines without
 * a GPU) trains slower than WASM — measured here (npm run bench:train) at
 * about 2.5k (WebGPU) and 10k (WebGL) against 71k samples/s on an MLP — so
 * then WASM is chosen instead, and the note says why.
 */
export const BACKENDS = ["webgpu", "webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | "auto";

export interface BackendProbe {
  name: BackendName;
  ok: boolean;
  /** The adapter or renderer, when the backend reports one. */
  adapter: string | null;
  /** WebGPU or WebGL: the adapter or renderer is a software fallback. */
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
  const gl = works("webgl");
  if (gl && !gl.fallback) return { name: "webgl", adapter: gl.adapter, note: `first that works (WebGPU: ${gpu ? "software adapter" : (probes.find((q) => q.name === "webgpu")?.error ?? "not probed")})` };
  // A GPU backend on a software adapter (SwiftShader, llvmpipe) is slower than WASM.
  const software = [gpu, gl].filter((p): p is BackendProbe => !!p && p.fallback);
  const why = software.map((p) => `${p.name === "webgpu" ? "WebGPU's adapter" : "WebGL's renderer"} is a software fallback (${p.adapter ?? "unnamed"})`).join("; ");
  for (const n of ["wasm", "cpu"] as const) {
    const p = works(n);
    if (p) return { name: n, adapter: p.adapter, note: why ? `${why}; ${n === "wasm" ? "WASM" : "the CPU backend"} is faster here` : `first that works (WebGPU: ${probes.find((q) => q.name === "webgpu")?.error ?? "not probed"})` };
  }
  if (software[0]) return { name: software[0].name, adapter: software[0].adapter, note: `${why}; nothing faster works here` };
  throw new Error(`no TensorFlow.js backend works here: ${probes.map((p) => `${p.name}: ${p.error}`).join("; ")}`);
}
