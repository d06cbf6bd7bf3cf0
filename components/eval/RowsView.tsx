"use client";
import { useEffect, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { ProjectSelect, useLabelProjects } from "@/components/label/ProjectSelect";
import { queryRows, type Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { quoteIdent } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "@/lib/eval/held-out-table";
import { reviewItems } from "@/lib/eval/review-items";

/** Rows shown at once: the worst by loss first, which is where a reviewer starts. */
const SHOWN = 200;

/**
 * How the rows are listed, and so the order they reach a review queue in:
 * by loss (where the model is most wrong), or least confident first — the
 * active-learning order, where a label teaches the model most.
 */
type RowOrder = "loss-desc" | "loss-asc" | "uncertain";
const ORDERS: Record<RowOrder, { label: string; sql: string }> = {
  "loss-desc": { label: "highest loss first", sql: `${quoteIdent(EVAL_COLUMNS.loss)} DESC` },
  "loss-asc": { label: "lowest loss first", sql: `${quoteIdent(EVAL_COLUMNS.loss)} ASC` },
  uncertain: { label: "least confident first", sql: `${quoteIdent(EVAL_COLUMNS.confidence)} ASC` },
};

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
  // One view per request (the parent keys it): the choice of rows and the reason start afresh for each slice.
  const [order, setOrder] = useState<RowOrder>("loss-desc");
  const [rows, setRows] = useState<{ kind: "loading" } | { kind: "ready"; rows: Record<string, unknown>[]; total: number } | { kind: "error"; message: string }>({ kind: "loading" });
  const [chosen, setChosen] = useState<Set<number>>(new Set());

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const where = request.where ?? "TRUE";
        const [count] = await queryRows(db, `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE ${where}`);
        const got = await queryRows(db, `SELECT * FROM ${quoteIdent(table)} WHERE ${where} ORDER BY ${ORDERS[order].sql}, ${quoteIdent(EVAL_COLUMNS.row)} LIMIT ${SHOWN}`);
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
  const confident = columns.includes(EVAL_COLUMNS.confidence);
  const ordered = [...columns.filter((c) => c.startsWith("_")), ...columns.filter((c) => !c.startsWith("_"))];
  const toggle = (r: number) => setChosen((s) => (s.has(r) ? new Set([...s].filter((x) => x !== r)) : new Set([...s, r])));
  return (
    <section className="rows-view" aria-label={`Rows of ${request.title}`}>
      <h4>
        Rows of {request.title}: {rows.total.toLocaleString("en-US")}
        {rows.total > SHOWN ? ` (the first ${SHOWN} by ${ORDERS[order].label} shown)` : ""}
      </h4>
      <p className="cell-actions">
        <label>
          Order
          <select value={order} onChange={(e) => setOrder(e.target.value as RowOrder)}>
            {(Object.keys(ORDERS) as RowOrder[])
              .filter((o) => confident || o !== "uncertain")
              .map((o) => (
                <option key={o} value={o}>
                  {ORDERS[o].label}
                </option>
              ))}
          </select>
        </label>
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
      {/* Chosen rows go in the listed order: new items join the queue in that order. */}
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
  const { projects, projectId, setProjectId, error } = useLabelProjects();
  const [reason, setReason] = useState(`error analysis of run ${runName}, slice ${sliceTitle}`);
  const [sent, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const status = sent ?? (error ? { kind: "error" as const, text: error } : null);
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
        <ProjectSelect projects={projects} projectId={projectId} onChange={setProjectId} />
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
