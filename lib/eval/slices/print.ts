import { KEYWORDS, type Literal, type SliceExpr } from "./ast";
import { validateSlice } from "./validate";

/*
 * Canonical text for a slice: upper-case keywords, one space around
 * operators, `IN (a, b)`, names bare when they can be, and the fewest
 * parentheses that still give back the same tree — so two slices are the
 * same slice exactly when their printed text is equal, and
 * parseSlice(printSlice(ast)) deep-equals ast.
 */

const BARE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A column name as the slice language writes it: bare, or in double quotes with " doubled. */
export function printName(name: string): string {
  if (BARE.test(name) && !(KEYWORDS as readonly string[]).includes(name.toUpperCase())) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** JS's shortest round-trip form (so Number(text) gives the value back); -0 keeps its sign. */
export function printNumber(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

export function printLiteral(v: Literal): string {
  switch (v.kind) {
    case "number":
      return printNumber(v.value);
    case "string":
      return `'${v.value.replaceAll("'", "''")}'`;
    case "boolean":
      return v.value ? "TRUE" : "FALSE";
    case "date":
      return `DATE '${v.value}'`;
  }
}

function list(items: readonly string[]): string {
  return `(${items.join(", ")})`;
}

/*
 * Parentheses: an AND inside an AND (or OR inside OR) needs them, or it
 * would be flattened into its parent on the way back; an OR inside an AND
 * needs them for precedence; anything but a predicate or NOT under NOT
 * needs them. An AND inside an OR does not.
 */
function printIn(e: SliceExpr, parent: "and" | "or" | "not"): string {
  const text = printNode(e);
  const wrap = e.kind === "or" || (e.kind === "and" && parent !== "or");
  return wrap ? `(${text})` : text;
}

function printNode(e: SliceExpr): string {
  switch (e.kind) {
    case "and":
    case "or":
      return e.args.map((a) => printIn(a, e.kind)).join(e.kind === "and" ? " AND " : " OR ");
    case "not":
      return `NOT ${printIn(e.arg, "not")}`;
    case "compare":
      return `${printName(e.column)} ${e.op} ${printLiteral(e.value)}`;
    case "in":
      return `${printName(e.column)} ${e.negated ? "NOT IN" : "IN"} ${list(e.values.map(printLiteral))}`;
    case "between":
      return `${printName(e.column)} ${e.negated ? "NOT BETWEEN" : "BETWEEN"} ${printLiteral(e.low)} AND ${printLiteral(e.high)}`;
    case "null":
      return `${printName(e.column)} IS ${e.negated ? "NOT NULL" : "NULL"}`;
    case "quantile": {
      const target = `q(${printName(e.column)}, ${e.bins})`;
      if (e.values.length === 1) return `${target} ${e.negated ? "!=" : "="} ${e.values[0]}`;
      return `${target} ${e.negated ? "NOT IN" : "IN"} ${list(e.values.map(String))}`;
    }
  }
}

/** The canonical text of a slice; checks the AST's shape first (SliceError "invalid_slice"). */
export function printSlice(ast: SliceExpr): string {
  return printNode(validateSlice(ast));
}
