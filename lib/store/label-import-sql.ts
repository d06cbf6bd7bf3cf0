import type { LabelProject } from "@/lib/api/labels";
import type { GoldImportRow, RawImportRow } from "@/lib/labels/import-rows";
import { labelSetProblem } from "@/lib/labels/label-rules";
import { json, type Json } from "./label-rows";
import { getProject } from "./label-projects-sql";
import { refreshItems } from "./label-refresh-sql";
import type { ImportResult } from "./labels";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";

/**
 * Imports labels all or nothing: every row is checked (item exists, annotator
 * exists, labels in the schema, one row per item and annotator) before
 * anything is written. A row equal to what is already current is skipped, so
 * importing the same file twice adds nothing; a different answer becomes a
 * new version, as if the annotator had changed it.
 */
export async function importRaw(db: SqlDatabase, projectId: string, importerId: string, rows: readonly RawImportRow[]): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "update");
    const seqOf = await itemSeqs(tx, project.id, rows);
    const users = await tx.query<{ id: string; username: string }>(
      "SELECT id, username FROM users WHERE username = ANY($1::text[])",
      [[...new Set(rows.map((r) => r.annotator))]],
    );
    const userOf = new Map(users.rows.map((u) => [u.username, u.id]));
    // Who imported goes into each new version's reason: the answer is the annotator's, the act of loading it is not.
    const importer = await tx.query<{ username: string }>("SELECT username FROM users WHERE id = $1", [importerId]);
    const by = `imported by ${importer.rows[0]?.username ?? "unknown"}`;
    const seen = new Set<string>();
    for (const r of rows) {
      if (!userOf.has(r.annotator)) throw new StoreError("invalid", `row ${r.row}: no user named "${r.annotator}"; invite them first`, "annotator");
      checkLabels(project, r.labels, r.row);
      const k = `${r.itemId}\u0000${r.annotator}`;
      if (seen.has(k)) throw new StoreError("invalid", `row ${r.row}: a second answer by ${r.annotator} on item "${r.itemId}"`, "item_id");
      seen.add(k);
    }
    const current = await tx.query<{ item_seq: number; user_id: string; version: number; kind: string; labels: Json<string[]> }>(
      `SELECT c.item_seq, c.user_id, a.version, c.kind, c.labels FROM current_annotations c JOIN annotations a ON a.id = c.annotation_id
       WHERE c.project_id = $1 AND c.item_seq = ANY($2::int[])`,
      [project.id, [...new Set(rows.map((r) => seqOf.get(r.itemId) as number))]],
    );
    const now = new Map(current.rows.map((c) => [`${c.item_seq}:${c.user_id}`, c]));
    const fresh = [];
    for (const r of rows) {
      const seq = seqOf.get(r.itemId) as number;
      const user = userOf.get(r.annotator) as string;
      const cur = now.get(`${seq}:${user}`);
      if (cur && cur.kind === r.kind && sameSet(json(cur.labels), r.labels)) continue;
      fresh.push({ seq, user, version: cur ? Number(cur.version) + 1 : 1, kind: r.kind, labels: r.labels, reason: r.reason ? `${r.reason} (${by})` : by });
    }
    if (fresh.length > 0) {
      await tx.query(
        `WITH ins AS (
           INSERT INTO annotations (project_id, item_seq, user_id, version, kind, labels, reason)
           SELECT $1, x.seq, x.user::uuid, x.version, x.kind, x.labels, x.reason
           FROM json_to_recordset($2::json) AS x(seq int, "user" text, version int, kind text, labels json, reason text)
           RETURNING id, item_seq, user_id, kind, labels
         )
         INSERT INTO current_annotations (project_id, item_seq, user_id, annotation_id, kind, labels)
         SELECT $1, item_seq, user_id, id, kind, labels FROM ins
         ON CONFLICT (project_id, item_seq, user_id) DO UPDATE
           SET annotation_id = excluded.annotation_id, kind = excluded.kind, labels = excluded.labels`,
        [project.id, JSON.stringify(fresh)],
      );
    }
    const seqs = [...new Set(fresh.map((f) => f.seq))];
    const autoGold = await refreshItems(tx, project, seqs);
    return { rows: rows.length, written: fresh.length, unchanged: rows.length - fresh.length, autoGold: autoGold.size };
  });
}

export async function importGold(db: SqlDatabase, projectId: string, reviewerId: string, rows: readonly GoldImportRow[]): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "update");
    const seqOf = await itemSeqs(tx, project.id, rows);
    const seen = new Set<string>();
    for (const r of rows) {
      checkLabels(project, r.labels, r.row);
      if (seen.has(r.itemId)) throw new StoreError("invalid", `row ${r.row}: a second gold label for item "${r.itemId}"`, "item_id");
      seen.add(r.itemId);
    }
    const items = await tx.query<{ seq: number; gold: Json<string[]> | null; gold_excluded: boolean; gold_version: number }>(
      "SELECT seq, gold, gold_excluded, gold_version FROM label_items WHERE project_id = $1 AND seq = ANY($2::int[])",
      [project.id, [...seqOf.values()]],
    );
    const bySeq = new Map(items.rows.map((i) => [Number(i.seq), i]));
    const fresh = [];
    for (const r of rows) {
      const seq = seqOf.get(r.itemId) as number;
      const it = bySeq.get(seq);
      if (!it) continue;
      const same = r.excluded ? it.gold_excluded : it.gold !== null && sameSet(json(it.gold), r.labels);
      if (same) continue;
      fresh.push({ seq, version: Number(it.gold_version) + 1, labels: r.labels, excluded: r.excluded, reason: r.reason || "imported" });
    }
    if (fresh.length > 0) {
      const payload = JSON.stringify(fresh);
      // An imported gold label settles an open flag as a reviewer's decision does (label-review-sql.ts adjudicate).
      await tx.query(
        `INSERT INTO adjudications (project_id, item_seq, version, reviewer_id, labels, excluded, reason, flag_reason)
         SELECT $1, x.seq, x.version, $3::uuid, x.labels, x.excluded, x.reason, i.review_reason
         FROM json_to_recordset($2::json) AS x(seq int, version int, labels json, excluded boolean, reason text)
         JOIN label_items i ON i.project_id = $1 AND i.seq = x.seq`,
        [project.id, payload, reviewerId],
      );
      await tx.query(
        `UPDATE label_items i SET gold = CASE WHEN x.excluded THEN NULL ELSE x.labels END, gold_excluded = x.excluded, gold_auto = false,
           gold_version = x.version, needs_review = false, review_reason = NULL, flagged_by = NULL, flagged_at = NULL
         FROM json_to_recordset($2::json) AS x(seq int, version int, labels json, excluded boolean)
         WHERE i.project_id = $1 AND i.seq = x.seq`,
        [project.id, payload],
      );
    }
    return { rows: rows.length, written: fresh.length, unchanged: rows.length - fresh.length, autoGold: 0 };
  });
}

/** Maps the rows' item ids to seqs; an unknown id refuses the whole import, naming its row. */
async function itemSeqs(tx: SqlExecutor, projectId: string, rows: readonly { row: number; itemId: string }[]): Promise<Map<string, number>> {
  const keys = [...new Set(rows.map((r) => r.itemId))];
  const { rows: found } = await tx.query<{ item_key: string; seq: number }>(
    "SELECT item_key, seq FROM label_items WHERE project_id = $1 AND item_key = ANY($2::text[])",
    [projectId, keys],
  );
  const map = new Map(found.map((f) => [f.item_key, Number(f.seq)]));
  const missing = rows.find((r) => !map.has(r.itemId));
  if (missing) throw new StoreError("not_found", `row ${missing.row}: no item with id "${missing.itemId}" in this project`, "item_id");
  return map;
}

function checkLabels(project: LabelProject, labels: readonly string[], row: number): void {
  const problem = labelSetProblem(project.labels, project.multiLabel, labels);
  if (problem !== null) throw new StoreError("invalid", `row ${row}: ${problem}`, "label");
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
