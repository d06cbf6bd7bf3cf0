import { iso, json, type Json } from "./label-rows";
import { getProject } from "./label-projects-sql";
import { beginSnapshotRead, snapshotId as readSnapshotId } from "./label-snapshot-sql";
import type { LabelExport } from "./labels";
import type { SqlDatabase } from "./sql";

/**
 * Raw annotations (each annotator's current answer per item) or gold labels
 * (each item's latest adjudication), read in one transaction with the
 * snapshot id they belong to; every row carries it, so a table built from an
 * export still says which labels it holds.
 */
export async function exportLabels(db: SqlDatabase, projectId: string, what: "raw" | "gold"): Promise<LabelExport> {
  return db.transaction(async (tx) => {
    await beginSnapshotRead(tx);
    const project = await getProject(tx, projectId);
    const snapshotId = await readSnapshotId(tx, project.id);
    if (what === "raw") {
      const { rows } = await tx.query<{
        item_key: string;
        item_seq: number;
        username: string;
        display_name: string;
        kind: string;
        labels: Json<string[]>;
        reason: string;
        version: number;
        duration_ms: number;
        created_at: Date | string;
      }>(
        `SELECT i.item_key, a.item_seq, u.username, u.display_name, a.kind, a.labels, a.reason, a.version, a.duration_ms, a.created_at
         FROM current_annotations c
         JOIN annotations a ON a.id = c.annotation_id
         JOIN users u ON u.id = a.user_id
         JOIN label_items i ON i.project_id = c.project_id AND i.seq = c.item_seq
         WHERE c.project_id = $1 AND c.kind <> 'retract'
         ORDER BY a.item_seq, u.username`,
        [project.id],
      );
      return {
        snapshotId,
        projectName: project.name,
        rows: rows.map((r) => ({
          item_id: r.item_key,
          item_seq: Number(r.item_seq),
          annotator: r.username,
          annotator_name: r.display_name,
          kind: r.kind,
          label: json(r.labels).join("|"),
          reason: r.reason,
          version: Number(r.version),
          duration_ms: Number(r.duration_ms),
          created_at: iso(r.created_at),
          label_snapshot: snapshotId,
        })),
      };
    }
    const { rows } = await tx.query<{
      item_key: string;
      item_seq: number;
      labels: Json<string[]>;
      excluded: boolean;
      reviewer: string | null;
      reason: string;
      version: number;
      created_at: Date | string;
    }>(
      `SELECT i.item_key, j.item_seq, j.labels, j.excluded, u.username AS reviewer, j.reason, j.version, j.created_at
       FROM label_items i
       JOIN adjudications j ON j.project_id = i.project_id AND j.item_seq = i.seq AND j.version = i.gold_version
       LEFT JOIN users u ON u.id = j.reviewer_id
       WHERE i.project_id = $1 AND (i.gold IS NOT NULL OR i.gold_excluded)
       ORDER BY i.seq`,
      [project.id],
    );
    return {
      snapshotId,
      projectName: project.name,
      rows: rows.map((r) => ({
        item_id: r.item_key,
        item_seq: Number(r.item_seq),
        label: json(r.labels).join("|"),
        excluded: r.excluded,
        reviewer: r.reviewer ?? "(automatic: unanimous)",
        reason: r.reason,
        version: Number(r.version),
        created_at: iso(r.created_at),
        label_snapshot: snapshotId,
      })),
    };
  });
}
