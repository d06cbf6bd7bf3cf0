import type { Run } from "@/lib/api/runs";
import type { DatasetVersion } from "@/lib/data/dataset";
import type { Db } from "@/lib/data/db";
import { datasetOf } from "@/lib/notebook/dataset-of";
import { runDataIpc } from "@/lib/runs/run-data";
import type { ParityThresholds } from "@/lib/onnx/parity";
import type { ExportOutcome } from "@/workers/export.worker";
import { checkInWorker, warmExportWorker } from "./export-client";

/**
 * One export check of a finished run in this browser: the run's query read
 * again from DuckDB (target and feature columns, as training read them),
 * handed as Arrow IPC bytes to the export worker. Shared by the export panel
 * and the benchmark hook, so both time the same path.
 */
export async function exportInBrowser(
  db: Db,
  catalog: readonly DatasetVersion[],
  run: Run,
  thresholds: ParityThresholds,
  onStep: (step: string) => void,
  signal: AbortSignal,
): Promise<ExportOutcome & { queryMs: number }> {
  const { config } = run;
  warmExportWorker();
  onStep("Reading the run's data from DuckDB…");
  const t0 = performance.now();
  let ipc: Uint8Array;
  try {
    ipc = await runDataIpc(db, run, [config.target, ...config.features], "Check again");
  } catch (e) {
    return { kind: "error", message: e instanceof Error ? e.message : String(e), queryMs: 0 };
  }
  const queryMs = performance.now() - t0;
  // runDataIpc refused a run without a query, so there is one here.
  const now = datasetOf(config.source!, [...catalog], run.dataset.rows);
  const outcome = await checkInWorker({ ipc, run, appVersion: process.env.NEXT_PUBLIC_LATHE_VERSION ?? "dev", datasetFingerprint: now.fingerprint, thresholds }, onStep, signal);
  return { ...outcome, queryMs };
}
