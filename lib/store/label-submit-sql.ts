import type { AnnotationKind, LabelProject, SubmitRequest, SubmitResult } from "@/lib/api/labels";
import { ANNOTATION_COLUMNS, itemNotFound, toAnnotation, type AnnotationRow, type Json } from "./label-rows";
import { refreshItems } from "./label-refresh-sql";
import { labelSetProblem } from "@/lib/labels/label-rules";
import { getProject } from "./label-projects-sql";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";

/** Kinds that take one of the item's annotator slots. */
const FILLS_SLOT: ReadonlySet<AnnotationKind> = new Set(["label", "ambiguous"]);

interface LockedItem {
  seq: number;
  target: number;
  labeled: number;
  gold: Json<string[]> | null;
  gold_excluded: boolean;
}

/**
 * Appends one annotation version for (item, user), in a transaction that
 * holds the item's row lock, so concurrent submits to the same item run one
 * after the other and each sees the slots the other filled.
 *
 * Refusals (nothing written): an unknown item (not_found); labels outside the
 * schema (invalid); a clientId already used for another item (conflict); a
 * first annotation when the user already answered, or an edit whose
 * baseVersion is not the current version (conflict: double submit or stale
 * tab); a slot-filling answer when the item's slots are all filled and this
 * user holds no live lease (conflict: the lease expired and someone else
 * took the slot).
 */
export async function submit(
  db: SqlDatabase,
  projectId: string,
  seq: number,
  userId: string,
  req: SubmitRequest,
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const project = await getProject(tx, projectId, "share");
    checkLabels(project, req);
    const item = await lockItem(tx, project.id, seq);

    if (req.clientId !== undefined) {
      const same = await tx.query<AnnotationRow>(
        `SELECT ${ANNOTATION_COLUMNS} FROM annotations a JOIN users u ON u.id = a.user_id
         WHERE a.project_id = $1 AND a.user_id = $2 AND a.client_id = $3`,
        [project.id, userId, req.clientId],
      );
      if (same.rows.length > 0) {
        const prior = toAnnotation(same.rows[0]);
        if (prior.itemSeq !== seq) throw new StoreError("conflict", `clientId already used for item #${prior.itemSeq}`, "clientId");
        return { annotation: prior, duplicate: true, autoGold: null };
      }
    }

    const current = await tx.query<{ version: number; kind: AnnotationKind }>(
      `SELECT a.version, a.kind FROM current_annotations c JOIN annotations a ON a.id = c.annotation_id
       WHERE c.project_id = $1 AND c.item_seq = $2 AND c.user_id = $3`,
      [project.id, seq, userId],
    );
    const cur = current.rows[0];
    // A retracted (undone) answer counts as no answer: the item may be answered afresh.
    const answered = cur !== undefined && cur.kind !== "retract";
    if (req.baseVersion === undefined && answered) {
      throw new StoreError("conflict", `already answered: item #${seq} has your annotation (version ${cur.version}); change it from your history`, "baseVersion");
    }
    if (req.baseVersion !== undefined && cur === undefined) {
      throw new StoreError("conflict", `stale version: you have no annotation on item #${seq} to change (sent baseVersion ${req.baseVersion})`, "baseVersion");
    }
    if (req.baseVersion !== undefined && req.baseVersion !== Number(cur.version)) {
      throw new StoreError("conflict", `stale version: item #${seq} is at version ${cur.version} of your annotation, not ${req.baseVersion}; reload and try again`, "baseVersion");
    }
    if (req.kind === "retract" && !answered) {
      throw new StoreError("invalid", `nothing to undo: item #${seq} has no answer of yours`, "kind");
    }

    const takesSlot = FILLS_SLOT.has(req.kind) && !(cur !== undefined && FILLS_SLOT.has(cur.kind));
    if (takesSlot) await checkSlot(tx, project.id, item, userId);

    const version = cur === undefined ? 1 : Number(cur.version) + 1;
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO annotations (project_id, item_seq, user_id, version, kind, labels, reason, duration_ms, client_id)
       VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9) RETURNING id`,
      [project.id, seq, userId, version, req.kind, JSON.stringify(req.labels), req.reason, req.durationMs, req.clientId ?? null],
    );
    const annotationId = rows[0].id;
    await tx.query(
      `INSERT INTO current_annotations (project_id, item_seq, user_id, annotation_id, kind, labels)
       VALUES ($1, $2, $3, $4, $5, $6::json)
       ON CONFLICT (project_id, item_seq, user_id) DO UPDATE SET annotation_id = $4, kind = $5, labels = $6::json`,
      [project.id, seq, userId, annotationId, req.kind, JSON.stringify(req.labels)],
    );
    await tx.query("DELETE FROM label_leases WHERE project_id = $1 AND item_seq = $2 AND user_id = $3", [project.id, seq, userId]);
    const autoGold = (await refreshItems(tx, project, [seq])).get(seq) ?? null;
    const stored = await tx.query<AnnotationRow>(
      `SELECT ${ANNOTATION_COLUMNS} FROM annotations a JOIN users u ON u.id = a.user_id WHERE a.id = $1`,
      [annotationId],
    );
    return { annotation: toAnnotation(stored.rows[0]), duplicate: false, autoGold };
  });
}

function checkLabels(project: LabelProject, req: SubmitRequest): void {
  const problem = labelSetProblem(project.labels, project.multiLabel, req.labels);
  if (problem !== null) throw new StoreError("invalid", problem, "labels");
  if (req.kind === "label" && req.labels.length === 0) throw new StoreError("invalid", "labels: pick a label", "labels");
  if ((req.kind === "skip" || req.kind === "retract") && req.labels.length > 0) {
    throw new StoreError("invalid", `labels: a ${req.kind} carries no labels`, "labels");
  }
  if (req.kind === "ambiguous" && req.reason.trim() === "") {
    throw new StoreError("invalid", "reason: say why the item is ambiguous", "reason");
  }
}

export async function lockItem(tx: SqlExecutor, projectId: string, seq: number): Promise<LockedItem> {
  const { rows } = await tx.query<LockedItem>(
    "SELECT seq, target, labeled, gold, gold_excluded FROM label_items WHERE project_id = $1 AND seq = $2 FOR UPDATE",
    [projectId, seq],
  );
  if (rows.length === 0) throw itemNotFound(seq);
  return rows[0];
}

async function checkSlot(tx: SqlExecutor, projectId: string, item: LockedItem, userId: string): Promise<void> {
  if (item.gold !== null || item.gold_excluded) {
    throw new StoreError("conflict", `item #${item.seq} is already adjudicated; it needs no more labels`);
  }
  const { rows } = await tx.query<{ mine: boolean; others: string }>(
    `SELECT bool_or(user_id = $3 AND expires_at >= clock_timestamp()) AS mine,
       count(*) FILTER (WHERE user_id <> $3 AND expires_at >= clock_timestamp()) AS others
     FROM label_leases WHERE project_id = $1 AND item_seq = $2`,
    [projectId, item.seq, userId],
  );
  const mine = rows[0]?.mine === true;
  const others = Number(rows[0]?.others ?? 0);
  // With a live lease the slot was reserved for this user. Without one (it
  // expired, or the client never asked), the answer still counts if a slot
  // is free once other labelers' live leases are set aside.
  const free = mine ? Number(item.target) - Number(item.labeled) : Number(item.target) - Number(item.labeled) - others;
  if (free <= 0) {
    throw new StoreError(
      "conflict",
      `slot taken: item #${item.seq} already has the ${item.target} annotation${Number(item.target) === 1 ? "" : "s"} it needs; your lease had expired. Your answer was not saved; go on to the next item`,
    );
  }
}
