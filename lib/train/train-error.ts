/** What can stop a training run, as a code the page and the run record carry. */
export type TrainErrorCode = "non_finite_loss" | "cancelled" | "invalid_data" | "backend";

export class TrainError extends Error {
  override readonly name = "TrainError";
  constructor(
    readonly code: TrainErrorCode,
    message: string,
  ) {
    super(message);
  }
}
