"use client";

import { TrainCurves } from "@/components/train/TrainCurves";
import type { RunEpoch } from "@/lib/api/runs";
import type { EpochReport } from "@/lib/train/loop";

/** A stored run's loss curves: the train cell's chart over the recorded epochs (a null loss is a split without rows, and is skipped). */
export function RunCurves({ curves, label, metricName }: { curves: RunEpoch[]; label: string; metricName: string }) {
  const asReports = curves.map((c) => ({
    ...c,
    train: { loss: c.train.loss ?? NaN, metric: c.train.metric ?? NaN },
    validation: { loss: c.validation.loss ?? NaN, metric: c.validation.metric ?? NaN },
  })) as EpochReport[];
  return <TrainCurves curves={asReports} label={label} metricName={metricName} />;
}
