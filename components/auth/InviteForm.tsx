"use client";
import { useState, type FormEvent } from "react";
import { MIN_PASSWORD, signinResponseSchema } from "@/lib/api/auth-requests";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { setCsrfToken } from "./api-fetch";

type Status = { kind: "idle" } | { kind: "sending" } | { kind: "error"; message: string };

/** Sets the invited user's password with the code from the link, which signs them in. */
export function InviteForm({ code }: { code: string }) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setStatus({ kind: "error", message: "password: the two entries differ" });
      return;
    }
    setStatus({ kind: "sending" });
    try {
      const res = await fetch("/api/auth/invite/accept", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code, password }),
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const err = apiErrorBodySchema.safeParse(body);
        setStatus({ kind: "error", message: err.success ? err.data.error.message : `invite: server error ${res.status}` });
        return;
      }
      setCsrfToken(signinResponseSchema.parse(body).csrfToken);
      window.location.assign("/");
    } catch {
      setStatus({ kind: "error", message: "invite: the server did not answer" });
    }
  };

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)}>
      <label>
        New password
        <input name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required autoFocus />
      </label>
      <label>
        Confirm password
        <input name="confirm" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required />
      </label>
      <p className="hint">At least {MIN_PASSWORD} characters.</p>
      <button type="submit" className="primary" disabled={status.kind === "sending"}>
        Set password
      </button>
      {status.kind === "error" && <p role="alert">{status.message}</p>}
    </form>
  );
}
