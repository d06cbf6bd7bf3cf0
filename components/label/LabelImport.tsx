"use client";

import { useState } from "react";
import { labelApi } from "./label-api";

/** Uploads a raw or gold label file (CSV or JSONL, as the export writes them); all or nothing. */
export function LabelImport({ projectId, onImported }: { projectId: string; onImported(): void }) {
  const [what, setWhat] = useState<"raw" | "gold">("raw");
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    const format = /\.(jsonl|ndjson)$/i.test(file.name) ? "jsonl" : /\.csv$/i.test(file.name) ? "csv" : null;
    if (!format) {
      setMessage({ kind: "alert", text: `${file.name}: not a label file; use .csv or .jsonl` });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const r = await labelApi.importLabels(projectId, what, format, await file.text());
      setMessage({
        kind: "status",
        text: `${file.name}: ${r.rows} rows, ${r.written} written, ${r.unchanged} already current${r.autoGold ? `, ${r.autoGold} unanimous items adjudicated` : ""}.`,
      });
      onImported();
    } catch (e) {
      setMessage({ kind: "alert", text: `${file.name} was not imported (nothing changed): ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="label-import">
      <label>
        Kind of labels
        <select value={what} onChange={(e) => setWhat(e.target.value as "raw" | "gold")}>
          <option value="raw">Raw annotations (item_id, annotator, label)</option>
          <option value="gold">Gold labels (item_id, label, excluded)</option>
        </select>
      </label>
      <label>
        Label file
        <input
          type="file"
          accept=".csv,.jsonl,.ndjson"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) void upload(f);
          }}
        />
      </label>
      {message && <p role={message.kind}>{message.text}</p>}
    </div>
  );
}
