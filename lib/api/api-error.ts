import { z } from "zod";

/** Every error reply from /api: `{ error: { code, message, field? } }`. */
export const API_ERROR_CODES = ["invalid", "unauthenticated", "forbidden", "not_found", "conflict", "too_large", "unavailable", "internal"] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    /** Short "problem: value" text, fit to show the user. */
    message: z.string(),
    /** Dotted path of the request field at fault, e.g. "notebook.cells.0.kind". */
    field: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const API_ERROR_STATUS: Record<ApiErrorCode, number> = {
  invalid: 400,
  /** No valid session, token or local mode: sign in. */
  unauthenticated: 401,
  /** Signed in, but the role, the token's scopes or the CSRF check refuse this request. */
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  internal: 500,
};
