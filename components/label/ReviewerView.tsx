"use client";

import { useCallback, useEffect, useState } from "react";
import type { LabelProject, ReviewItem } from "@/lib/api/labels";
import { ItemView } from "./ItemView";
import { isOnControl, isTyping, keyForLabelIndex, labelIndexForKey } from "./keys";
import { labelApi } from "./label-api";
import { ReviewFlagNote } from "./ReviewFlagNote";

type Message = { kind: "status" | "error"; text: string } | null;

/** The label with the most votes; ties go to the label set's order, so the choice is stable. */
export function majorityLabel(item: ReviewItem, labels: readonly string[]): string | null {
  let best: string | null = null;
  for (const l of labels) if ((item.votes[l] ?? 0) > (best === null ? 0 : (item.votes[best] ?? 0))) best = l;
  return best;
}

/** What is pre-selected: the majority label, or in multi-label projects every label most annotators chose. */
function startChoice(item: ReviewItem | undefined, project: LabelProject): string[] {
  if (!item) return [];
  if (!project.multiLabel) {
    const m = majorityLabel(item, project.labels);
    return m === null ? [] : [m];
  }
  const answers = item.annotations.filter((a) => a.kind === "label").length;
  return project.labels.filter((l) => (item.votes[l] ?? 0) * 2 > answers);
}

/**
 * The review queue: items flagged with a reason (shown above the item) first,
 * then disagreements, worst agreement first. The majority label is
 * pre-selected so Enter accepts it; number keys pick another; X excludes the
 * item as ambiguous. A reason typed in the field goes with the decision.
 */
export function ReviewerView({ project }: { project: LabelProject }) {
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  /** The gold labels picked: the majority to start with; number keys change it (toggle, in multi-label projects). */
  const [choice, setChoice] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const item = items?.[0];
  const pick = useCallback(
    (l: string) => setChoice((c) => (project.multiLabel ? (c.includes(l) ? c.filter((x) => x !== l) : [...c, l]) : [l])),
    [project.multiLabel],
  );

  const load = useCallback(async () => {
    try {
      const next = await labelApi.review(project.id);
      setItems(next);
      setChoice(startChoice(next[0], project));
    } catch (e) {
      setItems([]);
      setMessage({ kind: "error", text: `Could not load the review queue: ${(e as Error).message}` });
    }
  }, [project.id, project.labels]);

  useEffect(() => {
    void load();
  }, [load]);

  const decide = useCallback(
    async (excluded: boolean) => {
      if (!item || busy) return;
      if (!excluded && choice.length === 0) {
        setMessage({ kind: "error", text: "Pick the gold label first." });
        return;
      }
      setBusy(true);
      try {
        await labelApi.adjudicate(project.id, item.seq, {
          labels: excluded ? [] : choice,
          excluded,
          reason: reason.trim(),
          baseVersion: item.goldVersion,
        });
        setMessage({ kind: "status", text: excluded ? `Excluded item ${item.key}.` : `Item ${item.key}: gold label ${choice.join(", ")}.` });
        const rest = (items ?? []).slice(1);
        setReason("");
        // A decision sent from the reason field hands the keys back to the shortcuts.
        if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
        if (rest.length > 0) {
          setItems(rest);
          setChoice(startChoice(rest[0], project));
        } else await load();
      } catch (e) {
        setMessage({ kind: "error", text: `Item ${item.key} was not adjudicated: ${(e as Error).message}` });
        setReason("");
        // Someone else may have settled it: drop it from this view and read the queue again.
        await load();
      } finally {
        setBusy(false);
      }
    },
    [busy, choice, item, items, load, project.id, project.labels, reason],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || !item) return;
      if ((e.key === "Enter" || e.key === " ") && isOnControl(e.target)) return;
      const idx = labelIndexForKey(e.key);
      if (idx !== null && idx < project.labels.length) pick(project.labels[idx]);
      else if (e.key === "Enter") void decide(false);
      else if (e.key === "x" || e.key === "X") void decide(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [decide, item, pick, project.labels]);

  return (
    <section className="reviewer" aria-label="Reviewer">
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={`notice ${message.kind}`}>
          {message.text}
        </p>
      )}
      {items === null ? (
        <p role="status">Loading disagreements…</p>
      ) : !item ? (
        <p role="status">No disagreements to review.</p>
      ) : (
        <>
          <p className="hint">
            {items.length} item{items.length === 1 ? "" : "s"} shown, flagged first, then worst agreement first. Agreement on this item:{" "}
            {item.topShare === null ? "—" : `${Math.round(item.topShare * 100)}%`}
          </p>
          {item.flag && <ReviewFlagNote flag={item.flag} />}
          <ItemView itemKey={item.key} data={item.data} columns={project.displayColumns} />
          <table className="votes" aria-label="Annotators' labels">
            <thead>
              <tr>
                <th scope="col">Annotator</th>
                <th scope="col">Answer</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {item.annotations.length === 0 && (
                <tr>
                  <td colSpan={3}>No answers yet.</td>
                </tr>
              )}
              {item.annotations.map((a) => (
                <tr key={a.id}>
                  <td>{a.userName}</td>
                  <td>{a.kind === "ambiguous" ? `ambiguous${a.labels.length ? ` (${a.labels.join(", ")})` : ""}` : a.labels.join(", ")}</td>
                  <td>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div role={project.multiLabel ? "group" : "radiogroup"} aria-label="Gold label" className="label-buttons">
            {project.labels.map((l, i) => (
              <button key={l} type="button" role={project.multiLabel ? "checkbox" : "radio"} aria-checked={choice.includes(l)} onClick={() => pick(l)}>
                <kbd>{keyForLabelIndex(i)}</kbd> {l} <span className="vote-count">({item.votes[l] ?? 0} vote{(item.votes[l] ?? 0) === 1 ? "" : "s"})</span>
              </button>
            ))}
          </div>
          <label className="reason">
            Reason (optional)
            <input value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={(e) => e.key === "Enter" && void decide(false)} />
          </label>
          <div className="label-actions">
            <button type="button" className="primary" onClick={() => void decide(false)} disabled={busy}>
              Accept <kbd>Enter</kbd>
            </button>
            <button type="button" onClick={() => void decide(true)} disabled={busy}>
              Exclude as ambiguous <kbd>X</kbd>
            </button>
          </div>
        </>
      )}
    </section>
  );
}
