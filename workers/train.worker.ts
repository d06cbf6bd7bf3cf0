/// <reference lib="webworker" />
import * as Comlink from "comlink";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import "@tensorflow/tfjs-backend-webgpu";
import { getThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { tableFromIPC } from "apache-arrow";
import { BACKENDS, chooseBackend, type BackendChoice, type BackendName, type BackendPreference, type BackendProbe } from "@/lib/train/backend";
import type { FeatureSpec } from "@/lib/features/spec";
import type { EpochReport } from "@/lib/train/loop";
import type { ModelSpec, Task } from "@/lib/train/model-spec";
import { rawTable, rawTarget, rawWeights } from "@/lib/train/raw-from-arrow";
import { recastTable, specWithSettings, type FeatureSettings } from "@/lib/features/settings";
import { FeatureSpecError } from "@/lib/features/errors";
import { SplitError } from "@/lib/train/split";
import { TrainError } from "@/lib/train/train-error";
import { runJob, type JobResult } from "@/lib/train/run-job";
import { learningCurve, type LearningCurve, type LearningCurvePoint } from "@/lib/train/learning-curve";
import type { LeakageWarning } from "@/lib/train/leakage";
import type { SplitSpecInput } from "@/lib/train/split";

/**
 * The training worker: picks a TensorFlow.js backend by trying them, then
 * runs training jobs (lib/train/run-job.ts) on data sent as Arrow IPC bytes
 * (transferred, not copied). Cancel is a flag in shared memory the page
 * sets and every batch reads, so it needs no message round trip.
 */
setWasmPaths(`${self.location.origin}/vendor/tfjs/`);
// The threaded WASM build starts its pthread workers from code the bundler
// has minified, and they fail with "n is not defined" (the same failure as
// tensorflow/tfjs#4107 under webpack). Swapping in the published script
// fixes that, but XNNPACK's pool still reports one thread inside this
// worker (getThreadsCount() is 1 after setThreadsCount(2)). Single-threaded
// SIMD until that is solved.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);

let chosen: Promise<BackendChoice> | null = null;
let chosenFor: BackendPreference | null = null;

async function probe(name: BackendName): Promise<BackendProbe> {
  const result: BackendProbe = { name, ok: false, adapter: null, fallback: false, error: null };
  try {
    if (name === "webgpu") {
      const gpu = (self.navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) throw new Error("navigator.gpu is missing");
      const adapter = (await gpu.requestAdapter()) as GpuAdapter | null;
      if (!adapter) throw new Error("no WebGPU adapter");
      const info = adapter.info ?? {};
      result.adapter = [info.vendor, info.architecture, info.description].filter(Boolean).join(" ") || "unnamed adapter";
      result.fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || /swiftshader/i.test(result.adapter);
    }
    if (name === "webgl" && typeof OffscreenCanvas === "undefined") throw new Error("no OffscreenCanvas in workers");
    if (!(await tf.setBackend(name))) throw new Error(`${name} did not initialise`);
    await tf.ready();
    // A tiny op proves the backend computes, not merely that it loaded.
    const check = tf.tidy(() => tf.sum(tf.add(tf.ones([4]), tf.ones([4]))));
    const value = (await check.data())[0];
    check.dispose();
    if (value !== 8) throw new Error(`${name} computed 1+1 wrong (${value / 4})`);
    if (name === "wasm") {
      const threads = getThreadsCount();
      result.adapter = `${threads} thread${threads === 1 ? "" : "s"}`;
    }
    if (name === "webgl") {
      result.adapter = webglRenderer() ?? `WebGL ${tf.env().getNumber("WEBGL_VERSION")}`;
      result.fallback = /swiftshader|llvmpipe|lavapipe|software/i.test(result.adapter);
    }
    result.ok = true;
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  return result;
}

/** The WebGL renderer's name (e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))"), to tell software from hardware. */
function webglRenderer(): string | null {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
    if (!gl) return null;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

interface GpuAdapter {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

async function choose(preference: BackendPreference): Promise<BackendChoice> {
  const probes: BackendProbe[] = [];
  const order: BackendName[] = preference === "auto" ? [...BACKENDS] : [preference, ...BACKENDS.filter((b) => b !== preference)];
  for (const name of order) {
    const p = await probe(name);
    probes.push(p);
    if (!p.ok) continue;
    // Stop probing once the answer cannot change: a working backend the
    // user asked for, or one that is not a software GPU. A software adapter
    // needs the next ones probed too, to prefer WASM.
    if (preference !== "auto" || !p.fallback) break;
  }
  const choice = chooseBackend(
    BACKENDS.map((n) => probes.find((p) => p.name === n) ?? { name: n, ok: false, adapter: null, fallback: false, error: "not probed" }),
    preference,
  );
  await tf.setBackend(choice.name);
  await tf.ready();
  return choice;
}

export type TrainOutcome = { kind: "ok"; result: JobResult } | { kind: "error"; code: string; message: string };

export interface TrainRequest {
  /** Arrow IPC stream of the target and feature columns. */
  ipc: Uint8Array;
  target: string;
  features: string[];
  task: Task;
  /** Null: the defaults for the columns' kinds (lib/features/default-spec.ts). */
  featureSpec: FeatureSpec | null;
  modelSpec: ModelSpec;
  split: SplitSpecInput;
  /** Per-column changes to the default feature spec; used when `featureSpec` is null. */
  featureSettings?: FeatureSettings;
  /** A numeric column in the IPC whose values weigh each row; null for equal weights. */
  weightColumn?: string | null;
}

/** The request's rows as the training job reads them: the same conversion for a run and a learning curve. */
function jobOf(req: TrainRequest) {
  const table = tableFromIPC(req.ipc);
  const settings = req.featureSettings ?? {};
  const raw = recastTable(rawTable(table, req.features), settings);
  return {
    table: raw,
    target: rawTarget(table, req.target, req.task),
    task: req.task,
    featureSpec: req.featureSpec ?? specWithSettings(raw.columns, settings),
    modelSpec: req.modelSpec,
    split: req.split,
    rowWeight: req.weightColumn ? rawWeights(table, req.weightColumn) : null,
  };
}

/** Errors cross the worker boundary as plain data: their class and code would not survive. */
function failure(e: unknown): { kind: "error"; code: string; message: string } {
  const code = e instanceof TrainError ? e.code : e instanceof SplitError ? "split" : e instanceof FeatureSpecError ? "features" : "internal";
  return { kind: "error", code, message: e instanceof Error ? e.message : String(e) };
}

export type LearningCurveOutcome = { kind: "ok"; curve: LearningCurve } | { kind: "error"; code: string; message: string };

const api = {
  /** The backend for a preference, probed once per preference. */
  backend(preference: BackendPreference): Promise<BackendChoice> {
    if (!chosen || chosenFor !== preference) {
      chosen = choose(preference);
      chosenFor = preference;
    }
    return chosen;
  },

  async train(
    req: TrainRequest,
    cancelFlag: SharedArrayBuffer | null,
    onEpoch: (r: EpochReport) => void,
    onWarnings: (w: LeakageWarning[]) => void,
  ): Promise<TrainOutcome> {
    try {
      const flag = cancelFlag ? new Int32Array(cancelFlag) : null;
      const result = await runJob(tf, { ...jobOf(req), evaluate: true }, {
        cancelled: () => flag !== null && Atomics.load(flag, 0) === 1,
        onEpoch: (r) => void onEpoch(r),
        onWarnings: (w) => void onWarnings(w),
      });
      return { kind: "ok", result };
    } catch (e) {
      return failure(e);
    }
  },

  /** The request's model trained on growing shares of its training split (lib/train/learning-curve.ts). */
  async learningCurve(
    req: TrainRequest & { fractions: number[]; repeats: number; sliceRows?: { name: string; rows: Int32Array }[] },
    cancelFlag: SharedArrayBuffer | null,
    onPoint: (point: LearningCurvePoint, done: number, total: number) => void,
  ): Promise<LearningCurveOutcome> {
    try {
      const flag = cancelFlag ? new Int32Array(cancelFlag) : null;
      const curve = await learningCurve(tf, { ...jobOf(req), sliceRows: req.sliceRows ?? null }, req.fractions, req.repeats, {
        cancelled: () => flag !== null && Atomics.load(flag, 0) === 1,
        onPoint: (p, done, total) => void onPoint(p, done, total),
      });
      return { kind: "ok", curve };
    } catch (e) {
      return failure(e);
    }
  },
};
export type TrainApi = typeof api;
Comlink.expose(api);
