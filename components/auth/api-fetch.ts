import { apiErrorBodySchema } from "@/lib/api/api-error";
import { CSRF_HEADER, meSchema } from "@/lib/api/auth-requests";

/**
 * fetch for the app's own /api routes: mutations carry the session's CSRF
 * token in `x-lathe-csrf`, which the server requires of cookie-authenticated
 * POST/PUT/PATCH/DELETE. The token comes from GET /api/auth/me, fetched once
 * and kept here (sign-in and sign-out replace it through setCsrfToken).
 */

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
let csrf: Promise<string | null> | null = null;

/** Called with the token a sign-in returns, or null after sign-out. */
export function setCsrfToken(token: string | null): void {
  csrf = Promise.resolve(token);
}

function csrfToken(refresh = false): Promise<string | null> {
  if (csrf === null || refresh) {
    const pending = fetch("/api/auth/me", { cache: "no-store", credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((b: unknown) => {
        const me = meSchema.safeParse(b);
        return me.success ? me.data.csrfToken : null;
      })
      .catch(() => {
        // Not cached: the next mutation asks again.
        if (csrf === pending) csrf = null;
        return null;
      });
    csrf = pending;
  }
  return csrf;
}

export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? "GET").toUpperCase();
  if (SAFE.has(method)) return fetch(url, { credentials: "same-origin", ...init });
  const send = (token: string | null) => {
    const headers = new Headers(init.headers);
    if (token) headers.set(CSRF_HEADER, token);
    return fetch(url, { credentials: "same-origin", ...init, headers });
  };
  const res = await send(await csrfToken());
  // The session changed in another tab (signed in again, or out): fetch the
  // new token once and retry. The body is a stream read once, so a retry is
  // only possible for string bodies — which is all this app sends.
  if (res.status === 403 && (init.body === undefined || typeof init.body === "string") && (await isCsrfRefusal(res))) {
    return send(await csrfToken(true));
  }
  return res;
}

async function isCsrfRefusal(res: Response): Promise<boolean> {
  const body = apiErrorBodySchema.safeParse(await res.clone().json().catch(() => null));
  return body.success && body.data.error.code === "forbidden" && body.data.error.message.startsWith("csrf:");
}

/** A reply's JSON body; for an error status, an Error carrying the server's message (or the status when there is none). */
export async function apiJson<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = apiErrorBodySchema.safeParse(body);
    throw new Error(parsed.success ? parsed.data.error.message : `HTTP ${res.status}`);
  }
  return body as T;
}
