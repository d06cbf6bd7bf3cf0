import type { AnnotationKind } from "@/lib/api/labels";

/** An annotator's current say on an item. */
export interface CurrentVote {
  kind: AnnotationKind;
  labels: readonly string[];
}

export interface ItemTally {
  /** Annotations that fill a slot: label and ambiguous (skip and retract do not). */
  filled: number;
  /** Per label, how many label annotations chose it. */
  votes: Record<string, number>;
  /** Most chosen label's count / label annotations; null with fewer than two label annotations. */
  topShare: number | null;
  /** Every label annotation chose the same label set (and there are at least two). */
  unanimous: boolean;
  /** Label annotations disagree, or someone marked the item ambiguous, with at least two answers. */
  disagreement: boolean;
  /** The label set chosen by every label annotation when unanimous. */
  unanimousLabels: string[] | null;
}

/**
 * Counts an item's current annotations. Multi-label choices count each label
 * once per annotator; unanimity compares whole label sets.
 */
export function tallyItem(current: readonly CurrentVote[]): ItemTally {
  const votes: Record<string, number> = {};
  let filled = 0;
  let labelAnswers = 0;
  let ambiguous = 0;
  const sets = new Set<string>();
  for (const c of current) {
    if (c.kind === "label" || c.kind === "ambiguous") filled++;
    if (c.kind === "ambiguous") ambiguous++;
    if (c.kind !== "label") continue;
    labelAnswers++;
    const sorted = [...c.labels].sort();
    sets.add(JSON.stringify(sorted));
    for (const l of sorted) votes[l] = (votes[l] ?? 0) + 1;
  }
  const top = Object.values(votes).reduce((m, v) => Math.max(m, v), 0);
  const topShare = labelAnswers >= 2 ? top / labelAnswers : null;
  const unanimous = labelAnswers >= 2 && ambiguous === 0 && sets.size === 1;
  return {
    filled,
    votes,
    topShare,
    unanimous,
    disagreement: filled >= 2 && !unanimous,
    unanimousLabels: unanimous ? (JSON.parse([...sets][0]) as string[]) : null,
  };
}
