import type { Adjudication, Annotation, AnnotationKind, LabelProject } from "@/lib/api/labels";
import { parseNotebookId } from "./notebook-id";
import { StoreError } from "./store-error";

/** Row shapes of the labeling tables and their mapping to API objects. */

export type Json<T> = T | string;

/** Both drivers parse json columns; the string case guards a driver configured otherwise. */
export function json<T>(v: Json<T>): T {
  return typeof v === "string" ? (JSON.parse(v) as T) : v;
}

export function iso(t: Date | string): string {
  return (t instanceof Date ? t : new Date(t)).toISOString();
}

export interface ProjectRow {
  id: string;
  name: string;
  guidelines: string;
  labels: Json<string[]>;
  multi_label: boolean;
  annotators_per_item: number;
  overlap_share: number;
  blind: boolean;
  auto_adjudicate: boolean;
  id_column: string;
  display_columns: Json<LabelProject["displayColumns"]>;
  source: Json<LabelProject["source"]>;
  item_count: number;
  revision: number;
  created_by: string;
  created_at: Date | string;
}

export const PROJECT_COLUMNS =
  "id, name, guidelines, labels, multi_label, annotators_per_item, overlap_share, blind, auto_adjudicate, id_column, display_columns, source, item_count, revision, created_by, created_at";

export function toProject(r: ProjectRow): LabelProject {
  return {
    id: r.id,
    name: r.name,
    guidelines: r.guidelines,
    labels: json(r.labels),
    multiLabel: r.multi_label,
    annotatorsPerItem: Number(r.annotators_per_item),
    // real is float4: round so 0.3 reads back as 0.3, not 0.30000001192.
    overlapShare: Math.round(Number(r.overlap_share) * 1e6) / 1e6,
    blind: r.blind,
    autoAdjudicate: r.auto_adjudicate,
    idColumn: r.id_column,
    displayColumns: json(r.display_columns),
    source: json(r.source),
    itemCount: Number(r.item_count),
    revision: Number(r.revision),
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

export interface AnnotationRow {
  id: string | number;
  item_seq: number;
  user_id: string;
  user_name: string;
  version: number;
  kind: AnnotationKind;
  labels: Json<string[]>;
  reason: string;
  duration_ms: number;
  created_at: Date | string;
}

/** SELECT list for annotations `a` joined to users `u`. */
export const ANNOTATION_COLUMNS =
  "a.id, a.item_seq, a.user_id, u.display_name AS user_name, a.version, a.kind, a.labels, a.reason, a.duration_ms, a.created_at";

export function toAnnotation(r: AnnotationRow): Annotation {
  return {
    id: Number(r.id),
    itemSeq: Number(r.item_seq),
    userId: r.user_id,
    userName: r.user_name,
    version: Number(r.version),
    kind: r.kind,
    labels: json(r.labels),
    reason: r.reason,
    durationMs: Number(r.duration_ms),
    createdAt: iso(r.created_at),
  };
}

export interface AdjudicationRow {
  id: string | number;
  item_seq: number;
  version: number;
  reviewer_id: string | null;
  reviewer_name: string | null;
  labels: Json<string[]>;
  excluded: boolean;
  reason: string;
  flag_reason: string | null;
  created_at: Date | string;
}

/** SELECT list for adjudications `j` left-joined to users `u`. */
export const ADJUDICATION_COLUMNS =
  "j.id, j.item_seq, j.version, j.reviewer_id, u.display_name AS reviewer_name, j.labels, j.excluded, j.reason, j.flag_reason, j.created_at";

export function toAdjudication(r: AdjudicationRow): Adjudication {
  return {
    id: Number(r.id),
    itemSeq: Number(r.item_seq),
    version: Number(r.version),
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    labels: json(r.labels),
    excluded: r.excluded,
    reason: r.reason,
    flagReason: r.flag_reason,
    createdAt: iso(r.created_at),
  };
}

export function requireProjectId(id: string): string {
  const pid = parseNotebookId(id);
  if (pid === null) throw new StoreError("not_found", `project not found: ${id}`);
  return pid;
}

export function projectNotFound(id: string): StoreError {
  return new StoreError("not_found", `project not found: ${id}`);
}

export function itemNotFound(seq: number): StoreError {
  return new StoreError("not_found", `item not found: #${seq}`);
}
