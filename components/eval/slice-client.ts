import * as Comlink from "comlink";
import type { EvaluateOptions } from "@/lib/eval/report";
import type { Labels, Probabilities, Values } from "@/lib/eval/input";
import type { Task } from "@/lib/train/model-spec";
import type { EvaluateOutcome, OnLevel, RawSearchInput, SearchEvent, SliceApi, SliceOutcome, SliceSearchInput } from "@/workers/slice.worker";

/**
 * The page's handle on the slice worker (workers/slice.worker.ts), started
 * on first use and kept. A crash (out of memory on a large search) becomes
 * an error outcome for the call in progress, and the next call starts a
 * fresh worker. Cancelling a slice search sends cancel(), which gets in at
 * the search's next yield; cancelling evaluate() or the brute force, which
 * never yield, ends the worker instead.
 */
type Crash = { kind: "error"; code: "worker"; message: string };

let current: { worker: Worker; api: Comlink.Remote<SliceApi>; crashed: Promise<Crash> } | null = null;

function start() {
  const worker = new Worker(new URL("../../workers/slice.worker.ts", import.meta.url), { type: "module", name: "lathe-slice" });
  const crashed = new Promise<Crash>((resolve) => {
    worker.addEventListener("error", (e) => {
      if (current?.worker === worker) current = null;
      resolve({
        kind: "error",
        code: "worker",
        message: `the slice worker stopped (${e.message || "worker error"}); it may have run out of memory — try fewer rows, fewer features or a higher minimum support`,
      });
    });
  });
  current = { worker, api: Comlink.wrap<SliceApi>(worker), crashed };
  return current;
}

function stop(w: NonNullable<typeof current>): void {
  w.worker.terminate();
  if (current === w) current = null;
}

/** The buffers behind the input's arrays, each once (a buffer listed twice makes postMessage throw). */
function buffersOf(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

function inputBuffers(input: SliceSearchInput): ArrayBuffer[] {
  const f = input.features;
  return buffersOf([...(f.layout === "columns" ? f.columns : [f.codes]), input.errors]);
}

const CANCELLED_BEFORE = "slice search cancelled: before it started";

/**
 * SliceLine in the worker. The input's arrays are transferred (detached
 * here afterwards); `onLevel` hears each finished level with the best K so
 * far. Aborting `signal` resolves { kind: "cancelled" }.
 */
export async function searchSlices(input: SliceSearchInput, onLevel: OnLevel | null, signal: AbortSignal): Promise<SliceOutcome> {
  return interruptible((api) => api.sliceLine(Comlink.transfer(input, inputBuffers(input)), onLevel ? Comlink.proxy(onLevel) : null), signal);
}

/**
 * Binning and SliceLine both in the worker, on raw columns: numeric
 * columns' buffers are transferred, strings copied. Events (bins, then each
 * level) arrive in order; aborting resolves { kind: "cancelled" }.
 */
export async function searchRawSlices(input: RawSearchInput, onEvent: (e: SearchEvent) => void, signal: AbortSignal): Promise<SliceOutcome> {
  const numeric = input.raw.flatMap((c) => (c.kind === "numeric" && c.values instanceof Float64Array ? [c.values] : []));
  return interruptible((api) => api.searchRaw(Comlink.transfer(input, buffersOf([...numeric, input.errors])), Comlink.proxy(onEvent)), signal);
}

/** Runs a search on the worker; aborting sends cancel(), which the search hears at its next yield and answers "cancelled". */
async function interruptible(call: (api: Comlink.Remote<SliceApi>) => Promise<SliceOutcome>, signal: AbortSignal): Promise<SliceOutcome> {
  if (signal.aborted) return { kind: "cancelled", message: CANCELLED_BEFORE };
  const w = current ?? start();
  const onAbort = () => void w.api.cancel().catch(() => undefined);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([call(w.api), w.crashed]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** Runs `call` on the worker; aborting ends the worker (the call cannot yield to a cancel message). */
async function uninterruptible<T extends { kind: string }>(
  call: (api: Comlink.Remote<SliceApi>) => Promise<T>,
  what: string,
  signal: AbortSignal,
): Promise<T | Crash | { kind: "cancelled"; message: string }> {
  const cancelledMessage = `${what} cancelled`;
  if (signal.aborted) return { kind: "cancelled", message: cancelledMessage };
  const w = current ?? start();
  let onAbort = () => {};
  const cancelled = new Promise<{ kind: "cancelled"; message: string }>((resolve) => {
    onAbort = () => {
      stop(w);
      resolve({ kind: "cancelled", message: cancelledMessage });
    };
  });
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([call(w.api), w.crashed, cancelled]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** The brute-force reference on the same input (small data only); transferred like searchSlices. */
export async function bruteForceInWorker(input: SliceSearchInput, signal: AbortSignal): Promise<SliceOutcome> {
  return uninterruptible<SliceOutcome>((api) => api.bruteForce(Comlink.transfer(input, inputBuffers(input))), "brute-force slice search", signal);
}

/**
 * lib/eval/report.ts evaluate() in the worker: labels and predictions are
 * transferred (detached here afterwards), the report comes back as plain data.
 */
export async function evaluateInWorker(
  task: Task,
  y: Labels,
  predictions: Probabilities | Values,
  options: EvaluateOptions,
  signal: AbortSignal,
): Promise<EvaluateOutcome> {
  const arrays: ArrayBufferView[] = [y, predictions, ...(options.weights ? [options.weights] : [])];
  return uninterruptible<EvaluateOutcome>(
    (api) => api.evaluatePredictions(task, Comlink.transfer(y, buffersOf(arrays)), predictions, options),
    "evaluation",
    signal,
  );
}
