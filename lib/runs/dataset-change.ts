/**
 * Whether the data a run trained on has changed since: the run recorded its
 * table's version and fingerprint; the browser knows the versions loaded
 * now. Compared by fingerprint, so reloading the same bytes is no change.
 */
export interface RecordedDataset {
  name: string;
  version: number | null;
  fingerprint: string | null;
}

export interface LoadedVersion {
  name: string;
  version: number;
  fingerprint: string;
}

export type DatasetChange =
  | { kind: "unknown"; message: string }
  | { kind: "same"; message: string }
  | { kind: "changed"; message: string; current: LoadedVersion }
  | { kind: "missing"; message: string };

export function datasetChange(ran: RecordedDataset, loaded: readonly LoadedVersion[]): DatasetChange {
  if (ran.fingerprint === null || ran.version === null) return { kind: "unknown", message: "This run read a query, not one loaded table, so whether its data changed is not known." };
  const versions = loaded.filter((v) => v.name === ran.name).sort((a, b) => b.version - a.version);
  const newest = versions[0];
  if (!newest) return { kind: "missing", message: `Table ${ran.name} is not loaded in this browser, so whether it changed is not known here.` };
  if (newest.fingerprint === ran.fingerprint) return { kind: "same", message: `Trained on the current data: ${ran.name} version ${newest.version}.` };
  return {
    kind: "changed",
    current: newest,
    message: `The dataset changed since this run: it trained on ${ran.name} version ${ran.version}; version ${newest.version} is current. Re-run trains on the current version.`,
  };
}
