import "server-only";
import type { Me, PublicUser, SigninResponse } from "@/lib/api/auth-requests";
import type { Store } from "@/lib/store/store";
import type { UserRecord } from "@/lib/store/users";
import { AuthError } from "./auth-error";
import type { Authentication } from "./authorize";
import { countUsersAfterBootstrap } from "./bootstrap";
import { checkCsrf, checkOrigin } from "./csrf";
import { permissionsOf } from "./permissions";
import { hashSecret } from "./secrets";
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from "./session-cookie";

/** Signing in and out, and accepting an invite: each answers with a reply body and a Set-Cookie value. */
export interface SessionReply<T> {
  body: T;
  setCookie: string;
}

export async function signIn(store: Store, request: Request, creds: { username: string; password: string }): Promise<SessionReply<SigninResponse>> {
  // Another site must not sign a visitor in as someone else (login CSRF).
  checkOrigin(request);
  await countUsersAfterBootstrap(store);
  const user = await store.users.verifyPassword(creds.username, creds.password);
  // One message for every failure, so it does not tell which usernames exist.
  if (user === null) throw new AuthError("unauthenticated", "sign in: wrong username or password");
  return startSession(store, request, user);
}

export async function acceptInvite(store: Store, request: Request, req: { code: string; password: string }): Promise<SessionReply<SigninResponse>> {
  checkOrigin(request);
  const user = await store.users.acceptInvite(req.code, req.password);
  return startSession(store, request, user);
}

/** Ends this browser's session (if any) and clears the cookie. A live session must show its CSRF token, so other sites cannot sign people out. */
export async function signOut(store: Store, request: Request): Promise<SessionReply<{ signedOut: true }>> {
  const id = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (id) {
    const hash = hashSecret(id);
    const session = await store.users.getSessionByTokenHash(hash);
    if (session) {
      checkOrigin(request);
      checkCsrf(request, session.csrfToken);
      await store.users.deleteSession(hash);
    }
  }
  return { body: { signedOut: true }, setCookie: clearedSessionCookie(request) };
}

async function startSession(store: Store, request: Request, user: UserRecord): Promise<SessionReply<SigninResponse>> {
  // A browser switching accounts leaves no live session behind.
  const previous = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (previous) await store.users.deleteSession(hashSecret(previous));
  const session = await store.users.createSession(user.id);
  return { body: { user: publicUser(user), csrfToken: session.csrfToken }, setCookie: sessionCookie(session.token, request) };
}

export function publicUser(u: Pick<UserRecord, "id" | "username" | "displayName" | "role">): PublicUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role };
}

/** GET /api/auth/me: who this is, how, and what they may do. */
export function describeMe(auth: Authentication): Me {
  const p = auth.principal;
  if (p === null) return { user: null, via: null, csrfToken: null, localMode: auth.localMode, permissions: [] };
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName, role: p.role },
    via: p.via,
    csrfToken: auth.csrfToken,
    localMode: auth.localMode,
    permissions: permissionsOf(p),
  };
}
