"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";

/**
 * One click back to the previous champion. That version's session stays
 * loaded on every instance that served it, so the switch is instant, and
 * the move is logged like any other.
 */
export function RollbackButton({ model, champion, previous }: { model: string; champion: number; previous: number }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const rollback = async () => {
    setStatus(null);
    try {
      await apiJson(
        await apiFetch(`/api/models/${encodeURIComponent(model)}/aliases/champion`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ version: previous, reason: `rollback from version ${champion}` }),
        }),
      );
      setStatus({ kind: "ok", text: `Rolled back: version ${previous} is the champion again.` });
      router.refresh();
    } catch (e) {
      setStatus({ kind: "error", text: `Not rolled back: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  return (
    <p>
      <button type="button" onClick={() => void rollback()}>
        Roll back to version {previous}
      </button>
      {status && <span role={status.kind === "error" ? "alert" : "status"}> {status.text}</span>}
    </p>
  );
}
