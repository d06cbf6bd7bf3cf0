"use client";
import { useEffect, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { LabelProject } from "@/lib/api/labels";

/**
 * The labeling projects a form can send rows to: listed once, the first one
 * chosen by default. `projects` is null while loading; a failure to list is
 * `error`, in words.
 */
export function useLabelProjects(): { projects: LabelProject[] | null; projectId: string; setProjectId(id: string): void; error: string | null } {
  const [projects, setProjects] = useState<LabelProject[] | null>(null);
  const [projectId, setProjectId] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const { projects } = await apiJson<{ projects: LabelProject[] }>(await apiFetch("/api/projects"));
        setProjects(projects);
        setProjectId((p) => p || (projects[0]?.id ?? ""));
      } catch (e) {
        setProjects([]);
        setError(`Projects could not be listed: ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
  }, []);
  return { projects, projectId, setProjectId, error };
}

/** The project menu of a send-to-review form. */
export function ProjectSelect({ projects, projectId, onChange }: { projects: LabelProject[] | null; projectId: string; onChange(id: string): void }) {
  return (
    <label>
      Project
      <select value={projectId} onChange={(e) => onChange(e.target.value)}>
        {(projects ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
