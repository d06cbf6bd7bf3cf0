import { MAX_LABELS, type LabelChange } from "@/lib/api/labels";

/** What a label-set change does, decided without the database: the new set and each old label's fate. */

export class LabelChangeError extends Error {
  override readonly name = "LabelChangeError";
}

export interface LabelChangePlan {
  labels: string[];
  /** Old labels the change touches. */
  touched: Set<string>;
  /** For rename and merge: the new name of each touched label. Null for split: answers are withdrawn. */
  map: Map<string, string> | null;
}

export function planLabelChange(current: readonly string[], change: LabelChange): LabelChangePlan {
  const has = (l: string) => current.includes(l);
  const need = (l: string) => {
    if (!has(l)) throw new LabelChangeError(`label not in the schema: "${l}" (labels: ${current.join(", ")})`);
  };
  let plan: LabelChangePlan;
  switch (change.kind) {
    case "add":
      if (has(change.label)) throw new LabelChangeError(`label already exists: "${change.label}"`);
      plan = { labels: [...current, change.label], touched: new Set(), map: new Map() };
      break;
    case "rename":
      need(change.from);
      if (has(change.to)) throw new LabelChangeError(`label already exists: "${change.to}"; merge instead`);
      plan = { labels: current.map((l) => (l === change.from ? change.to : l)), touched: new Set([change.from]), map: new Map([[change.from, change.to]]) };
      break;
    case "merge": {
      change.from.forEach(need);
      if (new Set(change.from).size !== change.from.length) throw new LabelChangeError("merge: a label is listed twice");
      // Into a label outside `from`: that label keeps its place. Otherwise `to`
      // takes the place of the first merged label.
      const first = current.findIndex((l) => change.from.includes(l));
      const labels =
        has(change.to) && !change.from.includes(change.to)
          ? current.filter((l) => !change.from.includes(l))
          : current.flatMap((l, i) => (!change.from.includes(l) ? [l] : i === first ? [change.to] : []));
      plan = { labels, touched: new Set(change.from), map: new Map(change.from.map((f) => [f, change.to])) };
      break;
    }
    case "split": {
      need(change.from);
      const clash = change.into.find((l) => has(l) && l !== change.from);
      if (clash) throw new LabelChangeError(`label already exists: "${clash}"`);
      if (new Set(change.into).size !== change.into.length) throw new LabelChangeError("split: a new label is listed twice");
      plan = { labels: current.flatMap((l) => (l === change.from ? change.into : [l])), touched: new Set([change.from]), map: null };
      break;
    }
  }
  if (plan.labels.length > MAX_LABELS) throw new LabelChangeError(`too many labels: ${plan.labels.length} (at most ${MAX_LABELS})`);
  return plan;
}

/** The labels an answer holds after a rename or merge (deduplicated, order kept). */
export function mapLabels(labels: readonly string[], map: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const l of labels) {
    const m = map.get(l) ?? l;
    if (!out.includes(m)) out.push(m);
  }
  return out;
}
