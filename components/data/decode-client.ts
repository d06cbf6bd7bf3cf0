import * as Comlink from "comlink";
import type { DecodeApi } from "@/workers/decode.worker";
import type { Decoded, Decoder } from "@/lib/data/ingest";
import { cancelledError } from "@/lib/data/errors";
import type { StagingPool } from "@/lib/data/staging-pool";
import { ipcBytes, type ParquetIpc } from "@/lib/data/parquet-to-ipc";
import { staging } from "./staging";

/**
 * One decode worker for the page, started on first use. If it crashes (e.g.
 * out of memory on a huge file) the pending load fails with a message and the
 * next load starts a fresh worker.
 */
let current: { worker: Worker; api: Comlink.Remote<DecodeApi>; crashed: Promise<never> } | null = null;

function start() {
  const worker = new Worker(new URL("../../workers/decode.worker.ts", import.meta.url), { type: "module", name: "lathe-decode" });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener("error", (e) => {
      current = null;
      reject(new Error(`the file decoder stopped (${e.message || "worker error"}); try again, or load a smaller file`));
    });
  });
  crashed.catch(() => undefined);
  current = { worker, api: Comlink.wrap<DecodeApi>(worker), crashed };
  return current;
}

export const decodeInWorker: Decoder = async (format, fileName, bytes, signal) => {
  const w = current ?? start();
  // Cancelling mid-decode ends the worker: a Wasm decode cannot be interrupted
  // any other way, and the next load starts a fresh one.
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      w.worker.terminate();
      if (current === w) current = null;
      reject(cancelledError(fileName));
    };
  });
  aborted.catch(() => undefined);
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const settle = <T>(p: Promise<T>) => Promise.race([p, w.crashed, aborted]);
  try {
    if (format === "parquet" && staging) return await decodeParquetStaged(w.api, staging, fileName, bytes, settle);
    // The worker takes ownership of a copy; the caller keeps its bytes for storage.
    // One stream per file: decoding Parquet row group by row group and appending
    // each to DuckDB was measured slower (flights-3m: ~1.07 s against ~0.61 s),
    // as every append pays DuckDB-WASM's per-insert cost.
    const copy = bytes.slice();
    return { bytes: await settle(w.api.decode(format, fileName, Comlink.transfer(copy, [copy.buffer]))), release: () => undefined };
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
};

/**
 * Parquet through lent shared buffers: the file is copied into one, the
 * worker writes the Arrow stream into another, and DuckDB copies it from
 * there; `release` gives the output back once DuckDB has it. Buffers of a
 * decode that failed or was cancelled are not reused.
 */
async function decodeParquetStaged(
  api: Comlink.Remote<DecodeApi>,
  pool: StagingPool,
  fileName: string,
  bytes: Uint8Array,
  settle: <T>(p: Promise<T>) => Promise<T>,
): Promise<Decoded> {
  const input = pool.take(bytes.byteLength);
  new Uint8Array(input, 0, bytes.byteLength).set(bytes);
  const lent = pool.takeLargest();
  // (Comlink's Remote splits the union result type; the worker returns one ParquetIpc.)
  const out = await settle(api.decodeParquetShared(fileName, new Uint8Array(input, 0, bytes.byteLength), lent) as Promise<ParquetIpc<SharedArrayBuffer>>);
  pool.give(input);
  if (out.kind === "copied") {
    if (lent) pool.give(lent);
    return { bytes: ipcBytes(out), release: () => undefined };
  }
  // A lent buffer too small for this file comes back unused.
  if (lent && lent !== out.buffer) pool.give(lent);
  return { bytes: ipcBytes(out), release: () => pool.give(out.buffer) };
}
