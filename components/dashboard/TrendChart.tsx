"use client";

import { useEffect, useRef, useState } from "react";
import type { DashboardRow } from "@/lib/eval/dashboard";
import { formatValue, METRIC_LABELS } from "@/lib/eval/dashboard-format";
import { trendLabel } from "@/lib/eval/dashboard-svg";
import { saveBlob, svgToPng } from "./save-file";

const LINE = "#1f5fa8";
const THRESHOLD = "#9b1c1c";

type PngState = { kind: "idle" } | { kind: "working" } | { kind: "error"; message: string };

/**
 * One dashboard row's metric across versions, drawn with Observable Plot:
 * the value as a line, each version's interval as a bar, the current
 * version filled, the threshold dashed; and a PNG download of the chart.
 */
export function TrendChart({ row, model }: { row: DashboardRow; model: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  const [png, setPng] = useState<PngState>({ kind: "idle" });
  const label = trendLabel(row);

  useEffect(() => {
    let cancelled = false;
    void import("@observablehq/plot").then((Plot) => {
      const box = ref.current;
      if (cancelled || !box) return;
      const fmt = (v: number) => formatValue(row.metric, v);
      const limit = row.threshold === null ? null : (row.threshold.min ?? row.threshold.max ?? null);
      const withInterval = row.trend.filter((p) => p.lower !== null && p.upper !== null);
      const svg = Plot.plot({
        width: Math.min(640, box.clientWidth || 640),
        height: 220,
        marginLeft: 60,
        x: { type: "point", label: "version", domain: row.trend.map((p) => p.version), tickFormat: (v: number) => `v${v}`, padding: 0.5 },
        y: { label: METRIC_LABELS[row.metric], grid: true, tickFormat: fmt, nice: true },
        marks: [
          Plot.ruleX(withInterval, { x: "version", y1: "lower", y2: "upper", stroke: LINE, strokeOpacity: 0.45, strokeWidth: 3 }),
          Plot.lineY(row.trend, { x: "version", y: "value", stroke: LINE, strokeWidth: 2 }),
          Plot.dot(row.trend.filter((p) => !p.current), { x: "version", y: "value", r: 3.5, fill: "white", stroke: LINE, strokeWidth: 2, title: (p: DashboardRow["trend"][number]) => `version ${p.version}: ${fmt(p.value)}` }),
          Plot.dot(row.trend.filter((p) => p.current), { x: "version", y: "value", r: 5, fill: LINE, stroke: LINE, title: (p: DashboardRow["trend"][number]) => `version ${p.version}: ${fmt(p.value)} (current)` }),
          ...(limit === null
            ? []
            : [
                Plot.ruleY([limit], { stroke: THRESHOLD, strokeDasharray: "5 4" }),
                Plot.text([limit], { y: (d: number) => d, frameAnchor: "right", dy: -6, fill: THRESHOLD, text: (d: number) => `threshold ${fmt(d)}` }),
              ]),
        ],
      });
      box.replaceChildren(svg);
      setDrawn(true);
    });
    return () => {
      cancelled = true;
    };
  }, [row, label]);

  async function downloadPng() {
    const svg = ref.current?.querySelector("svg");
    if (!svg) {
      setPng({ kind: "error", message: "The chart is not drawn yet: wait a moment and try again." });
      return;
    }
    setPng({ kind: "working" });
    try {
      const slug = row.name.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "slice";
      saveBlob(await svgToPng(svg), `${model}-${slug}-${row.metric}.png`);
      setPng({ kind: "idle" });
    } catch (e) {
      setPng({ kind: "error", message: `Could not make the PNG: ${e instanceof Error ? e.message : String(e)}. Try again, or download the whole dashboard as HTML.` });
    }
  }

  return (
    <figure className="dashboard-trend">
      <figcaption>{label}</figcaption>
      <div ref={ref} className="chart" role="img" aria-label={label} />
      <button type="button" onClick={() => void downloadPng()} disabled={!drawn || png.kind === "working"} aria-label={`Download PNG of ${label}`}>
        {png.kind === "working" ? "Making PNG…" : "Download PNG"}
      </button>
      {png.kind === "error" && <p role="alert">{png.message}</p>}
    </figure>
  );
}
