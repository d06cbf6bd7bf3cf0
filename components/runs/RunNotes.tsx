"use client";

import { useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { Run } from "@/lib/api/runs";

/** A run's notes and tags, editable by people who may write runs; saved with PATCH. */
export function RunNotes({ run, canWrite }: { run: Pick<Run, "id" | "notes" | "tags">; canWrite: boolean }) {
  const [notes, setNotes] = useState(run.notes);
  const [tags, setTags] = useState(run.tags.join(", "));
  const [status, setStatus] = useState<{ kind: "saved" | "error"; text: string } | null>(null);
  const save = async () => {
    setStatus(null);
    const tagList = [...new Set(tags.split(",").map((t) => t.trim()).filter(Boolean))];
    try {
      await apiJson(await apiFetch(`/api/runs/${run.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ notes, tags: tagList }) }));
      setStatus({ kind: "saved", text: "Notes and tags saved." });
    } catch (e) {
      setStatus({ kind: "error", text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  return (
    <form
      className="run-notes"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset disabled={!canWrite}>
        <legend>Notes and tags</legend>
        <label>
          Notes
          <textarea value={notes} rows={3} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <label>
          Tags (comma-separated)
          <input value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <button type="submit">Save notes and tags</button>
      </fieldset>
      {status && <p role={status.kind === "error" ? "alert" : "status"}>{status.text}</p>}
    </form>
  );
}
