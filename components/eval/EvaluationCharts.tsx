"use client";
import { useEffect, useRef, useState } from "react";
import { queryRows, type Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { quoteIdent } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "@/lib/eval/held-out-table";
import type { CalibrationBinReport } from "@/lib/eval/report";

/** Points drawn in a residual plot: enough to see a pattern, few enough to stay an SVG. */
const RESIDUAL_POINTS = 3000;

/**
 * Reliability diagram: observed frequency (with its Wilson interval)
 * against mean predicted probability per bin, and the diagonal a perfectly
 * calibrated model lies on. A bin's bar opens its rows.
 */
export function CalibrationChart({ bins, label, onPick }: { bins: CalibrationBinReport[]; label: string; onPick(lo: number, hi: number): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("@observablehq/plot").then((Plot) => {
      const el = ref.current;
      if (cancelled || !el) return;
      const data = bins.filter((b) => b.rows > 0 && b.meanPredicted !== null && b.observed.value !== null);
      el.replaceChildren(
        Plot.plot({
          width: 420,
          height: 260,
          x: { label: "mean predicted probability", domain: [0, 1] },
          y: { label: "observed frequency", domain: [0, 1], grid: true },
          marks: [
            Plot.line([[0, 0], [1, 1]], { stroke: "#999", strokeDasharray: "4 3" }),
            Plot.ruleX(data, { x: "meanPredicted", y1: (d: CalibrationBinReport) => d.observed.lower, y2: (d: CalibrationBinReport) => d.observed.upper, stroke: "steelblue" }),
            Plot.dot(data, { x: "meanPredicted", y: (d: CalibrationBinReport) => d.observed.value, r: (d: CalibrationBinReport) => 2 + Math.sqrt(d.rows) / 4, fill: "steelblue", title: (d: CalibrationBinReport) => `${d.rows} rows, predicted ${d.lower.toFixed(1)}–${d.upper.toFixed(1)}` }),
          ],
        }),
      );
    });
    return () => {
      cancelled = true;
    };
  }, [bins]);
  return (
    <figure className="chart-figure">
      <div ref={ref} className="chart" role="img" aria-label={label} />
      <figcaption>
        Bins (open their rows):{" "}
        {bins
          .filter((b) => b.rows > 0)
          .map((b) => (
            <button key={b.lower} type="button" onClick={() => onPick(b.lower, b.upper)} aria-label={`Rows predicted ${b.lower.toFixed(1)} to ${b.upper.toFixed(1)}`}>
              {b.lower.toFixed(1)}–{b.upper.toFixed(1)} ({b.rows})
            </button>
          ))}
      </figcaption>
    </figure>
  );
}

/** Regression: residual (label − prediction) against one input feature, from the held-out table. */
export function ResidualChart({ db, table, features, label }: { db: Db; table: string; features: string[]; label: string }) {
  const [feature, setFeature] = useState(features[0] ?? "");
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const rows = await queryRows(
          db,
          `SELECT ${quoteIdent(feature)} AS x, ${quoteIdent(EVAL_COLUMNS.label)} - ${quoteIdent(EVAL_COLUMNS.prediction)} AS residual FROM ${quoteIdent(table)} USING SAMPLE ${RESIDUAL_POINTS} ROWS`,
        );
        const Plot = await import("@observablehq/plot");
        const el = ref.current;
        if (cancelled || !el) return;
        setError(null);
        el.replaceChildren(
          Plot.plot({
            width: 480,
            height: 260,
            x: { label: feature },
            y: { label: "residual (label − prediction)", grid: true },
            marks: [Plot.ruleY([0], { stroke: "#999" }), Plot.dot(rows, { x: "x", y: "residual", r: 1.5, fill: "steelblue", fillOpacity: 0.5 })],
          }),
        );
      } catch (e) {
        if (!cancelled) setError(`The residuals could not be drawn: ${errorMessage(e)}`);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [db, table, feature]);
  return (
    <figure className="chart-figure">
      <label>
        Residuals against
        <select value={feature} onChange={(e) => setFeature(e.target.value)}>
          {features.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <div ref={ref} className="chart" role="img" aria-label={label} />
      {error && <p role="alert">{error}</p>}
    </figure>
  );
}
