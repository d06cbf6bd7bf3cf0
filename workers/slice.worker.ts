/// <reference lib="webworker" />
import * as Comlink from "comlink";
import { binColumns, bruteForceSlices, isCancelled, sliceLine, SlicingError } from "@/lib/eval/slicing";
import type { BinnedColumn, BinnedFeatures, LevelStats, RawColumn, Slice, SliceLineParams, SliceSearchResult } from "@/lib/eval/slicing";
import { EvalError } from "@/lib/eval/errors";
import type { Labels, Probabilities, Values } from "@/lib/eval/input";
import { evaluate, type EvaluateOptions, type EvaluationReport } from "@/lib/eval/report";
import type { Task } from "@/lib/train/model-spec";

/**
 * The slice worker: SliceLine (and its brute-force reference) and the
 * evaluation report with bootstrap intervals, off the page's thread, on
 * typed arrays transferred from the page. SliceLine yields every 20 ms, so
 * a cancel() sent while it runs gets in; the brute force and evaluate() do
 * not yield, and the page ends the worker to stop them (slice-client.ts).
 */

export interface SliceSearchInput {
  /** Binned codes (binColumns); their buffers are transferred, so the page's copies are detached. */
  features: BinnedFeatures;
  /** Per-row error, finite and ≥ 0; length = rows. Transferred too. */
  errors: Float64Array;
  params: SliceLineParams;
}

/** Errors cross the worker boundary as plain data: an Error's class and code would not survive. */
export type SliceOutcome =
  /** `ms`: time in the worker from receiving the input to the result, milliseconds. */
  | { kind: "ok"; result: SliceSearchResult; ms: number }
  | { kind: "cancelled"; message: string }
  | { kind: "error"; code: string; message: string };

export type EvaluateOutcome =
  | { kind: "ok"; report: EvaluationReport; ms: number }
  | { kind: "cancelled"; message: string }
  | { kind: "error"; code: string; message: string };

export type OnLevel = (level: number, topK: readonly Slice[], stats: LevelStats) => void;

/** Raw columns for searchRaw: numbers as Float64Array with NaN for missing (transferred), categories as strings (copied). */
export interface RawSearchInput {
  raw: RawColumn[];
  errors: Float64Array;
  params: SliceLineParams;
  /** Quantile bins per numeric column; default 5. */
  bins?: number;
}

/**
 * What searchRaw reports, in order on one port: the bins first (what each
 * code means, to put slices into words), then each finished level.
 */
export type SearchEvent = { kind: "binned"; columns: BinnedColumn[] } | { kind: "level"; level: number; topK: readonly Slice[]; stats: LevelStats };

/** The search in progress; one at a time, since the worker has one thread. */
let running: AbortController | null = null;

function failure(e: unknown): { kind: "error"; code: string; message: string } {
  const code = e instanceof SlicingError || e instanceof EvalError ? e.code : "internal";
  return { kind: "error", code, message: e instanceof Error ? e.message : String(e) };
}

const api = {
  /**
   * SliceLine on the input; `onLevel` (a Comlink proxy) hears each finished
   * level with the best K so far. A search already running is cancelled
   * first: its caller gets { kind: "cancelled" }.
   */
  async sliceLine(input: SliceSearchInput, onLevel: OnLevel | null): Promise<SliceOutcome> {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const t0 = performance.now();
    try {
      const result = await sliceLine({ features: input.features, errors: input.errors }, input.params, {
        signal: controller.signal,
        // Fire and forget: waiting for the page's answer would stall the search on a round trip.
        onLevel: onLevel ? (level, topK, stats) => void Promise.resolve(onLevel(level, topK, stats)).catch(() => undefined) : undefined,
      });
      return { kind: "ok", result, ms: performance.now() - t0 };
    } catch (e) {
      if (isCancelled(e)) return { kind: "cancelled", message: e instanceof Error ? e.message : "slice search cancelled" };
      return failure(e);
    } finally {
      if (running === controller) running = null;
    }
  },

  /**
   * Bins raw columns here rather than on the page (200k rows take a few
   * hundred ms the page would otherwise freeze for), then searches like
   * sliceLine. The bins reach `onEvent` before any level.
   */
  async searchRaw(input: RawSearchInput, onEvent: (e: SearchEvent) => void): Promise<SliceOutcome> {
    const t0 = performance.now();
    let features: BinnedFeatures;
    try {
      const binned = binColumns(input.raw, { bins: input.bins, minSupport: input.params.minSupport });
      features = binned.features;
      // Codes stay here: the page needs only what the codes stand for.
      const columns = binned.columns.map((c) => ({ ...c, codes: new Int32Array(0) }));
      void Promise.resolve(onEvent({ kind: "binned", columns })).catch(() => undefined);
    } catch (e) {
      return failure(e);
    }
    const out = await api.sliceLine({ features, errors: input.errors, params: input.params }, (level, topK, stats) => onEvent({ kind: "level", level, topK, stats }));
    return out.kind === "ok" ? { ...out, ms: performance.now() - t0 } : out;
  },

  /** Stops the running search at its next yield (≤ 20 ms of work away); a no-op when none runs. */
  cancel(): void {
    running?.abort();
  },

  /**
   * Every conjunction scored by a full scan (lib/eval/slicing/brute-force.ts):
   * the reference SliceLine is checked against, for small data only. It does
   * not yield, so it cannot be cancelled except by ending the worker.
   */
  bruteForce(input: SliceSearchInput): SliceOutcome {
    const t0 = performance.now();
    try {
      const result = bruteForceSlices({ features: input.features, errors: input.errors }, input.params);
      return { kind: "ok", result, ms: performance.now() - t0 };
    } catch (e) {
      return failure(e);
    }
  },

  /** lib/eval/report.ts evaluate(): every metric with its bootstrap interval (1,000 resamples by default). */
  evaluatePredictions(task: Task, y: Labels, predictions: Probabilities | Values, options: EvaluateOptions = {}): EvaluateOutcome {
    const t0 = performance.now();
    try {
      const report = evaluate(task, y, predictions, options);
      return { kind: "ok", report, ms: performance.now() - t0 };
    } catch (e) {
      return failure(e);
    }
  },
};
export type SliceApi = typeof api;
Comlink.expose(api);
