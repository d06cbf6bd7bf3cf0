import { beforeAll, describe, expect, it } from "vitest";
import * as accept from "@/app/api/auth/invite/accept/route";
import * as me from "@/app/api/auth/me/route";
import * as signout from "@/app/api/auth/signout/route";
import * as notebooks from "@/app/api/notebooks/route";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import * as userById from "@/app/api/users/[id]/route";
import * as users from "@/app/api/users/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { meSchema } from "@/lib/api/auth-requests";
import type { UserId } from "@/lib/auth/principal";
import type { Scope } from "@/lib/auth/roles";
import { createdTokenSchema, tokenListSchema } from "@/lib/api/token-requests";
import { createUserResponseSchema, userListSchema, userSchema } from "@/lib/api/user-requests";
import { getStore } from "@/lib/store";
import { request, signIn, type Credentials } from "./role-matrix-harness";
import { useRouteStore } from "./route-store";

// A PGlite store in a temp dir with users, so local mode is off.
useRouteStore("auth");

const PASSWORD = "a fine password";
let admin: { session: string; csrf: string; id: string };

beforeAll(async () => {
  const u = await (await getStore()).users.createUser({ username: "root", displayName: "Root", role: "admin" }, PASSWORD);
  const s = await signIn("root", PASSWORD);
  admin = { session: s.session, csrf: s.csrf, id: u.id };
});

const asAdmin = (): Credentials => ({ session: admin.session, csrf: admin.csrf });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function readMe(c: Credentials) {
  return meSchema.parse(await (await me.GET(request("GET", { path: "/api/auth/me" }, c))).json());
}

async function errorOf(res: Response) {
  return apiErrorBodySchema.parse(await res.json()).error;
}

describe("sign-in, me and sign-out", () => {
  it("answers wrong passwords and unknown users alike with 401", async () => {
    const wrong = await signIn("root", "not the password");
    const unknown = await signIn("nobody", PASSWORD);
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    const [a, b] = [await errorOf(wrong.res), await errorOf(unknown.res)];
    expect(a).toEqual(b);
    expect(a).toEqual({ code: "unauthenticated", message: "sign in: wrong username or password" });
    expect(wrong.res.headers.get("set-cookie")).toBeNull();
  });

  it("sets an HttpOnly SameSite=Lax cookie (no Secure over http), and me reports the session", async () => {
    const { res, session, csrf } = await signIn("ROOT", PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^lathe_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=1209600$/);
    const m = await readMe({ session });
    expect(m).toEqual({
      user: { id: admin.id, username: "root", displayName: "Root", role: "admin" },
      via: "session",
      csrfToken: csrf,
      localMode: false,
      permissions: expect.arrayContaining(["users.manage", "notebooks.write"]),
    });
  });

  it("refuses a sign-in posted from another site", async () => {
    const { res } = await signIn("root", PASSWORD, { origin: "http://evil.example" });
    expect(res.status).toBe(403);
  });

  it("signs out only with the CSRF token, then the session is dead and the cookie cleared", async () => {
    const { session, csrf } = await signIn("root", PASSWORD);
    const noCsrf = await signout.POST(request("POST", { path: "/api/auth/signout" }, { session }));
    expect(noCsrf.status).toBe(403);
    expect((await readMe({ session })).user).not.toBeNull();

    const res = await signout.POST(request("POST", { path: "/api/auth/signout" }, { session, csrf }));
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^lathe_session=; .*Max-Age=0/);
    expect(await readMe({ session })).toMatchObject({ user: null, via: null, csrfToken: null });
    const after = await notebooks.POST(request("POST", { path: "/api/notebooks", body: {} }, { session, csrf }));
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toMatch(/session expired or signed out/);
  });

  it("replaces the browser's previous session when it signs in again", async () => {
    const first = await signIn("root", PASSWORD);
    const second = await signIn("root", PASSWORD, { session: first.session });
    expect((await readMe({ session: first.session })).user).toBeNull();
    expect((await readMe({ session: second.session })).user).not.toBeNull();
  });
});

describe("users and invites", () => {
  it("creates a user with a password, who can sign in at once", async () => {
    const res = await users.POST(request("POST", { path: "/api/users", body: { username: "Pat", displayName: "Pat P.", role: "reviewer", password: PASSWORD } }, asAdmin()));
    expect(res.status).toBe(201);
    const body = createUserResponseSchema.parse(await res.json());
    expect(body.user).toMatchObject({ username: "pat", role: "reviewer", invitePending: false });
    expect(body.inviteCode).toBeUndefined();
    expect((await signIn("pat", PASSWORD)).res.status).toBe(200);
    const dup = await users.POST(request("POST", { path: "/api/users", body: { username: "PAT", displayName: "", role: "viewer" } }, asAdmin()));
    expect(dup.status).toBe(409);
  });

  it("invites without a password: the code sets it once and signs the user in", async () => {
    const res = await users.POST(request("POST", { path: "/api/users", body: { username: "quinn", displayName: "Quinn", role: "labeler" } }, asAdmin()));
    const body = createUserResponseSchema.parse(await res.json());
    expect(body.inviteUrl).toBe(`/invite/${body.inviteCode}`);
    expect(body.user.invitePending).toBe(true);

    const short = await accept.POST(request("POST", { path: "/api/auth/invite/accept", body: { code: body.inviteCode, password: "short" } }));
    expect(short.status).toBe(400);
    expect((await errorOf(short)).field).toBe("password");

    const ok = await accept.POST(request("POST", { path: "/api/auth/invite/accept", body: { code: body.inviteCode, password: "quinn's password" } }));
    expect(ok.status).toBe(200);
    const session = /^lathe_session=([^;]+)/.exec(ok.headers.get("set-cookie") ?? "")?.[1] ?? "";
    expect(await readMe({ session })).toMatchObject({ user: { username: "quinn", role: "labeler" }, via: "session" });

    const again = await accept.POST(request("POST", { path: "/api/auth/invite/accept", body: { code: body.inviteCode, password: "another password" } }));
    expect(again.status).toBe(404);
    expect((await signIn("quinn", "quinn's password")).res.status).toBe(200);
  });

  it("lists users (not the local admin), changes roles, disables and re-enables", async () => {
    const list = userListSchema.parse(await (await users.GET(request("GET", { path: "/api/users" }, asAdmin()))).json());
    expect(list.users.map((u) => u.username)).toEqual(expect.arrayContaining(["root", "pat", "quinn"]));
    expect(list.users.map((u) => u.username)).not.toContain("local");

    const pat = list.users.find((u) => u.username === "pat")!;
    const patSession = await signIn("pat", PASSWORD);
    const patch = (body: unknown) => userById.PATCH(request("PATCH", { path: `/api/users/${pat.id}`, body }, asAdmin()), ctx(pat.id));

    expect(userSchema.parse((await (await patch({ role: "viewer" })).json()).user).role).toBe("viewer");
    expect((await patch({})).status).toBe(400);
    expect((await patch({ role: "root" })).status).toBe(400);

    expect((await (await patch({ disabled: true })).json()).user.disabled).toBe(true);
    expect((await readMe({ session: patSession.session })).user).toBeNull();
    expect((await signIn("pat", PASSWORD)).res.status).toBe(401);
    expect((await (await patch({ disabled: false })).json()).user.disabled).toBe(false);
    expect((await signIn("pat", PASSWORD)).res.status).toBe(200);

    const unknown = crypto.randomUUID();
    expect((await userById.PATCH(request("PATCH", { path: `/api/users/${unknown}`, body: { role: "viewer" } }, asAdmin()), ctx(unknown))).status).toBe(404);
  });

  it("will not demote or disable the last enabled admin (409)", async () => {
    const self = (body: unknown) => userById.PATCH(request("PATCH", { path: `/api/users/${admin.id}`, body }, asAdmin()), ctx(admin.id));
    const demote = await self({ role: "viewer" });
    expect(demote.status).toBe(409);
    expect((await errorOf(demote)).message).toMatch(/^last admin: /);
    expect((await self({ disabled: true })).status).toBe(409);
    expect((await readMe(asAdmin())).user?.role).toBe("admin");
  });
});

describe("API tokens", () => {
  it("are created from a session, shown once, used as Bearer without CSRF, listed per owner, revoked", async () => {
    const create = await tokens.POST(request("POST", { path: "/api/tokens", body: { name: "nightly", scopes: ["read", "write"] } }, asAdmin()));
    expect(create.status).toBe(201);
    const created = createdTokenSchema.parse(await create.json());
    expect(created.token).toMatch(/^lathe_/);

    const bearer = { bearer: created.token };
    expect(await readMe(bearer)).toMatchObject({ via: "token", csrfToken: null, user: { username: "root" } });
    expect((await readMe(bearer)).permissions).toEqual(["notebooks.read", "notebooks.write", "projects.read", "projects.manage", "labels.export", "runs.read", "runs.write", "models.read", "models.push", "models.deploy"]);
    const post = await notebooks.POST(request("POST", { path: "/api/notebooks", body: { notebook: { format: "lathe-notebook", version: 1, title: "t", cells: [] } } }, bearer));
    expect(post.status).toBe(201);

    const fromToken = await tokens.POST(request("POST", { path: "/api/tokens", body: { name: "child", scopes: ["read"] } }, { bearer: (await adminToken(["admin"])).token }));
    expect(fromToken.status).toBe(403);
    expect((await errorOf(fromToken)).message).toMatch(/signed-in session/);

    const mine = tokenListSchema.parse(await (await tokens.GET(request("GET", { path: "/api/tokens" }, asAdmin()))).json());
    const listed = mine.tokens.find((t) => t.id === created.summary.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(mine)).not.toContain(created.token);

    // Someone else's token is not found, neither listed nor revocable.
    const pat = await signIn("pat", PASSWORD);
    const patList = tokenListSchema.parse(await (await tokens.GET(request("GET", { path: "/api/tokens" }, pat))).json());
    expect(patList.tokens.map((t) => t.id)).not.toContain(created.summary.id);
    const steal = await tokenById.DELETE(request("DELETE", { path: `/api/tokens/${created.summary.id}` }, pat), ctx(created.summary.id));
    expect(steal.status).toBe(404);

    const revoke = await tokenById.DELETE(request("DELETE", { path: `/api/tokens/${created.summary.id}` }, asAdmin()), ctx(created.summary.id));
    expect(revoke.status).toBe(200);
    const after = await notebooks.GET(request("GET", { path: "/api/notebooks" }, bearer));
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toMatch(/API token unknown or revoked/);
  });

  it("refuses malformed Authorization headers and bad scopes", async () => {
    const res = await notebooks.GET(new Request("http://localhost:3000/api/notebooks", { headers: { authorization: "Basic cm9vdDpwdw==" } }));
    expect(res.status).toBe(401);
    const bad = await tokens.POST(request("POST", { path: "/api/tokens", body: { name: "x", scopes: ["root"] } }, asAdmin()));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe("scopes.0");
  });
});

async function adminToken(scopes: Scope[]) {
  return (await getStore()).users.createToken(admin.id as UserId, "helper", scopes);
}
