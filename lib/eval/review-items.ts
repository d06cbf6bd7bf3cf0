import { EVAL_COLUMNS } from "./held-out-table";

/**
 * Held-out rows as review items (POST /api/projects/{id}/review): the data
 * columns as the item (the model's own columns, which start with "_", are
 * not data a labeler should see as such), an id that is the row's `id`
 * column when the data has one (so a row already in the project is flagged,
 * not added twice) and its query row otherwise, and a reason that says what
 * the model did with it.
 */
export function reviewItems(rows: readonly Record<string, unknown>[], reason: string): { id: string; data: Record<string, string | number | boolean | null>; reason: string }[] {
  return rows.map((r) => {
    const data: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k.startsWith("_")) continue;
      data[k] = v === null || v === undefined ? null : typeof v === "number" || typeof v === "boolean" || typeof v === "string" ? v : String(v);
    }
    const own = r.id ?? r.ID ?? r.Id;
    const id = own !== null && own !== undefined && String(own) !== "" ? String(own) : `row ${String(r[EVAL_COLUMNS.row])}`;
    const said = [`label ${String(r[EVAL_COLUMNS.label])}`, `predicted ${fmt(r[EVAL_COLUMNS.prediction])}`];
    if (typeof r[EVAL_COLUMNS.confidence] === "number") said.push(`confidence ${(r[EVAL_COLUMNS.confidence] as number).toFixed(3)}`);
    if (typeof r[EVAL_COLUMNS.loss] === "number") said.push(`loss ${(r[EVAL_COLUMNS.loss] as number).toFixed(3)}`);
    return { id, data, reason: `${reason.trim()} (${said.join(", ")})` };
  });
}

function fmt(v: unknown): string {
  return typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : String(v);
}
