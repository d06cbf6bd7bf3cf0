"use client";
import { useEffect, useState, type FormEvent } from "react";
import { z } from "zod";
import { MIN_PASSWORD } from "@/lib/api/auth-requests";
import { createUserResponseSchema, userListSchema, userSchema, type CreateUserResponse, type User } from "@/lib/api/user-requests";
import { ROLE_NAMES, ROLES, isRole, type Role } from "@/lib/auth/roles";
import { callJson } from "./call-json";

type List = { kind: "loading" } | { kind: "ready"; users: User[] } | { kind: "error"; message: string };

const patchReplySchema = z.object({ user: userSchema });

/** The admin's users page: every user with a role picker and Disable/Enable, and the invite form. */
export function UsersAdmin({ localMode }: { localMode: boolean }) {
  const [list, setList] = useState<List>({ kind: "loading" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = () =>
    callJson("/api/users", { method: "GET" }, userListSchema).then(
      (r) => setList({ kind: "ready", users: r.users }),
      (e: unknown) => setList({ kind: "error", message: messageOf(e) }),
    );
  useEffect(() => {
    void load();
  }, []);

  const patch = async (u: User, change: { role?: Role; disabled?: boolean }) => {
    setError(null);
    setBusy(u.id);
    try {
      const { user } = await callJson(`/api/users/${encodeURIComponent(u.id)}`, { method: "PATCH", json: change }, patchReplySchema);
      setList((l) => (l.kind === "ready" ? { kind: "ready", users: l.users.map((x) => (x.id === user.id ? user : x)) } : l));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {localMode && (
        <p className="hint local-mode-hint">
          Local mode: nobody has an account yet, so everyone on this machine acts as the local admin. The first user you
          add must be an admin with a password; adding them ends local mode, and you then sign in as them.
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      <UserTable list={list} busy={busy} onPatch={(u, c) => void patch(u, c)} />
      <InviteUser
        localMode={localMode}
        onCreated={(r) => {
          if (localMode) window.location.assign("/signin?next=%2Fadmin%2Fusers");
          else setList((l) => (l.kind === "ready" ? { kind: "ready", users: [...l.users, r.user].sort((a, b) => a.username.localeCompare(b.username)) } : l));
        }}
      />
    </>
  );
}

function UserTable({ list, busy, onPatch }: { list: List; busy: string | null; onPatch(u: User, change: { role?: Role; disabled?: boolean }): void }) {
  switch (list.kind) {
    case "loading":
      return <p role="status">Loading users…</p>;
    case "error":
      return <p role="alert">{list.message}</p>;
    case "ready":
      break;
    default:
      return list satisfies never;
  }
  if (list.users.length === 0) return <p className="hint">No users yet.</p>;
  return (
    <table className="admin-table">
      <caption className="visually-hidden">Users</caption>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Display name</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {list.users.map((u) => (
          <tr key={u.id}>
            <td>{u.username}</td>
            <td>{u.displayName}</td>
            <td>
              <select
                aria-label={`Role for ${u.username}`}
                value={u.role}
                disabled={busy === u.id}
                onChange={(e) => {
                  if (isRole(e.target.value)) onPatch(u, { role: e.target.value });
                }}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_NAMES[r]}
                  </option>
                ))}
              </select>
            </td>
            <td>{u.disabled ? "Disabled" : u.invitePending ? "Invited" : "Active"}</td>
            <td>
              <button type="button" aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.username}`} disabled={busy === u.id} onClick={() => onPatch(u, { disabled: !u.disabled })}>
                {u.disabled ? "Enable" : "Disable"}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function InviteUser({ localMode, onCreated }: { localMode: boolean; onCreated(r: CreateUserResponse): void }) {
  const [status, setStatus] = useState<{ kind: "idle" } | { kind: "sending" } | { kind: "error"; message: string } | { kind: "done"; reply: CreateUserResponse }>({
    kind: "idle",
  });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get("password") ?? "");
    setStatus({ kind: "sending" });
    try {
      const reply = await callJson(
        "/api/users",
        {
          method: "POST",
          json: {
            username: String(form.get("username") ?? ""),
            displayName: String(form.get("displayName") ?? ""),
            role: String(form.get("role") ?? ""),
            ...(password ? { password } : {}),
          },
        },
        createUserResponseSchema,
      );
      formEl.reset();
      setStatus({ kind: "done", reply });
      onCreated(reply);
    } catch (err) {
      setStatus({ kind: "error", message: messageOf(err) });
    }
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} aria-labelledby="invite-heading">
      <h3 id="invite-heading">Invite user</h3>
      <label>
        Username
        <input name="username" required autoComplete="off" />
      </label>
      <label>
        Display name
        <input name="displayName" autoComplete="off" />
      </label>
      <label>
        Role
        <select name="role" defaultValue={localMode ? "admin" : "labeler"}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Password (optional)
        <input name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required={localMode} />
      </label>
      <p className="hint">Without a password, you get a one-time invite link (valid 7 days) with which they set their own.</p>
      <button type="submit" className="primary" disabled={status.kind === "sending"}>
        Invite user
      </button>
      {status.kind === "error" && <p role="alert">{status.message}</p>}
      {status.kind === "done" && <InviteResult reply={status.reply} />}
    </form>
  );
}

function InviteResult({ reply }: { reply: CreateUserResponse }) {
  if (!reply.inviteUrl) return <p role="status">Added {reply.user.username}; they can sign in with the password you set.</p>;
  const link = typeof window === "undefined" ? reply.inviteUrl : new URL(reply.inviteUrl, window.location.origin).toString();
  return (
    <div role="status" className="secret-once">
      <p>
        Invited {reply.user.username}. Send them this link; it is shown only now
        {reply.inviteExpiresAt ? ` and works until ${new Date(reply.inviteExpiresAt).toLocaleString()}` : ""}.
      </p>
      <label>
        Invite link
        <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </label>
    </div>
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
