/**
 * Why a train/validation/test split (or the leakage check before training)
 * could not be made. Messages are "problem: value" and say what to change.
 */
export type SplitErrorCode =
  /** validation/test fractions outside (0, 1) or summing to ≥ 1. */
  | "bad_fractions"
  /** seed not a uint32. */
  | "bad_seed"
  /** a group split without groupColumn, or a time split without timeColumn. */
  | "missing_option"
  /** a group, time or feature column the table does not have. */
  | "unknown_column"
  /** a time column that is neither date nor numeric. */
  | "bad_column_kind"
  /** rows with a target but no time, in a time split. */
  | "missing_times"
  /** fewer rows with a target than a three-way split needs. */
  | "too_few_rows"
  /** a group split whose groups cannot fill all three splits. */
  | "too_few_groups"
  /** a time split whose distinct times cannot fill all three splits. */
  | "too_few_times"
  /** a classification target with a single class among its rows. */
  | "one_class"
  /** a stratified split asked for a regression target. */
  | "stratify_regression"
  /** the table and the target disagree on the number of rows. */
  | "length_mismatch";

export class SplitError extends Error {
  readonly code: SplitErrorCode;
  constructor(code: SplitErrorCode, message: string) {
    super(message);
    this.name = "SplitError";
    this.code = code;
  }
}
