import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "@/lib/auth/secrets";
import type { Store } from "@/lib/store/store";
import { StoreError, type StoreErrorCode } from "@/lib/store/store-error";
import type { OpenAt } from "./store.contract";

/**
 * The UserStore's behaviour, written once for both adapters: accounts,
 * invites, the last-admin rule, sessions and API tokens.
 */
export function describeUserStoreContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`UserStore contract: ${name}`, () => {
    let store: Store;
    let n = 0;
    /** A username no other test in this store uses. */
    const fresh = (base: string) => `${base}-${++n}`;

    beforeAll(async () => {
      store = await (await newLocation())();
    });
    afterAll(async () => {
      await store?.close();
    });

    it("creates users who sign in with their password, case-insensitively by username", async () => {
      const username = fresh("Ada");
      const before = await store.users.countUsers();
      const ada = await store.users.createUser({ username, displayName: "Ada L.", role: "data_scientist" }, "correct horse");
      expect(ada).toMatchObject({ username: username.toLowerCase(), displayName: "Ada L.", role: "data_scientist", isLocal: false, disabled: false, invitePending: false });
      expect(await store.users.countUsers()).toBe(before + 1);

      expect(await store.users.verifyPassword(username.toUpperCase(), "correct horse")).toEqual(ada);
      expect(await store.users.verifyPassword(username, "wrong horse")).toBeNull();
      expect(await store.users.verifyPassword("nobody-at-all", "correct horse")).toBeNull();
      expect(await store.users.getUser(ada.id.toUpperCase())).toEqual(ada);
    });

    it("refuses a taken username whatever its case, and the reserved name local", async () => {
      const username = fresh("grace");
      await store.users.createUser({ username, displayName: "Grace", role: "viewer" }, "password1");
      const err = await expectStoreError(store.users.createUser({ username: username.toUpperCase(), displayName: "G", role: "viewer" }, "password2"), "conflict");
      expect(err.message).toContain(username);
      await expectStoreError(store.users.invite({ username, displayName: "G", role: "viewer" }), "conflict");
      await expectStoreError(store.users.createUser({ username: "LOCAL", displayName: "x", role: "admin" }, "password3"), "conflict");
      await expectStoreError(store.users.createUser({ username: "  ", displayName: "x", role: "admin" }, "password3"), "invalid");
    });

    it("keeps the local admin apart: one row, not counted or listed, cannot sign in", async () => {
      const before = await store.users.countUsers();
      const [a, b] = await Promise.all([store.users.ensureLocalAdmin(), store.users.ensureLocalAdmin()]);
      expect(a).toEqual(b);
      expect(a).toMatchObject({ username: "local", displayName: "Local admin", role: "admin", isLocal: true });
      expect(await store.users.countUsers()).toBe(before);
      expect((await store.users.listUsers()).map((u) => u.id)).not.toContain(a.id);
      expect(await store.users.verifyPassword("local", "")).toBeNull();
      await expectStoreError(store.users.createSession(a.id), "not_found");
      await expectStoreError(store.users.createToken(a.id, "script", ["read"]), "not_found");
      await expectStoreError(store.users.setRole(a.id, "viewer"), "not_found");
    });

    it("lists users by username", async () => {
      const names = [fresh("zed"), fresh("amy"), fresh("mia")];
      for (const u of names) await store.users.createUser({ username: u, displayName: u, role: "labeler" }, "password1");
      const listed = (await store.users.listUsers()).map((u) => u.username).filter((u) => names.includes(u));
      expect(listed).toEqual([...names].sort());
    });

    it("invites: a one-time code valid for 7 days sets the password", async () => {
      const username = fresh("ivy");
      const inv = await store.users.invite({ username, displayName: "Ivy", role: "labeler" });
      expect(inv.user).toMatchObject({ username, invitePending: true, role: "labeler" });
      expect(inv.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const days = (Date.parse(inv.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThanOrEqual(7);
      expect(await store.users.verifyPassword(username, "")).toBeNull();

      await expectStoreError(store.users.acceptInvite("not-the-code", "password1"), "not_found");
      const accepted = await store.users.acceptInvite(inv.code, "ivy's password");
      expect(accepted).toMatchObject({ id: inv.user.id, invitePending: false });
      expect(await store.users.verifyPassword(username, "ivy's password")).toEqual(accepted);
      await expectStoreError(store.users.acceptInvite(inv.code, "another password"), "not_found");
      expect(await store.users.verifyPassword(username, "ivy's password")).not.toBeNull();
    });

    it("changes roles, disables and re-enables; a disabled user cannot sign in or use a session", async () => {
      const username = fresh("bob");
      const bob = await store.users.createUser({ username, displayName: "Bob", role: "labeler" }, "password1");
      expect(await store.users.setRole(bob.id, "reviewer")).toMatchObject({ role: "reviewer" });
      const session = await store.users.createSession(bob.id);

      expect(await store.users.setDisabled(bob.id, true)).toMatchObject({ disabled: true, role: "reviewer" });
      expect(await store.users.verifyPassword(username, "password1")).toBeNull();
      expect(await store.users.getSessionByTokenHash(session.tokenHash)).toBeNull();
      await expectStoreError(store.users.createSession(bob.id), "not_found");

      expect(await store.users.setDisabled(bob.id, false)).toMatchObject({ disabled: false });
      expect(await store.users.verifyPassword(username, "password1")).toMatchObject({ id: bob.id });
      // Disabling ended that session for good; re-enabling does not revive it.
      expect(await store.users.getSessionByTokenHash(session.tokenHash)).toBeNull();

      await expectStoreError(store.users.setRole(crypto.randomUUID(), "viewer"), "not_found");
      await expectStoreError(store.users.setDisabled("not-a-uuid", true), "not_found");
    });

    it("never leaves the install without an enabled admin, even under concurrent demotions", async () => {
      const s = await (await newLocation())();
      try {
        const a = await s.users.createUser({ username: "admin-a", displayName: "A", role: "admin" }, "password1");
        await expectStoreError(s.users.setRole(a.id, "viewer"), "conflict");
        const err = await expectStoreError(s.users.setDisabled(a.id, true), "conflict");
        expect(err.message).toMatch(/^last admin: /);

        const b = await s.users.createUser({ username: "admin-b", displayName: "B", role: "admin" }, "password1");
        const results = await Promise.allSettled([s.users.setRole(a.id, "viewer"), s.users.setRole(b.id, "viewer")]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
        expect((lost?.reason as StoreError).code).toBe("conflict");
        const admins = (await s.users.listUsers()).filter((u) => u.role === "admin" && !u.disabled);
        expect(admins).toHaveLength(1);

        // A disabled admin does not count: with one enabled admin left, it stays.
        const c = await s.users.createUser({ username: "admin-c", displayName: "C", role: "admin" }, "password1");
        await s.users.setDisabled(c.id, true);
        await expectStoreError(s.users.setDisabled(admins[0].id, true), "conflict");
        expect(await s.users.setRole(c.id, "viewer")).toMatchObject({ role: "viewer", disabled: true });
      } finally {
        await s.close();
      }
    });

    it("keeps sessions by the hash of their id, with a CSRF token and a 14-day expiry", async () => {
      const u = await store.users.createUser({ username: fresh("sam"), displayName: "Sam", role: "viewer" }, "password1");
      const s = await store.users.createSession(u.id);
      expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.tokenHash).toBe(hashSecret(s.token));
      expect(s.csrfToken).not.toBe(s.token);
      const days = (Date.parse(s.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.99);
      expect(days).toBeLessThanOrEqual(14);

      const got = await store.users.getSessionByTokenHash(s.tokenHash);
      expect(got).toEqual({ user: u, csrfToken: s.csrfToken, expiresAt: s.expiresAt });
      expect(await store.users.getSessionByTokenHash(s.token)).toBeNull();
      const other = await store.users.createSession(u.id);
      await store.users.deleteSession(s.tokenHash);
      expect(await store.users.getSessionByTokenHash(s.tokenHash)).toBeNull();
      expect(await store.users.getSessionByTokenHash(other.tokenHash)).not.toBeNull();
    });

    it("issues API tokens shown once, limited to their scopes, recorded when used, refused once revoked", async () => {
      const u = await store.users.createUser({ username: fresh("tia"), displayName: "Tia", role: "reviewer" }, "password1");
      const other = await store.users.createUser({ username: fresh("oz"), displayName: "Oz", role: "reviewer" }, "password1");
      const created = await store.users.createToken(u.id, " ci job ", ["label", "read", "read"]);
      expect(created.token).toMatch(/^lathe_[A-Za-z0-9_-]{43}$/);
      expect(created.summary).toMatchObject({ name: "ci job", scopes: ["read", "label"], lastUsedAt: null, revokedAt: null });
      expect(JSON.stringify(await store.users.listTokens(u.id))).not.toContain(created.token);

      const p = await store.users.getPrincipalByToken(created.token);
      expect(p).toEqual({ userId: u.id, username: u.username, displayName: "Tia", role: "reviewer", via: "token", scopes: ["read", "label"] });
      const [listed] = await store.users.listTokens(u.id);
      expect(listed.id).toBe(created.summary.id);
      expect(listed.lastUsedAt).not.toBeNull();

      expect(await store.users.getPrincipalByToken(created.token.slice(0, -1) + (created.token.endsWith("A") ? "B" : "A"))).toBeNull();
      expect(await store.users.getPrincipalByToken("not a token")).toBeNull();
      await expectStoreError(store.users.revokeToken(other.id, created.summary.id), "not_found");
      expect(await store.users.getPrincipalByToken(created.token)).not.toBeNull();

      const revoked = await store.users.revokeToken(u.id, created.summary.id);
      expect(revoked.revokedAt).not.toBeNull();
      expect(await store.users.revokeToken(u.id, created.summary.id)).toEqual(revoked);
      expect(await store.users.getPrincipalByToken(created.token)).toBeNull();

      await expectStoreError(store.users.createToken(u.id, "x", ["root" as never]), "invalid");
      await expectStoreError(store.users.createToken(u.id, "x", []), "invalid");
      await expectStoreError(store.users.createToken(u.id, "", ["read"]), "invalid");
    });

    it("refuses the tokens of a disabled owner", async () => {
      const u = await store.users.createUser({ username: fresh("dan"), displayName: "Dan", role: "viewer" }, "password1");
      const t = await store.users.createToken(u.id, "t", ["read"]);
      await store.users.setDisabled(u.id, true);
      expect(await store.users.getPrincipalByToken(t.token)).toBeNull();
      await store.users.setDisabled(u.id, false);
      expect(await store.users.getPrincipalByToken(t.token)).toMatchObject({ userId: u.id });
    });
  });
}

async function expectStoreError(p: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  const err = await p.then(
    () => {
      throw new Error(`expected StoreError ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
  return err as StoreError;
}
