import { explainSlices, planSliceSearch, type FoundSlice } from "@/lib/eval/slicing/found-slices";
import type { RawColumn } from "@/lib/eval/slicing/binning";
import type { LevelStats, Slice, SliceLineParams } from "@/lib/eval/slicing/types";
import { syntheticPredictions } from "@/lib/eval/bench";
import type { Task } from "@/lib/train/model-spec";
import { bruteForceInWorker, evaluateInWorker, searchSlices } from "./slice-client";

/**
 * `window.lathe` additions for `npm run bench:eval`: the page's slice search
 * (binning on the page, SliceLine in the slice worker, the result in words)
 * and evaluate() in the same worker, timed from the page. Data come from a
 * JSON file the bench writes under /samples/bench/; fetching and parsing it
 * are data preparation, left out of every time.
 */

/** The bench's file: raw slicing columns, per-row error, and the model's labels and P(class 1). */
interface SliceBenchData {
  columns: RawColumn[];
  errors: number[];
  y: number[];
  p: number[];
}

const loaded = new Map<string, Promise<SliceBenchData>>();
function load(url: string): Promise<SliceBenchData> {
  let p = loaded.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`bench data: HTTP ${r.status} for ${url}`);
      return r.json() as Promise<SliceBenchData>;
    });
    loaded.set(url, p);
  }
  return p;
}

/**
 * `rows` rows spread evenly over the file (every (n / rows)-th; all when
 * omitted), so a cut covers the same months as the whole. Fresh arrays:
 * the worker call detaches what it is sent.
 */
function cut(data: SliceBenchData, rows?: number): { raw: RawColumn[]; errors: Float64Array } {
  const n = data.errors.length;
  const m = Math.min(rows ?? n, n);
  const at = Int32Array.from({ length: m }, (_, i) => Math.floor((i * n) / m));
  const raw = data.columns.map((c) => ({ ...c, values: Array.from(at, (r) => c.values[r]) }) as RawColumn);
  return { raw, errors: Float64Array.from(at, (r) => data.errors[r]) };
}

/** Main-thread tasks over 50 ms while `work` runs, ms each: the page must stay responsive. */
async function withLongTasks<T>(work: () => Promise<T>): Promise<{ value: T; longTasks: number[] }> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: "longtask" });
  try {
    const value = await work();
    // Long tasks are reported after they end: give the last one a moment to arrive.
    await new Promise((r) => setTimeout(r, 100));
    return { value, longTasks };
  } finally {
    observer.disconnect();
  }
}

const never = () => new AbortController().signal;

export function sliceBenchHooks() {
  return {
    /**
     * Bins the file's columns (σ = params.minSupport), runs SliceLine in the
     * worker and explains the top K. Times, ms: binMs (binning on the page),
     * searchMs (the worker call: transfer, search, result back), totalMs
     * (both), workerMs (inside the worker); levelAtMs: when each level
     * reached the page, from the start of the call.
     */
    sliceSearch: async (opts: { url: string; params: SliceLineParams; rows?: number; bins?: number }) => {
      const { raw, errors } = cut(await load(opts.url), opts.rows);
      const { value, longTasks } = await withLongTasks(async () => {
        const t0 = performance.now();
        const plan = planSliceSearch(raw, errors, opts.params, opts.bins);
        const t1 = performance.now();
        const levelAtMs: number[] = [];
        const out = await searchSlices(plan.input, (level: number, _top: readonly Slice[], _stats: LevelStats) => void (levelAtMs[level - 1] = performance.now() - t0), never());
        const t2 = performance.now();
        if (out.kind !== "ok") throw new Error(`slice search ${out.kind}: ${out.message}`);
        const features = plan.columns.map((c) => ({ name: c.name, bins: c.bins.length }));
        return { binMs: t1 - t0, searchMs: t2 - t1, totalMs: t2 - t0, workerMs: out.ms, levelAtMs, features, result: out.result, found: explainSlices(out.result, plan.columns) };
      });
      return { ...value, longTasks };
    },

    /**
     * A search aborted as soon as level `afterLevel` reaches the page: the
     * outcome (it should be "cancelled", with where it stopped) and how long
     * after the abort it reached the page, ms.
     */
    sliceCancel: async (opts: { url: string; params: SliceLineParams; afterLevel: number }) => {
      const { raw, errors } = cut(await load(opts.url));
      const plan = planSliceSearch(raw, errors, opts.params);
      const controller = new AbortController();
      let abortedAt = NaN;
      const onLevel = (level: number) => {
        if (level !== opts.afterLevel) return;
        abortedAt = performance.now();
        controller.abort();
      };
      const out = await searchSlices(plan.input, onLevel, controller.signal);
      return { kind: out.kind, message: out.kind === "ok" ? "finished before the abort got in" : out.message, latencyMs: performance.now() - abortedAt };
    },

    /** SliceLine and the brute force on the same binned cut (`rows` rows spread over the file), one after the other in the worker. */
    sliceVersusBruteForce: async (opts: { url: string; params: SliceLineParams; rows: number; bins?: number }) => {
      const { raw, errors } = cut(await load(opts.url), opts.rows);
      const plan = planSliceSearch(raw, errors, opts.params, opts.bins);
      // Each call detaches what it is sent, so the brute force gets its own copy.
      const copy = structuredClone(plan.input);
      const t0 = performance.now();
      const sl = await searchSlices(plan.input, null, never());
      const t1 = performance.now();
      const bf = await bruteForceInWorker(copy, never());
      const t2 = performance.now();
      if (sl.kind !== "ok") throw new Error(`slice search ${sl.kind}: ${sl.message}`);
      if (bf.kind !== "ok") throw new Error(`brute force ${bf.kind}: ${bf.message}`);
      const explain = (found: FoundSlice[]) => found.map((f) => f.description);
      return {
        sliceLine: { wallMs: t1 - t0, workerMs: sl.ms, result: sl.result, found: explain(explainSlices(sl.result, plan.columns)) },
        bruteForce: { wallMs: t2 - t1, workerMs: bf.ms, result: bf.result, found: explain(explainSlices(bf.result, plan.columns)) },
        features: plan.columns.map((c) => ({ name: c.name, bins: c.bins.length })),
      };
    },

    /**
     * evaluate() with 1,000 bootstrap resamples in the worker. Binary: the
     * file's labels and P(class 1); multiclass: lib/eval/bench.ts's seeded
     * synthetic predictions (`rows` × `classes`). wallMs from the page's
     * call to the report, workerMs inside the worker.
     */
    evaluate: async (opts: { task: Extract<Task, "binary" | "multiclass">; url?: string; rows: number; classes?: number; resamples?: number }) => {
      let y: Int32Array;
      let p: Float64Array | Float32Array;
      if (opts.task === "binary") {
        if (!opts.url) throw new Error("bench evaluate: a binary run needs the data file's url");
        const data = await load(opts.url);
        y = Int32Array.from(data.y.slice(0, opts.rows));
        p = Float64Array.from(data.p.slice(0, opts.rows));
      } else {
        ({ y, p } = syntheticPredictions(opts.rows, opts.classes ?? 10));
      }
      const t0 = performance.now();
      const out = await evaluateInWorker(opts.task, y, p, { resamples: opts.resamples ?? 1000 }, never());
      const wallMs = performance.now() - t0;
      if (out.kind !== "ok") throw new Error(`evaluate ${out.kind}: ${out.message}`);
      const r = out.report;
      if (r.task === "regression") throw new Error("bench evaluate: expected a classification report");
      return {
        wallMs,
        workerMs: out.ms,
        rows: r.rows,
        classes: r.classes,
        method: r.intervals.method,
        resamples: r.intervals.resamples,
        accuracy: r.accuracy,
        rocAuc: r.rocAuc,
        logLoss: r.logLoss,
        macroF1: r.macro.f1,
        ece: r.calibration.ece,
      };
    },
  };
}
