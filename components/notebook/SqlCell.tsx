"use client";
import { useCallback, useMemo, useState } from "react";
import { CreateProjectDialog } from "@/components/label/CreateProjectDialog";
import type { BrowserDb } from "@/components/data/duckdb-client";
import { useCellRun } from "./use-cell-run";
import type { SqlCell as SqlCellDoc } from "@/components/notebook/types";
import { fetchWindow, runSql, type SqlResult } from "@/lib/notebook/run-sql";
import { useWorkbench } from "@/components/data/workbench";
import { SqlEditor } from "./SqlEditor";
import { ResultGrid } from "./ResultGrid";
import { assertNever, type RegisterRun, type RunState } from "./run-state";

interface Props {
  cell: SqlCellDoc;
  index: number;
  onChange(source: string): void;
  register: RegisterRun;
}

export function SqlCell({ cell, index, onChange, register }: Props) {
  const wb = useWorkbench();
  const { refreshRelations, keepDerived } = wb;
  const work = useCallback(
    async (db: BrowserDb) => {
      try {
        return await runSql(db, cell.id, cell.source);
      } finally {
        // A statement may have created, changed or dropped tables: list them,
        // and keep them for reloads once the result is shown (not awaited).
        await refreshRelations().catch(() => undefined);
        void keepDerived(cell.source);
      }
    },
    [cell.id, cell.source, refreshRelations, keepDerived],
  );
  const [run, execute] = useCellRun(cell.id, register, work);

  return (
    <>
      <SqlEditor label={`SQL, cell ${index + 1}`} value={cell.source} onChange={onChange} onRun={execute} />
      <div className="cell-actions">
        <button type="button" onClick={execute} disabled={run.kind === "running"}>
          Run
        </button>
      </div>
      <SqlOutput run={run} cellIndex={index} source={cell.source} />
    </>
  );
}

function SqlOutput({ run, cellIndex, source }: { run: RunState<SqlResult>; cellIndex: number; source: string }) {
  const wb = useWorkbench();
  const [labeling, setLabeling] = useState(false);
  const result = run.kind === "ready" ? run.value : null;
  const fetchRows = useMemo(() => {
    if (!result || wb.state.kind !== "ready") return null;
    if (result.kind === "paged") {
      const db = wb.state.db;
      return (offset: number, limit: number) => fetchWindow(db, result.table, result.columns, offset, limit);
    }
    if (result.kind === "rows") return async (offset: number, limit: number) => result.rows.slice(offset, offset + limit);
    return null;
  }, [result, wb.state]);

  switch (run.kind) {
    case "idle":
      return null;
    case "running":
      return <p role="status">Running…</p>;
    case "error":
      return (
        <pre role="alert" className="cell-error">
          {run.message}
        </pre>
      );
    case "ready": {
      const r = run.value;
      const ms = `${r.elapsedMs.toFixed(r.elapsedMs < 10 ? 1 : 0)} ms`;
      if (r.kind === "done") return <p role="status">Done: {r.statements} statement{r.statements === 1 ? "" : "s"} in {ms}</p>;
      return (
        <div className="cell-output">
          <p role="status" className="result-meta">
            {r.rowCount.toLocaleString("en-US")} row{r.rowCount === 1 ? "" : "s"} · {ms}
          </p>
          {fetchRows && <ResultGrid label={`Result of cell ${cellIndex + 1}`} columns={r.columns} rowCount={r.rowCount} fetchRows={fetchRows} />}
          {r.kind === "paged" && wb.state.kind === "ready" && (
            <>
              <button type="button" onClick={() => setLabeling(true)} disabled={labeling}>
                Label these rows…
              </button>
              {labeling && (
                <CreateProjectDialog
                  db={wb.state.db}
                  table={r.table}
                  columns={r.columns}
                  source={{ kind: "query", text: source }}
                  onClose={() => setLabeling(false)}
                />
              )}
            </>
          )}
        </div>
      );
    }
    default:
      return assertNever(run);
  }
}
