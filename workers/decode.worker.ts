/// <reference lib="webworker" />
import * as Comlink from "comlink";
import init, { readParquet, wasmMemory } from "parquet-wasm/esm";
import { decodeToArrowStream } from "@/lib/data/decode";
import type { FileFormat } from "@/lib/data/formats";
import { ipcBytes, parquetToIpc, type ParquetIpc } from "@/lib/data/parquet-to-ipc";

/**
 * Decodes Parquet, JSON, NDJSON and Arrow files to Arrow IPC streams off the
 * main thread. Input and output buffers are transferred, not copied, or (for
 * Parquet on a cross-origin isolated page) shared staging buffers are filled.
 */
let ready: Promise<unknown> | null = null;
function parquetReady() {
  ready ??= init({ module_or_path: `${self.location.origin}/vendor/parquet-wasm/parquet_wasm_bg.wasm` });
  return ready;
}

const api = {
  async decode(format: FileFormat, fileName: string, bytes: Uint8Array): Promise<Uint8Array> {
    let out: Uint8Array;
    if (format === "parquet") {
      await parquetReady();
      out = ipcBytes(parquetToIpc({ readParquet, wasmMemory }, fileName, bytes, null, (n) => new ArrayBuffer(n)));
    } else {
      out = decodeToArrowStream(format, fileName, bytes);
    }
    return Comlink.transfer(out, [out.buffer]);
  },
  /**
   * Parquet from a shared input buffer into a shared output buffer (`output`
   * if it is large enough, else a new one); nothing is transferred, so the
   * page can lend the same buffers again.
   */
  async decodeParquetShared(fileName: string, input: Uint8Array, output: SharedArrayBuffer | null): Promise<ParquetIpc<SharedArrayBuffer>> {
    await parquetReady();
    const out = parquetToIpc({ readParquet, wasmMemory }, fileName, input, output, (n) => new SharedArrayBuffer(n));
    return out.kind === "copied" ? Comlink.transfer(out, [out.bytes.buffer]) : out;
  },
};
export type DecodeApi = typeof api;
Comlink.expose(api);
