import { tableFromIPC, tableToIPC } from "apache-arrow";
import { DataError, errorMessage } from "./errors";
import { parseJsonRecords, parseNdjsonRecords, recordsToArrowStream } from "./decode-json";
import type { FileFormat } from "./formats";

/**
 * JSON, NDJSON and Arrow files become Arrow IPC streams here. CSV and TSV are
 * read by DuckDB itself, Parquet by parquet-wasm (lib/data/parquet-to-ipc.ts);
 * neither reaches this function.
 */
export function decodeToArrowStream(format: FileFormat, fileName: string, bytes: Uint8Array): Uint8Array {
  switch (format) {
    case "json":
      return recordsToArrowStream(fileName, parseJsonRecords(fileName, new TextDecoder("utf-8").decode(bytes)));
    case "ndjson":
      return recordsToArrowStream(fileName, parseNdjsonRecords(fileName, new TextDecoder("utf-8").decode(bytes)));
    case "arrow": {
      let table;
      try {
        table = tableFromIPC(bytes);
      } catch (err) {
        throw new DataError("malformed", `${fileName}: not a readable Arrow IPC file (${errorMessage(err).split("\n")[0]}); export it again as Arrow IPC (file or stream)`);
      }
      if (table.schema.fields.length === 0) throw new DataError("malformed", `${fileName}: the Arrow file has no columns`);
      return tableToIPC(table, "stream");
    }
    case "csv":
    case "tsv":
    case "parquet":
      throw new Error(`decodeToArrowStream: ${format} is read elsewhere`);
  }
}
