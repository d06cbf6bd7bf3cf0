"use client";
import { useState } from "react";
import { ROLE_NAMES } from "@/lib/auth/roles";
import { signOut, useSession } from "./use-session";

/** The header's account area: who is signed in and as what, links to Users (admins) and Tokens, and Sign out. */
export function AccountMenu() {
  const session = useSession();
  const [error, setError] = useState<string | null>(null);

  switch (session.kind) {
    case "loading":
      return <nav className="account" aria-label="Account" />;
    case "error":
      return (
        <nav className="account" aria-label="Account">
          <span role="alert">{session.message}</span>
        </nav>
      );
    case "ready":
      break;
    default:
      return session satisfies never;
  }
  const { me } = session;
  if (me.user === null) {
    return (
      <nav className="account" aria-label="Account">
        <a href="/signin">Sign in</a>
      </nav>
    );
  }
  const canManage = me.permissions.includes("users.manage");
  return (
    <nav className="account" aria-label="Account">
      <span className="who">
        {me.user.displayName} <span className="role">({ROLE_NAMES[me.user.role]})</span>
        {me.localMode && <span className="local-mode" title="No accounts exist and the server listens only on this machine"> · local mode</span>}
      </span>
      {me.permissions.includes("projects.read") && <a href="/projects">Projects</a>}
      {me.permissions.includes("runs.read") && <a href="/runs">Runs</a>}
      {me.permissions.includes("models.read") && <a href="/models">Models</a>}
      {canManage && <a href="/admin/users">Users</a>}
      {me.via === "session" && <a href="/account/tokens">Tokens</a>}
      {me.via === "session" && (
        <button
          type="button"
          onClick={() => {
            setError(null);
            signOut().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
          }}
        >
          Sign out
        </button>
      )}
      {error && <span role="alert">{error}</span>}
    </nav>
  );
}
