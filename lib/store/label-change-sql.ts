import type { LabelChange, LabelChangeResult } from "@/lib/api/labels";
import { LabelChangeError, mapLabels, planLabelChange } from "@/lib/labels/label-change";
import { json, type Json } from "./label-rows";
import { getProject } from "./label-projects-sql";
import { refreshItems } from "./label-refresh-sql";
import type { SqlDatabase } from "./sql";
import { StoreError } from "./store-error";

/**
 * Changes the label set and migrates what referred to the old labels, in one
 * transaction, recording the change in label_schema_changes. Nothing is
 * overwritten: each affected answer gets a new version pointing at the
 * change (rename and merge map its labels; split withdraws it with a
 * retract so the item returns to that annotator's queue), and each affected
 * gold label gets a new adjudication version (withdrawn on split, which
 * sends the item back to labeling). Untouched items are not requeued.
 */
export async function changeLabels(db: SqlDatabase, projectId: string, userId: string, change: LabelChange): Promise<LabelChangeResult> {
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "update");
    let plan;
    try {
      plan = planLabelChange(project.labels, change);
    } catch (e) {
      if (e instanceof LabelChangeError) throw new StoreError("invalid", e.message, "labels");
      throw e;
    }
    const touched = [...plan.touched];
    const answers = await tx.query<{ item_seq: number; user_id: string; version: number; kind: string; labels: Json<string[]> }>(
      `SELECT c.item_seq, c.user_id, a.version, c.kind, c.labels FROM current_annotations c JOIN annotations a ON a.id = c.annotation_id
       WHERE c.project_id = $1 AND c.kind IN ('label', 'ambiguous')
         AND EXISTS (SELECT 1 FROM json_array_elements_text(c.labels) l WHERE l = ANY($2::text[]))`,
      [project.id, touched],
    );
    const golds = await tx.query<{ seq: number; gold: Json<string[]>; gold_version: number }>(
      `SELECT seq, gold, gold_version FROM label_items
       WHERE project_id = $1 AND gold IS NOT NULL AND EXISTS (SELECT 1 FROM json_array_elements_text(gold) l WHERE l = ANY($2::text[]))`,
      [project.id, touched],
    );
    const affected = new Set([...answers.rows.map((r) => Number(r.item_seq)), ...golds.rows.map((g) => Number(g.seq))]);
    const recorded = await tx.query<{ id: string }>(
      `INSERT INTO label_schema_changes (project_id, kind, detail, user_id, affected_items) VALUES ($1, $2, $3::json, $4, $5) RETURNING id`,
      [project.id, change.kind, JSON.stringify({ ...change, before: project.labels, after: plan.labels }), userId, affected.size],
    );
    const changeId = Number(recorded.rows[0].id);
    const why = describe(change);
    const map = plan.map;

    if (answers.rows.length > 0) {
      const versions = answers.rows.map((r) => ({
        seq: Number(r.item_seq),
        user: r.user_id,
        version: Number(r.version) + 1,
        kind: map ? r.kind : "retract",
        labels: map ? mapLabels(json(r.labels), map) : [],
      }));
      await tx.query(
        `WITH ins AS (
           INSERT INTO annotations (project_id, item_seq, user_id, version, kind, labels, reason, schema_change_id)
           SELECT $1, x.seq, x.user::uuid, x.version, x.kind, x.labels, $3, $4
           FROM json_to_recordset($2::json) AS x(seq int, "user" text, version int, kind text, labels json)
           RETURNING id, item_seq, user_id, kind, labels
         )
         UPDATE current_annotations c SET annotation_id = ins.id, kind = ins.kind, labels = ins.labels
         FROM ins WHERE c.project_id = $1 AND c.item_seq = ins.item_seq AND c.user_id = ins.user_id`,
        [project.id, JSON.stringify(versions), why, changeId],
      );
    }
    if (golds.rows.length > 0) {
      const versions = golds.rows.map((g) => ({
        seq: Number(g.seq),
        version: Number(g.gold_version) + 1,
        // An empty, not-excluded adjudication withdraws the gold label.
        labels: map ? mapLabels(json(g.gold), map) : [],
      }));
      const payload = JSON.stringify(versions);
      await tx.query(
        `INSERT INTO adjudications (project_id, item_seq, version, reviewer_id, labels, excluded, reason, schema_change_id)
         SELECT $1, x.seq, x.version, $3, x.labels, false, $4, $5 FROM json_to_recordset($2::json) AS x(seq int, version int, labels json)`,
        [project.id, payload, userId, why, changeId],
      );
      await tx.query(
        `UPDATE label_items i SET gold = CASE WHEN json_array_length(x.labels) = 0 THEN NULL ELSE x.labels END,
           gold_auto = gold_auto AND json_array_length(x.labels) > 0, gold_version = x.version
         FROM json_to_recordset($2::json) AS x(seq int, version int, labels json) WHERE i.project_id = $1 AND i.seq = x.seq`,
        [project.id, payload],
      );
    }
    await tx.query("UPDATE label_projects SET labels = $2::json, revision = revision + 1 WHERE id = $1", [project.id, JSON.stringify(plan.labels)]);
    const updated = await getProject(tx, project.id);
    await refreshItems(tx, updated, [...affected]);
    const requeued = map ? 0 : affected.size;
    return { project: updated, changeId, affectedItems: affected.size, requeuedItems: requeued };
  });
}

function describe(change: LabelChange): string {
  switch (change.kind) {
    case "add":
      return `label "${change.label}" added`;
    case "rename":
      return `label "${change.from}" renamed to "${change.to}"`;
    case "merge":
      return `labels ${change.from.map((l) => `"${l}"`).join(", ")} merged into "${change.to}"`;
    case "split":
      return `label "${change.from}" split into ${change.into.map((l) => `"${l}"`).join(", ")}; answer again`;
  }
}
