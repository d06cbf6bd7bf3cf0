/**
 * What can be wrong with the input to the agreement statistics. Messages are
 * "problem: value" and name the rating, item or option at fault.
 */
export type AgreementErrorCode =
  | "invalid_ratings"
  | "duplicate_rating"
  | "unknown_label"
  | "invalid_gold"
  | "invalid_option";

export class AgreementError extends Error {
  override readonly name = "AgreementError";

  constructor(
    readonly code: AgreementErrorCode,
    message: string,
  ) {
    super(message);
  }
}
