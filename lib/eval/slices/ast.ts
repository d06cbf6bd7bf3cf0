/**
 * A slice as data: what the parser produces from text, what a UI builder
 * produces directly, and what the printer and the compiler read. Plain JSON
 * (no classes, no undefined fields), so it can be saved with a project and
 * compared with toEqual.
 *
 * AND and OR are n-ary: `a AND b AND c` is one node with three args, while
 * `(a AND b) AND c` keeps its inner node, so parse(print(ast)) gives back
 * exactly the tree a builder made.
 */

export type Literal =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  /** A calendar date, "YYYY-MM-DD" (written DATE '2024-01-01'). */
  | { kind: "date"; value: string };

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Predicate =
  | { kind: "compare"; column: string; op: CompareOp; value: Literal }
  | { kind: "in"; column: string; negated: boolean; values: Literal[] }
  /** Inclusive at both ends, as SQL's BETWEEN. */
  | { kind: "between"; column: string; negated: boolean; low: Literal; high: Literal }
  /** `column IS NULL`, or IS NOT NULL when negated. */
  | { kind: "null"; column: string; negated: boolean }
  /**
   * `q(column, bins) = b`: the rows in the b-th (1-based) of `bins` quantile
   * bins of the column; several values mean IN, negated means != / NOT IN.
   * Bin edges come from the data (see quantile-edges.ts).
   */
  | { kind: "quantile"; column: string; bins: number; negated: boolean; values: number[] };

export type SliceExpr =
  | Predicate
  | { kind: "and"; args: SliceExpr[] }
  | { kind: "or"; args: SliceExpr[] }
  | { kind: "not"; arg: SliceExpr };

/** Words the grammar reserves; a column with one of these names is written in double quotes. */
export const KEYWORDS = ["AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "TRUE", "FALSE", "DATE"] as const;

/** The most bins q(column, k) may ask for: more is a per-row key, not a slice. */
export const MAX_QUANTILE_BINS = 1000;
