import type { Run } from "@/lib/api/runs";
import type { DatasetVersion } from "@/lib/data/dataset";
import type { Db } from "@/lib/data/db";
import { quoteIdent } from "@/lib/data/sql";
import { datasetOf } from "@/lib/notebook/dataset-of";
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
  if (!config.source) return { kind: "error", message: `run "${run.name}" did not record its query, so its test split cannot be read again`, queryMs: 0 };
  warmExportWorker();
  onStep("Reading the run's data from DuckDB…");
  const cols = [...new Set([config.target, ...config.features])];
  const t0 = performance.now();
  let ipc: Uint8Array;
  try {
    ipc = await db.queryIpc(`SELECT ${cols.map(quoteIdent).join(", ")} FROM (${config.source}) AS training_data`);
  } catch (e) {
    return { kind: "error", message: `the run's query does not run on the loaded data (load "${run.dataset.name}", then Check again): ${e instanceof Error ? e.message : String(e)}`, queryMs: 0 };
  }
  const queryMs = performance.now() - t0;
  const now = datasetOf(config.source, [...catalog], run.dataset.rows);
  const outcome = await checkInWorker({ ipc, run, appVersion: process.env.NEXT_PUBLIC_LATHE_VERSION ?? "dev", datasetFingerprint: now.fingerprint, thresholds }, onStep, signal);
  return { ...outcome, queryMs };
}
