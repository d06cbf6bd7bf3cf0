import { FeatureSpecError } from "./errors";
import type { RawColumn, RawColumnKind, RawTable } from "./raw";

/**
 * The table's column for a feature, checked against the kind the spec
 * expects. Fitting and applying a spec both go through here, so a table that
 * changed shape since the fit fails with the same words as a wrong spec.
 */
export function columnFor<K extends RawColumnKind>(
  table: RawTable,
  name: string,
  kind: K,
): Extract<RawColumn, { kind: K }> {
  const column = table.columns.find((c) => c.name === name);
  if (column === undefined) {
    throw new FeatureSpecError("unknown_column", `feature "${name}": no column of that name in the table`);
  }
  if (column.kind !== kind) {
    throw new FeatureSpecError(
      "kind_mismatch",
      `feature "${name}": the spec treats it as ${kind} but the column is ${column.kind}`,
    );
  }
  return column as Extract<RawColumn, { kind: K }>;
}

/** Throws unless every row index is inside the table. `what` names the rows, e.g. "training split". */
export function checkRows(table: RawTable, rows: Int32Array, what: string): void {
  for (const r of rows) {
    if (r < 0 || r >= table.rowCount) {
      throw new FeatureSpecError("invalid_rows", `${what}: row ${r} is outside the table (${table.rowCount} rows)`);
    }
  }
}
