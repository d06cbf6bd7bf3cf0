"use client";

import { useEffect, useRef } from "react";
import type { MonitoringReport } from "@/lib/serve/monitor";

type Plot = typeof import("@observablehq/plot");

/** One Observable Plot chart, drawn into its own labelled box. */
function Chart({ label, draw }: { label: string; draw: (Plot: Plot, width: number) => SVGSVGElement | HTMLElement }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("@observablehq/plot").then((Plot) => {
      if (!cancelled && ref.current) ref.current.replaceChildren(draw(Plot, Math.min(760, ref.current.clientWidth || 760)));
    });
    return () => {
      cancelled = true;
    };
  }, [draw]);
  return <div ref={ref} className="chart" role="img" aria-label={label} />;
}

/** Latency, throughput, errors, predictions and the online metric per time bucket. */
export function MonitorCharts({ report }: { report: MonitoringReport }) {
  const at = (b: { start: string }) => new Date(b.start);
  const busy = report.buckets.filter((b) => b.requests > 0);
  const latency = busy.flatMap((b) => (["p50", "p95", "p99"] as const).flatMap((q) => (b[q] === null ? [] : [{ at: at(b), ms: b[q], quantile: q }])));
  const classes = report.buckets.flatMap((b) => Object.entries(b.classes).map(([label, share]) => ({ at: at(b), share, label })));
  const online = report.buckets.filter((b) => b.online !== null).map((b) => ({ at: at(b), value: b.online }));
  const offline = report.versions.find((v) => v.version === report.champion)?.offline ?? null;
  const x = { type: "time" as const, label: null, domain: [new Date(report.window.since), new Date(report.window.until)] };
  return (
    <section aria-labelledby="charts-heading">
      <h2 id="charts-heading">Over time</h2>
      <Chart
        label="Latency percentiles over time"
        draw={(Plot, width) =>
          Plot.plot({ width, height: 200, x, y: { label: "latency (ms)", grid: true }, color: { legend: true }, marks: [Plot.lineY(latency, { x: "at", y: "ms", stroke: "quantile", marker: "dot", tip: true })] })
        }
      />
      <Chart
        label="Throughput over time"
        draw={(Plot, width) => Plot.plot({ width, height: 160, x, y: { label: "requests/s", grid: true }, marks: [Plot.rectY(report.buckets, { x1: (b) => at(b), x2: (b) => new Date(Date.parse(b.start) + report.window.bucketMs), y: "perSecond", tip: true }), Plot.ruleY([0])] })}
      />
      <Chart
        label="Error rate over time"
        draw={(Plot, width) => Plot.plot({ width, height: 140, x, y: { label: "error rate", percent: true, grid: true }, marks: [Plot.lineY(busy, { x: at, y: "errorRate", marker: "dot", stroke: "#9b1c1c", tip: true }), Plot.ruleY([0])] })}
      />
      {report.task === "classification" ? (
        <Chart
          label="Predicted classes over time"
          draw={(Plot, width) => Plot.plot({ width, height: 200, x, y: { label: "share of predictions", percent: true }, color: { legend: true }, marks: [Plot.rectY(classes, { x1: "at", x2: (d) => new Date(d.at.getTime() + report.window.bucketMs), y: "share", fill: "label", tip: true })] })}
        />
      ) : (
        <Chart
          label="Mean predicted value over time"
          draw={(Plot, width) => Plot.plot({ width, height: 180, x, y: { label: "mean prediction", grid: true }, marks: [Plot.lineY(busy.filter((b) => b.meanValue !== null), { x: at, y: "meanValue", marker: "dot", tip: true })] })}
        />
      )}
      <Chart
        label={`Online ${report.task === "regression" ? "RMSE" : "accuracy"} over time, with the offline test value`}
        draw={(Plot, width) =>
          Plot.plot({
            width,
            height: 180,
            x,
            y: { label: report.task === "regression" ? "RMSE" : "accuracy", grid: true, ...(report.task === "regression" ? {} : { percent: true }) },
            marks: [Plot.lineY(online, { x: "at", y: "value", marker: "dot", tip: true }), ...(offline === null ? [] : [Plot.ruleY([offline], { stroke: "#888", strokeDasharray: "4 3" }), Plot.text([offline], { y: (d) => d, frameAnchor: "right", dy: -6, text: () => "offline test" })])],
          })
        }
      />
    </section>
  );
}
