/**
 * What can go wrong in slice discovery and binning. Messages are
 * "problem: value" and name the feature, row or parameter at fault, so a
 * worker can pass them to the page as they are.
 */
export type SlicingErrorCode =
  | "empty_data"
  | "length_mismatch"
  | "invalid_domain"
  | "code_out_of_range"
  | "invalid_error"
  | "invalid_alpha"
  | "invalid_min_support"
  | "invalid_max_level"
  | "invalid_top_k"
  | "too_large"
  | "invalid_bins"
  | "invalid_column"
  | "cancelled";

export class SlicingError extends Error {
  override readonly name = "SlicingError";

  constructor(
    readonly code: SlicingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for the error a cancelled search rejects with, so callers can tell it from a failure. */
export function isCancelled(error: unknown): boolean {
  return error instanceof SlicingError && error.code === "cancelled";
}
