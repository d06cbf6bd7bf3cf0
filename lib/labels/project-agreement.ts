import { computeAgreement, NO_GOLD, type AgreementReport } from "./agreement";

/** A project's current label answers and gold labels, as the store reads them (see ProjectRatings). */
export interface ProjectRatingsInput {
  labels: readonly string[];
  annotators: readonly { id: string; name: string }[];
  itemSeq: Int32Array;
  annotator: Int32Array;
  /** Label index per answer; −1 for a multi-label answer. */
  label: Int32Array;
  labelSets: readonly (readonly string[])[] | null;
  gold: readonly { itemSeq: number; labels: readonly string[] }[];
  itemCount: number;
  snapshotId: string;
}

export interface ProjectAgreement {
  snapshotId: string;
  /** Label names by the report's label index. */
  labels: string[];
  /** Annotator names by the report's annotator index. */
  annotators: string[];
  /** Null for multi-label projects, which get one report per label instead. */
  report: AgreementReport | null;
  /** Multi-label: each label as a present / absent rating. */
  perLabelBinary: { label: string; report: AgreementReport }[] | null;
  computeMs: number;
}

/**
 * Agreement for a project: items are numbered by seq − 1, annotators by
 * their order in `annotators`, labels by the label set. Single-label answers
 * give one nominal report with seeded bootstrap intervals; multi-label
 * answers give, per label, a binary report (chose it or not) over the items
 * each annotator answered.
 */
export function projectAgreement(input: ProjectRatingsInput, resamples = 1000, multiLabel = false): ProjectAgreement {
  const t0 = performance.now();
  const labelIndex = new Map(input.labels.map((l, i) => [l, i]));
  const base = { labelCount: input.labels.length, annotatorCount: input.annotators.length, itemCount: input.itemCount };
  // An answer whose label left the schema without migrating (it should not
  // happen) is left out rather than failing the whole report.
  const keep = [...input.label.keys()].filter((i) => multiLabel || input.label[i] >= 0);
  const all = keep.length === input.label.length;
  const item = Int32Array.from(keep, (i) => input.itemSeq[i] - 1);
  const annotator = all ? input.annotator : Int32Array.from(keep, (i) => input.annotator[i]);
  const bootstrap = resamples > 0 ? { resamples, seed: 1, level: 0.95 } : undefined;

  if (!multiLabel) {
    const label = all ? input.label : Int32Array.from(keep, (i) => input.label[i]);
    const gold = new Int32Array(input.itemCount).fill(NO_GOLD);
    for (const g of input.gold) if (g.labels.length === 1 && labelIndex.has(g.labels[0])) gold[g.itemSeq - 1] = labelIndex.get(g.labels[0]) as number;
    const report = computeAgreement({ ...base, item, annotator, label }, { gold, bootstrap });
    return { snapshotId: input.snapshotId, labels: [...input.labels], annotators: input.annotators.map((a) => a.name), report, perLabelBinary: null, computeMs: performance.now() - t0 };
  }
  const perLabelBinary = input.labels.map((name) => {
    const sets = input.labelSets ?? [];
    const label = Int32Array.from(sets, (set) => (set.includes(name) ? 1 : 0));
    const gold = new Int32Array(input.itemCount).fill(NO_GOLD);
    for (const g of input.gold) gold[g.itemSeq - 1] = g.labels.includes(name) ? 1 : 0;
    return { label: name, report: computeAgreement({ ...base, labelCount: 2, item, annotator, label }, { gold, bootstrap: bootstrap && { ...bootstrap, resamples: Math.min(resamples, 200) } }) };
  });
  return { snapshotId: input.snapshotId, labels: [...input.labels], annotators: input.annotators.map((a) => a.name), report: null, perLabelBinary, computeMs: performance.now() - t0 };
}
