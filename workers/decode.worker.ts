/// <reference lib="webworker" />
import * as Comlink from "comlink";
import init, { readParquet } from "parquet-wasm/esm";
import { decodeToArrowStream, PARQUET_BATCH_ROWS } from "@/lib/data/decode";
import type { FileFormat } from "@/lib/data/formats";

/**
 * Decodes Parquet, JSON, NDJSON and Arrow files to Arrow IPC streams off the
 * main thread. Input and output buffers are transferred, not copied.
 */
let ready: Promise<unknown> | null = null;
function parquetReady() {
  ready ??= init({ module_or_path: `${self.location.origin}/vendor/parquet-wasm/parquet_wasm_bg.wasm` });
  return ready;
}

const api = {
  async decode(format: FileFormat, fileName: string, bytes: Uint8Array): Promise<Uint8Array> {
    if (format === "parquet") await parquetReady();
    const out = decodeToArrowStream(format, fileName, bytes, (b) => readParquet(b, { batchSize: PARQUET_BATCH_ROWS }).intoIPCStream());
    return Comlink.transfer(out, [out.buffer]);
  },
};
export type DecodeApi = typeof api;
Comlink.expose(api);
