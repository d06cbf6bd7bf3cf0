"use client";
import { useEffect, useState, type FormEvent } from "react";
import { z } from "zod";
import { createdTokenSchema, tokenListSchema, tokenSummarySchema, type CreatedTokenReply, type TokenInfo } from "@/lib/api/token-requests";
import { SCOPES, type Scope } from "@/lib/auth/roles";
import { callJson } from "./call-json";

/** What each scope lets a token do (its owner's role still applies). */
const SCOPE_TEXT: Record<Scope, string> = {
  read: "read notebooks, projects and labels",
  label: "submit and adjudicate labels",
  write: "edit notebooks and projects",
  admin: "manage users and API tokens",
  inference: "call served models",
};

type List = { kind: "loading" } | { kind: "ready"; tokens: TokenInfo[] } | { kind: "error"; message: string };

const revokeReplySchema = z.object({ token: tokenSummarySchema });

/** My API tokens: create one (shown once), see when each was last used, revoke. */
export function TokensPanel() {
  const [list, setList] = useState<List>({ kind: "loading" });
  const [created, setCreated] = useState<CreatedTokenReply | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    callJson("/api/tokens", { method: "GET" }, tokenListSchema).then(
      (r) => setList({ kind: "ready", tokens: r.tokens }),
      (e: unknown) => setList({ kind: "error", message: messageOf(e) }),
    );
  }, []);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setError(null);
    try {
      const reply = await callJson(
        "/api/tokens",
        { method: "POST", json: { name: String(form.get("name") ?? ""), scopes: form.getAll("scopes").map(String) } },
        createdTokenSchema,
      );
      formEl.reset();
      setCreated(reply);
      setList((l) => (l.kind === "ready" ? { kind: "ready", tokens: [reply.summary, ...l.tokens] } : l));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const revoke = async (t: TokenInfo) => {
    setError(null);
    try {
      const { token } = await callJson(`/api/tokens/${encodeURIComponent(t.id)}`, { method: "DELETE" }, revokeReplySchema);
      setList((l) => (l.kind === "ready" ? { kind: "ready", tokens: l.tokens.map((x) => (x.id === token.id ? token : x)) } : l));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <>
      <form className="admin-form" onSubmit={(e) => void create(e)} aria-labelledby="new-token-heading">
        <h3 id="new-token-heading">New token</h3>
        <label>
          Name
          <input name="name" required autoComplete="off" placeholder="e.g. nightly export" />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" name="scopes" value={s} defaultChecked={s === "read"} /> {s} <span className="hint">— {SCOPE_TEXT[s]}</span>
            </label>
          ))}
        </fieldset>
        <p className="hint">A token acts as you, limited to these scopes. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
        <button type="submit" className="primary">
          Create token
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {created && (
        <div role="status" className="secret-once">
          <p>Copy the token now: it will not be shown again.</p>
          <label>
            New token “{created.summary.name}”
            <input readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </div>
      )}
      <TokenTable list={list} onRevoke={(t) => void revoke(t)} />
    </>
  );
}

function TokenTable({ list, onRevoke }: { list: List; onRevoke(t: TokenInfo): void }) {
  switch (list.kind) {
    case "loading":
      return <p role="status">Loading tokens…</p>;
    case "error":
      return <p role="alert">{list.message}</p>;
    case "ready":
      break;
    default:
      return list satisfies never;
  }
  if (list.tokens.length === 0) return <p className="hint">No tokens yet.</p>;
  return (
    <table className="admin-table">
      <caption className="visually-hidden">My API tokens</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Scopes</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {list.tokens.map((t) => (
          <tr key={t.id}>
            <td>{t.name}</td>
            <td>{t.scopes.join(", ")}</td>
            <td>{new Date(t.createdAt).toLocaleString()}</td>
            <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "never"}</td>
            <td>
              {t.revokedAt ? (
                "Revoked"
              ) : (
                <button type="button" aria-label={`Revoke ${t.name}`} onClick={() => onRevoke(t)}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
