import { expect, it } from "vitest";
import * as signin from "@/app/api/auth/signin/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import type { UserId } from "@/lib/auth/principal";
import { PERMISSIONS, ROLES, SCOPES, type Permission, type Role } from "@/lib/auth/roles";
import { getStore } from "@/lib/store";

/**
 * Walks a table of mutating route handlers and checks each against every
 * role, credential kind and CSRF rule. The table lives in the test file
 * (test/role-matrix.test.ts); a new route is one more row there.
 */

export type MutatingMethod = "POST" | "PUT" | "PATCH" | "DELETE";

/** What `build` returns: the path (with the ids it made) and the JSON body. */
export interface RouteRequest {
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** A raw text body (a CSV upload), sent instead of JSON. */
  text?: string;
}

export interface Actor {
  role: Role;
  userId: UserId;
  username: string;
  /** The session id from the sign-in route's Set-Cookie. */
  session: string;
  csrf: string;
}

export type Actors = Record<Role, Actor>;

export interface RouteCase {
  method: MutatingMethod;
  /** As written in the docs, e.g. "/api/notebooks/{id}". */
  route: string;
  // Method syntax: route handlers type their params precisely ({ id: string }).
  handler(request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response>;
  permission: Permission;
  /**
   * A request that passes validation when allowed, for `actor` (whose
   * credentials are sent, or who stands in for an anonymous caller). Called
   * once per request, so it can create what it needs: unique names, a fresh
   * notebook, one of the actor's own tokens.
   */
  build(actor: Actor): Promise<RouteRequest> | RouteRequest;
  /**
   * Written by hand, NOT read from PERMISSIONS: at least one role and whether
   * it is allowed, so a wrong row in the table fails the test.
   */
  expect: readonly (readonly [Role, "allowed" | "refused"])[];
  /** Tokens may not call it whatever their scopes (creating tokens). */
  sessionOnly?: boolean;
}

export interface Credentials {
  session?: string;
  csrf?: string;
  bearer?: string;
  origin?: string;
  host?: string;
}

export const HOST = "localhost:3000";

export function request(method: string, r: RouteRequest, c: Credentials = {}): Request {
  const headers = new Headers({ host: c.host ?? HOST });
  if (r.body !== undefined) headers.set("content-type", "application/json");
  if (r.text !== undefined) headers.set("content-type", "text/csv");
  if (c.session) headers.set("cookie", `theme=dark; lathe_session=${c.session}`);
  if (c.csrf) headers.set("x-lathe-csrf", c.csrf);
  if (c.bearer) headers.set("authorization", `Bearer ${c.bearer}`);
  if (c.origin) headers.set("origin", c.origin);
  return new Request(`http://${HOST}${r.path}`, { method, headers, body: r.text ?? (r.body === undefined ? undefined : JSON.stringify(r.body)) });
}

export async function call(rc: RouteCase, actor: Actor, c: Credentials): Promise<Response> {
  const r = await rc.build(actor);
  return rc.handler(request(rc.method, r, c), { params: Promise.resolve(r.params ?? {}) });
}

/** Signs in through the route handler; returns the session id from Set-Cookie and the CSRF token from the body. */
export async function signIn(username: string, password: string, c: Credentials = {}): Promise<{ session: string; csrf: string; res: Response }> {
  const res = await signin.POST(request("POST", { path: "/api/auth/signin", body: { username, password } }, c));
  const setCookie = res.headers.get("set-cookie") ?? "";
  const session = /^lathe_session=([^;]*)/.exec(setCookie)?.[1] ?? "";
  const body = (await res.clone().json()) as { csrfToken?: string };
  return { session, csrf: body.csrfToken ?? "", res };
}

/** One user per role (`<prefix>-<role>`), each signed in through the sign-in route. */
export async function signInActors(prefix: string): Promise<Actors> {
  const store = await getStore();
  const password = "matrix password";
  const entries = await Promise.all(
    ROLES.map(async (role) => {
      const username = `${prefix}-${role}`;
      const user = await store.users.createUser({ username, displayName: `${role} user`, role }, password);
      const { session, csrf, res } = await signIn(username, password);
      expect(res.status, `sign-in of ${username}`).toBe(200);
      expect(session).not.toBe("");
      return [role, { role, userId: user.id, username, session, csrf }] as const;
    }),
  );
  return Object.fromEntries(entries) as Actors;
}

async function errorCode(res: Response): Promise<string> {
  const body = apiErrorBodySchema.safeParse(await res.clone().json().catch(() => null));
  return body.success ? body.data.error.code : `(no error body; HTTP ${res.status})`;
}

async function expectRefused(res: Response, status: 401 | 403, what: string): Promise<void> {
  expect(res.status, what).toBe(status);
  expect(await errorCode(res), what).toBe(status === 401 ? "unauthenticated" : "forbidden");
}

/** Allowed means the permission check passed: not 401/403, and no server error either. */
async function expectAllowed(res: Response, what: string): Promise<void> {
  const detail = res.status >= 400 ? `${what}: HTTP ${res.status} ${await res.clone().text()}` : what;
  expect([401, 403, 500], detail).not.toContain(res.status);
}

const label = (rc: RouteCase) => `${rc.method} ${rc.route}`;

/**
 * Declares the checks for each route (call inside a describe). `actors` is
 * read when the tests run, after the caller's beforeAll signed them in.
 */
export function roleMatrixTests(routes: readonly RouteCase[], actors: () => Actors): void {
  for (const rc of routes) {
    const rule = PERMISSIONS[rc.permission];
    const allowedRoles = rule.roles as readonly Role[];
    const someAllowed = () => actors()[allowedRoles[0]];

    it(`${label(rc)}: roles without ${rc.permission} get 403 forbidden, roles with it get through`, async () => {
      for (const role of ROLES) {
        const a = actors()[role];
        const res = await call(rc, a, { session: a.session, csrf: a.csrf });
        if (allowedRoles.includes(role)) await expectAllowed(res, `${role} on ${label(rc)}`);
        else {
          await expectRefused(res, 403, `${role} on ${label(rc)}`);
          expect((await res.json()).error.message).toContain(rc.permission);
        }
      }
    });

    it(`${label(rc)}: hand-written expectations (${rc.expect.map(([r, v]) => `${r} ${v}`).join(", ")})`, async () => {
      expect(rc.expect.length).toBeGreaterThan(0);
      for (const [role, verdict] of rc.expect) {
        const a = actors()[role];
        const res = await call(rc, a, { session: a.session, csrf: a.csrf });
        if (verdict === "allowed") await expectAllowed(res, `${role} on ${label(rc)}`);
        else await expectRefused(res, 403, `${role} on ${label(rc)}`);
      }
    });

    it(`${label(rc)}: no credentials → 401`, async () => {
      await expectRefused(await call(rc, someAllowed(), {}), 401, "anonymous");
      await expectRefused(await call(rc, someAllowed(), { session: "no-such-session", csrf: someAllowed().csrf }), 401, "unknown session id");
    });

    it(`${label(rc)}: a session without the CSRF header, with a wrong one, or from another origin → 403`, async () => {
      const a = someAllowed();
      await expectRefused(await call(rc, a, { session: a.session }), 403, "no CSRF header");
      await expectRefused(await call(rc, a, { session: a.session, csrf: actors()[ROLES.find((r) => r !== a.role)!].csrf }), 403, "another session's CSRF token");
      await expectRefused(await call(rc, a, { session: a.session, csrf: a.csrf, origin: "http://evil.example" }), 403, "foreign Origin");
      await expectAllowed(await call(rc, a, { session: a.session, csrf: a.csrf, origin: `http://${HOST}` }), "same Origin");
    });

    it(`${label(rc)}: a token without scope ${rule.scope} → 403; with it → ${rc.sessionOnly ? "403 (sessions only)" : "allowed"}, no CSRF needed`, async () => {
      const a = someAllowed();
      const store = await getStore();
      const others = SCOPES.filter((s) => s !== rule.scope);
      const lacking = await store.users.createToken(a.userId, `lacks ${rule.scope}`, others);
      const res = await call(rc, a, { bearer: lacking.token });
      await expectRefused(res, 403, `token with ${others.join(",")}`);
      const full = await store.users.createToken(a.userId, "every scope", SCOPES);
      const withScope = await call(rc, a, { bearer: full.token });
      if (rc.sessionOnly) await expectRefused(withScope, 403, "token on a sessions-only route");
      else await expectAllowed(withScope, `token with ${rule.scope}`);
    });

    it(`${label(rc)}: a revoked token → 401`, async () => {
      const a = someAllowed();
      const store = await getStore();
      const t = await store.users.createToken(a.userId, "soon revoked", SCOPES);
      await store.users.revokeToken(a.userId, t.summary.id);
      await expectRefused(await call(rc, a, { bearer: t.token }), 401, "revoked token");
    });
  }
}
