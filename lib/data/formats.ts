import { DataError } from "./errors";

export type FileFormat = "csv" | "tsv" | "parquet" | "json" | "ndjson" | "arrow";

/** Default upload limit: 1 GiB. DuckDB-WASM holds everything in wasm memory (4 GiB max). */
export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

const BY_EXTENSION: Record<string, FileFormat> = {
  csv: "csv",
  tsv: "tsv",
  tab: "tsv",
  parquet: "parquet",
  pq: "parquet",
  json: "json",
  ndjson: "ndjson",
  jsonl: "ndjson",
  arrow: "arrow",
  feather: "arrow",
  ipc: "arrow",
  arrows: "arrow",
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

export function formatFromName(fileName: string): FileFormat {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  const ext = m?.[1]?.toLowerCase() ?? "";
  const format = BY_EXTENSION[ext];
  if (!format) {
    throw new DataError(
      "unsupported_format",
      `${fileName}: unsupported file type "${ext ? "." + ext : "(no extension)"}"; load CSV, TSV, Parquet, JSON, NDJSON or Arrow (${SUPPORTED_EXTENSIONS.map((e) => "." + e).join(", ")})`,
    );
  }
  return format;
}

/** Checks a file's size alone: callers holding a File run it before reading a byte. */
export function checkSize(fileName: string, byteLength: number, maxBytes = DEFAULT_MAX_BYTES): void {
  if (byteLength === 0) throw new DataError("empty_file", `${fileName}: the file is empty (0 bytes); choose a file with data`);
  if (byteLength > maxBytes) {
    throw new DataError(
      "too_large",
      `${fileName}: ${formatBytes(byteLength)} is over the ${formatBytes(maxBytes)} limit; load a smaller file or a sample of it`,
    );
  }
}

/** Checks size and magic bytes before any parser sees the file. */
export function checkBytes(fileName: string, format: FileFormat, bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): void {
  checkSize(fileName, bytes.byteLength, maxBytes);
  if (format === "parquet") {
    const head = String.fromCharCode(...bytes.subarray(0, 4));
    const tail = String.fromCharCode(...bytes.subarray(Math.max(0, bytes.byteLength - 4)));
    if (head !== "PAR1") throw new DataError("malformed", `${fileName}: not a Parquet file (it does not start with "PAR1"); check the file type`);
    if (tail !== "PAR1" || bytes.byteLength < 12) {
      throw new DataError("malformed", `${fileName}: the Parquet file is truncated (no footer); download or export it again`);
    }
  }
  if (format === "csv" || format === "tsv" || format === "json" || format === "ndjson") {
    // Text formats: a NUL byte in the first 64 KiB means binary content, which
    // would otherwise surface as a confusing parser error far into the file.
    const probe = bytes.subarray(0, 65536);
    const nul = probe.indexOf(0);
    if (nul !== -1) {
      throw new DataError("malformed", `${fileName}: binary content at byte ${nul} in a ${format.toUpperCase()} file; check that this is a text file`);
    }
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
