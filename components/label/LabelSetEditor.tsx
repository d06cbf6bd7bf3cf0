"use client";

import { useState } from "react";
import type { LabelChange, LabelProject } from "@/lib/api/labels";
import { labelApi } from "./label-api";

type Kind = LabelChange["kind"];

/**
 * Add, rename, merge or split labels. The server migrates existing answers
 * as new versions and records the change; a split sends the affected items
 * back to the queue, which is said before it happens.
 */
export function LabelSetEditor({ project, onChanged }: { project: LabelProject; onChanged(p: LabelProject): void }) {
  const [kind, setKind] = useState<Kind>("rename");
  const [from, setFrom] = useState<string[]>([]);
  const [to, setTo] = useState("");
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);

  const names = to.split(",").map((s) => s.trim()).filter(Boolean);
  const change = (): LabelChange | string => {
    switch (kind) {
      case "add":
        return names.length === 1 ? { kind, label: names[0] } : "Name one new label.";
      case "rename":
        return from.length === 1 && names.length === 1 ? { kind, from: from[0], to: names[0] } : "Pick one label and give its new name.";
      case "merge":
        return from.length >= 2 && names.length === 1 ? { kind, from, to: names[0] } : "Pick two or more labels and name the merged label.";
      case "split":
        return from.length === 1 && names.length >= 2 ? { kind, from: from[0], into: names } : "Pick one label and name two or more new labels, comma-separated.";
    }
  };

  const apply = async () => {
    const c = change();
    if (typeof c === "string") return setMessage({ kind: "alert", text: c });
    try {
      const r = await labelApi.changeLabels(project.id, c);
      setMessage({
        kind: "status",
        text: `Labels now: ${r.project.labels.join(", ")}. ${r.affectedItems} item(s) migrated${r.requeuedItems ? `, ${r.requeuedItems} back in the queue` : ""}.`,
      });
      setFrom([]);
      setTo("");
      onChanged(r.project);
    } catch (e) {
      setMessage({ kind: "alert", text: `Labels not changed: ${(e as Error).message}` });
    }
  };

  return (
    <form
      className="label-set-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <label>
        Change
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="add">Add a label</option>
          <option value="rename">Rename a label</option>
          <option value="merge">Merge labels</option>
          <option value="split">Split a label (its answers are asked again)</option>
        </select>
      </label>
      {kind !== "add" && (
        <fieldset>
          <legend>Labels to change</legend>
          {project.labels.map((l) => (
            <label key={l}>
              <input
                type="checkbox"
                checked={from.includes(l)}
                onChange={(e) => setFrom((f) => (e.target.checked ? [...f, l] : f.filter((x) => x !== l)))}
              />{" "}
              {l}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {kind === "split" ? "New labels (comma-separated)" : kind === "add" ? "New label" : "New name"}
        <input value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit">Apply label change</button>
      {message && <p role={message.kind}>{message.text}</p>}
    </form>
  );
}
