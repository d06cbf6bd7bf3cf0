"use client";
import { useCallback } from "react";
import type { BrowserDb } from "@/components/data/duckdb-client";
import { useCellRun } from "./use-cell-run";
import { profileTable, QUANTILES, type ColumnProfile, type TableProfile } from "@/lib/data/profile";
import { useWorkbench } from "@/components/data/workbench";
import { formatCell } from "@/lib/notebook/format";
import type { ProfileCell as ProfileCellDoc } from "./types";
import type { RegisterRun } from "./run-state";

interface Props {
  cell: ProfileCellDoc;
  index: number;
  onChange(table: string): void;
  register: RegisterRun;
}

export function ProfileCell({ cell, index, onChange, register }: Props) {
  const wb = useWorkbench();
  const choices = wb.relations;
  const work = useCallback(
    async (db: BrowserDb) => {
      if (!cell.table) throw new Error("Pick a table to profile.");
      const t0 = performance.now();
      try {
        return { ...(await profileTable(db, cell.table)), ms: performance.now() - t0 };
      } catch (err) {
        throw new Error(`${cell.table}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    [cell.table],
  );
  const [run, execute] = useCellRun(cell.id, register, work);

  return (
    <>
      <div className="cell-actions">
        <label>
          Table to profile
          <select value={cell.table} onChange={(e) => onChange(e.target.value)}>
            <option value="">(choose a table)</option>
            {choices.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
            {cell.table && !choices.some((r) => r.name === cell.table) && <option value={cell.table}>{cell.table} (not loaded)</option>}
          </select>
        </label>
        <button type="button" onClick={execute} disabled={run.kind === "running"}>
          Run
        </button>
      </div>
      {run.kind === "running" && <p role="status">Profiling…</p>}
      {run.kind === "error" && (
        <pre role="alert" className="cell-error">
          {run.message}
        </pre>
      )}
      {run.kind === "ready" && <ProfileTable profile={run.value} index={index} />}
    </>
  );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number | string | null) => (x === null ? "—" : formatCell(x));

function ProfileTable({ profile, index }: { profile: TableProfile & { ms: number }; index: number }) {
  return (
    <div className="cell-output">
      <p role="status" className="result-meta">
        {profile.table}: {profile.rows.toLocaleString("en-US")} rows, {profile.columns.length} columns · {profile.ms.toFixed(0)} ms
      </p>
      <div className="profile-wrap">
        <table className="profile" aria-label={`Profile of ${profile.table}, cell ${index + 1}`}>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Nulls</th>
              <th scope="col">Distinct</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Mean</th>
              <th scope="col">Std</th>
              <th scope="col">Quantiles ({QUANTILES.map((q) => `p${q * 100}`).join(", ")})</th>
              <th scope="col">Top values</th>
              <th scope="col">Distribution</th>
            </tr>
          </thead>
          <tbody>
            {profile.columns.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.type}</td>
                <td>{pct(c.nullShare)}</td>
                <td>{c.distinct.toLocaleString("en-US")}</td>
                <td>{num(c.min)}</td>
                <td>{num(c.max)}</td>
                <td>{num(c.mean)}</td>
                <td>{num(c.std)}</td>
                <td>{c.quantiles ? c.quantiles.map((q) => formatCell(q)).join(", ") : "—"}</td>
                <td>
                  {c.top.map((t) => `${t.value ?? "NULL"} (${t.count.toLocaleString("en-US")})`).join(", ")}
                </td>
                <td>
                  <Sparkbars c={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A small histogram: bins for numbers, top-value counts for everything else. */
function Sparkbars({ c }: { c: ColumnProfile }) {
  const counts = c.histogram ?? c.top.map((t) => t.count);
  if (counts.length === 0) return null;
  const max = Math.max(...counts, 1);
  const w = 4;
  return (
    <svg width={counts.length * w} height={24} role="img" aria-label={`Distribution of ${c.name}`}>
      {counts.map((n, i) => (
        <rect key={i} x={i * w} y={24 - (24 * n) / max} width={w - 1} height={(24 * n) / max} fill="currentColor" />
      ))}
    </svg>
  );
}
