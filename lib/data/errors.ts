/**
 * Errors a user can act on when loading or querying data. The message is
 * "problem: value" and, where we know it, names the file and the line/row.
 */
export type DataErrorCode =
  | "unsupported_format"
  | "too_large"
  | "empty_file"
  | "malformed"
  | "unreadable"
  | "duplicate_name"
  | "identical_version"
  | "invalid_name"
  | "not_found"
  | "sql"
  | "cancelled";

export class DataError extends Error {
  readonly code: DataErrorCode;
  constructor(code: DataErrorCode, message: string) {
    super(message);
    this.name = "DataError";
    this.code = code;
  }
}

/** The one message a cancelled load gives, wherever it was stopped. */
export function cancelledError(fileName: string): DataError {
  return new DataError("cancelled", `${fileName}: loading cancelled; nothing was loaded`);
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
