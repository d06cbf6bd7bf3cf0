"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Column } from "@/lib/data/db";
import { formatCell } from "@/lib/notebook/format";

/**
 * A virtualized result grid: only the rows in view (plus a margin) are in the
 * DOM, and rows are fetched from DuckDB a page at a time as they scroll in, so
 * a million-row result costs what a screenful does.
 */
const ROW_H = 28;
const PAGE = 200;
const VISIBLE = 12;
const OVERSCAN = 10;
// Browsers cap an element's height (Chromium near 33.5M px, i.e. ~1.2M rows of
// 28 px). Past this height the spacer stops growing and the scrollbar maps onto
// the rows proportionally, so the first and last rows stay reachable; a pixel
// of scrollbar then spans several rows (17.5 px of rows at 5M), so a scroll
// step skips rows there: filter or LIMIT in SQL to read a particular one.
const MAX_SPACER = 8_000_000;

interface Props {
  label: string;
  columns: Column[];
  rowCount: number;
  fetchRows(offset: number, limit: number): Promise<unknown[][]>;
}

export function ResultGrid({ label, columns, rowCount, fetchRows }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const pages = useRef(new Map<number, unknown[][] | "pending">());
  const [, force] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const viewport = Math.min(rowCount, VISIBLE) * ROW_H;
  const total = rowCount * ROW_H;
  const spacer = Math.min(total, MAX_SPACER);
  // Where the view is among all rows, in px; equals scrollTop unless the spacer is capped.
  const offset = spacer > viewport ? scrollTop * ((total - viewport) / (spacer - viewport)) : scrollTop;
  const first = Math.max(0, Math.floor(offset / ROW_H) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((offset + Math.max(viewport, ROW_H)) / ROW_H) + OVERSCAN);

  // A new result resets the cache.
  useEffect(() => {
    pages.current = new Map();
    setScrollTop(0);
    force((n) => n + 1);
  }, [fetchRows]);

  const ensure = useCallback(
    (page: number) => {
      if (pages.current.has(page)) return;
      pages.current.set(page, "pending");
      fetchRows(page * PAGE, PAGE).then(
        (rows) => {
          pages.current.set(page, rows);
          force((n) => n + 1);
        },
        (err: unknown) => {
          pages.current.delete(page);
          setError(err instanceof Error ? err.message : String(err));
        },
      );
    },
    [fetchRows],
  );

  useEffect(() => {
    if (rowCount === 0) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) ensure(p);
  }, [first, last, rowCount, ensure]);

  const rows = [];
  for (let i = first; i < last; i++) {
    const page = pages.current.get(Math.floor(i / PAGE));
    const row = Array.isArray(page) ? page[i % PAGE] : undefined;
    rows.push(
      <div role="row" aria-rowindex={i + 2} key={i} className="grid-row" style={{ top: i * ROW_H - offset + scrollTop }}>
        <span role="rowheader" className="grid-index">
          {i + 1}
        </span>
        {columns.map((_, j) => (
          <span role="gridcell" key={j} className={row ? "" : "grid-pending"}>
            {row ? formatCell(row[j]) : "…"}
          </span>
        ))}
      </div>,
    );
  }
  const template = `4.5rem repeat(${columns.length}, minmax(7rem, 1fr))`;
  return (
    <div className="grid-wrap">
      {error && <p role="alert">Could not fetch rows: {error}</p>}
      <div role="grid" aria-label={label} aria-rowcount={rowCount + 1} aria-colcount={columns.length + 1} className="grid" style={{ ["--cols" as string]: template }}>
        <div role="row" aria-rowindex={1} className="grid-head">
          <span role="columnheader" className="grid-index">
            #
          </span>
          {columns.map((c) => (
            <span role="columnheader" key={c.name} title={c.type}>
              {c.name}
              <small>{c.type}</small>
            </span>
          ))}
        </div>
        <div className="grid-body" style={{ height: viewport }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={0} aria-label={`${label} rows`}>
          <div style={{ height: spacer, position: "relative" }}>{rows}</div>
        </div>
      </div>
    </div>
  );
}
