import type { AdjudicateRequest, Adjudication, ItemComment, ItemHistory, ReviewItem } from "@/lib/api/labels";
import {
  ADJUDICATION_COLUMNS,
  ANNOTATION_COLUMNS,
  iso,
  itemNotFound,
  json,
  toAdjudication,
  toAnnotation,
  type AdjudicationRow,
  type AnnotationRow,
  type Json,
} from "./label-rows";
import { getProject } from "./label-projects-sql";
import { lockItem } from "./label-submit-sql";
import { labelSetProblem } from "@/lib/labels/label-rules";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";

/** Reviewing: the review queue (disagreements and flagged items), adjudication, item history and comments. */

interface ReviewRow {
  seq: number;
  item_key: string;
  data: Json<ReviewItem["data"]>;
  votes: Json<Record<string, number>>;
  top_share: number | null;
  gold_version: number;
  review_reason: string | null;
  flagged_by_name: string | null;
  flagged_at: Date | string | null;
}

/** Flagged items first (someone asked for them), then worst agreement first: the order of label_items_review_idx. */
export async function reviewQueue(db: SqlExecutor, projectId: string, limit: number): Promise<ReviewItem[]> {
  const project = await getProject(db, projectId);
  const { rows } = await db.query<ReviewRow>(
    `SELECT i.seq, i.item_key, i.data, i.votes, i.top_share, i.gold_version, i.review_reason, u.display_name AS flagged_by_name, i.flagged_at
     FROM label_items i LEFT JOIN users u ON u.id = i.flagged_by
     WHERE i.project_id = $1 AND i.needs_review ORDER BY (i.review_reason IS NULL), i.top_share NULLS FIRST, i.seq LIMIT $2`,
    [project.id, limit],
  );
  if (rows.length === 0) return [];
  const seqs = rows.map((r) => Number(r.seq));
  const ann = await db.query<AnnotationRow>(
    `SELECT ${ANNOTATION_COLUMNS} FROM current_annotations c
     JOIN annotations a ON a.id = c.annotation_id JOIN users u ON u.id = a.user_id
     WHERE c.project_id = $1 AND c.item_seq = ANY($2::int[]) AND c.kind IN ('label', 'ambiguous')
     ORDER BY a.item_seq, u.display_name`,
    [project.id, seqs],
  );
  const bySeq = new Map<number, ReviewItem["annotations"]>();
  for (const r of ann.rows) {
    const a = toAnnotation(r);
    bySeq.set(a.itemSeq, [...(bySeq.get(a.itemSeq) ?? []), a]);
  }
  return rows.map((r) => ({
    seq: Number(r.seq),
    key: r.item_key,
    data: json(r.data),
    annotations: bySeq.get(Number(r.seq)) ?? [],
    votes: json(r.votes),
    topShare: r.top_share === null ? null : Math.round(Number(r.top_share) * 1e6) / 1e6,
    goldVersion: Number(r.gold_version),
    flag:
      r.review_reason === null
        ? null
        : { reason: r.review_reason, flaggedBy: r.flagged_by_name, flaggedAt: iso(r.flagged_at ?? new Date(0)) },
  }));
}

/**
 * Appends a gold version. `baseVersion` must be the gold version the reviewer
 * saw, so when two reviewers settle the same item the second gets a conflict
 * naming the first reviewer's decision instead of overwriting it.
 */
export async function adjudicate(
  db: SqlDatabase,
  projectId: string,
  seq: number,
  reviewerId: string,
  req: AdjudicateRequest,
): Promise<Adjudication> {
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "share");
    await lockItem(tx, project.id, seq);
    const problem = labelSetProblem(project.labels, project.multiLabel, req.labels);
    if (problem !== null) throw new StoreError("invalid", problem, "labels");
    if (req.excluded && req.labels.length > 0) throw new StoreError("invalid", "labels: an excluded item carries no gold label", "labels");
    if (!req.excluded && req.labels.length === 0) throw new StoreError("invalid", "labels: pick the gold label, or exclude the item", "labels");
    const { rows } = await tx.query<{ gold_version: number }>("SELECT gold_version FROM label_items WHERE project_id = $1 AND seq = $2", [
      project.id,
      seq,
    ]);
    const current = Number(rows[0].gold_version);
    if (current !== req.baseVersion) {
      const last = await latestAdjudication(tx, project.id, seq);
      const who = last?.reviewerName ?? "automatic adjudication";
      const what = last?.excluded ? "excluded it" : `chose ${last?.labels.join(", ")}`;
      throw new StoreError("conflict", `already adjudicated: ${who} ${what} (version ${current}); reload to see it`, "baseVersion");
    }
    // The decision settles the item's open flag, if any: its reason moves into the decision's history.
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO adjudications (project_id, item_seq, version, reviewer_id, labels, excluded, reason, flag_reason)
       SELECT $1, $2, $3, $4, $5::json, $6, $7, review_reason FROM label_items WHERE project_id = $1 AND seq = $2 RETURNING id`,
      [project.id, seq, current + 1, reviewerId, JSON.stringify(req.labels), req.excluded, req.reason],
    );
    await tx.query(
      `UPDATE label_items SET gold = $3::json, gold_excluded = $4, gold_auto = false, gold_version = $5, needs_review = false,
         review_reason = NULL, flagged_by = NULL, flagged_at = NULL
       WHERE project_id = $1 AND seq = $2`,
      [project.id, seq, req.excluded ? null : JSON.stringify(req.labels), req.excluded, current + 1],
    );
    await tx.query("DELETE FROM label_leases WHERE project_id = $1 AND item_seq = $2", [project.id, seq]);
    const stored = await tx.query<AdjudicationRow>(
      `SELECT ${ADJUDICATION_COLUMNS} FROM adjudications j LEFT JOIN users u ON u.id = j.reviewer_id WHERE j.id = $1`,
      [inserted.rows[0].id],
    );
    return toAdjudication(stored.rows[0]);
  });
}

async function latestAdjudication(db: SqlExecutor, projectId: string, seq: number): Promise<Adjudication | null> {
  const { rows } = await db.query<AdjudicationRow>(
    `SELECT ${ADJUDICATION_COLUMNS} FROM adjudications j LEFT JOIN users u ON u.id = j.reviewer_id
     WHERE j.project_id = $1 AND j.item_seq = $2 ORDER BY j.version DESC LIMIT 1`,
    [projectId, seq],
  );
  return rows.length === 0 ? null : toAdjudication(rows[0]);
}

export async function itemHistory(db: SqlExecutor, projectId: string, seq: number): Promise<ItemHistory> {
  const project = await getProject(db, projectId);
  const item = await db.query<{ seq: number; item_key: string; data: Json<ItemHistory["data"]> }>(
    "SELECT seq, item_key, data FROM label_items WHERE project_id = $1 AND seq = $2",
    [project.id, seq],
  );
  if (item.rows.length === 0) throw itemNotFound(seq);
  const [ann, adj, com] = await Promise.all([
    db.query<AnnotationRow>(
      `SELECT ${ANNOTATION_COLUMNS} FROM annotations a JOIN users u ON u.id = a.user_id
       WHERE a.project_id = $1 AND a.item_seq = $2 ORDER BY a.id`,
      [project.id, seq],
    ),
    db.query<AdjudicationRow>(
      `SELECT ${ADJUDICATION_COLUMNS} FROM adjudications j LEFT JOIN users u ON u.id = j.reviewer_id
       WHERE j.project_id = $1 AND j.item_seq = $2 ORDER BY j.id`,
      [project.id, seq],
    ),
    db.query<CommentRow>(
      `SELECT m.id, u.display_name AS user_name, m.body, m.created_at FROM item_comments m JOIN users u ON u.id = m.user_id
       WHERE m.project_id = $1 AND m.item_seq = $2 ORDER BY m.id`,
      [project.id, seq],
    ),
  ]);
  const r = item.rows[0];
  return {
    seq: Number(r.seq),
    key: r.item_key,
    data: json(r.data),
    annotations: ann.rows.map(toAnnotation),
    adjudications: adj.rows.map(toAdjudication),
    comments: com.rows.map(toComment),
  };
}

interface CommentRow {
  id: string | number;
  user_name: string;
  body: string;
  created_at: Date | string;
}

function toComment(r: CommentRow): ItemComment {
  return { id: Number(r.id), userName: r.user_name, body: r.body, createdAt: iso(r.created_at) };
}

export async function comment(db: SqlDatabase, projectId: string, seq: number, userId: string, body: string): Promise<ItemComment> {
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "share");
    await lockItem(tx, project.id, seq);
    const { rows } = await tx.query<{ id: string }>(
      "INSERT INTO item_comments (project_id, item_seq, user_id, body) VALUES ($1, $2, $3, $4) RETURNING id",
      [project.id, seq, userId, body],
    );
    const stored = await tx.query<CommentRow>(
      "SELECT m.id, u.display_name AS user_name, m.body, m.created_at FROM item_comments m JOIN users u ON u.id = m.user_id WHERE m.id = $1",
      [rows[0].id],
    );
    return toComment(stored.rows[0]);
  });
}
