import { json, type Json } from "./label-rows";
import { getProject } from "./label-projects-sql";
import { beginSnapshotRead, snapshotId } from "./label-snapshot-sql";
import type { ProjectRatings } from "./labels";
import type { SqlDatabase } from "./sql";

/**
 * The current label annotations and gold labels, read in one REPEATABLE
 * READ transaction with their snapshot id (label-snapshot-sql.ts).
 *
 * The answers come back as one "seq,annotator,label;…" string built in SQL:
 * 300,000 answers as rows cost the driver about two seconds to turn into
 * objects; one string is parsed here in a few milliseconds.
 */
export async function ratings(db: SqlDatabase, projectId: string): Promise<ProjectRatings> {
  return db.transaction(async (tx) => {
    await beginSnapshotRead(tx);
    const project = await getProject(tx, projectId);
    const users = await tx.query<{ id: string; display_name: string }>(
      `SELECT u.id, u.display_name FROM users u
       WHERE u.id IN (SELECT DISTINCT user_id FROM current_annotations WHERE project_id = $1 AND kind = 'label')
       ORDER BY u.display_name, u.id`,
      [project.id],
    );
    const ids = users.rows.map((u) => u.id);
    const packed = await tx.query<{ triples: string | null; sets: string | null }>(
      `SELECT string_agg(c.item_seq::text || ',' || (array_position($2::uuid[], c.user_id) - 1)::text || ','
                || coalesce(array_position($3::text[], CASE WHEN json_array_length(c.labels) = 1 THEN c.labels ->> 0 END) - 1, -1)::text, ';') AS triples,
              CASE WHEN $4 THEN string_agg(c.labels::text, E'\n') END AS sets
       FROM current_annotations c WHERE c.project_id = $1 AND c.kind = 'label'`,
      [project.id, ids, project.labels, project.multiLabel],
    );
    const { itemSeq, annotator, label } = parseTriples(packed.rows[0]?.triples ?? "");
    const labelSets = project.multiLabel ? (packed.rows[0]?.sets ?? "").split("\n").filter(Boolean).map((l) => JSON.parse(l) as string[]) : null;
    const gold = await tx.query<{ seq: number; gold: Json<string[]> }>(
      "SELECT seq, gold FROM label_items WHERE project_id = $1 AND gold IS NOT NULL",
      [project.id],
    );
    const snapshot = await snapshotId(tx, project.id);
    return {
      labels: project.labels,
      annotators: users.rows.map((u) => ({ id: u.id, name: u.display_name })),
      itemSeq,
      annotator,
      label,
      labelSets,
      gold: gold.rows.map((g) => ({ itemSeq: Number(g.seq), labels: json(g.gold) })),
      itemCount: project.itemCount,
      snapshotId: snapshot,
    };
  });
}

/** Parses "1,0,2;1,1,-1;…" (non-negative seq, index, possibly −1) into three Int32Arrays. */
export function parseTriples(s: string): { itemSeq: Int32Array; annotator: Int32Array; label: Int32Array } {
  let n = s.length === 0 ? 0 : 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 59) n++;
  const out = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  let row = 0;
  let col = 0;
  let value = 0;
  let negative = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 59;
    if (c === 44 || c === 59) {
      out[col][row] = negative ? -value : value;
      value = 0;
      negative = false;
      if (c === 44) col++;
      else {
        row++;
        col = 0;
      }
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
    if (row === n) break;
  }
  return { itemSeq: out[0], annotator: out[1], label: out[2] };
}
