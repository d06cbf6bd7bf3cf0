"use client";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { Cell, CellKind, Notebook as NotebookDoc } from "@/lib/api/notebook";
import { emptyNotebook, newCellId, notebookReducer } from "@/lib/notebook/reducer";
import { STARTER_NOTEBOOK } from "@/lib/notebook/starter";
import { getValue, setValue } from "@/components/data/persist";
import { useWorkbench } from "@/components/data/workbench";
import { CellFrame } from "./CellFrame";
import dynamic from "next/dynamic";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { Run } from "@/lib/api/runs";
import { trainCellFromRun } from "@/lib/notebook/from-run";
import { NotebookToolbar } from "./NotebookToolbar";

/** The export panel (ONNX writer, onnxruntime client) is fetched when a run is first exported. */
const ExportPanel = dynamic(() => import("@/components/export/ExportPanel").then((m) => m.ExportPanel), { loading: () => <p className="hint">Loading the export panel…</p> });

const KEY = "notebook";
const SAVED_KEY = "notebook-server";
type Loaded = { kind: "loading" } | { kind: "ready" } | { kind: "error"; message: string };

/** The notebook: an ordered list of cells, kept in IndexedDB on every edit. */
export function Notebook() {
  const wb = useWorkbench();
  const [doc, dispatch] = useReducer(notebookReducer, emptyNotebook());
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  const [saved, setSaved] = useState<{ id: string; revision: number } | null>(null);
  const [autoRun, setAutoRun] = useState(false);
  const [autoTrain, setAutoTrain] = useState<string | null>(null);
  const [exportRun, setExportRun] = useState<string | null>(null);
  const runs = useRef(new Map<string, () => Promise<void>>());
  const register = useCallback((id: string, run: (() => Promise<void>) | null) => {
    if (run) runs.current.set(id, run);
    else runs.current.delete(id);
  }, []);

  useEffect(() => {
    (async () => {
      try {
        const stored = await getValue<NotebookDoc>(KEY);
        setSaved((await getValue<{ id: string; revision: number }>(SAVED_KEY)) ?? null);
        dispatch({ type: "replace", notebook: stored ?? STARTER_NOTEBOOK });
        if (!stored) setAutoRun(true);
        setLoaded({ kind: "ready" });
        setExportRun(takeParam("export"));
        const rerun = await rerunCell();
        if (rerun?.kind === "cell") {
          dispatch({ type: "insert", cell: rerun.cell });
          setAutoTrain(rerun.cell.id);
        } else if (rerun?.kind === "error") wb.setNotice({ kind: "error", text: rerun.message });
        // The run page's "Evaluate in the notebook": an Evaluate cell for that run, reusing the slices of the last one.
        const evaluate = takeParam("evaluate");
        if (evaluate) dispatch({ type: "insert", cell: { ...evaluateCellLike((stored ?? STARTER_NOTEBOOK).cells), id: newCellId(), run: evaluate } });
      } catch (err) {
        dispatch({ type: "replace", notebook: STARTER_NOTEBOOK });
        setLoaded({ kind: "error", message: `The saved notebook could not be read from browser storage (${err instanceof Error ? err.message : String(err)}); showing the starter notebook.` });
      }
    })();
  }, []);

  // Persist every edit (debounced); the document is small.
  useEffect(() => {
    if (loaded.kind !== "ready") return;
    const t = setTimeout(() => {
      setValue(KEY, doc).catch((err: unknown) => wb.setNotice({ kind: "error", text: `Notebook not saved in the browser: ${err instanceof Error ? err.message : String(err)}` }));
    }, 150);
    return () => clearTimeout(t);
  }, [doc, loaded, wb]);

  const runAll = useCallback(async () => {
    for (const c of doc.cells) await runs.current.get(c.id)?.();
  }, [doc.cells]);

  // First visit: once the starter's sample tables exist, run the starter once.
  useEffect(() => {
    if (!autoRun || wb.state.kind !== "ready") return;
    if (!wb.relations.some((r) => r.name === "penguins")) return;
    setAutoRun(false);
    // Only the starter's own cells: one the person added meanwhile has run
    // already, and re-running it would reset whatever its output shows.
    void (async () => {
      for (const c of STARTER_NOTEBOOK.cells) await runs.current.get(c.id)?.();
    })();
  }, [autoRun, wb.state, wb.relations]);

  const add = (kind: CellKind, index?: number) => dispatch({ type: "add", kind, id: newCellId(), index });
  const rememberSaved = (s: { id: string; revision: number } | null) => {
    setSaved(s);
    void setValue(SAVED_KEY, s);
  };

  if (loaded.kind === "loading") return <p role="status">Opening notebook…</p>;
  return (
    <section className="notebook" aria-label="Notebook">
      {loaded.kind === "error" && <p role="alert">{loaded.message}</p>}
      <NotebookToolbar
        doc={doc}
        saved={saved}
        onTitle={(title) => dispatch({ type: "title", title })}
        onReplace={(notebook, s) => {
          dispatch({ type: "replace", notebook });
          rememberSaved(s);
        }}
        onSaved={rememberSaved}
        onRunAll={runAll}
      />
      {exportRun && <ExportPanel runId={exportRun} onClose={() => setExportRun(null)} />}
      <ol className="cells">
        {doc.cells.map((cell: Cell, i) => (
          <CellFrame
            key={cell.id}
            cell={cell}
            index={i}
            count={doc.cells.length}
            register={register}
            onPatch={(patch) => dispatch({ type: "update", id: cell.id, patch })}
            onMove={(delta) => dispatch({ type: "move", id: cell.id, delta })}
            onDelete={() => dispatch({ type: "delete", id: cell.id })}
            onAddBelow={(kind) => add(kind, i + 1)}
            autoStart={autoTrain === cell.id ? { onStarted: () => setAutoTrain(null) } : null}
          />
        ))}
      </ol>
      <AddCellBar onAdd={(k) => add(k)} />
    </section>
  );
}

/**
 * `/?rerun=<run id>` (the run page's Re-run): a train cell repeating that
 * run, appended to the notebook. The parameter is removed from the address
 * first, so a reload does not add the cell again.
 */
/** A one-shot address parameter (`/?export=<run id>`): read, then removed so a reload does not repeat it. */
function takeParam(name: string): string | null {
  const url = new URL(window.location.href);
  const value = url.searchParams.get(name);
  if (value === null) return null;
  url.searchParams.delete(name);
  window.history.replaceState(null, "", url);
  return value;
}

async function rerunCell(): Promise<{ kind: "cell"; cell: Extract<Cell, { kind: "train" }> } | { kind: "error"; message: string } | null> {
  const id = takeParam("rerun");
  if (!id) return null;
  try {
    const run = await apiJson<Run>(await apiFetch(`/api/runs/${encodeURIComponent(id)}`));
    return { kind: "cell", cell: trainCellFromRun(run, newCellId()) };
  } catch (e) {
    return { kind: "error", message: `Re-run: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A new Evaluate cell with the notebook's slices: they are the project's, reused across runs. */
function evaluateCellLike(cells: readonly Cell[]): Extract<Cell, { kind: "evaluate" }> {
  const last = [...cells].reverse().find((c): c is Extract<Cell, { kind: "evaluate" }> => c.kind === "evaluate");
  return { id: "", kind: "evaluate", run: "", split: "test", minSupport: last?.minSupport ?? 20, slices: last?.slices ?? [] };
}

const KINDS: { kind: CellKind; label: string }[] = [
  { kind: "sql", label: "SQL" },
  { kind: "markdown", label: "Markdown" },
  { kind: "chart", label: "Chart" },
  { kind: "profile", label: "Profile" },
  { kind: "train", label: "Train" },
  { kind: "predict", label: "Predict" },
  { kind: "evaluate", label: "Evaluate" },
];

export function AddCellBar({ onAdd, suffix = "" }: { onAdd(kind: CellKind): void; suffix?: string }) {
  return (
    <div className="add-cells" role="group" aria-label={`Add a cell${suffix}`}>
      {KINDS.map((k) => (
        <button key={k.kind} type="button" onClick={() => onAdd(k.kind)} aria-label={`Add ${k.label} cell${suffix}`}>
          + {k.label}
        </button>
      ))}
    </div>
  );
}
