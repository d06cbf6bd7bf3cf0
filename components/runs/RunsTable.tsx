"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { RunSummary } from "@/lib/api/runs";

/** Rows are this tall (px) so the visible window is arithmetic, not measured. */
const ROW = 34;
const PAGE = 100;
/** Rows drawn beyond the visible ones, each side, so a fast scroll shows rows rather than gaps. */
const OVERSCAN = 10;
const VIEW_HEIGHT = 560;

interface Props {
  /** The list's query string (sort, dir and filters) without offset and limit. */
  query: string;
  total: number;
  /** The first page, rendered by the server. */
  first: RunSummary[];
  /** Header links that sort by a column (toggling the direction), with their arrows. */
  sorts: Record<"name" | "metric" | "created", { href: string; arrow: string }>;
}

/**
 * The runs list, virtualized: however many runs match (tens of thousands),
 * only the rows in view are in the page, fetched from the server a hundred
 * at a time as they scroll into view, sorted and filtered there. Runs can
 * be selected to compare or export.
 */
export function RunsTable({ query, total, first, sorts }: Props) {
  const pages = useRef(new Map<number, RunSummary[]>([[0, first]]));
  const loading = useRef(new Set<number>());
  const [, redraw] = useState(0);
  const [top, setTop] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    pages.current = new Map([[0, first]]);
    loading.current.clear();
    redraw((n) => n + 1);
  }, [query, first]);

  const from = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const to = Math.min(total, Math.ceil((top + VIEW_HEIGHT) / ROW) + OVERSCAN);

  const fetchPage = useCallback(
    async (page: number) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const res = await apiFetch(`/api/runs?${query}${query ? "&" : ""}offset=${page * PAGE}&limit=${PAGE}`);
        const body = await apiJson<{ runs: RunSummary[] }>(res);
        pages.current.set(page, body.runs);
        redraw((n) => n + 1);
      } catch (e) {
        setError(`Runs could not be read: ${e instanceof Error ? e.message : String(e)}. Scroll again to retry.`);
      } finally {
        loading.current.delete(page);
      }
    },
    [query],
  );

  useEffect(() => {
    for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to - 1) / PAGE); p++) void fetchPage(p);
  }, [from, to, fetchPage]);

  const rowAt = (i: number) => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE];
  const toggle = (r: RunSummary, on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(r.id, r.name);
      else next.delete(r.id);
      return next;
    });
  const ids = [...selected.keys()].join(",");

  const rows = [];
  for (let i = from; i < to; i++) {
    const r = rowAt(i);
    rows.push(
      r ? (
        <tr key={r.id} aria-rowindex={i + 2} style={{ height: ROW }}>
          <td>
            <input type="checkbox" aria-label={`Select run ${r.name} (${r.id.slice(0, 8)})`} checked={selected.has(r.id)} onChange={(e) => toggle(r, e.target.checked)} />
          </td>
          <td>
            <a href={`/runs/${r.id}`}>{r.name}</a>
          </td>
          <td>{r.status}</td>
          <td>{r.datasetName}</td>
          <td>{r.primaryMetric === null ? "—" : `${r.metricName} ${r.primaryMetric.toFixed(4)}`}</td>
          <td>{r.tags.join(", ")}</td>
          <td>{r.createdAt.replace("T", " ").slice(0, 19)}</td>
        </tr>
      ) : (
        <tr key={`loading-${i}`} aria-rowindex={i + 2} style={{ height: ROW }}>
          <td colSpan={7} className="hint">
            Loading…
          </td>
        </tr>
      ),
    );
  }

  return (
    <div className="runs-table">
      <div className="links-inline" role="group" aria-label="Selected runs">
        <span>{selected.size === 0 ? "Select runs to compare or export." : `${selected.size} selected`}</span>
        {selected.size >= 2 ? (
          <a href={`/runs/compare?ids=${ids}`}>Compare selected</a>
        ) : (
          <button type="button" disabled>
            Compare selected
          </button>
        )}
        {selected.size > 0 ? (
          <a href={`/api/runs/export?ids=${ids}`} download>
            Export selected as JSON
          </a>
        ) : (
          <button type="button" disabled>
            Export selected as JSON
          </button>
        )}
        {selected.size > 0 && (
          <button type="button" onClick={() => setSelected(new Map())}>
            Clear selection
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      <div className="runs-scroll" style={{ maxHeight: VIEW_HEIGHT, overflowY: "auto" }} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
        <table className="listing" aria-label="Runs" aria-rowcount={total + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">
                <span className="sr-only">Select</span>
              </th>
              <th scope="col">
                <a href={sorts.name.href} aria-label="Sort by Name">
                  Name{sorts.name.arrow}
                </a>
              </th>
              <th scope="col">Status</th>
              <th scope="col">Dataset</th>
              <th scope="col">
                <a href={sorts.metric.href} aria-label="Sort by Validation metric">
                  Validation metric{sorts.metric.arrow}
                </a>
              </th>
              <th scope="col">Tags</th>
              <th scope="col">
                <a href={sorts.created.href} aria-label="Sort by Started">
                  Started{sorts.created.arrow}
                </a>
              </th>
            </tr>
          </thead>
          <tbody>
            {from > 0 && <tr aria-hidden="true" style={{ height: from * ROW }} />}
            {rows}
            {to < total && <tr aria-hidden="true" style={{ height: (total - to) * ROW }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
