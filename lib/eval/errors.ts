/**
 * What can be wrong with the input to the evaluation metrics. Messages are
 * "problem: value" and name the row, class or option at fault, so a worker
 * can show them to a user as they are.
 */
export type EvalErrorCode =
  /** No rows at all. */
  | "empty_input"
  /** Labels, predictions and weights disagree on the number of rows. */
  | "length_mismatch"
  /** The probability width does not fit the task or the labels. */
  | "class_count_mismatch"
  /** A class label that is not an integer in [0, classes). */
  | "invalid_label"
  /** A probability that is NaN or outside [0, 1]. */
  | "invalid_probability"
  /** A regression target or prediction that is not finite. */
  | "invalid_value"
  /** A negative or non-finite weight, or weights that sum to zero. */
  | "invalid_weight"
  /** resamples, seed, level, bins or cells out of range. */
  | "invalid_option";

export class EvalError extends Error {
  override readonly name = "EvalError";

  constructor(
    readonly code: EvalErrorCode,
    message: string,
  ) {
    super(message);
  }
}
