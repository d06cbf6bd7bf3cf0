import type { DatasetVersion } from "@/lib/data/dataset";
import { queryRows, type Db } from "@/lib/data/db";
import { ingest, type LoadStage } from "@/lib/data/ingest";
import { decodeInWorker } from "./decode-client";
import { trainInWorker, trainingBackend } from "@/components/train/train-client";
import type { BackendPreference } from "@/lib/train/backend";
import type { EpochReport } from "@/lib/train/loop";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { exportInBrowser } from "@/components/export/export-session";
import type { Run } from "@/lib/api/runs";
import { DEFAULT_THRESHOLDS } from "@/lib/onnx/parity";
import { parseModelSpec, type ModelSpecInput, type Task } from "@/lib/train/model-spec";
import { sliceBenchHooks } from "@/components/eval/slice-bench-hook";

/**
 * `window.lathe`: the app's own ingestion, query and training paths, for
 * `npm run bench:data`, `bench:train`, `bench:export` and `bench:eval` to time from a headless browser. Loads through it are not
 * persisted; the page's catalog learns of them through `onLoaded`.
 */
export function installBenchHook(db: Db, catalog: () => readonly DatasetVersion[], onLoaded: (v: DatasetVersion) => void): void {
  (window as unknown as { lathe?: unknown }).lathe = {
    ...sliceBenchHooks(),
    ingestUrl: async (url: string, tableName?: string) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const t0 = performance.now();
      // Milliseconds from the start of the load at which each stage began.
      const stages: Partial<Record<LoadStage, number>> = {};
      const onStage = (s: LoadStage) => (stages[s] = performance.now() - t0);
      const v = await ingest(db, catalog(), { fileName: url.split("/").pop()!, bytes, tableName, onStage }, decodeInWorker);
      const ms = performance.now() - t0;
      onLoaded(v);
      return { rows: v.rows, ms, stages };
    },
    /**
     * One training run through the app's worker on a loaded table, on the
     * backend asked for; returns the backend that ran and each epoch's
     * report (whose fitMs is the mini-batch steps alone).
     */
    train: async (opts: { sql: string; target: string; features: string[]; backend: BackendPreference; model: ModelSpecInput; task?: Task }) => {
      // Main-thread tasks over 50 ms while the run is prepared and trains: the page must stay responsive.
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: "longtask" });
      const ipc = await db.queryIpc(opts.sql);
      const backend = await trainingBackend(opts.backend);
      const epochs: EpochReport[] = [];
      const t0 = performance.now();
      const out = await trainInWorker(
        { ipc, target: opts.target, features: opts.features, task: opts.task ?? "binary", featureSpec: null, modelSpec: parseModelSpec(opts.model), split: { kind: "random", seed: 1 } },
        { onEpoch: (r) => void epochs.push(r), onWarnings: () => undefined },
        new AbortController().signal,
      );
      // Long tasks are reported after they end: give the last one a moment to arrive.
      await new Promise((r) => setTimeout(r, 100));
      observer.disconnect();
      if (out.kind === "error") throw new Error(`${out.code}: ${out.message}`);
      return { backend, epochs, rows: out.result.rows, totalMs: performance.now() - t0, timings: out.result.timings, validation: out.result.scores.validation.model, longTasks };
    },
    /** The export panel's check of a recorded run (fp32 and int8 against TF.js on its test split), timed end to end. */
    exportCheck: async (runId: string) => {
      const run = await apiJson<Run>(await apiFetch(`/api/runs/${encodeURIComponent(runId)}`));
      const t0 = performance.now();
      const out = await exportInBrowser(db, catalog(), run, DEFAULT_THRESHOLDS, () => undefined, new AbortController().signal);
      const wallMs = performance.now() - t0;
      if (out.kind === "error") throw new Error(out.message);
      return { wallMs, queryMs: out.queryMs, backend: out.backend, onnxThreads: out.onnxThreads, timings: out.result.timings, record: out.result.record };
    },
    query: async (sql: string) => {
      const t0 = performance.now();
      const rows = await queryRows(db, sql);
      return { rows, ms: performance.now() - t0 };
    },
  };
}
