import { timingSafeEqual } from "node:crypto";
import { CSRF_HEADER } from "@/lib/api/auth-requests";
import { AuthError } from "./auth-error";

/**
 * Cross-site request forgery checks for cookie-authenticated requests. The
 * browser sends the session cookie on its own; the `x-lathe-csrf` header it
 * does not, and another site's script can neither read the token (it comes
 * from GET /api/auth/me, same-origin only) nor set custom headers without a
 * CORS preflight we never grant.
 */

export { CSRF_HEADER };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** POST, PUT, PATCH, DELETE and anything else not known to be read-only. */
export function isMutating(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Host (with port) the request was addressed to: the Host header, else the URL's (tests build Requests without one). */
export function requestHost(request: Request): string {
  return (request.headers.get("host") ?? new URL(request.url).host).toLowerCase();
}

/**
 * Refuses a request whose Origin header names another host than Host. No
 * Origin (same-origin GETs, curl) passes. Behind a reverse proxy that
 * rewrites Host, X-Forwarded-Host names the public host; trusting it is safe
 * here because a cross-site page cannot set it without a CORS preflight.
 */
export function checkOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) return;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    // "null" (sandboxed frames, some redirects) and garbage are not our origin.
    host = "";
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim().toLowerCase();
  if (host === "" || (host !== requestHost(request) && host !== forwarded)) {
    throw new AuthError("forbidden", `origin: ${origin} is not this server (${requestHost(request)})`);
  }
}

/** Refuses a mutation whose CSRF header is missing or is not the session's token. */
export function checkCsrf(request: Request, sessionCsrf: string): void {
  const sent = request.headers.get(CSRF_HEADER);
  if (sent === null || sent === "") {
    throw new AuthError("forbidden", `csrf: missing ${CSRF_HEADER} header; reload the page`);
  }
  const a = Buffer.from(sent, "utf8");
  const b = Buffer.from(sessionCsrf, "utf8");
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new AuthError("forbidden", `csrf: ${CSRF_HEADER} does not match this session; reload the page`);
  }
}
