import { tableFromIPC } from "apache-arrow";
import { isFlatSchema, readFfiBatches } from "./arrow-ffi";
import { parquetError, PARQUET_BATCH_ROWS } from "./decode";
import { writeIpcStreamInto } from "./ipc-into";

/** The part of parquet-wasm this module uses (its browser and Node builds both fit). */
export interface ParquetWasm {
  readParquet(bytes: Uint8Array, options: { batchSize: number }): ParquetWasmTable;
  wasmMemory(): WebAssembly.Memory;
}
interface ParquetWasmTable {
  readonly schema: { intoIPCStream(): Uint8Array };
  intoIPCStream(): Uint8Array;
  intoFFI(): { arrayAddrs(): ArrayLike<number>; free(): void };
}

/**
 * A decoded Parquet file as one Arrow IPC stream: written straight into a
 * (reusable) staging buffer when every column is flat, else the module's own
 * IPC output as a fresh array.
 */
export type ParquetIpc<B> = { kind: "staged"; buffer: B; byteLength: number } | { kind: "copied"; bytes: Uint8Array };

export function parquetToIpc<B extends ArrayBufferLike>(pw: ParquetWasm, fileName: string, bytes: Uint8Array, target: B | null, allocate: (bytes: number) => B): ParquetIpc<B> {
  let table: ParquetWasmTable;
  try {
    table = pw.readParquet(bytes, { batchSize: PARQUET_BATCH_ROWS });
  } catch (err) {
    throw parquetError(fileName, err);
  }
  const schema = tableFromIPC(table.schema.intoIPCStream()).schema;
  if (!isFlatSchema(schema)) return { kind: "copied", bytes: table.intoIPCStream() };
  const ffi = table.intoFFI();
  try {
    // Views on the module's memory: read and copied out before anything else runs in it.
    const batches = readFfiBatches(pw.wasmMemory().buffer, schema, ffi.arrayAddrs());
    return { kind: "staged", ...writeIpcStreamInto(schema, batches, target, allocate) };
  } finally {
    ffi.free();
  }
}
