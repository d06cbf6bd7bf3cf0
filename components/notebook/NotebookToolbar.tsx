"use client";
import { useRef, useState } from "react";
import type { Notebook } from "@/lib/api/notebook";
import type { NotebookSummary } from "@/lib/api/notebook-requests";
import { useWorkbench } from "@/components/data/workbench";

// Import/export and the server calls validate with zod: loaded on first use, so the first page carries no zod.
const serialize = () => import("@/lib/notebook/serialize");
const server = () => import("./server-client");

interface Props {
  doc: Notebook;
  saved: { id: string; revision: number } | null;
  onTitle(title: string): void;
  onReplace(nb: Notebook, saved: { id: string; revision: number } | null): void;
  onSaved(s: { id: string; revision: number }): void;
  onRunAll(): Promise<void>;
}

function fileSafe(title: string) {
  return title.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "notebook";
}

export function NotebookToolbar({ doc, saved, onTitle, onReplace, onSaved, onRunAll }: Props) {
  const wb = useWorkbench();
  const importInput = useRef<HTMLInputElement>(null);
  const [list, setList] = useState<NotebookSummary[] | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    const blob = new Blob([(await serialize()).exportNotebook(doc)], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${fileSafe(doc.title)}.lathe.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    try {
      const nb = (await serialize()).importNotebook(file.name, await file.text());
      onReplace(nb, null);
      wb.setNotice({ kind: "info", text: `Imported ${file.name}: ${nb.cells.length} cells` });
    } catch (err) {
      wb.setNotice({ kind: "error", text: err instanceof Error ? err.message : String(err) });
    } finally {
      if (importInput.current) importInput.current.value = "";
    }
  };

  const save = async () => {
    setBusy(true);
    try {
      const s = await (await server()).saveToServer(doc, saved);
      onSaved({ id: s.id, revision: s.revision });
      wb.setNotice({ kind: "info", text: `Saved "${s.title}" to the server (revision ${s.revision})` });
    } catch (err) {
      wb.setNotice({ kind: "error", text: `Not saved to the server: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(false);
    }
  };

  const showSaved = async () => {
    try {
      setList(await (await server()).listSaved());
    } catch (err) {
      wb.setNotice({ kind: "error", text: `Could not list saved notebooks: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  const open = async (id: string) => {
    try {
      const s = await (await server()).openSaved(id);
      onReplace(s.notebook, { id: s.id, revision: s.revision });
      setList(null);
      wb.setNotice({ kind: "info", text: `Opened "${s.title}" (revision ${s.revision})` });
    } catch (err) {
      wb.setNotice({ kind: "error", text: `Could not open the notebook: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Notebook actions">
      <label className="title">
        <span className="visually-hidden">Notebook title</span>
        <input value={doc.title} onChange={(e) => onTitle(e.target.value)} maxLength={200} aria-label="Notebook title" />
      </label>
      <button type="button" onClick={() => void onRunAll()}>
        Run all
      </button>
      <button type="button" onClick={() => void download()}>
        Export notebook
      </button>
      <label className="button-like">
        Import notebook
        <input ref={importInput} type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void onImport(e.target.files?.[0])} />
      </label>
      <button type="button" onClick={save} disabled={busy}>
        Save to server
      </button>
      <button type="button" onClick={showSaved} aria-expanded={list !== null}>
        Saved notebooks
      </button>
      {list && (
        <div className="saved-list" role="dialog" aria-label="Saved notebooks">
          {list.length === 0 ? (
            <p>No notebooks saved on the server yet.</p>
          ) : (
            <ul>
              {list.map((n) => (
                <li key={n.id}>
                  <button type="button" onClick={() => void open(n.id)}>
                    Open {n.title}
                  </button>{" "}
                  <small>
                    revision {n.revision}, {new Date(n.updatedAt).toLocaleString()}
                  </small>
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => setList(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
