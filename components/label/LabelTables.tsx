"use client";

import { useEffect, useState } from "react";
import type { LabelProject } from "@/lib/api/labels";
import { apiFetch } from "@/components/auth/api-fetch";
import { useWorkbench } from "@/components/data/workbench";
import { labelApi } from "./label-api";

/** A table name from a project name: lowercase letters, digits and underscores. */
export function labelTableSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 40) || "project";
}

/**
 * Brings a labeling project's raw answers and gold labels into DuckDB as
 * `labels_<project>` and `gold_<project>`. Loading again after labels change
 * adds a dataset version (the file differs), so a query can name exactly the
 * labels it used; every row carries the label snapshot id as well.
 */
export function LabelTables() {
  const wb = useWorkbench();
  const [projects, setProjects] = useState<LabelProject[] | null>(null);

  useEffect(() => {
    // Roles that cannot export labels see no projects here; that is not an error.
    labelApi.list().then(setProjects, () => setProjects([]));
  }, []);

  const load = async (p: LabelProject) => {
    const slug = labelTableSlug(p.name);
    for (const what of ["raw", "gold"] as const) {
      const table = `${what === "raw" ? "labels" : "gold"}_${slug}`;
      const res = await apiFetch(`/api/projects/${p.id}/export?what=${what}&format=jsonl`);
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        wb.setNotice({ kind: "error", text: `${p.name}: labels not loaded: ${body?.error?.message ?? `HTTP ${res.status}`}` });
        return;
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.byteLength === 0) {
        wb.setNotice({ kind: "info", text: `${p.name}: no ${what === "raw" ? "answers" : "gold labels"} yet, so no ${table} table` });
        continue;
      }
      await wb.load({ fileName: `${table}.ndjson`, bytes, tableName: table });
    }
  };

  if (!projects || projects.length === 0) return null;
  return (
    <>
      <h3>Labels</h3>
      <ul className="samples">
        {projects.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              onClick={() => void load(p)}
              disabled={wb.state.kind !== "ready" || wb.loading !== null}
              aria-label={`Load labels of ${p.name}`}
              title={`As tables labels_${labelTableSlug(p.name)} and gold_${labelTableSlug(p.name)}`}
            >
              {p.name}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
