"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { ModelDetail } from "@/lib/api/models";

/**
 * Point an alias (champion by default) at a blessed version, with the reason
 * the history will show. Rolling back is the same move to the earlier version.
 */
export function AliasForm({ model, versions }: { model: string; versions: { version: number; blessed: boolean }[] }) {
  const router = useRouter();
  const blessed = versions.filter((v) => v.blessed);
  const [alias, setAlias] = useState("champion");
  const [version, setVersion] = useState(blessed[blessed.length - 1]?.version ?? 0);
  const [reason, setReason] = useState("");
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const move = async () => {
    setStatus(null);
    try {
      const d = await apiJson<ModelDetail>(
        await apiFetch(`/api/models/${encodeURIComponent(model)}/aliases/${encodeURIComponent(alias)}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ version, reason }) }),
      );
      setStatus({ kind: "ok", text: `${alias} now points at version ${d.aliases[alias]}.` });
      setReason("");
      router.refresh();
    } catch (e) {
      setStatus({ kind: "error", text: `Not moved: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  return (
    <form
      className="alias-form"
      onSubmit={(e) => {
        e.preventDefault();
        void move();
      }}
    >
      <fieldset>
        <legend>Move an alias</legend>
        <label>
          Alias <input value={alias} onChange={(e) => setAlias(e.target.value)} />
        </label>
        <label>
          Version
          <select value={version} onChange={(e) => setVersion(Number(e.target.value))}>
            {blessed.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" disabled={blessed.length === 0}>
          Move alias
        </button>
      </fieldset>
      {status && <p role={status.kind === "error" ? "alert" : "status"}>{status.text}</p>}
    </form>
  );
}
