"use client";
import { useEffect, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { LabelProject } from "@/lib/api/labels";
import { queryRows, type Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { quoteIdent } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "@/lib/eval/held-out-table";
import { reviewItems } from "@/lib/eval/review-items";

/** Rows shown at once: the worst by loss first, which is where a reviewer starts. */
const SHOWN = 200;

export interface RowsRequest {
  title: string;
  /** DuckDB WHERE expression over the held-out table (a compiled slice), or null for every row. */
  where: string | null;
}

/**
 * The rows behind a slice or a chart mark: features, label, prediction,
 * confidence and loss, sortable by loss. Chosen rows go to a labeling
 * project's review queue with a reason, closing the loop from error
 * analysis back to labels.
 */
export function RowsView({ db, table, request, runName, onClose }: { db: Db; table: string; request: RowsRequest; runName: string; onClose(): void }) {
  const [order, setOrder] = useState<"desc" | "asc">("desc");
  const [rows, setRows] = useState<{ kind: "loading" } | { kind: "ready"; rows: Record<string, unknown>[]; total: number } | { kind: "error"; message: string }>({ kind: "loading" });
  const [chosen, setChosen] = useState<Set<number>>(new Set());

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const where = request.where ?? "TRUE";
        const [count] = await queryRows(db, `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE ${where}`);
        const got = await queryRows(db, `SELECT * FROM ${quoteIdent(table)} WHERE ${where} ORDER BY ${quoteIdent(EVAL_COLUMNS.loss)} ${order === "desc" ? "DESC" : "ASC"}, ${quoteIdent(EVAL_COLUMNS.row)} LIMIT ${SHOWN}`);
        if (live) setRows({ kind: "ready", rows: got, total: Number(count.n) });
      } catch (e) {
        if (live) setRows({ kind: "error", message: `The rows could not be read: ${errorMessage(e)}` });
      }
    })();
    return () => {
      live = false;
    };
  }, [db, table, request, order]);

  if (rows.kind === "loading") return <p role="status">Reading the rows of {request.title}…</p>;
  if (rows.kind === "error") return <p role="alert">{rows.message}</p>;
  const columns = rows.rows.length > 0 ? Object.keys(rows.rows[0]).filter((c) => !c.startsWith("_p_")) : [];
  const ordered = [...columns.filter((c) => c.startsWith("_")), ...columns.filter((c) => !c.startsWith("_"))];
  const toggle = (r: number) => setChosen((s) => (s.has(r) ? new Set([...s].filter((x) => x !== r)) : new Set([...s, r])));
  return (
    <section className="rows-view" aria-label={`Rows of ${request.title}`}>
      <h4>
        Rows of {request.title}: {rows.total.toLocaleString("en-US")}
        {rows.total > SHOWN ? ` (the ${SHOWN} with the ${order === "desc" ? "highest" : "lowest"} loss shown)` : ""}
      </h4>
      <p className="cell-actions">
        <button type="button" onClick={() => setOrder(order === "desc" ? "asc" : "desc")}>
          Sort by loss: {order === "desc" ? "lowest first" : "highest first"}
        </button>
        <button type="button" onClick={() => setChosen(new Set(rows.rows.map((r) => Number(r[EVAL_COLUMNS.row]))))}>
          Select all shown
        </button>
        <button type="button" onClick={onClose}>
          Close rows
        </button>
      </p>
      <div className="table-scroll">
        <table className="listing" aria-label={`Rows of ${request.title}, by loss`}>
          <thead>
            <tr>
              <th scope="col">Chosen</th>
              {ordered.map((c) => (
                <th key={c} scope="col">
                  {c.startsWith("_") ? c.slice(1).replace("_", " ") : c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.rows.map((r) => {
              const id = Number(r[EVAL_COLUMNS.row]);
              return (
                <tr key={id}>
                  <td>
                    <input type="checkbox" aria-label={`Choose row ${id}`} checked={chosen.has(id)} onChange={() => toggle(id)} />
                  </td>
                  {ordered.map((c) => (
                    <td key={c}>{cell(r[c])}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SendRowsToReview rows={rows.rows.filter((r) => chosen.has(Number(r[EVAL_COLUMNS.row])))} sliceTitle={request.title} runName={runName} />
    </section>
  );
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(4);
  return String(v);
}

function SendRowsToReview({ rows, sliceTitle, runName }: { rows: Record<string, unknown>[]; sliceTitle: string; runName: string }) {
  const [projects, setProjects] = useState<LabelProject[] | null>(null);
  const [projectId, setProjectId] = useState("");
  const [reason, setReason] = useState(`error analysis of run ${runName}, slice ${sliceTitle}`);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const { projects } = await apiJson<{ projects: LabelProject[] }>(await apiFetch("/api/projects"));
        setProjects(projects);
        setProjectId((p) => p || (projects[0]?.id ?? ""));
      } catch (e) {
        setProjects([]);
        setStatus({ kind: "error", text: `Projects could not be listed: ${errorMessage(e)}` });
      }
    })();
  }, []);
  const send = async () => {
    setStatus(null);
    try {
      const r = await apiJson<{ flagged: number; added: number }>(
        await apiFetch(`/api/projects/${encodeURIComponent(projectId)}/review`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: reviewItems(rows, reason) }) }),
      );
      setStatus({ kind: "ok", text: `${rows.length} rows sent to review (${r.added} new items, ${r.flagged} already in the project).` });
    } catch (e) {
      setStatus({ kind: "error", text: `Not sent: ${errorMessage(e)}` });
    }
  };
  if (projects !== null && projects.length === 0 && status === null) return <p className="hint">Create a labeling project to send rows to its review queue.</p>;
  return (
    <form
      className="alias-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <fieldset>
        <legend>Send chosen rows to review</legend>
        <label>
          Project
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            {(projects ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1500} size={50} />
        </label>
        <button type="submit" disabled={rows.length === 0 || !projectId || reason.trim() === ""}>
          Send {rows.length} rows to review
        </button>
      </fieldset>
      {status && <p role={status.kind === "error" ? "alert" : "status"}>{status.text}</p>}
    </form>
  );
}
