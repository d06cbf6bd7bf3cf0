import type { AnnotationKind, MyHistoryEntry, Progress, QueueItem } from "@/lib/api/labels";
import { ANNOTATION_COLUMNS, iso, json, projectNotFound, requireProjectId, toAnnotation, type AnnotationRow, type Json } from "./label-rows";
import { getProject } from "./label-projects-sql";
import type { SqlDatabase, SqlExecutor } from "./sql";

/**
 * How long a served item keeps its slot for the labeler, in seconds. Short,
 * so an abandoned tab frees its items quickly; long enough to read
 * guidelines on a hard item. A submit after expiry still succeeds when the
 * slot is free (see submit), so expiry never loses work on its own.
 */
export const LEASE_SECONDS = 300;

interface ItemRow {
  seq: number;
  item_key: string;
  data: Json<QueueItem["data"]>;
  expires_at: Date | string;
}

/**
 * Leases up to `count` items for the user. Held leases come back first (a
 * reload shows the same item), then open slots, least-covered first (fewest
 * filled slots, then load order). An item is open for this user when it has
 * no gold label, the user has not answered it, and its filled slots plus
 * other labelers' live leases stay under its target.
 *
 * The project row lock puts a project's queue requests in a line, so each
 * sees the leases the one before it took (PostgreSQL re-reads committed rows
 * per statement), and no slot is leased twice. Four statements: drop
 * expired leases and this user's leases on items that no longer need them
 * (answered, adjudicated, imported), take new leases up to `count`, then
 * renew all of the user's leases and read their items in one go.
 */
export async function nextItems(db: SqlDatabase, projectId: string, userId: string, count: number): Promise<QueueItem[]> {
  const pid = requireProjectId(projectId);
  return db.transaction(async (tx) => {
    const project = await tx.query<{ blind: boolean }>("SELECT blind FROM label_projects WHERE id = $1 FOR UPDATE", [pid]);
    if (project.rows.length === 0) throw projectNotFound(projectId);
    await tx.query(
      `DELETE FROM label_leases l WHERE l.project_id = $1 AND (l.expires_at < clock_timestamp() OR (l.user_id = $2 AND EXISTS (
         SELECT 1 FROM label_items i WHERE i.project_id = $1 AND i.seq = l.item_seq AND (i.gold IS NOT NULL OR i.gold_excluded OR EXISTS (
           SELECT 1 FROM current_annotations c WHERE c.project_id = $1 AND c.item_seq = l.item_seq AND c.user_id = $2 AND c.kind <> 'retract')))))`,
      [pid, userId],
    );
    await tx.query(
      `INSERT INTO label_leases (project_id, item_seq, user_id, expires_at)
       SELECT $1, i.seq, $2, clock_timestamp() + make_interval(secs => $4)
       FROM (
         SELECT i.seq FROM label_items i
         WHERE i.project_id = $1 AND i.labeled < i.target AND i.gold IS NULL AND NOT i.gold_excluded
           AND NOT EXISTS (SELECT 1 FROM current_annotations c WHERE c.project_id = $1 AND c.item_seq = i.seq AND c.user_id = $2 AND c.kind <> 'retract')
           AND NOT EXISTS (SELECT 1 FROM label_leases l WHERE l.project_id = $1 AND l.item_seq = i.seq AND l.user_id = $2)
           AND i.labeled + (SELECT count(*) FROM label_leases l WHERE l.project_id = $1 AND l.item_seq = i.seq) < i.target
         ORDER BY i.labeled, i.seq
         LIMIT greatest(0, $3 - (SELECT count(*) FROM label_leases WHERE project_id = $1 AND user_id = $2))
         FOR UPDATE SKIP LOCKED
       ) i
       ON CONFLICT DO NOTHING`,
      [pid, userId, count, LEASE_SECONDS],
    );
    const { rows } = await tx.query<ItemRow & { labeled: number }>(
      `UPDATE label_leases l SET expires_at = clock_timestamp() + make_interval(secs => $3)
       FROM label_items i
       WHERE l.project_id = $1 AND l.user_id = $2 AND i.project_id = l.project_id AND i.seq = l.item_seq
       RETURNING i.seq, i.item_key, i.data, l.expires_at, i.labeled`,
      [pid, userId, LEASE_SECONDS],
    );
    const items: QueueItem[] = rows
      .sort((a, b) => Number(a.labeled) - Number(b.labeled) || Number(a.seq) - Number(b.seq))
      .slice(0, count)
      .map((r) => ({ seq: Number(r.seq), key: r.item_key, data: json(r.data), leaseExpiresAt: iso(r.expires_at) }));
    if (!project.rows[0].blind && items.length > 0) {
      const others = await tx.query<{ item_seq: number; user_name: string; kind: AnnotationKind; labels: Json<string[]> }>(
        `SELECT c.item_seq, u.display_name AS user_name, c.kind, c.labels FROM current_annotations c JOIN users u ON u.id = c.user_id
         WHERE c.project_id = $1 AND c.item_seq = ANY($2::int[]) AND c.user_id <> $3 AND c.kind IN ('label', 'ambiguous')
         ORDER BY u.display_name`,
        [pid, items.map((i) => i.seq), userId],
      );
      for (const item of items) {
        item.others = others.rows
          .filter((o) => Number(o.item_seq) === item.seq)
          .map((o) => ({ userName: o.user_name, kind: o.kind, labels: json(o.labels) }));
      }
    }
    return items;
  });
}

export async function progress(db: SqlExecutor, projectId: string, userId: string): Promise<Progress> {
  const pid = requireProjectId(projectId);
  const project = await getProject(db, pid);
  const { rows } = await db.query<{ slots_total: string; slots_filled: string; gold: string; needs_review: string }>(
    `SELECT coalesce(sum(target), 0) AS slots_total, coalesce(sum(least(labeled, target)), 0) AS slots_filled,
       count(*) FILTER (WHERE gold IS NOT NULL OR gold_excluded) AS gold, count(*) FILTER (WHERE needs_review) AS needs_review
     FROM label_items WHERE project_id = $1`,
    [pid],
  );
  const mine = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM current_annotations WHERE project_id = $1 AND user_id = $2 AND kind IN ('label', 'ambiguous')",
    [pid, userId],
  );
  const r = rows[0];
  return {
    items: project.itemCount,
    slotsTotal: Number(r.slots_total),
    slotsFilled: Number(r.slots_filled),
    mine: Number(mine.rows[0].n),
    gold: Number(r.gold),
    needsReview: Number(r.needs_review),
  };
}

export async function myHistory(
  db: SqlExecutor,
  projectId: string,
  userId: string,
  options: { before?: number; limit: number },
): Promise<MyHistoryEntry[]> {
  const pid = requireProjectId(projectId);
  await getProject(db, pid);
  const { rows } = await db.query<AnnotationRow & { item_key: string; data: Json<MyHistoryEntry["data"]> }>(
    `SELECT ${ANNOTATION_COLUMNS}, i.item_key, i.data
     FROM current_annotations c
     JOIN annotations a ON a.id = c.annotation_id
     JOIN users u ON u.id = a.user_id
     JOIN label_items i ON i.project_id = c.project_id AND i.seq = c.item_seq
     WHERE c.project_id = $1 AND c.user_id = $2 AND ($3::bigint IS NULL OR c.annotation_id < $3)
     ORDER BY c.annotation_id DESC LIMIT $4`,
    [pid, userId, options.before ?? null, options.limit],
  );
  return rows.map((r) => ({ seq: Number(r.item_seq), key: r.item_key, data: json(r.data), annotation: toAnnotation(r) }));
}
