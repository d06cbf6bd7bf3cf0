import { z } from "zod";
import { PERMISSIONS, ROLES, type Permission } from "@/lib/auth/roles";

/** Bodies and replies of /api/auth/*, shared by the route handlers and the browser. */

/** The header a cookie-authenticated mutation must carry, holding the session's CSRF token (from GET /api/auth/me). */
export const CSRF_HEADER = "x-lathe-csrf";

/** Shortest password accepted, in characters. */
export const MIN_PASSWORD = 8;
// scrypt's cost barely depends on length, but a megabyte password is no password.
const MAX_PASSWORD = 1024;

export const passwordSchema = z.string().min(MIN_PASSWORD, `must be at least ${MIN_PASSWORD} characters`).max(MAX_PASSWORD);

export const signinRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  // Any length here: a sign-in with a short password is just a wrong one.
  password: z.string().max(MAX_PASSWORD),
});

export const inviteAcceptRequestSchema = z.strictObject({
  code: z.string().min(1).max(200),
  password: passwordSchema,
});

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

/** POST /api/auth/signin and /api/auth/invite/accept. */
export const signinResponseSchema = z.object({ user: publicUserSchema, csrfToken: z.string() });
export type SigninResponse = z.infer<typeof signinResponseSchema>;

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

/** GET /api/auth/me. `csrfToken` is set for sessions only; tokens and local mode need none. */
export const meSchema = z.object({
  user: publicUserSchema.nullable(),
  via: z.enum(["session", "token", "local"]).nullable(),
  csrfToken: z.string().nullable(),
  localMode: z.boolean(),
  permissions: z.array(z.enum(PERMISSION_NAMES)),
});
export type Me = z.infer<typeof meSchema>;

/**
 * Only same-site paths: `/signin?next=https://evil.example` must not become
 * an open redirect, and `next=/signin` must not send the sign-in page to itself.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === "/signin" || next.startsWith("/signin?") || next.startsWith("/signin/")) return "/";
  return next;
}
