import type { AddItemsRequest, LabelProject, ProjectSpec } from "@/lib/api/labels";
import { itemTarget } from "@/lib/labels/overlap";
import { PROJECT_COLUMNS, projectNotFound, requireProjectId, toProject, type ProjectRow } from "./label-rows";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";

/** Projects and their items: creation, listing and bulk item loading. */

export async function createProject(db: SqlDatabase, spec: ProjectSpec, createdBy: string): Promise<LabelProject> {
  checkColumns(spec);
  const { rows } = await db.query<ProjectRow>(
    `INSERT INTO label_projects (id, name, guidelines, labels, multi_label, annotators_per_item, overlap_share, blind,
       auto_adjudicate, id_column, display_columns, source, created_by)
     VALUES ($1, $2, $3, $4::json, $5, $6, $7, $8, $9, $10, $11::json, $12::json, $13)
     RETURNING ${PROJECT_COLUMNS}`,
    [
      crypto.randomUUID(),
      spec.name,
      spec.guidelines,
      JSON.stringify(spec.labels),
      spec.multiLabel,
      spec.annotatorsPerItem,
      spec.overlapShare,
      spec.blind,
      spec.autoAdjudicate,
      spec.idColumn,
      JSON.stringify(spec.displayColumns),
      JSON.stringify(spec.source),
      createdBy,
    ],
  );
  return toProject(rows[0]);
}

function checkColumns(spec: ProjectSpec): void {
  const names = spec.displayColumns.map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new StoreError("invalid", `displayColumns: "${dup}" listed twice`, "displayColumns");
}

export async function listProjects(db: SqlExecutor): Promise<LabelProject[]> {
  const { rows } = await db.query<ProjectRow>(`SELECT ${PROJECT_COLUMNS} FROM label_projects ORDER BY created_at DESC, id`);
  return rows.map(toProject);
}

/**
 * `lock`: "update" for writes that change the project or many of its items
 * (loads, imports, label set changes, the queue); "share" for writes to one
 * item (answers, decisions, comments), so they wait for, and then see, a
 * label set change instead of writing a label it just removed.
 */
export async function getProject(db: SqlExecutor, id: string, lock?: "update" | "share"): Promise<LabelProject> {
  const pid = requireProjectId(id);
  const { rows } = await db.query<ProjectRow>(
    `SELECT ${PROJECT_COLUMNS} FROM label_projects WHERE id = $1${lock === "update" ? " FOR UPDATE" : lock === "share" ? " FOR SHARE" : ""}`,
    [pid],
  );
  if (rows.length === 0) throw projectNotFound(id);
  return toProject(rows[0]);
}

/** The same item id twice in one batch is a conflict ("items.<i>.id"), before anything is written. */
export function requireUniqueIds(items: readonly { id: string }[]): void {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) throw new StoreError("conflict", `duplicate item id: "${item.id}" appears twice in this batch`, `items.${i}.id`);
    seen.add(item.id);
  }
}

/**
 * Appends items with consecutive seqs after the project's last one. The
 * project row is locked so two concurrent loads cannot take the same seqs;
 * the batch travels as one json parameter, so 5000 items are one statement.
 */
export async function addItems(db: SqlDatabase, projectId: string, req: AddItemsRequest): Promise<{ added: number; itemCount: number }> {
  requireUniqueIds(req.items);
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "update");
    const clash = await tx.query<{ item_key: string }>(
      "SELECT item_key FROM label_items WHERE project_id = $1 AND item_key = ANY($2::text[]) LIMIT 1",
      [project.id, req.items.map((i) => i.id)],
    );
    if (clash.rows.length > 0) {
      throw new StoreError("conflict", `duplicate item id: "${clash.rows[0].item_key}" is already in the project`, "items");
    }
    const first = project.itemCount + 1;
    const targets = req.items.map((_, i) => itemTarget(first + i, project.annotatorsPerItem, project.overlapShare));
    await tx.query(
      `INSERT INTO label_items (project_id, seq, item_key, data, target)
       SELECT $1, $2 + e.ord - 1, e.value ->> 'id', e.value -> 'data', t.target
       FROM json_array_elements($3::json) WITH ORDINALITY AS e(value, ord)
       JOIN unnest($4::smallint[]) WITH ORDINALITY AS t(target, ord) ON t.ord = e.ord`,
      [project.id, first, JSON.stringify(req.items), targets],
    );
    const itemCount = project.itemCount + req.items.length;
    await tx.query("UPDATE label_projects SET item_count = $2, revision = revision + 1 WHERE id = $1", [project.id, itemCount]);
    return { added: req.items.length, itemCount };
  });
}
