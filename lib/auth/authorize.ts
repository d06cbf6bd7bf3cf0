import "server-only";
import { getStore } from "@/lib/store";
import type { Store } from "@/lib/store/store";
import type { UserRecord } from "@/lib/store/users";
import { AuthError } from "./auth-error";
import { countUsersAfterBootstrap } from "./bootstrap";
import { checkCsrf, checkOrigin, isMutating, requestHost } from "./csrf";
import { isLocalMode, listenHost, type Env } from "./local-mode";
import { checkPermission } from "./permissions";
import type { Principal } from "./principal";
import { SCOPES, type Permission } from "./roles";
import { hashSecret } from "./secrets";
import { readCookie, SESSION_COOKIE } from "./session-cookie";

/**
 * Who is asking, from a plain Request: an API token (Authorization: Bearer),
 * else the session cookie, else — in local mode — the built-in local admin.
 * Reads only the Request, never next/headers, so route handlers stay
 * testable with Request objects.
 */
export interface Authentication {
  principal: Principal | null;
  /** The session's CSRF token; null for tokens, local mode and anonymous requests. */
  csrfToken: string | null;
  localMode: boolean;
  /** Why `principal` is null although credentials came with the request, for the 401 message. */
  rejected: "token" | "session" | null;
}

export async function authenticate(request: Request, env: Env = process.env): Promise<Authentication> {
  const store = await getStore();
  const userCount = await countUsersAfterBootstrap(store, env);
  if (isLocalMode({ listenHost: listenHost(env), userCount, requestHost: requestHost(request) })) {
    const local = await localAdmin(store);
    return { principal: toPrincipal(local, "local"), csrfToken: null, localMode: true, rejected: null };
  }
  const anonymous: Authentication = { principal: null, csrfToken: null, localMode: false, rejected: null };
  const bearer = readBearer(request);
  if (bearer !== null) {
    const principal = await store.users.getPrincipalByToken(bearer);
    return principal ? { ...anonymous, principal } : { ...anonymous, rejected: "token" };
  }
  const sessionId = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (sessionId) {
    const session = await store.users.getSessionByTokenHash(hashSecret(sessionId));
    if (session) return { ...anonymous, principal: toPrincipal(session.user, "session"), csrfToken: session.csrfToken };
    return { ...anonymous, rejected: "session" };
  }
  return anonymous;
}

/**
 * The principal when it may do `permission` with this request; else throws
 * AuthError: "unauthenticated" (401) without valid credentials, "forbidden"
 * (403) for a wrong role, a token lacking the scope, or a cookie mutation
 * failing the Origin or CSRF check. Call it first in every route handler.
 */
export async function authorize(request: Request, permission: Permission): Promise<Principal> {
  const auth = await authenticate(request);
  const principal = auth.principal;
  if (principal === null) throw unauthenticated(auth, permission);
  checkRequestIntegrity(request, principal, auth.csrfToken);
  checkPermission(principal, permission);
  return principal;
}

/** The principal or null; never throws for missing or bad credentials (pages, GET /api/auth/me). */
export async function currentPrincipal(request: Request): Promise<Principal | null> {
  return (await authenticate(request)).principal;
}

/**
 * Cookies ride along on cross-site requests; tokens do not. So a mutation by
 * session must come from our own origin with the session's CSRF token, and a
 * local-mode mutation (no credentials at all) from our own origin.
 */
export function checkRequestIntegrity(request: Request, principal: Principal, csrfToken: string | null): void {
  if (!isMutating(request.method) || principal.via === "token") return;
  checkOrigin(request);
  if (principal.via === "session") checkCsrf(request, csrfToken ?? "");
}

function unauthenticated(auth: Authentication, permission: Permission): AuthError {
  switch (auth.rejected) {
    case "token":
      return new AuthError("unauthenticated", "unauthenticated: API token unknown or revoked (or its owner is disabled)");
    case "session":
      return new AuthError("unauthenticated", "unauthenticated: session expired or signed out; sign in again");
    case null:
      return new AuthError("unauthenticated", `unauthenticated: sign in to use ${permission}`);
  }
}

function readBearer(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header === null) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // A malformed Authorization header is a failed token, not an anonymous request.
  return m ? m[1] : "";
}

export function toPrincipal(u: UserRecord, via: "session" | "local"): Principal {
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, via, scopes: SCOPES };
}

// The local admin row never changes once made, so each store asks for it once.
const localAdmins = new WeakMap<Store, Promise<UserRecord>>();

function localAdmin(store: Store): Promise<UserRecord> {
  let pending = localAdmins.get(store);
  if (!pending) {
    pending = store.users.ensureLocalAdmin();
    localAdmins.set(store, pending);
    pending.catch(() => localAdmins.delete(store));
  }
  return pending;
}
