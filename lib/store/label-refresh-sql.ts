import type { AnnotationKind, LabelProject } from "@/lib/api/labels";
import { tallyItem, type CurrentVote } from "@/lib/labels/votes";
import { json, type Json } from "./label-rows";
import type { SqlExecutor } from "./sql";

/** Items per round trip when refreshing many (imports, label schema changes). */
const CHUNK = 10_000;

/**
 * Recomputes items' derived columns (filled slots, votes, agreement share,
 * needs_review) from their current annotations, and gives a unanimous, fully
 * labeled item its gold label when the project adjudicates those
 * automatically. One submit refreshes one item; an import or a label change
 * refreshes thousands, in chunks, with the same rule (tallyItem). Returns the
 * automatic gold labels set now, by item seq.
 */
export async function refreshItems(tx: SqlExecutor, project: LabelProject, seqs: readonly number[]): Promise<Map<number, string[]>> {
  const autoGold = new Map<number, string[]>();
  for (let i = 0; i < seqs.length; i += CHUNK) {
    const chunk = seqs.slice(i, i + CHUNK);
    const current = await tx.query<{ item_seq: number; kind: AnnotationKind; labels: Json<string[]> }>(
      "SELECT item_seq, kind, labels FROM current_annotations WHERE project_id = $1 AND item_seq = ANY($2::int[])",
      [project.id, chunk],
    );
    const votes = new Map<number, CurrentVote[]>();
    for (const r of current.rows) {
      const seq = Number(r.item_seq);
      let list = votes.get(seq);
      if (!list) votes.set(seq, (list = []));
      list.push({ kind: r.kind, labels: json(r.labels) });
    }
    const items = await tx.query<{ seq: number; target: number; settled: boolean; gold_version: number }>(
      "SELECT seq, target, (gold IS NOT NULL OR gold_excluded) AS settled, gold_version FROM label_items WHERE project_id = $1 AND seq = ANY($2::int[])",
      [project.id, chunk],
    );
    const updates = [];
    const golds = [];
    for (const it of items.rows) {
      const seq = Number(it.seq);
      const tally = tallyItem(votes.get(seq) ?? []);
      const gold =
        !it.settled && project.autoAdjudicate && tally.unanimous && tally.filled >= Number(it.target) ? tally.unanimousLabels : null;
      if (gold) {
        autoGold.set(seq, gold);
        golds.push({ seq, version: Number(it.gold_version) + 1, labels: gold });
      }
      updates.push({
        seq,
        labeled: tally.filled,
        votes: tally.votes,
        top_share: tally.topShare,
        needs_review: tally.disagreement && !it.settled && gold === null,
        gold,
      });
    }
    if (golds.length > 0) {
      await tx.query(
        `INSERT INTO adjudications (project_id, item_seq, version, reviewer_id, labels, excluded, reason)
         SELECT $1, x.seq, x.version, NULL, x.labels, false, 'unanimous' FROM json_to_recordset($2::json) AS x(seq int, version int, labels json)`,
        [project.id, JSON.stringify(golds)],
      );
    }
    if (updates.length > 0) {
      await tx.query(
        `UPDATE label_items i SET labeled = x.labeled, votes = x.votes, top_share = x.top_share, needs_review = x.needs_review,
           gold = coalesce(x.gold, i.gold), gold_version = i.gold_version + (CASE WHEN x.gold IS NULL THEN 0 ELSE 1 END)
         FROM json_to_recordset($2::json) AS x(seq int, labeled int, votes json, top_share real, needs_review boolean, gold json)
         WHERE i.project_id = $1 AND i.seq = x.seq`,
        [project.id, JSON.stringify(updates)],
      );
    }
  }
  return autoGold;
}
