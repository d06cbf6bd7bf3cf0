import { quoteIdent } from "@/lib/data/sql";

/**
 * Training on a labeling project's gold labels: the project's items carry
 * the key of the row they came from (its id column), and `gold_<project>`
 * (components/label/LabelTables.tsx) holds one adjudicated label per item
 * with that key as `item_id`. The join keeps rows that have a gold label
 * that is not excluded; the label becomes the column `gold_label`.
 */
export const GOLD_TARGET = "gold_label";

export function goldJoinSql(source: string, goldTable: string, idColumn: string): string {
  const id = quoteIdent(idColumn);
  return [
    `SELECT d.*, g.label AS ${GOLD_TARGET}`,
    `FROM (${source}) AS d`,
    `JOIN ${quoteIdent(goldTable)} AS g ON CAST(d.${id} AS VARCHAR) = g.item_id`,
    `WHERE NOT coalesce(g.excluded, false)`,
  ].join("\n");
}

/** The label tables (`labels_*`, `gold_*`) among `relations` that `sql` names, so a run can record their label snapshot. */
export function labelTablesIn(sql: string, relations: readonly string[]): string[] {
  return relations.filter((r) => /^(gold|labels)_/.test(r) && new RegExp(`(^|[^A-Za-z0-9_])"?${r}"?($|[^A-Za-z0-9_])`).test(sql));
}
