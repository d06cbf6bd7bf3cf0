/**
 * What can be wrong when fitting, parsing or applying a feature spec. Messages
 * are "problem: value" style and name the feature at fault, in words a user
 * can act on.
 */
export type FeatureSpecErrorCode =
  /** The spec (or fitted spec) does not match its schema. */
  | "invalid_spec"
  /** The same column appears twice in a spec. */
  | "duplicate_column"
  /** The spec names a column the table does not have. */
  | "unknown_column"
  /** The spec's kind differs from the column's kind. */
  | "kind_mismatch"
  /** Every training value is missing and the fill is not a constant. */
  | "all_missing"
  /** A training value is ±Infinity, so no mean, std or range exists. */
  | "non_finite"
  /** No training rows, or a row index outside the table. */
  | "invalid_rows";

export class FeatureSpecError extends Error {
  override readonly name = "FeatureSpecError";

  constructor(
    readonly code: FeatureSpecErrorCode,
    message: string,
  ) {
    super(message);
  }
}
