/**
 * What can be wrong with the input to the evaluation statistics. Messages
 * are "problem: value" and name the argument at fault.
 */
export type StatsErrorCode =
  /** Counts that are not whole, negative, or more successes than trials; probabilities outside [0, 1]. */
  | "invalid_counts"
  /** Paired inputs (two models' rows, labels and probabilities) of different lengths. */
  | "length_mismatch"
  /** A level, q, seed, number of resamples or classes outside its range. */
  | "invalid_option";

export class StatsError extends Error {
  override readonly name = "StatsError";

  constructor(
    readonly code: StatsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws unless `level` is a coverage in (0, 1). */
export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new StatsError("invalid_option", `level must be between 0 and 1: ${level}`);
}

/** Throws unless x is a whole number of successes out of n trials. */
export function checkCount(x: number, n: number, what = "successes"): void {
  if (!Number.isInteger(n) || n < 0) throw new StatsError("invalid_counts", `trials must be a whole number ≥ 0: ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new StatsError("invalid_counts", `${what} must be a whole number from 0 to ${n}: ${x}`);
}
