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
  // A unique key taken by a concurrent request (23505), or a transaction
  // PostgreSQL aborted to break a deadlock or a serialisation conflict
  // (40P01, 40001): the request did nothing and may simply be sent again.
  if (code === "23505") {
    return new StoreError("conflict", "conflict: a concurrent change got there first; reload and try again", undefined, { cause: e });
  }
  // Text the database cannot store (a NUL character, invalid UTF-8): the request's fault.
  if (code === "22021" || code === "22P05") {
    return new StoreError("invalid", "text: contains a character the database cannot store (NUL)", undefined, { cause: e });
  }
  if (code === "40P01" || code === "40001") {
    return new StoreError("conflict", "conflict: busy with a concurrent change; try again", undefined, { cause: e });
  }
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
