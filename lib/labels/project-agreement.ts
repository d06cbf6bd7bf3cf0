import { computeAgreement, NO_GOLD, type AgreementReport } from "./agreement";

/** A project's current label answers and gold labels, as the store reads them. */
export interface ProjectRatingsInput {
  labels: readonly string[];
  annotators: readonly { id: string; name: string }[];
  ratings: readonly { itemSeq: number; userId: string; labels: readonly string[] }[];
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
  const annIndex = new Map(input.annotators.map((a, i) => [a.id, i]));
  const labelIndex = new Map(input.labels.map((l, i) => [l, i]));
  const rows = input.ratings.filter((r) => annIndex.has(r.userId));
  const base = { labelCount: input.labels.length, annotatorCount: input.annotators.length, itemCount: input.itemCount };
  const item = Int32Array.from(rows, (r) => r.itemSeq - 1);
  const annotator = Int32Array.from(rows, (r) => annIndex.get(r.userId) as number);
  const bootstrap = resamples > 0 ? { resamples, seed: 1, level: 0.95 } : undefined;

  if (!multiLabel) {
    const label = Int32Array.from(rows, (r) => labelIndex.get(r.labels[0]) ?? -1);
    const gold = new Int32Array(input.itemCount).fill(NO_GOLD);
    for (const g of input.gold) if (g.labels.length === 1 && labelIndex.has(g.labels[0])) gold[g.itemSeq - 1] = labelIndex.get(g.labels[0]) as number;
    const report = computeAgreement({ ...base, item, annotator, label }, { gold, bootstrap });
    return { snapshotId: input.snapshotId, labels: [...input.labels], annotators: input.annotators.map((a) => a.name), report, perLabelBinary: null, computeMs: performance.now() - t0 };
  }
  const perLabelBinary = input.labels.map((name) => {
    const label = Int32Array.from(rows, (r) => (r.labels.includes(name) ? 1 : 0));
    const gold = new Int32Array(input.itemCount).fill(NO_GOLD);
    for (const g of input.gold) gold[g.itemSeq - 1] = g.labels.includes(name) ? 1 : 0;
    return { label: name, report: computeAgreement({ ...base, labelCount: 2, item, annotator, label }, { gold, bootstrap: bootstrap && { ...bootstrap, resamples: Math.min(resamples, 200) } }) };
  });
  return { snapshotId: input.snapshotId, labels: [...input.labels], annotators: input.annotators.map((a) => a.name), report: null, perLabelBinary, computeMs: performance.now() - t0 };
}
