import type { Bin, BinnedColumn } from "./binning";
import { SlicingError } from "./errors";
import type { Predicate } from "./types";

/**
 * A found slice as conditions on the raw columns, for the slice language
 * (which compiles them to SQL). A slice is the AND of all its conditions.
 *   "="           values: [category]
 *   "in"          values: the categories grouped as "other"
 *   ">=" and "<"  values: [bound]; a range bin gives one or both (lo ≤ x < hi)
 *   "is_null"     values: [] — the missing bin
 *   "is_not_null" values: [] — a numeric column that has a single bin
 */
export type ConditionOp = "=" | "in" | ">=" | "<" | "is_null" | "is_not_null";

export interface Condition {
  column: string;
  op: ConditionOp;
  values: (string | number)[];
}

/** The conditions that select exactly the rows whose code for `column` is `code`. */
export function binConditions(column: BinnedColumn, code: number): Condition[] {
  const bin = binAt(column, code);
  const c = column.name;
  switch (bin.kind) {
    case "category":
      return [{ column: c, op: "=", values: [bin.value] }];
    case "other":
      return [{ column: c, op: "in", values: bin.values.slice() }];
    case "missing":
      return [{ column: c, op: "is_null", values: [] }];
    case "range": {
      const out: Condition[] = [];
      if (bin.lo !== null) out.push({ column: c, op: ">=", values: [bin.lo] });
      if (bin.hi !== null) out.push({ column: c, op: "<", values: [bin.hi] });
      return out.length > 0 ? out : [{ column: c, op: "is_not_null", values: [] }];
    }
    default:
      return assertNever(bin);
  }
}

/** A slice's predicates (feature f = code) as conditions on `columns[f]`. */
export function sliceConditions(predicates: readonly Predicate[], columns: readonly BinnedColumn[]): Condition[] {
  return predicates.flatMap((p) => binConditions(columnAt(columns, p.feature), p.value));
}

/** "age in [12.5, 30) and city = Paris": for tables and the dashboard's summary. */
export function describeSlice(predicates: readonly Predicate[], columns: readonly BinnedColumn[]): string {
  return predicates
    .map((p) => {
      const column = columnAt(columns, p.feature);
      const bin = binAt(column, p.value);
      switch (bin.kind) {
        case "category":
          return `${column.name} = ${bin.label}`;
        case "other":
          return `${column.name} is other (${bin.values.length} rare values)`;
        case "missing":
          return `${column.name} is missing`;
        case "range":
          // Open-ended and single-value labels already start with <, ≥ or =.
          return /^[<≥=]/.test(bin.label) ? `${column.name} ${bin.label}` : `${column.name} in ${bin.label}`;
        default:
          return assertNever(bin);
      }
    })
    .join(" and ");
}

function columnAt(columns: readonly BinnedColumn[], feature: number): BinnedColumn {
  const column = columns[feature];
  if (!column) throw new SlicingError("invalid_column", `no binned column for feature: ${feature}`);
  return column;
}

function binAt(column: BinnedColumn, code: number): Bin {
  const bin = column.bins[code];
  if (!bin) throw new SlicingError("code_out_of_range", `column ${column.name} has no bin for code: ${code}`);
  return bin;
}

function assertNever(x: never): never {
  throw new Error(`unexpected bin: ${JSON.stringify(x)}`);
}
