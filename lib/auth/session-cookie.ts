/**
 * The session cookie: its name, lifetime, and reading it from a Cookie header.
 * Route handlers get plain Request objects, so nothing here uses next/headers.
 */

export const SESSION_COOKIE = "lathe_session";
/** How long a session lasts after sign-in: 14 days, in milliseconds. Not extended by use. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** The value of cookie `name` in a Cookie header, or null. The first one wins, as browsers send the most specific path first. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * True when the client reached us over https: the URL says so, or a TLS
 * proxy in front set X-Forwarded-Proto. Only decides the Secure flag, so a
 * spoofed header can at worst lose that client its own cookie.
 */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(request.url).protocol === "https:";
}

/**
 * HttpOnly keeps page scripts from reading it; SameSite=Lax keeps other sites'
 * forms and fetches from sending it on POST (the CSRF header is the second lock).
 */
export function sessionCookie(token: string, request: Request, maxAgeMs = SESSION_TTL_MS): string {
  const secure = isHttps(request) ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure}`;
}

export function clearedSessionCookie(request: Request): string {
  return sessionCookie("", request, 0);
}
