/**
 * Why a request was refused: "unauthenticated" (401: no valid session, token
 * or local mode; sign in) or "forbidden" (403: signed in, but the role, the
 * token's scopes or the CSRF check do not allow this request).
 */
export type AuthErrorCode = "unauthenticated" | "forbidden";

export class AuthError extends Error {
  override readonly name = "AuthError";

  constructor(
    readonly code: AuthErrorCode,
    /** Short "problem: value" text a user can act on. */
    message: string,
  ) {
    super(message);
  }
}

export function isAuthError(e: unknown): e is AuthError {
  return e instanceof AuthError;
}
