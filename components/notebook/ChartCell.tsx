"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { CHART_MARKS } from "@/lib/api/notebook-format";
import type { Column } from "@/lib/data/db";
import { normalizeValue } from "@/lib/data/db";
import { runSql } from "@/lib/notebook/run-sql";
import { quoteIdent } from "@/lib/data/sql";
import type { BrowserDb } from "@/components/data/duckdb-client";
import { useCellRun } from "./use-cell-run";
import type { ChartCell as ChartCellDoc } from "./types";
import { SqlEditor } from "./SqlEditor";
import { missingChannel } from "@/lib/notebook/chart-spec";
import type { RegisterRun } from "./run-state";

/** Charts draw at most this many rows; more would make an unreadable, slow SVG. */
const MAX_POINTS = 50_000;

interface ChartData {
  columns: Column[];
  rows: Record<string, unknown>[];
  total: number;
}

interface Props {
  cell: ChartCellDoc;
  index: number;
  onChange(patch: Partial<Omit<ChartCellDoc, "id" | "kind">>): void;
  register: RegisterRun;
}

const TEMPORAL = /^(DATE|TIMESTAMP)/i;

export function ChartCell({ cell, index, onChange, register }: Props) {
  const figure = useRef<HTMLDivElement>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  const work = useCallback(
    async (db: BrowserDb): Promise<ChartData> => {
      const r = await runSql(db, cell.id, cell.source);
      if (r.kind !== "paged") throw new Error("a chart needs a query that returns rows (SELECT …)");
      const t = await db.query(`SELECT * FROM ${quoteIdent(r.table)} LIMIT ${MAX_POINTS}`);
      const rows = t.toArray().map((row) => {
        const o = row.toJSON() as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const c of r.columns) {
          const v = o[c.name];
          out[c.name] = TEMPORAL.test(c.type) && v !== null && v !== undefined ? new Date(v as number) : normalizeValue(v);
        }
        return out;
      });
      return { columns: r.columns, rows, total: r.rowCount };
    },
    [cell.id, cell.source],
  );
  const [run, execute] = useCellRun(cell.id, register, work);

  const data = run.kind === "ready" ? run.value : null;
  const spec = { mark: cell.mark, x: cell.x, y: cell.y, color: cell.color, facet: cell.facet };
  const missing = missingChannel(spec);

  useEffect(() => {
    const host = figure.current;
    if (!host) return;
    host.replaceChildren();
    setDrawError(null);
    if (!data || missing) return;
    let stale = false;
    // Observable Plot (with d3) loads on the first chart, not with the page.
    import("./chart-render")
      .then(({ renderChart }) => {
        if (stale) return;
        host.replaceChildren(renderChart(data.rows, spec, Math.max(320, Math.min(host.clientWidth || 720, 960))));
      })
      .catch((err: unknown) => setDrawError(err instanceof Error ? err.message : String(err)));
    return () => {
      stale = true;
    };
    // spec fields are listed individually so a new object each render does not redraw
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, missing, cell.mark, cell.x, cell.y, cell.color, cell.facet]);

  const columnSelect = (key: "x" | "y" | "color" | "facet", label: string) => (
    <label>
      {label}
      <select aria-label={`${label} column`} value={cell[key] ?? ""} onChange={(e) => onChange({ [key]: e.target.value || null })} disabled={!data}>
        <option value="">(none)</option>
        {(data?.columns ?? []).map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
        {cell[key] && data && !data.columns.some((c) => c.name === cell[key]) && <option value={cell[key]!}>{cell[key]} (not in result)</option>}
      </select>
    </label>
  );

  return (
    <>
      <SqlEditor label={`Chart query, cell ${index + 1}`} value={cell.source} onChange={(source) => onChange({ source })} onRun={execute} />
      <div className="cell-actions chart-controls">
        <button type="button" onClick={execute} disabled={run.kind === "running"}>
          Run
        </button>
        <label>
          Mark
          <select aria-label="Mark" value={cell.mark} onChange={(e) => onChange({ mark: e.target.value as ChartCellDoc["mark"] })}>
            {CHART_MARKS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {columnSelect("x", "X")}
        {columnSelect("y", "Y")}
        {columnSelect("color", "Color")}
        {columnSelect("facet", "Facet")}
      </div>
      {run.kind === "running" && <p role="status">Running…</p>}
      {run.kind === "error" && (
        <pre role="alert" className="cell-error">
          {run.message}
        </pre>
      )}
      {data && missing && <p role="status">{missing}</p>}
      {data && data.total > data.rows.length && (
        <p role="status">
          Showing the first {data.rows.length.toLocaleString("en-US")} of {data.total.toLocaleString("en-US")} rows; aggregate in SQL to chart them all.
        </p>
      )}
      {drawError && <p role="alert">Could not draw the chart: {drawError}</p>}
      <div ref={figure} className="chart" role="figure" aria-label={`Chart, cell ${index + 1}`} />
    </>
  );
}
