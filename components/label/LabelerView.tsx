"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Annotation, LabelProject, MyHistoryEntry, Progress, QueueItem, SubmitRequest, SubmitResult } from "@/lib/api/labels";
import { renderMarkdown } from "@/lib/notebook/markdown";
import { ItemView } from "./ItemView";
import { isOnControl, isTyping, keyForLabelIndex, labelIndexForKey, newClientId } from "./keys";
import { labelApi } from "./label-api";
import { ProgressBars } from "./ProgressBars";

/** Items leased ahead: the one on screen and two more, so Enter shows the next at once even when the refill is slow. */
const LOOKAHEAD = 3;

type Mode = { kind: "queue" } | { kind: "history"; index: number };
type Dialog = null | "ambiguous" | "comment";
type Message = { kind: "status" | "error"; text: string } | null;

interface Sent {
  item: QueueItem;
  result: Promise<SubmitResult | null>;
}

/**
 * The labeler's keyboard-first view. Submitting advances at once to the
 * prefetched next item; the request completes behind it, and a refusal is
 * shown in an alert naming the item (the answer is then not stored, and
 * nothing else is lost). U undoes the last submission by appending a
 * retract version and brings the item back.
 */
export function LabelerView({ project }: { project: LabelProject }) {
  const [queue, setQueue] = useState<QueueItem[] | null>(null);
  const [fetchFailed, setFetchFailed] = useState(false);
  /** Queue requests under way: "no more items" is only true once none is. */
  const [fetching, setFetching] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: "queue" });
  const [history, setHistory] = useState<MyHistoryEntry[]>([]);
  /** Smallest annotation id loaded: the next page of history starts below it (edits give entries new, larger ids). */
  const historyCursor = useRef<number | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [draft, setDraft] = useState("");
  const shownAt = useRef(performance.now());
  const sent = useRef<Sent[]>([]);
  const inflight = useRef(new Set<Promise<unknown>>());

  const entry = mode.kind === "history" ? history[mode.index] : undefined;
  const current: QueueItem | undefined = mode.kind === "queue" ? queue?.[0] : undefined;
  const shown = entry ?? current;

  const refreshProgress = useCallback(() => {
    labelApi.progress(project.id).then(setProgress, () => {});
  }, [project.id]);

  const refill = useCallback(async () => {
    setFetching((n) => n + 1);
    try {
      const items = await labelApi.next(project.id, LOOKAHEAD);
      setFetchFailed(false);
      setQueue((q) => {
        const have = new Set((q ?? []).map((i) => i.seq));
        const pending = new Set(sent.current.map((s) => s.item.seq));
        return [...(q ?? []), ...items.filter((i) => !have.has(i.seq) && !pending.has(i.seq))].slice(0, LOOKAHEAD);
      });
    } catch (e) {
      setFetchFailed(true);
      setMessage((m) => (m?.kind === "error" ? m : { kind: "error", text: `Could not fetch the next item: ${(e as Error).message}` }));
      setQueue((q) => q ?? []);
    } finally {
      setFetching((n) => n - 1);
    }
  }, [project.id]);

  useEffect(() => {
    void refill();
    refreshProgress();
  }, [refill, refreshProgress]);

  // Time on screen starts when an item is shown. The keypress mark pairs
  // with a measure taken once the frame showing the next item has been
  // painted (a task queued from requestAnimationFrame runs after that
  // frame), so the keypress → next item figure is readable from the
  // Performance panel (and by the benchmark).
  const shownSeq = shown ? `${mode.kind}:${"seq" in shown ? shown.seq : ""}` : "";
  useLayoutEffect(() => {
    shownAt.current = performance.now();
    // No item on screen yet (the prefetch is late): the measure waits for it.
    if (shownSeq === "" || shownSeq.startsWith("history")) return;
    const mark = performance.getEntriesByName("lathe:label-key", "mark").at(-1);
    if (!mark) return;
    performance.clearMarks("lathe:label-key");
    requestAnimationFrame(() => setTimeout(() => performance.measure("lathe:next-item", { start: mark.startTime, end: performance.now() }), 0));
  }, [shownSeq]);

  const track = useCallback(<T,>(p: Promise<T>): Promise<T> => {
    inflight.current.add(p);
    void p.finally(() => inflight.current.delete(p)).catch(() => {});
    return p;
  }, []);

  const send = useCallback(
    (item: QueueItem, req: Partial<SubmitRequest> & Pick<SubmitRequest, "kind">) => {
      performance.mark("lathe:label-key");
      const durationMs = Math.round(performance.now() - shownAt.current);
      setQueue((q) => (q ?? []).filter((i) => i.seq !== item.seq));
      setSelected([]);
      // An error about an unsaved answer stays until the next one replaces it.
      setMessage((m) => (m?.kind === "error" ? m : null));
      const result = track(
        labelApi
          .submit(project.id, item.seq, { ...req, durationMs, clientId: newClientId() })
          .then((r) => {
            setProgress((p) => (p && req.kind !== "skip" ? { ...p, mine: p.mine + 1, slotsFilled: p.slotsFilled + 1 } : p));
            return r;
          })
          .catch((e: Error) => {
            setMessage({ kind: "error", text: `Item ${item.key} was not saved: ${e.message}` });
            sent.current = sent.current.filter((s) => s.item.seq !== item.seq);
            return null;
          })
          .finally(() => void refill()),
      );
      sent.current = [...sent.current, { item, result }];
    },
    [project.id, refill, track],
  );

  const undo = useCallback(async () => {
    const last = sent.current.at(-1);
    if (!last) {
      setMessage({ kind: "status", text: "Nothing to undo." });
      return;
    }
    sent.current = sent.current.slice(0, -1);
    const done = await last.result;
    if (!done) return;
    try {
      await track(labelApi.submit(project.id, last.item.seq, { kind: "retract", baseVersion: done.annotation.version, reason: "undo" }));
      setQueue((q) => [last.item, ...(q ?? []).filter((i) => i.seq !== last.item.seq)]);
      setMode({ kind: "queue" });
      setMessage({ kind: "status", text: `Undid your answer on item ${last.item.key}.` });
      refreshProgress();
    } catch (e) {
      setMessage({ kind: "error", text: `Could not undo item ${last.item.key}: ${(e as Error).message}` });
    }
  }, [project.id, refreshProgress, track]);

  const openHistory = useCallback(
    async (index: number) => {
      if (mode.kind === "queue") {
        // Answers still in flight must land before the history is read.
        await Promise.allSettled([...inflight.current]);
        const entries = await labelApi.myHistory(project.id).catch((e: Error) => {
          setMessage({ kind: "error", text: `Could not load your history: ${e.message}` });
          return null;
        });
        if (!entries) return;
        historyCursor.current = entries.at(-1)?.annotation.id;
        setHistory(entries);
        if (entries.length === 0) {
          setMessage({ kind: "status", text: "You have not answered any item yet." });
          return;
        }
        setMode({ kind: "history", index: 0 });
        setSelected(entries[0].annotation.labels);
        return;
      }
      if (index < 0) {
        setMode({ kind: "queue" });
        setSelected([]);
        return;
      }
      let list = history;
      if (index >= list.length) {
        const more = await labelApi.myHistory(project.id, historyCursor.current).catch(() => []);
        if (more.length === 0) return;
        historyCursor.current = more.at(-1)?.annotation.id;
        const seen = new Set(list.map((e) => e.seq));
        list = [...list, ...more.filter((e) => !seen.has(e.seq))];
        setHistory(list);
      }
      setMode({ kind: "history", index });
      setSelected(list[index].annotation.labels);
    },
    [history, mode.kind, project.id],
  );

  const saveEdit = useCallback(async () => {
    if (mode.kind !== "history" || !entry) return;
    if (selected.length === 0) {
      setMessage({ kind: "error", text: "Pick a label first." });
      return;
    }
    try {
      const r = await track(
        labelApi.submit(project.id, entry.seq, { kind: "label", labels: selected, baseVersion: entry.annotation.version, reason: "changed from history" }),
      );
      const updated: Annotation = r.annotation;
      setHistory((h) => h.map((e, i) => (i === mode.index ? { ...e, annotation: updated } : e)));
      setMessage({ kind: "status", text: `Changed item ${entry.key} to ${selected.join(", ")}.` });
    } catch (e) {
      setMessage({ kind: "error", text: `Item ${entry.key} was not changed: ${(e as Error).message}` });
    }
  }, [entry, mode, project.id, selected, track]);

  const pick = useCallback(
    (label: string) => {
      setSelected((s) => (project.multiLabel ? (s.includes(label) ? s.filter((l) => l !== label) : [...s, label]) : [label]));
    },
    [project.multiLabel],
  );

  const submitSelected = useCallback(() => {
    if (mode.kind === "history") return void saveEdit();
    if (!current) return;
    if (selected.length === 0) {
      setMessage({ kind: "error", text: `Pick a label first: press 1–${Math.min(project.labels.length, 9)}.` });
      return;
    }
    send(current, { kind: "label", labels: selected });
  }, [current, mode.kind, project.labels.length, saveEdit, selected, send]);

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (dialog !== null || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if ((e.key === "Enter" || e.key === " ") && isOnControl(e.target)) return;
      const idx = labelIndexForKey(e.key);
      if (idx !== null) {
        if (idx < project.labels.length) pick(project.labels[idx]);
      } else if (e.key === "Enter") submitSelected();
      else if (e.key === "s" || e.key === "S") {
        if (mode.kind === "queue" && current) send(current, { kind: "skip" });
      } else if (e.key === "a" || e.key === "A") {
        if (current && mode.kind === "queue") setDialog("ambiguous");
      } else if (e.key === "c" || e.key === "C") {
        if (shown) setDialog("comment");
      } else if (e.key === "u" || e.key === "U") void undo();
      else if (e.key === "ArrowLeft") void openHistory(mode.kind === "history" ? mode.index + 1 : 0);
      else if (e.key === "ArrowRight") {
        if (mode.kind === "history") void openHistory(mode.index - 1);
      } else return;
      e.preventDefault();
    },
    [current, dialog, mode, openHistory, pick, project.labels, send, shown, submitSelected, undo],
  );

  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onKey]);

  const finishDialog = async () => {
    const text = draft.trim();
    const which = dialog;
    setDialog(null);
    setDraft("");
    if (which === "ambiguous" && current) {
      if (!text) return setMessage({ kind: "error", text: "Say why the item is ambiguous." });
      send(current, { kind: "ambiguous", labels: selected, reason: text });
    } else if (which === "comment" && shown && text) {
      const seq = "seq" in shown ? shown.seq : 0;
      try {
        await labelApi.comment(project.id, seq, text);
        setMessage({ kind: "status", text: "Comment saved." });
      } catch (e) {
        setMessage({ kind: "error", text: `Comment not saved: ${(e as Error).message}` });
      }
    }
  };

  return (
    <section className="labeler" aria-label="Labeler">
      <ProgressBars progress={progress} />
      {message && (
        <p role={message.kind === "error" ? "alert" : "status"} className={`notice ${message.kind}`}>
          {message.text}
        </p>
      )}
      {mode.kind === "history" && entry && (
        <p className="hint" role="status">
          Your answer {mode.index + 1} back ({entry.annotation.kind}
          {entry.annotation.labels.length ? `: ${entry.annotation.labels.join(", ")}` : ""}). Pick a label and press Enter to change it; → returns.
        </p>
      )}
      {queue === null && mode.kind === "queue" ? (
        <p role="status">Loading items…</p>
      ) : shown ? (
        <>
          <ItemView itemKey={shown.key} data={shown.data} columns={project.displayColumns} />
          {current?.others && current.others.length > 0 && mode.kind === "queue" && (
            <ul className="others" aria-label="Other annotators' answers">
              {current.others.map((o) => (
                <li key={o.userName}>
                  {o.userName}: {o.kind === "ambiguous" ? "ambiguous" : o.labels.join(", ")}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : fetchFailed ? (
        <p role="status">
          No item to show: the server did not answer.{" "}
          <button type="button" onClick={() => void refill()}>
            Try again
          </button>
        </p>
      ) : fetching > 0 ? (
        <p role="status">Loading the next item…</p>
      ) : (
        <p role="status">No more items for you in this project. Thank you!</p>
      )}
      <div role="group" aria-label="Labels" className="label-buttons">
        {project.labels.map((l, i) => (
          <button key={l} type="button" aria-pressed={selected.includes(l)} onClick={() => pick(l)} disabled={!shown}>
            <kbd>{keyForLabelIndex(i)}</kbd> {l}
          </button>
        ))}
      </div>
      <div className="label-actions">
        <button type="button" className="primary" onClick={submitSelected} disabled={!shown}>
          Submit <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={() => current && send(current, { kind: "skip" })} disabled={!current || mode.kind !== "queue"}>
          Skip <kbd>S</kbd>
        </button>
        <button type="button" onClick={() => setDialog("ambiguous")} disabled={!current || mode.kind !== "queue"}>
          Ambiguous <kbd>A</kbd>
        </button>
        <button type="button" onClick={() => void undo()}>
          Undo <kbd>U</kbd>
        </button>
        <button type="button" onClick={() => setDialog("comment")} disabled={!shown}>
          Comment <kbd>C</kbd>
        </button>
        <button type="button" onClick={() => void openHistory(mode.kind === "history" ? mode.index + 1 : 0)}>
          Back <kbd>←</kbd>
        </button>
        <button type="button" onClick={() => void openHistory(mode.kind === "history" ? mode.index - 1 : -1)} disabled={mode.kind !== "history"}>
          Forward <kbd>→</kbd>
        </button>
      </div>
      {dialog && (
        <form
          className="label-dialog"
          aria-label={dialog === "ambiguous" ? "Mark ambiguous" : "Comment"}
          onSubmit={(e) => {
            e.preventDefault();
            void finishDialog();
          }}
        >
          <label>
            {dialog === "ambiguous" ? "Why is this item ambiguous?" : "Comment on this item"}
            <textarea
              autoFocus
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") setDialog(null);
                if (e.key === "Enter" && !e.shiftKey) {
                  e.preventDefault();
                  void finishDialog();
                }
              }}
            />
          </label>
          <button type="submit">{dialog === "ambiguous" ? "Mark ambiguous" : "Save comment"}</button>
          <button type="button" onClick={() => setDialog(null)}>
            Cancel
          </button>
        </form>
      )}
      <details className="guidelines">
        <summary>Guidelines</summary>
        <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(project.guidelines) || "<p>No guidelines yet.</p>" }} />
      </details>
    </section>
  );
}
