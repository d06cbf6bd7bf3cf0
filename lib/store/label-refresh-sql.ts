import type { AnnotationKind, LabelProject } from "@/lib/api/labels";
import { decideItem, sameLabels } from "@/lib/labels/review-rules";
import { tallyItem, type CurrentVote } from "@/lib/labels/votes";
import { json, type Json } from "./label-rows";
import type { SqlExecutor } from "./sql";

/** Items per round trip when refreshing many (imports, label schema changes). */
const CHUNK = 10_000;

interface ItemRow {
  seq: number;
  target: number;
  gold: Json<string[]> | null;
  gold_excluded: boolean;
  gold_auto: boolean;
  gold_version: number;
}

/**
 * Recomputes items' derived columns (filled slots, votes, agreement share,
 * needs_review) from their current answers, and keeps automatic gold labels
 * true to them (review-rules.ts): set when an item becomes unanimous and
 * complete, replaced or withdrawn — as a new adjudication version, never an
 * overwrite — when an answer changes after that. A reviewer's decision is
 * left alone. One submit refreshes one item; an import or a label change
 * refreshes thousands, in chunks. Returns the automatic gold labels set now,
 * by item seq.
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
    const items = await tx.query<ItemRow>(
      "SELECT seq, target, gold, gold_excluded, gold_auto, gold_version FROM label_items WHERE project_id = $1 AND seq = ANY($2::int[])",
      [project.id, chunk],
    );
    const updates = [];
    const decisions = [];
    for (const it of items.rows) {
      const seq = Number(it.seq);
      const tally = tallyItem(votes.get(seq) ?? []);
      const gold = it.gold === null ? null : json(it.gold);
      const reviewed = it.gold_excluded || (gold !== null && !it.gold_auto);
      const d = decideItem(tally, { target: Number(it.target), reviewed, autoGold: it.gold_auto ? gold : null }, project.autoAdjudicate);
      let goldNow = gold;
      let version = Number(it.gold_version);
      if (!reviewed && !sameLabels(d.autoGold, it.gold_auto ? gold : null)) {
        // An empty, not-excluded adjudication withdraws the automatic gold label.
        version += 1;
        goldNow = d.autoGold;
        decisions.push({ seq, version, labels: d.autoGold ?? [], reason: d.autoGold ? "unanimous" : "automatic gold withdrawn: the answers changed" });
        if (d.autoGold) autoGold.set(seq, d.autoGold);
      }
      updates.push({
        seq,
        labeled: tally.filled,
        votes: tally.votes,
        top_share: tally.topShare,
        needs_review: d.needsReview,
        gold: goldNow,
        gold_auto: reviewed ? it.gold_auto : goldNow !== null,
        gold_version: version,
      });
    }
    if (decisions.length > 0) {
      await tx.query(
        `INSERT INTO adjudications (project_id, item_seq, version, reviewer_id, labels, excluded, reason)
         SELECT $1, x.seq, x.version, NULL, x.labels, false, x.reason
         FROM json_to_recordset($2::json) AS x(seq int, version int, labels json, reason text)`,
        [project.id, JSON.stringify(decisions)],
      );
    }
    if (updates.length > 0) {
      await tx.query(
        // An open flag (review_reason, label-flag-sql.ts) keeps the item in review whatever its answers say.
        `UPDATE label_items i SET labeled = x.labeled, votes = x.votes, top_share = x.top_share,
           needs_review = x.needs_review OR i.review_reason IS NOT NULL,
           gold = x.gold, gold_auto = x.gold_auto, gold_version = x.gold_version
         FROM json_to_recordset($2::json)
           AS x(seq int, labeled int, votes json, top_share real, needs_review boolean, gold json, gold_auto boolean, gold_version int)
         WHERE i.project_id = $1 AND i.seq = x.seq`,
        [project.id, JSON.stringify(updates)],
      );
    }
  }
  return autoGold;
}
