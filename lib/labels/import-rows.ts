import type { AnnotationKind } from "@/lib/api/labels";
import { LabelFileError, type LabelRecord } from "./import-format";

/**
 * The columns a label file must have, as written by the export (so an export
 * imports back): raw files need item_id, annotator and label (kind and
 * reason optional); gold files need item_id and label (excluded and reason
 * optional). Several labels in one field are separated by "|".
 */

export interface RawImportRow {
  /** 1-based data row, for messages. */
  row: number;
  itemId: string;
  annotator: string;
  kind: Exclude<AnnotationKind, "retract">;
  labels: string[];
  reason: string;
}

export interface GoldImportRow {
  row: number;
  itemId: string;
  labels: string[];
  excluded: boolean;
  reason: string;
}

function need(rec: LabelRecord, col: string, row: number): string {
  const v = rec[col];
  if (v === undefined) throw new LabelFileError(`row ${row}: column "${col}" is missing`);
  return v.trim();
}

function splitLabels(s: string): string[] {
  return s === "" ? [] : s.split("|").map((l) => l.trim()).filter(Boolean);
}

export function toRawRows(records: readonly LabelRecord[]): RawImportRow[] {
  return records.map((rec, i) => {
    const row = i + 1;
    const kind = (rec.kind ?? "label").trim() || "label";
    if (kind !== "label" && kind !== "ambiguous" && kind !== "skip") {
      throw new LabelFileError(`row ${row}: kind must be label, ambiguous or skip (got "${kind}")`);
    }
    const itemId = need(rec, "item_id", row);
    const annotator = need(rec, "annotator", row).toLowerCase();
    if (!itemId) throw new LabelFileError(`row ${row}: item_id is empty`);
    if (!annotator) throw new LabelFileError(`row ${row}: annotator is empty`);
    const labels = splitLabels(need(rec, "label", row));
    if (kind === "label" && labels.length === 0) throw new LabelFileError(`row ${row}: label is empty`);
    if (kind === "ambiguous" && !(rec.reason ?? "").trim()) throw new LabelFileError(`row ${row}: an ambiguous answer needs a reason`);
    return { row, itemId, annotator, kind, labels: kind === "skip" ? [] : labels, reason: (rec.reason ?? "").trim() };
  });
}

export function toGoldRows(records: readonly LabelRecord[]): GoldImportRow[] {
  return records.map((rec, i) => {
    const row = i + 1;
    const itemId = need(rec, "item_id", row);
    if (!itemId) throw new LabelFileError(`row ${row}: item_id is empty`);
    const ex = (rec.excluded ?? "false").trim().toLowerCase();
    if (!["true", "false", "1", "0", ""].includes(ex)) throw new LabelFileError(`row ${row}: excluded must be true or false (got "${ex}")`);
    const excluded = ex === "true" || ex === "1";
    const labels = excluded ? [] : splitLabels(need(rec, "label", row));
    if (!excluded && labels.length === 0) throw new LabelFileError(`row ${row}: label is empty (set excluded to true to exclude the item)`);
    return { row, itemId, labels, excluded, reason: (rec.reason ?? "").trim() };
  });
}
