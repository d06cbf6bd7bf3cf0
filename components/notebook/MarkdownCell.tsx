"use client";
import { useEffect, useState } from "react";
import { renderMarkdown } from "@/lib/notebook/markdown";
import type { MarkdownCell as MarkdownCellDoc } from "./types";
import type { RegisterRun } from "./run-state";

/** Shows the rendered note; Edit (or a double click) opens the source, Shift+Enter renders. */
export function MarkdownCell({ cell, index, onChange, register }: { cell: MarkdownCellDoc; index: number; onChange(s: string): void; register: RegisterRun }) {
  const [editing, setEditing] = useState(cell.source === "");
  useEffect(() => {
    register(cell.id, async () => setEditing(false));
    return () => register(cell.id, null);
  }, [register, cell.id]);
  if (editing) {
    return (
      <>
        <textarea
          className="md-editor"
          aria-label={`Markdown, cell ${index + 1}`}
          value={cell.source}
          rows={Math.max(3, cell.source.split("\n").length)}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && e.shiftKey) {
              e.preventDefault();
              setEditing(false);
            }
          }}
        />
        <div className="cell-actions">
          <button type="button" onClick={() => setEditing(false)}>
            Render
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <div className="markdown" onDoubleClick={() => setEditing(true)} dangerouslySetInnerHTML={{ __html: renderMarkdown(cell.source) || "<p><em>Empty note</em></p>" }} />
      <div className="cell-actions">
        <button type="button" onClick={() => setEditing(true)}>
          Edit
        </button>
      </div>
    </>
  );
}
