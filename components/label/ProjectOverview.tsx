"use client";

import { useCallback, useEffect, useState } from "react";
import type { LabelProject, Progress } from "@/lib/api/labels";
import type { ProjectAgreement } from "@/lib/labels/project-agreement";
import { renderMarkdown } from "@/lib/notebook/markdown";
import { AgreementPanel } from "./AgreementPanel";
import { labelApi } from "./label-api";
import { LabelSetEditor } from "./LabelSetEditor";
import { LabelImport } from "./LabelImport";
import { ProgressBars } from "./ProgressBars";

interface Can {
  label: boolean;
  review: boolean;
  manage: boolean;
  export: boolean;
}

/** How often the overview re-reads progress while open and visible, in ms: labels keep arriving. */
const REFRESH_MS = 15_000;

/** A project's home: progress, agreement, the work links, exports and imports, and label set changes. */
export function ProjectOverview({ initial, can }: { initial: LabelProject; can: Can }) {
  const [project, setProject] = useState(initial);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [agreement, setAgreement] = useState<ProjectAgreement | { error: string } | null>(null);

  const refreshProgress = useCallback(() => {
    labelApi.progress(project.id).then(setProgress, () => {});
  }, [project.id]);

  // Agreement reads every answer of the project: computed when the page
  // opens and when asked, not on a timer, so open tabs do not load the
  // server that labelers are waiting on.
  const refreshAgreement = useCallback(async () => {
    if (!can.export) return;
    try {
      setAgreement(await labelApi.agreement(project.id));
    } catch (e) {
      setAgreement({ error: (e as Error).message });
    }
  }, [can.export, project.id]);

  const refresh = useCallback(() => {
    refreshProgress();
    void refreshAgreement();
  }, [refreshAgreement, refreshProgress]);

  useEffect(() => {
    refresh();
    const t = setInterval(() => {
      if (document.visibilityState === "visible") refreshProgress();
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh, refreshProgress]);

  const base = `/api/projects/${project.id}/export`;
  return (
    <div className="project">
      <p className="links-inline">
        {can.label && (
          <a className="button primary" href={`/projects/${project.id}/label`}>
            Start labeling
          </a>
        )}{" "}
        {can.review && (
          <a className="button" href={`/projects/${project.id}/review`}>
            Review disagreements{progress ? ` (${progress.needsReview})` : ""}
          </a>
        )}
      </p>
      <ProgressBars progress={progress} />
      {progress && (
        <p className="hint">
          {progress.items.toLocaleString("en")} items · {progress.gold.toLocaleString("en")} with a gold label or excluded ·{" "}
          {progress.needsReview.toLocaleString("en")} awaiting review · labels: {project.labels.join(", ")} · {project.annotatorsPerItem} annotator
          {project.annotatorsPerItem === 1 ? "" : "s"} on {Math.round(project.overlapShare * 100)}% of items · {project.blind ? "blind" : "labels visible to labelers"}
        </p>
      )}
      <details className="guidelines">
        <summary>Guidelines</summary>
        <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(project.guidelines) || "<p>No guidelines yet.</p>" }} />
      </details>

      {can.export && (
        <>
          <h3>Agreement</h3>
          <button type="button" onClick={() => void refreshAgreement()}>
            Recompute agreement
          </button>
          {agreement === null ? (
            <p role="status">Computing agreement…</p>
          ) : "error" in agreement ? (
            <p role="alert">Agreement not computed: {agreement.error}</p>
          ) : (
            <AgreementPanel agreement={agreement} />
          )}
          <h3>Export</h3>
          <ul className="links">
            <li>
              <a href={`${base}?what=raw&format=csv`} download>
                Raw annotations (CSV)
              </a>{" "}
              · <a href={`${base}?what=raw&format=jsonl`} download aria-label="Raw annotations (JSONL)">JSONL</a>
            </li>
            <li>
              <a href={`${base}?what=gold&format=csv`} download>
                Gold labels (CSV)
              </a>{" "}
              · <a href={`${base}?what=gold&format=jsonl`} download aria-label="Gold labels (JSONL)">JSONL</a>
            </li>
          </ul>
        </>
      )}
      {can.manage && (
        <>
          <h3>Import labels</h3>
          <LabelImport projectId={project.id} onImported={refresh} />
          <h3>Label set</h3>
          <LabelSetEditor
            project={project}
            onChanged={(p) => {
              setProject(p);
              refresh();
            }}
          />
        </>
      )}
    </div>
  );
}
