"use client";

import { useEffect, useRef } from "react";
import type { EpochReport } from "@/lib/train/loop";

/**
 * Train and validation loss, and the headline metric (accuracy or RMSE),
 * per epoch as Observable Plot lines, redrawn as epochs arrive. Two charts,
 * not facets: loss and accuracy live on different scales.
 */
export function TrainCurves({ curves, label, metricName = "metric" }: { curves: readonly EpochReport[]; label: string; metricName?: string }) {
  const lossRef = useRef<HTMLDivElement>(null);
  const metricRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("@observablehq/plot").then((Plot) => {
      if (cancelled) return;
      const draw = (el: HTMLDivElement | null, measure: "loss" | "metric", yLabel: string) => {
        if (!el) return;
        const data = curves
          .flatMap((c) => [
            { epoch: c.epoch, split: "train", value: c.train[measure] },
            { epoch: c.epoch, split: "validation", value: c.validation[measure] },
          ])
          .filter((d) => Number.isFinite(d.value));
        el.replaceChildren(
          Plot.plot({
            width: Math.min(420, el.clientWidth || 420),
            height: 200,
            x: { label: "epoch" },
            y: { label: yLabel, grid: true },
            color: { legend: true },
            marks: [Plot.lineY(data, { x: "epoch", y: "value", stroke: "split" }), Plot.dot(data, { x: "epoch", y: "value", stroke: "split", r: 1.5 })],
          }),
        );
      };
      draw(lossRef.current, "loss", "loss");
      draw(metricRef.current, "metric", metricName);
    });
    return () => {
      cancelled = true;
    };
  }, [curves, metricName]);
  return (
    <div className="train-curves">
      <div ref={lossRef} className="chart" role="img" aria-label={label} />
      <div ref={metricRef} className="chart" role="img" aria-label={`${label.replace(/^Loss curves/, `${metricName[0].toUpperCase()}${metricName.slice(1)} curves`)}`} />
    </div>
  );
}
