import * as Comlink from "comlink";
import type { DecodeApi } from "@/workers/decode.worker";
import type { Decoder } from "@/lib/data/ingest";
import { cancelledError } from "@/lib/data/errors";

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
  // The worker takes ownership of a copy; the caller keeps its bytes for storage.
  // One stream per file: decoding Parquet row group by row group and appending
  // each to DuckDB was measured slower (flights-3m: ~1.07 s against ~0.61 s),
  // as every append pays DuckDB-WASM's per-insert cost.
  const copy = bytes.slice();
  try {
    return await Promise.race([w.api.decode(format, fileName, Comlink.transfer(copy, [copy.buffer])), w.crashed, aborted]);
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
};
