import type { Literal, Predicate as SlicePredicate, SliceExpr } from "../slices/ast";
import { printSlice } from "../slices/print";
import type { Condition } from "./predicates";

/**
 * A discovered slice (its bins' conditions, predicates.ts) as the slice
 * language, so "Add as named slice" saves exactly the rows the search
 * scored, and the drill-down selects them with the same compiler as every
 * named slice.
 */
export function conditionsToSlice(conditions: readonly Condition[]): SliceExpr {
  const args = conditions.map(toPredicate);
  if (args.length === 0) throw new Error("a slice needs at least one condition");
  return args.length === 1 ? args[0] : { kind: "and", args };
}

export function conditionsToSliceText(conditions: readonly Condition[]): string {
  return printSlice(conditionsToSlice(conditions));
}

function literal(v: string | number): Literal {
  return typeof v === "number" ? { kind: "number", value: v } : { kind: "string", value: v };
}

function toPredicate(c: Condition): SlicePredicate {
  switch (c.op) {
    case "=":
    case ">=":
    case "<":
      return { kind: "compare", column: c.column, op: c.op, value: literal(c.values[0]) };
    case "in":
      return { kind: "in", column: c.column, negated: false, values: c.values.map(literal) };
    case "is_null":
      return { kind: "null", column: c.column, negated: false };
    case "is_not_null":
      return { kind: "null", column: c.column, negated: true };
  }
}
