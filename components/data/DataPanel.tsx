"use client";
import { useRef } from "react";
import { isVersionTable, versionsOf } from "@/lib/data/dataset";
import { formatBytes } from "@/lib/data/formats";
import type { LoadForm } from "@/lib/data/load-form";
import { LabelTables } from "@/components/label/LabelTables";
import { SAMPLES } from "./samples";
import { useWorkbench } from "./workbench";
import type { DerivedStatus } from "./use-derived";

/** Whether a table or view made in SQL comes back after a reload (unknown until its cell has run once here). */
function keptNote(s: DerivedStatus[string] | undefined): string {
  if (!s) return "";
  return s.kept ? " · kept across reloads" : ` · not kept across reloads: ${s.reason}`;
}

/** Loading data (file picker, samples, options) and the list of datasets and their versions. */
export function DataPanel() {
  const wb = useWorkbench();
  const fileInput = useRef<HTMLInputElement>(null);
  const form = wb.loadForm;
  const set = (patch: Partial<LoadForm>) => wb.setLoadForm({ ...form, ...patch });

  const loadFiles = async (files: FileList | null) => {
    if (!files) return;
    for (const file of Array.from(files)) await wb.loadFile(file);
    if (fileInput.current) fileInput.current.value = "";
  };

  const names = [...new Set(wb.catalog.map((v) => v.name))].sort();
  const datasetNames = new Set<string>(names);
  const others = wb.relations.filter((r) => !datasetNames.has(r.name) && !isVersionTable(r.name));

  return (
    <aside className="data-panel" aria-label="Data">
      <h2>Data</h2>
      <label className="button-like primary">
        Load data file
        <input ref={fileInput} type="file" multiple className="visually-hidden" accept=".csv,.tsv,.tab,.parquet,.pq,.json,.ndjson,.jsonl,.arrow,.feather,.ipc" onChange={(e) => void loadFiles(e.target.files)} disabled={wb.state.kind !== "ready"} />
      </label>
      <p className="hint">or drop files anywhere on the page</p>
      <details>
        <summary>Load options</summary>
        <label>
          Table name
          <input value={form.tableName} onChange={(e) => set({ tableName: e.target.value })} placeholder="from the file name" />
        </label>
        <label>
          Delimiter
          <input value={form.delimiter} onChange={(e) => set({ delimiter: e.target.value })} placeholder="detect" maxLength={2} size={4} />
        </label>
        <label>
          Header row
          <select value={form.header} onChange={(e) => set({ header: e.target.value as LoadForm["header"] })}>
            <option value="auto">detect</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </select>
        </label>
        <label>
          Column types
          <input value={form.types} onChange={(e) => set({ types: e.target.value })} placeholder="zip: VARCHAR, price: DOUBLE" />
        </label>
        <label>
          Size limit (MiB)
          <input type="number" min="0" step="any" value={form.maxMb} onChange={(e) => set({ maxMb: e.target.value })} />
        </label>
      </details>
      <h3>Samples</h3>
      <ul className="samples">
        {SAMPLES.map((s) => (
          <li key={s.file}>
            <button type="button" onClick={() => void wb.loadSample(s.file)} disabled={wb.state.kind !== "ready" || wb.loading !== null} aria-label={`Load sample ${s.table}`}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
      <LabelTables />
      <h3>Tables</h3>
      {names.length === 0 && others.length === 0 && <p className="hint">No tables yet.</p>}
      <ul className="datasets" aria-label="Datasets">
        {names.map((name) => {
          const versions = versionsOf(wb.catalog, name);
          return (
            <li key={name} aria-label={`Dataset ${name}`}>
              <strong>{name}</strong>
              <ul>
                {versions.map((v) => (
                  <li key={v.physical}>
                    <span>
                      v{v.version}: {v.rows.toLocaleString("en-US")} rows · {v.schema.length} cols · {v.fileName} · {formatBytes(v.byteSize)} ·{" "}
                      <code title={`SHA-256 ${v.fingerprint}`}>{v.fingerprint.slice(0, 12)}</code>
                    </span>{" "}
                    <button type="button" aria-label={`Delete ${name} version ${v.version}`} onClick={() => void wb.deleteVersion(v)}>
                      Delete
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
        {others.map((r) => (
          <li key={r.name} aria-label={`${r.type === "view" ? "View" : "Table"} ${r.name}`}>
            <strong>{r.name}</strong> <small>({r.type}, from SQL{keptNote(wb.derived[r.name])})</small>
          </li>
        ))}
      </ul>
    </aside>
  );
}
