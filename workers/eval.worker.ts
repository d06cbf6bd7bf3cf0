/// <reference lib="webworker" />
import * as Comlink from "comlink";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { tableFromIPC, tableToIPC, type Table } from "apache-arrow";
import type { SliceEvaluation } from "@/lib/api/evaluation";
import { heldOutTable, rowOutcomes, type RowOutcomes } from "@/lib/eval/held-out-table";
import { evaluate, type EvaluationReport } from "@/lib/eval/report";
import { scoreRunSplit, type RunForScoring, type ScoredSplit } from "@/lib/eval/score-run";
import { compareBySlice, type SliceComparisonResult } from "@/lib/eval/slice-comparison";
import { evaluateSlices, type SliceMembers } from "@/lib/eval/slice-evaluation";

/**
 * The evaluation worker: a finished run's model on its held-out split
 * (TF.js, WASM backend, files from /vendor/tfjs/), every metric with its
 * interval, the held-out table for DuckDB, and then per-slice metrics and
 * tests on request. The last scored split stays here, so each change of the
 * slice list costs only the slices' own work, not another prediction.
 */
setWasmPaths(`${self.location.origin}/vendor/tfjs/`);
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);

let ready: Promise<void> | null = null;
function backend(): Promise<void> {
  ready ??= (async () => {
    if (!(await tf.setBackend("wasm"))) await tf.setBackend("cpu");
    await tf.ready();
  })();
  return ready;
}

export interface EvaluateRunRequest {
  run: RunForScoring;
  /** Arrow IPC stream of the run's query result: every column, so slices may use any of them. */
  ipc: Uint8Array;
  split: "test" | "validation";
  /** Bootstrap resamples for the intervals (default 1000) and their seed. */
  resamples?: number;
  seed?: number;
}

export type EvaluateRunOutcome =
  | {
      kind: "ok";
      report: EvaluationReport;
      classes: string[] | null;
      rows: number;
      unscored: number;
      /** The held-out table (lib/eval/held-out-table.ts) as an Arrow IPC stream, for DuckDB. */
      table: Uint8Array;
      timings: { predictMs: number; metricsMs: number; tableMs: number };
    }
  | { kind: "error"; message: string };

export type SliceOutcome = { kind: "ok"; slices: SliceEvaluation[]; ms: number } | { kind: "error"; message: string };

/** Query-row ids (the table's _row) per slice, as DuckDB returns them. */
export interface SliceRequest {
  slices: (Omit<SliceMembers, "members"> & { members: Int32Array | { error: string } })[];
  minSupport: number;
}

/**
 * `disagreement`, per scored row, query-row ascending (`rows`): 1 where the
 * two runs predict different classes, else 0; |ŷA − ŷB| for regression. What
 * the "where do they disagree most" slice search scores.
 */
export type CompareOutcome = { kind: "ok"; comparison: SliceComparisonResult; rows: Int32Array; disagreement: Float64Array } | { kind: "error"; message: string };

/** The last evaluated split, kept for slicing and comparing; `source` is the run's query result it was read from. */
let last: { source: Table; split: "test" | "validation"; scored: ScoredSplit; outcomes: RowOutcomes; position: Map<number, number>; resamples: number; seed: number } | null = null;

/** Query-row ids to positions in the scored rows, dropping ids that were not scored. */
function positions(rows: Int32Array, position: Map<number, number>): Int32Array {
  return Int32Array.from(rows, (r) => position.get(r) ?? -1).filter((i) => i >= 0);
}

const api = {
  async evaluateRun(req: EvaluateRunRequest): Promise<EvaluateRunOutcome> {
    try {
      last = null;
      await backend();
      const t0 = performance.now();
      const source = tableFromIPC(req.ipc);
      const scored = await scoreRunSplit(tf, req.run, source, req.split);
      const t1 = performance.now();
      const resamples = req.resamples ?? 1000;
      const seed = req.seed ?? 1;
      const report = evaluate(scored.task, scored.y, scored.predictions, { baseline: scored.baseline, resamples, seed });
      const t2 = performance.now();
      const outcomes = rowOutcomes(scored);
      const table = tableToIPC(heldOutTable(source, scored, outcomes), "stream");
      const t3 = performance.now();
      last = { source, split: req.split, scored, outcomes, position: new Map(Array.from(scored.rows, (r, i) => [r, i])), resamples, seed };
      const out: EvaluateRunOutcome = {
        kind: "ok",
        report,
        classes: scored.classes,
        rows: scored.rows.length,
        unscored: scored.unscored,
        table,
        timings: { predictMs: t1 - t0, metricsMs: t2 - t1, tableMs: t3 - t2 },
      };
      return Comlink.transfer(out, [table.buffer as ArrayBuffer]);
    } catch (e) {
      return { kind: "error", message: e instanceof Error ? e.message : String(e) };
    }
  },

  async evaluateSlices(req: SliceRequest): Promise<SliceOutcome> {
    try {
      if (!last) return { kind: "error", message: "no evaluation to slice: evaluate the run first" };
      const t0 = performance.now();
      const { scored, outcomes, position, resamples, seed } = last;
      const slices = req.slices.map((s) => {
        if (!(s.members instanceof Int32Array)) return s as SliceMembers;
        return { ...s, members: positions(s.members, position) };
      });
      const result = evaluateSlices(scored, outcomes, slices, { minSupport: req.minSupport, baseline: scored.baseline, resamples, seed });
      return { kind: "ok", slices: result, ms: performance.now() - t0 };
    } catch (e) {
      return { kind: "error", message: e instanceof Error ? e.message : String(e) };
    }
  },

  /** Another run on the same held-out rows as the last evaluation, compared overall and per slice. */
  async compareRun(req: { run: RunForScoring; slices: { name: string; members: Int32Array | { error: string } }[] }): Promise<CompareOutcome> {
    try {
      if (!last) return { kind: "error", message: "no evaluation to compare with: evaluate a run first" };
      await backend();
      const other = await scoreRunSplit(tf, req.run, last.source, last.split);
      const same = other.rows.length === last.scored.rows.length && other.rows.every((r, i) => r === last!.scored.rows[i]);
      if (!same) {
        return { kind: "error", message: `run "${req.run.name}" held out different rows (${other.rows.length} against ${last.scored.rows.length}): compare runs trained on the same query with the same split and seed` };
      }
      const slices = req.slices.map((s) => ({ name: s.name, members: s.members instanceof Int32Array ? positions(s.members, last!.position) : s.members }));
      const b = rowOutcomes(other);
      const order = Array.from(last.scored.rows.keys()).sort((i, j) => last!.scored.rows[i] - last!.scored.rows[j]);
      const a = last.outcomes;
      const rows = Int32Array.from(order, (i) => last!.scored.rows[i]);
      const disagreement = Float64Array.from(order, (i) => (a.correct ? (a.predicted[i] === b.predicted[i] ? 0 : 1) : Math.abs(a.predicted[i] - b.predicted[i])));
      const out: CompareOutcome = { kind: "ok", comparison: compareBySlice(a, b, slices, { resamples: last.resamples, seed: last.seed }), rows, disagreement };
      return Comlink.transfer(out, [rows.buffer as ArrayBuffer, disagreement.buffer as ArrayBuffer]);
    } catch (e) {
      return { kind: "error", message: e instanceof Error ? e.message : String(e) };
    }
  },
};
export type EvalApi = typeof api;
Comlink.expose(api);
