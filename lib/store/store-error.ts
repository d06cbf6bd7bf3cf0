/**
 * What can go wrong in the store, as a code the HTTP layer maps to a status:
 * conflict → 409, not_found → 404, invalid → 400, unavailable → 503.
 */
export type StoreErrorCode = "conflict" | "not_found" | "invalid" | "unavailable";

export class StoreError extends Error {
  override readonly name = "StoreError";

  constructor(
    readonly code: StoreErrorCode,
    /** Short "problem: value" text a user can act on. */
    message: string,
    /** The request field at fault, for "invalid". */
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

// Connection-level failures (node socket errors; SQLSTATE class 08 connection
// exception, 57P admin shutdown / cannot connect now, 53 insufficient resources)
// mean the database is unreachable, not that the request was wrong.
const UNAVAILABLE_CODE = /^(E[A-Z]+|08...|57P..|53...)$/;

/** Passes StoreErrors through; turns connection failures into "unavailable"; rethrows the rest. */
export function toStoreError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  if (UNAVAILABLE_CODE.test(code)) {
    return new StoreError("unavailable", `database unavailable: ${e instanceof Error ? e.message : code}`, undefined, { cause: e });
  }
  throw e;
}

/** Any failure while opening means the store is not usable: report it as unavailable. */
export function storeOpenError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new StoreError("unavailable", `store did not open: ${message}`, undefined, { cause: e });
}
