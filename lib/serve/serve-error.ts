/**
 * Why a prediction request was refused, before any model ran: every code is
 * the client's to fix (HTTP 400, or 413 for too_many_rows). Messages are
 * "problem: value" and name the input, record or element at fault.
 */
export type ServeRequestErrorCode =
  /** The body is not JSON at all. */
  | "invalid_json"
  /** JSON, but not the body's shape (not an infer request, not an array of records). */
  | "invalid_request"
  /** An input name or record key the model does not have (a typo must not become a missing value). */
  | "unknown_input"
  /** An infer request without one of the model's inputs. */
  | "missing_input"
  /** The same input twice in one infer request. */
  | "duplicate_input"
  /** A shape that is not [N, width] (or [N] for width 1), data of another length, or inputs disagreeing on N. */
  | "bad_shape"
  /** A datatype the input cannot take, e.g. FP32 for a categorical input. */
  | "bad_datatype"
  /** An element of the wrong type or out of range, e.g. text where a number belongs. */
  | "bad_value"
  /** More rows than the server's limit. */
  | "too_many_rows"
  /** An output the request asked for that the model does not produce. */
  | "unknown_output";

export class ServeRequestError extends Error {
  override readonly name = "ServeRequestError";

  constructor(
    readonly code: ServeRequestErrorCode,
    /** Short "problem: value" text a user can act on. */
    message: string,
  ) {
    super(message);
  }
}

export function isServeRequestError(e: unknown): e is ServeRequestError {
  return e instanceof ServeRequestError;
}

/** A request body's text as JSON, or invalid_json with the parser's reason. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ServeRequestError("invalid_json", `body: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** A client's value quoted for a message, cut short so a huge string cannot flood a reply. */
export function quoteValue(v: unknown): string {
  const s = typeof v === "string" ? JSON.stringify(v) : typeof v === "number" || typeof v === "boolean" || v === null ? String(v) : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v;
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
