"use client";

import { useEffect, useRef, useState } from "react";
import type { CurvePoint } from "@/lib/runs/compare";

export type CurveKey = `${"train" | "validation"}-${"loss" | "metric"}`;

/** Every compared run's learning curve on one chart, for the split and measure chosen. */
export function CompareCurves({ series, metricName }: { series: Record<CurveKey, CurvePoint[]>; metricName: string }) {
  const [key, setKey] = useState<CurveKey>("validation-loss");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("@observablehq/plot").then((Plot) => {
      if (cancelled || !ref.current) return;
      const data = series[key];
      ref.current.replaceChildren(
        Plot.plot({
          width: Math.min(760, ref.current.clientWidth || 760),
          height: 260,
          x: { label: "epoch" },
          y: { label: key.endsWith("loss") ? "loss" : metricName, grid: true },
          color: { legend: true },
          marks: [Plot.lineY(data, { x: "epoch", y: "value", stroke: "run", z: "run" }), Plot.dot(data, { x: "epoch", y: "value", stroke: "run", r: 1.5, tip: true })],
        }),
      );
    });
    return () => {
      cancelled = true;
    };
  }, [key, series, metricName]);
  return (
    <section aria-label="Learning curves">
      <label>
        Curve
        <select aria-label="Curve" value={key} onChange={(e) => setKey(e.target.value as CurveKey)}>
          <option value="validation-loss">validation loss</option>
          <option value="train-loss">train loss</option>
          <option value="validation-metric">validation {metricName}</option>
          <option value="train-metric">train {metricName}</option>
        </select>
      </label>
      <div ref={ref} className="chart" role="img" aria-label="Overlaid learning curves" />
    </section>
  );
}
