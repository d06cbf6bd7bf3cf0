"use client";

import { useState } from "react";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { dispositionName, saveBlob } from "./save-file";

type State = { kind: "idle" } | { kind: "working" } | { kind: "error"; message: string };

/**
 * "Download as HTML": fetches the server's self-contained export
 * (GET /api/dashboard/{model}/export) and saves it, so a refusal or a
 * server error is said on the page rather than replacing it.
 */
export function DownloadHtmlButton({ model }: { model: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function download() {
    setState({ kind: "working" });
    try {
      const res = await fetch(`/api/dashboard/${encodeURIComponent(model)}/export`, { cache: "no-store" });
      if (!res.ok) {
        const err = apiErrorBodySchema.safeParse(await res.json().catch(() => null));
        const why = err.success ? err.data.error.message : `the server answered HTTP ${res.status}`;
        setState({ kind: "error", message: `Could not export the dashboard: ${why}. Reload the page and try again.` });
        return;
      }
      saveBlob(await res.blob(), dispositionName(res.headers.get("content-disposition"), `dashboard-${model}.html`));
      setState({ kind: "idle" });
    } catch (e) {
      setState({ kind: "error", message: `Could not reach the server to export the dashboard (${e instanceof Error ? e.message : String(e)}): check that Lathe is running and try again.` });
    }
  }

  return (
    <p>
      <button type="button" onClick={() => void download()} disabled={state.kind === "working"}>
        {state.kind === "working" ? "Preparing HTML…" : "Download as HTML"}
      </button>
      {state.kind === "error" && <span role="alert"> {state.message}</span>}
    </p>
  );
}
