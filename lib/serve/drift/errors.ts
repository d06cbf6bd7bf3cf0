/**
 * What can be wrong with the input to the drift statistics. Messages are
 * "problem: value" and name the argument at fault.
 */
export type DriftErrorCode =
  /** Bin or category counts that are not counts, or two histograms of different lengths. */
  | "invalid_counts"
  /** A threshold, epsilon, weight or size outside its range. */
  | "invalid_option"
  /** Live values of another kind than the training statistics describe (text for a numeric input, …). */
  | "kind_mismatch"
  /** A live window without values for one of the model's inputs. */
  | "missing_input";

export class DriftError extends Error {
  override readonly name = "DriftError";

  constructor(
    readonly code: DriftErrorCode,
    message: string,
  ) {
    super(message);
  }
}
