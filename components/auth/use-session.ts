"use client";
import { useSyncExternalStore } from "react";
import { meSchema, type Me } from "@/lib/api/auth-requests";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { apiFetch, setCsrfToken } from "./api-fetch";

/**
 * Who is signed in, from GET /api/auth/me, fetched once per page load and
 * shared by every component that asks (no provider needed).
 */
export type SessionState = { kind: "loading" } | { kind: "ready"; me: Me } | { kind: "error"; message: string };

const LOADING: SessionState = { kind: "loading" };
let state: SessionState = LOADING;
let started = false;
const listeners = new Set<() => void>();

function set(next: SessionState) {
  state = next;
  if (next.kind === "ready") setCsrfToken(next.me.csrfToken);
  for (const l of listeners) l();
}

/** Re-reads /api/auth/me (after an account change the page does not reload for). */
export async function refreshSession(): Promise<void> {
  started = true;
  try {
    const res = await fetch("/api/auth/me", { cache: "no-store", credentials: "same-origin" });
    const body: unknown = await res.json();
    if (!res.ok) {
      const err = apiErrorBodySchema.safeParse(body);
      set({ kind: "error", message: err.success ? err.data.error.message : `session: server error ${res.status}` });
      return;
    }
    set({ kind: "ready", me: meSchema.parse(body) });
  } catch {
    set({ kind: "error", message: "session: the server did not answer" });
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!started) void refreshSession();
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => LOADING,
  );
}

/** Ends the session on the server, then goes to the sign-in page. */
export async function signOut(): Promise<void> {
  const res = await apiFetch("/api/auth/signout", { method: "POST" });
  if (!res.ok) {
    const err = apiErrorBodySchema.safeParse(await res.json().catch(() => null));
    throw new Error(err.success ? err.data.error.message : `sign out: server error ${res.status}`);
  }
  setCsrfToken(null);
  window.location.assign("/signin");
}
