"use client";
import { useRef, useState } from "react";
import { parseTypeOverrides, type CsvOptions } from "@/lib/data/csv-options";
import { versionsOf } from "@/lib/data/dataset";
import { DEFAULT_MAX_BYTES, formatBytes } from "@/lib/data/formats";
import { SAMPLES } from "./samples";
import { useWorkbench } from "./workbench";

/** Loading data (file picker, samples, options) and the list of datasets and their versions. */
export function DataPanel() {
  const wb = useWorkbench();
  const fileInput = useRef<HTMLInputElement>(null);
  const [tableName, setTableName] = useState("");
  const [delimiter, setDelimiter] = useState("");
  const [header, setHeader] = useState<"auto" | "yes" | "no">("auto");
  const [types, setTypes] = useState("");
  const [maxMb, setMaxMb] = useState(String(DEFAULT_MAX_BYTES / 1024 / 1024));

  const loadFiles = async (files: FileList | null) => {
    if (!files) return;
    for (const file of Array.from(files)) await loadFile(file);
    if (fileInput.current) fileInput.current.value = "";
  };

  const loadFile = async (file: File) => {
    let csv: CsvOptions | undefined;
    try {
      csv = {
        ...(delimiter ? { delimiter: delimiter === "\\t" ? "\t" : delimiter } : {}),
        ...(header !== "auto" ? { header: header === "yes" } : {}),
        ...(types.trim() ? { types: parseTypeOverrides(types) } : {}),
      };
    } catch (err) {
      wb.setNotice({ kind: "error", text: `${file.name}: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const limit = Number(maxMb);
    const maxBytes = Number.isFinite(limit) && limit > 0 ? Math.round(limit * 1024 * 1024) : DEFAULT_MAX_BYTES;
    await wb.load({ fileName: file.name, bytes, tableName: tableName.trim() || undefined, csv, maxBytes });
  };

  const names = [...new Set(wb.catalog.map((v) => v.name))].sort();
  const datasetNames = new Set<string>(names);
  const others = wb.relations.filter((r) => !datasetNames.has(r.name) && !/__v\d+$/.test(r.name) && !r.name.startsWith("__lathe_"));

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
          <input value={tableName} onChange={(e) => setTableName(e.target.value)} placeholder="from the file name" />
        </label>
        <label>
          Delimiter
          <input value={delimiter} onChange={(e) => setDelimiter(e.target.value)} placeholder="detect" maxLength={2} size={4} />
        </label>
        <label>
          Header row
          <select value={header} onChange={(e) => setHeader(e.target.value as typeof header)}>
            <option value="auto">detect</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </select>
        </label>
        <label>
          Column types
          <input value={types} onChange={(e) => setTypes(e.target.value)} placeholder="zip: VARCHAR, price: DOUBLE" />
        </label>
        <label>
          Size limit (MiB)
          <input type="number" min="0" step="any" value={maxMb} onChange={(e) => setMaxMb(e.target.value)} />
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
          <li key={r.name}>
            <strong>{r.name}</strong> <small>({r.type}, from SQL)</small>
          </li>
        ))}
      </ul>
    </aside>
  );
}
