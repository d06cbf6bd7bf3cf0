"use client";
import { useState, type FormEvent } from "react";
import { signinResponseSchema } from "@/lib/api/auth-requests";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { setCsrfToken } from "./api-fetch";

type Status = { kind: "idle" } | { kind: "sending" } | { kind: "error"; message: string };

/** Username and password; on success a full navigation to `next`, so server-rendered pages see the new cookie. */
export function SignInForm({ next }: { next: string }) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setStatus({ kind: "sending" });
    try {
      // Plain fetch: signing in needs no CSRF token (there is no session yet).
      const res = await fetch("/api/auth/signin", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") }),
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const err = apiErrorBodySchema.safeParse(body);
        setStatus({ kind: "error", message: err.success ? err.data.error.message : `sign in: server error ${res.status}` });
        return;
      }
      setCsrfToken(signinResponseSchema.parse(body).csrfToken);
      window.location.assign(next);
    } catch {
      setStatus({ kind: "error", message: "sign in: the server did not answer; check that npm start is still running" });
    }
  };

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)}>
      <label>
        Username
        <input name="username" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="primary" disabled={status.kind === "sending"}>
        Sign in
      </button>
      {status.kind === "error" && <p role="alert">{status.message}</p>}
    </form>
  );
}
