import type { ModelDetail } from "@/lib/api/models";
import type { DatasetVersion } from "@/lib/data/dataset";
import type { Db } from "@/lib/data/db";
import { DataError, errorMessage } from "@/lib/data/errors";
import { sha256Hex } from "@/lib/data/fingerprint";
import type { LoadRequest } from "@/lib/data/ingest";
import { quoteIdent } from "@/lib/data/sql";
import { resolveVersion, type OutputPlan } from "@/lib/notebook/predict-plan";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { predictInWorker } from "./predict-client";

/**
 * One run of a predict cell, after its output name was judged
 * (predict-plan.ts): the version resolved now (the champion may have moved),
 * the input table read from DuckDB as Arrow, the model run in the predict
 * worker, and the result registered as a dataset version through the
 * loader. Nothing is created unless every step before it succeeded.
 */

export type PredictStage = { kind: "read" } | { kind: "download"; version: number } | { kind: "predict"; version: number; done: number; total: number } | { kind: "save"; version: number };

export interface PredictResult {
  model: string;
  version: number;
  rows: number;
  /** In the worker, from the first chunk to the last, ms. */
  ms: number;
  /** The dataset version holding the predictions. */
  table: DatasetVersion;
  /** The same bytes were already that version: nothing new was stored. */
  unchanged: boolean;
}

export class PredictCancelled extends Error {
  constructor() {
    super("cancelled; nothing was changed");
    this.name = "PredictCancelled";
  }
}

export interface PredictRunInput {
  db: Db;
  model: string;
  /** null: the champion now. */
  version: number | null;
  table: string;
  output: Extract<OutputPlan, { kind: "new" | "new-version" }>;
  catalog: readonly DatasetVersion[];
  addTable(req: LoadRequest): Promise<DatasetVersion>;
  onStage(stage: PredictStage): void;
  signal: AbortSignal;
}

export async function runPrediction(r: PredictRunInput): Promise<PredictResult> {
  const stop = () => {
    if (r.signal.aborted) throw new PredictCancelled();
  };
  r.onStage({ kind: "read" });
  const detail = await apiJson<ModelDetail>(await apiFetch(`/api/models/${encodeURIComponent(r.model)}`, { signal: r.signal }));
  const chosen = resolveVersion(detail, r.version);
  if (chosen.kind === "error") throw new Error(chosen.message);
  const v = chosen.version;
  let ipc: Uint8Array;
  try {
    ipc = await r.db.queryIpc(`SELECT * FROM ${quoteIdent(r.table)}`);
  } catch (e) {
    throw new Error(`table ${r.table}: could not be read (${errorMessage(e).split("\n")[0]})`);
  }
  stop();
  const out = await predictInWorker({
    sha256: v.sha256,
    metadata: v.metadata,
    ipc,
    file: () => modelFile(r.model, v.version, r.signal),
    onStage: (s) => r.onStage(s === "download" ? { kind: "download", version: v.version } : { kind: "predict", version: v.version, done: 0, total: 0 }),
    onProgress: (done, total) => r.onStage({ kind: "predict", version: v.version, done, total }),
    signal: r.signal,
  });
  switch (out.kind) {
    case "cancelled":
      throw new PredictCancelled();
    case "error":
      throw new Error(`${r.model} v${v.version} on ${r.table}: ${out.message}`);
    case "need-file":
      throw new Error("the prediction worker asked for the model file again; run the cell again");
    case "done":
      break;
  }
  stop();
  r.onStage({ kind: "save", version: v.version });
  const name = r.output.name;
  try {
    const table = await r.addTable({ fileName: `${name}.arrow`, bytes: out.table, tableName: name });
    return { model: r.model, version: v.version, rows: out.rows, ms: out.ms, table, unchanged: false };
  } catch (e) {
    if (e instanceof DataError && e.code === "identical_version") {
      const fingerprint = await sha256Hex(out.table);
      const same = r.catalog.find((x) => x.name === name && x.fingerprint === fingerprint);
      if (same) return { model: r.model, version: v.version, rows: out.rows, ms: out.ms, table: same, unchanged: true };
    }
    throw new Error(`the predictions could not be kept as table ${name}: ${errorMessage(e)}`);
  }
}

/** The version's .onnx bytes (GET …/versions/{v}/file); the server's message when it refuses. */
async function modelFile(model: string, version: number, signal: AbortSignal): Promise<Uint8Array> {
  const res = await apiFetch(`/api/models/${encodeURIComponent(model)}/versions/${version}/file`, { signal });
  if (!res.ok) await apiJson(res);
  return new Uint8Array(await res.arrayBuffer());
}
