"use client";
import { useState } from "react";
import type { Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { quoteIdent } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "@/lib/eval/held-out-table";
import { heldOutLabelIssues } from "@/lib/eval/held-out-reads";
import type { RowsRequest } from "./RowsView";

/** Rows listed as suspects at most: a reviewer's sitting, not the whole split. */
const MAX_SUSPECTS = 500;

/**
 * Held-out rows whose given label looks wrong (confident learning: another
 * class reached its per-class confidence threshold). They open in the rows
 * view, worst first by loss — for these rows the same order as lowest
 * self-confidence, since loss is −log p(given label) — ready to send to
 * review.
 */
export function LabelIssuesPanel({ db, table, classes, onShow }: { db: Db; table: string; classes: string[]; onShow(r: RowsRequest): void }) {
  const [state, setState] = useState<{ kind: "idle" } | { kind: "busy" } | { kind: "done"; text: string } | { kind: "error"; message: string }>({ kind: "idle" });
  const find = async () => {
    setState({ kind: "busy" });
    try {
      const found = await heldOutLabelIssues(db, table, classes);
      const suspects = found.issues.slice(0, MAX_SUSPECTS).map((i) => found.rowIds[i.row]);
      const byClass = new Map<string, number>();
      for (const i of found.issues) byClass.set(classes[i.suggestedLabel], (byClass.get(classes[i.suggestedLabel]) ?? 0) + 1);
      setState({
        kind: "done",
        text:
          found.issues.length === 0
            ? "No held-out row looks mislabelled: no other class reached its confidence threshold on any row."
            : `${found.issues.length} of ${found.rowIds.length} held-out rows look mislabelled (suggested: ${[...byClass].map(([c, n]) => `${c} ${n}`).join(", ")}).`,
      });
      if (suspects.length > 0) onShow({ title: "possible label issues", where: `${quoteIdent(EVAL_COLUMNS.row)} IN (${suspects.join(", ")})` });
    } catch (e) {
      setState({ kind: "error", message: `Label issues could not be found: ${errorMessage(e)}` });
    }
  };
  return (
    <div className="cell-actions">
      <button type="button" onClick={() => void find()} disabled={state.kind === "busy"}>
        Find label issues
      </button>
      {state.kind === "done" && <span role="status">{state.text}</span>}
      {state.kind === "error" && <span role="alert">{state.message}</span>}
    </div>
  );
}
