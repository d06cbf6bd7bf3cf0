import { BatchError } from "./batch-error";

/**
 * The file formats batch prediction reads and writes, and how DuckDB does
 * each. TSV is CSV with a tab: DuckDB's CSV reader and writer, one option
 * apart.
 */
export type BatchFormat = "csv" | "tsv" | "parquet";

const FORMATS: readonly BatchFormat[] = ["csv", "tsv", "parquet"];

/** Media types that name a format by themselves (lower case, parameters stripped). */
const BY_MEDIA_TYPE: Record<string, BatchFormat> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "text/tab-separated-values": "tsv",
  "application/vnd.apache.parquet": "parquet",
  "application/x-parquet": "parquet",
};

export const MEDIA_TYPE: Record<BatchFormat, string> = {
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
};

function parseFormat(raw: string, param: "format" | "out"): BatchFormat {
  const f = raw.toLowerCase();
  if ((FORMATS as readonly string[]).includes(f)) return f as BatchFormat;
  throw new BatchError("bad_format", `${param}: ${JSON.stringify(raw.slice(0, 40))} is not a format this route handles; use csv, tsv or parquet`);
}

/**
 * The body's format: `?format=` when given (it wins, so a client that cannot
 * set headers still says what it sends), else the Content-Type. A generic
 * type (application/octet-stream, none at all) names no format and is
 * refused rather than guessed; so is multipart/form-data, since this route
 * takes the file itself as the body.
 */
export function inputFormat(contentType: string | null, formatParam: string | null): BatchFormat {
  if (formatParam !== null && formatParam !== "") return parseFormat(formatParam, "format");
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const known = BY_MEDIA_TYPE[media];
  if (known) return known;
  if (media === "multipart/form-data") {
    throw new BatchError("bad_format", "body: multipart/form-data is not read here; send the file itself as the body, with Content-Type text/csv, text/tab-separated-values or application/vnd.apache.parquet");
  }
  const what = media === "" ? "no Content-Type" : `Content-Type ${media}`;
  throw new BatchError("bad_format", `format: ${what} does not say which format the file is; send Content-Type text/csv, text/tab-separated-values or application/vnd.apache.parquet, or add ?format=csv|tsv|parquet`);
}

/** The answer's format: `?out=`, else the input's. */
export function outputFormat(outParam: string | null, input: BatchFormat): BatchFormat {
  return outParam === null || outParam === "" ? input : parseFormat(outParam, "out");
}

export const EXTENSION: Record<BatchFormat, string> = { csv: "csv", tsv: "tsv", parquet: "parquet" };

/** How a message names the format, e.g. "not readable as CSV". */
export const FORMAT_NAME: Record<BatchFormat, string> = { csv: "CSV", tsv: "TSV", parquet: "Parquet" };

/** An SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** An SQL identifier, for column names that come from the file. */
export function sqlIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/**
 * The table function reading `path`. CSV: a header row is required (the
 * sniffer cannot tell a header from data when every column is text, and
 * then it would invent names); the delimiter is the format's, not sniffed,
 * and no leading lines are skipped, because a sniffer free to choose either
 * reads a file with one ragged row as a single column or takes a data row
 * for the header, where it should refuse the file; and types are sniffed
 * from the whole file, not DuckDB's default 20,480-row sample, so a bad
 * value deep in the file types its column as text and is reported by row
 * rather than failing the read with a conversion error.
 */
export function readerSql(format: BatchFormat, path: string): string {
  switch (format) {
    case "csv":
      return `read_csv(${sqlString(path)}, header = true, skip = 0, delim = ',', sample_size = -1)`;
    case "tsv":
      return `read_csv(${sqlString(path)}, header = true, skip = 0, delim = '\\t', sample_size = -1)`;
    case "parquet":
      return `read_parquet(${sqlString(path)})`;
  }
}

/** COPY … TO's options for the format. */
export function copyOptions(format: BatchFormat): string {
  switch (format) {
    case "csv":
      return "FORMAT csv, HEADER true";
    case "tsv":
      return "FORMAT csv, HEADER true, DELIMITER '\\t'";
    case "parquet":
      return "FORMAT parquet";
  }
}
