"use client";

import { useEffect, useRef } from "react";
import type { EpochReport } from "@/lib/train/loop";

/** Train and validation loss per epoch as Observable Plot lines, redrawn as epochs arrive. */
export function TrainCurves({ curves, label }: { curves: readonly EpochReport[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("@observablehq/plot").then((Plot) => {
      if (cancelled || !ref.current) return;
      const data = curves.flatMap((c) => [
        { epoch: c.epoch, split: "train", loss: c.train.loss },
        { epoch: c.epoch, split: "validation", loss: c.validation.loss },
      ]).filter((d) => Number.isFinite(d.loss));
      const svg = Plot.plot({
        width: Math.min(640, ref.current.clientWidth || 640),
        height: 220,
        x: { label: "epoch" },
        y: { label: "loss", grid: true },
        color: { legend: true },
        marks: [Plot.lineY(data, { x: "epoch", y: "loss", stroke: "split" }), Plot.dot(data, { x: "epoch", y: "loss", stroke: "split", r: 1.5 })],
      });
      ref.current.replaceChildren(svg);
    });
    return () => {
      cancelled = true;
    };
  }, [curves]);
  return <div ref={ref} className="chart" role="img" aria-label={label} />;
}
