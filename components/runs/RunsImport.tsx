"use client";

import { useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";

/**
 * Import runs from a JSON file exported by Lathe (here or on another
 * server). Runs already present are skipped, not overwritten; a bad file
 * imports nothing and says what is wrong with it.
 */
export function RunsImport() {
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setStatus(null);
    try {
      const res = await apiFetch("/api/runs/import", { method: "POST", headers: { "content-type": "application/json" }, body: await file.text() });
      const body = await apiJson<{ imported: number; skipped: string[]; unlinked?: string[] }>(res);
      const skipped = body.skipped?.length ?? 0;
      const unlinked = body.unlinked?.length ?? 0;
      setStatus({
        kind: "ok",
        text: `Imported ${body.imported} run${body.imported === 1 ? "" : "s"} from ${file.name}${skipped ? `; ${skipped} already here, skipped` : ""}${unlinked ? `; ${unlinked} repeated a run that is not here, so their link to it was dropped` : ""}. Reload to see them.`,
      });
    } catch (e) {
      setStatus({ kind: "error", text: `${file.name} was not imported: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="runs-import" aria-label="Import runs">
      <label>
        Import runs from a JSON file
        <input
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) void upload(f);
          }}
        />
      </label>
      {status && <p role={status.kind === "error" ? "alert" : "status"}>{status.text}</p>}
    </section>
  );
}
