import { flagForReviewRequestSchema, type FlagForReviewRequest, type FlagForReviewResult } from "@/lib/api/labels";
import { itemTarget } from "@/lib/labels/overlap";
import { mergeReviewReason } from "@/lib/labels/review-reason";
import { getProject, requireUniqueIds } from "./label-projects-sql";
import type { SqlDatabase } from "./sql";
import { StoreError } from "./store-error";

/**
 * Sends rows to a project's review queue with a reason, for other parts of
 * the app (model monitoring, error analysis). An id already in the project
 * keeps its data, answers and gold label; it gets needs_review and the
 * reason, merged into any open flag (review-reason.ts: nothing sent earlier
 * is lost, and the same reason twice changes nothing). A new id becomes an
 * item as POST …/items would add it (next seqs, per-item targets), flagged
 * from the start. One transaction under the project's row lock, like a
 * load: concurrent flags of the same new id add it once.
 *
 * The request is validated here too, so a server-side caller that skips the
 * route gets the same refusals ("invalid", naming the field). A duplicate id
 * in one batch is a conflict, as in addItems.
 */
export async function flagForReview(db: SqlDatabase, projectId: string, input: FlagForReviewRequest, userId: string): Promise<FlagForReviewResult> {
  const req = parseRequest(input);
  requireUniqueIds(req.items);
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "update");
    const { rows } = await tx.query<{ seq: number; item_key: string; review_reason: string | null; needs_review: boolean }>(
      "SELECT seq, item_key, review_reason, needs_review FROM label_items WHERE project_id = $1 AND item_key = ANY($2::text[])",
      [project.id, req.items.map((i) => i.id)],
    );
    const existing = new Map(rows.map((r) => [r.item_key, r]));
    const changed: { seq: number; reason: string }[] = [];
    const fresh: FlagForReviewRequest["items"] = [];
    for (const item of req.items) {
      const cur = existing.get(item.id);
      if (cur === undefined) {
        fresh.push(item);
        continue;
      }
      const reason = mergeReviewReason(cur.review_reason, item.reason);
      // An open flag that already says this: nothing to write, not even the time.
      if (cur.needs_review && reason === cur.review_reason) continue;
      changed.push({ seq: Number(cur.seq), reason });
    }
    if (changed.length > 0) {
      await tx.query(
        `UPDATE label_items i SET needs_review = true, review_reason = x.reason, flagged_by = $3, flagged_at = clock_timestamp()
         FROM json_to_recordset($2::json) AS x(seq int, reason text)
         WHERE i.project_id = $1 AND i.seq = x.seq`,
        [project.id, JSON.stringify(changed), userId],
      );
    }
    if (fresh.length > 0) {
      const first = project.itemCount + 1;
      const targets = fresh.map((_, i) => itemTarget(first + i, project.annotatorsPerItem, project.overlapShare));
      await tx.query(
        `INSERT INTO label_items (project_id, seq, item_key, data, target, needs_review, review_reason, flagged_by, flagged_at)
         SELECT $1, $2 + e.ord - 1, e.value ->> 'id', e.value -> 'data', t.target, true, e.value ->> 'reason', $5, clock_timestamp()
         FROM json_array_elements($3::json) WITH ORDINALITY AS e(value, ord)
         JOIN unnest($4::smallint[]) WITH ORDINALITY AS t(target, ord) ON t.ord = e.ord`,
        [project.id, first, JSON.stringify(fresh), targets, userId],
      );
      await tx.query("UPDATE label_projects SET item_count = $2, revision = revision + 1 WHERE id = $1", [project.id, project.itemCount + fresh.length]);
    }
    return { flagged: req.items.length - fresh.length, added: fresh.length };
  });
}

function parseRequest(input: FlagForReviewRequest): FlagForReviewRequest {
  const parsed = flagForReviewRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length === 0 ? "body" : issue.path.map(String).join(".");
  throw new StoreError("invalid", `${field}: ${issue.message}`, field);
}
