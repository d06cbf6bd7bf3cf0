"use client";

import { useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { ProjectSelect, useLabelProjects } from "@/components/label/ProjectSelect";

/**
 * Sends the rows feedback says the model got wrong to a labeling project's
 * review queue, each with the prediction and the feedback as its reason:
 * the data-centric loop from production back to labels.
 */
export function SendToReviewForm({ model, regression }: { model: string; regression: boolean }) {
  const { projects, projectId, setProjectId, error } = useLabelProjects();
  const [limit, setLimit] = useState(200);
  const [minError, setMinError] = useState(0);
  const [sent, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const status = sent ?? (error ? { kind: "error" as const, text: error } : null);
  const send = async () => {
    setStatus(null);
    try {
      const r = await apiJson<{ sent: number; added: number; flagged: number }>(
        await apiFetch(`/api/models/${encodeURIComponent(model)}/review`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ projectId, limit, ...(regression ? { minError } : {}) }),
        }),
      );
      setStatus({ kind: "ok", text: r.sent === 0 ? "No wrong predictions with feedback in the last day." : `${r.sent} rows sent to review (${r.added} new items, ${r.flagged} already in the project).` });
    } catch (e) {
      setStatus({ kind: "error", text: `Not sent: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  if (projects !== null && projects.length === 0 && status === null) return <p>Create a labeling project to send wrong predictions to its review queue.</p>;
  return (
    <form
      className="alias-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <fieldset>
        <legend>Send wrong predictions to review</legend>
        <ProjectSelect projects={projects} projectId={projectId} onChange={setProjectId} />
        <label>
          At most <input type="number" min={1} max={1000} value={limit} onChange={(e) => setLimit(Number(e.target.value))} /> rows
        </label>
        {regression && (
          <label>
            Smallest error <input type="number" min={0} step="any" value={minError} onChange={(e) => setMinError(Number(e.target.value))} />
          </label>
        )}
        <button type="submit" disabled={!projectId}>
          Send to review
        </button>
      </fieldset>
      {status && <p role={status.kind === "error" ? "alert" : "status"}>{status.text}</p>}
    </form>
  );
}
