"use client";

import { useEffect, useState } from "react";
import { CATALOG_KEY, getValue } from "@/components/data/persist";
import { datasetChange, type DatasetChange, type LoadedVersion, type RecordedDataset } from "@/lib/runs/dataset-change";

/** Whether the table a run trained on has changed in this browser since (the notebook's loaded versions). */
export function DatasetChangeNotice({ dataset }: { dataset: RecordedDataset }) {
  const [change, setChange] = useState<DatasetChange | null>(null);
  useEffect(() => {
    getValue<LoadedVersion[]>(CATALOG_KEY)
      .then((loaded) => setChange(datasetChange(dataset, loaded ?? [])))
      .catch(() => setChange({ kind: "unknown", message: "Browser storage could not be read, so whether the dataset changed is not known." }));
  }, [dataset]);
  if (!change) return null;
  return (
    <p role={change.kind === "changed" ? "alert" : "status"} className={change.kind === "changed" ? "warning" : "hint"}>
      {change.message}
    </p>
  );
}
