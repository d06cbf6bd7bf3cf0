"use client";

import { useRef, useState } from "react";
import type { Column } from "@/lib/data/db";
import type { BrowserDb } from "@/components/data/duckdb-client";
import { MAX_ITEMS_PER_REQUEST, projectSpecSchema, type DisplayColumn } from "@/lib/api/labels";
import { checkItemIds, readItems } from "@/lib/labels/project-items";
import { labelApi } from "./label-api";

interface Props {
  db: BrowserDb;
  /** The DuckDB table holding the rows to label (a cell's result table). */
  table: string;
  columns: readonly Column[];
  source: { kind: "table" | "query"; text: string };
  onClose(): void;
}

type Phase = { kind: "editing" } | { kind: "uploading"; sent: number; total: number } | { kind: "done"; projectId: string; items: number };

function guessKind(c: Column): DisplayColumn["kind"] {
  if (/INT|DOUBLE|FLOAT|DECIMAL|REAL/i.test(c.type)) return "number";
  if (/(image|img|url|path)/i.test(c.name)) return "image";
  return "text";
}

/**
 * Creates a labeling project from a notebook result: the spec first (checked
 * here with the same schema the server uses), then the rows in batches of
 * MAX_ITEMS_PER_REQUEST, with progress and cancel.
 */
export function CreateProjectDialog({ db, table, columns, source, onClose }: Props) {
  const [name, setName] = useState("");
  const [idColumn, setIdColumn] = useState(columns[0]?.name ?? "");
  const [shown, setShown] = useState<Record<string, DisplayColumn["kind"] | "">>(() =>
    Object.fromEntries(columns.map((c, i) => [c.name, i === 0 ? "" : guessKind(c)])),
  );
  const [labels, setLabels] = useState("");
  const [guidelines, setGuidelines] = useState("");
  const [annotators, setAnnotators] = useState(3);
  const [overlap, setOverlap] = useState(100);
  const [blind, setBlind] = useState(true);
  const [autoAdjudicate, setAutoAdjudicate] = useState(true);
  const [multiLabel, setMultiLabel] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "editing" });
  const cancelled = useRef(false);

  const create = async () => {
    setError(null);
    const displayColumns = columns.filter((c) => shown[c.name]).map((c) => ({ name: c.name, kind: shown[c.name] as DisplayColumn["kind"] }));
    const spec = projectSpecSchema.safeParse({
      name,
      guidelines,
      labels: labels.split(/[\n,]/).map((l) => l.trim()).filter(Boolean),
      multiLabel,
      annotatorsPerItem: annotators,
      overlapShare: overlap / 100,
      blind,
      autoAdjudicate,
      idColumn,
      displayColumns,
      source,
    });
    if (!spec.success) {
      const issue = spec.error.issues[0];
      setError(`${issue.path.join(".") || "project"}: ${issue.message}`);
      return;
    }
    cancelled.current = false;
    let projectId: string | null = null;
    let sent = 0;
    try {
      const total = await checkItemIds(db, table, idColumn);
      setPhase({ kind: "uploading", sent: 0, total });
      const project = await labelApi.create(spec.data);
      projectId = project.id;
      for await (const batch of readItems(db, table, idColumn, displayColumns, MAX_ITEMS_PER_REQUEST)) {
        if (cancelled.current) throw new Error(`cancelled after ${sent.toLocaleString("en")} items`);
        await labelApi.addItems(project.id, batch);
        sent += batch.length;
        setPhase({ kind: "uploading", sent, total });
      }
      setPhase({ kind: "done", projectId: project.id, items: sent });
    } catch (e) {
      setPhase({ kind: "editing" });
      const where = projectId ? ` The project was created with ${sent.toLocaleString("en")} items; open it from Projects.` : "";
      setError(`Project not fully created: ${(e as Error).message}.${where}`);
    }
  };

  return (
    <div role="dialog" aria-label="New labeling project" className="dialog">
      <h2>New labeling project</h2>
      {phase.kind === "done" ? (
        <>
          <p role="status">
            Created with {phase.items.toLocaleString("en")} items. <a href={`/projects/${phase.projectId}`}>Open the project</a>
          </p>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            Project name
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            Item id column
            <select value={idColumn} onChange={(e) => setIdColumn(e.target.value)}>
              {columns.map((c) => (
                <option key={c.name}>{c.name}</option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>Columns to show</legend>
            {columns.map((c) => (
              <label key={c.name}>
                {c.name}
                <select aria-label={`Show ${c.name} as`} value={shown[c.name]} onChange={(e) => setShown((s) => ({ ...s, [c.name]: e.target.value as DisplayColumn["kind"] | "" }))}>
                  <option value="">hidden</option>
                  <option value="text">text</option>
                  <option value="number">number</option>
                  <option value="image">image</option>
                </select>
              </label>
            ))}
          </fieldset>
          <label>
            Labels (one per line or comma-separated)
            <textarea value={labels} onChange={(e) => setLabels(e.target.value)} rows={3} />
          </label>
          <label>
            <input type="checkbox" checked={multiLabel} onChange={(e) => setMultiLabel(e.target.checked)} /> Several labels per item
          </label>
          <label>
            Guidelines (Markdown)
            <textarea value={guidelines} onChange={(e) => setGuidelines(e.target.value)} rows={4} />
          </label>
          <label>
            Annotators per item
            <input type="number" min={1} max={5} value={annotators} onChange={(e) => setAnnotators(Number(e.target.value))} />
          </label>
          <label>
            Items with overlap (%)
            <input type="number" min={0} max={100} value={overlap} onChange={(e) => setOverlap(Number(e.target.value))} />
          </label>
          <label>
            <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Blind (labelers do not see each other&apos;s labels)
          </label>
          <label>
            <input type="checkbox" checked={autoAdjudicate} onChange={(e) => setAutoAdjudicate(e.target.checked)} /> Adjudicate unanimous items automatically
          </label>
          {error && <p role="alert">{error}</p>}
          {phase.kind === "uploading" && (
            <p role="status">
              Sending items: {phase.sent.toLocaleString("en")} of {phase.total.toLocaleString("en")}
              <progress aria-label="Items sent" max={phase.total} value={phase.sent} />
            </p>
          )}
          <div className="label-actions">
            <button type="submit" className="primary" disabled={phase.kind === "uploading"}>
              Create project
            </button>
            <button
              type="button"
              onClick={() => {
                if (phase.kind === "uploading") cancelled.current = true;
                else onClose();
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
