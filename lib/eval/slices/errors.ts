/**
 * What can be wrong with a slice. Messages start "slice: " and name the
 * place or the value at fault, so the editor can show them as they are.
 */
export type SliceErrorCode =
  /** Text that does not follow the grammar (see parse.ts); `position` says where. */
  | "syntax"
  /** An AST (e.g. JSON from a UI builder or a saved project) of the wrong shape or with out-of-range values. */
  | "invalid_slice"
  /** A column the table does not have. */
  | "unknown_column"
  /** A value of another type than its column, or an operator the column's type does not support. */
  | "type_mismatch"
  /** A quantile bin whose edges the caller did not supply, or supplied malformed. */
  | "missing_quantile_edges"
  /** A slice name outside SLICE_NAME_PATTERN, or two slices with one name. */
  | "invalid_name";

export class SliceError extends Error {
  override readonly name = "SliceError";

  constructor(
    readonly code: SliceErrorCode,
    message: string,
    /** 0-based offset into the slice text, for syntax errors; the editor underlines from here. */
    readonly position?: number,
  ) {
    super(message);
  }
}
