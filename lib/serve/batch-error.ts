/**
 * Why a batch prediction was refused. Every code but `busy` is the
 * client's to fix; the route maps them to HTTP statuses (see
 * app/api/models/[name]/batch/route.ts). Messages are "problem: value" and
 * name the file, column or row at fault.
 */
export type BatchErrorCode =
  /** No format, or one this route does not read or write (Content-Type, ?format, ?out). */
  | "bad_format"
  /** A zero-byte body, or a file with a header and no rows. */
  | "empty"
  /** DuckDB could not read the file as the format given: malformed CSV, truncated Parquet, bad encoding. */
  | "unreadable"
  /** A body over the byte limit (413). */
  | "too_large"
  /** More rows than the row limit (400, as /predict's row limit). */
  | "too_many_rows"
  /** A model input the file has no column for. */
  | "missing_column"
  /** A file column with the name of a prediction column: the output would hold it twice. */
  | "column_clash"
  /** As many batch jobs as the server runs at once are running (503): try again shortly. */
  | "busy"
  /** The client went away before the file was done: nobody reads the answer. */
  | "cancelled";

export class BatchError extends Error {
  override readonly name = "BatchError";

  constructor(
    readonly code: BatchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isBatchError(e: unknown): e is BatchError {
  return e instanceof BatchError;
}
