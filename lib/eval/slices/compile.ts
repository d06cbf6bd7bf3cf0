import { quoteIdent, quoteLiteral } from "@/lib/data/sql";
import type { Literal, Predicate, SliceExpr } from "./ast";
import { columnKind, type ColumnKind } from "./column-types";
import { SliceError } from "./errors";
import { printLiteral, printName } from "./print";
import type { QuantileEdges } from "./quantile-edges";
import { validateSlice } from "./validate";

/*
 * A slice as a DuckDB boolean expression. Every name goes through
 * quoteIdent and every string through quoteLiteral; numbers, booleans and
 * dates are emitted from checked values (finite numbers, calendar dates),
 * so no text of the user's reaches SQL unescaped.
 *
 * NULLs follow SQL: `x = 1`, `x != 1` and `NOT x = 1` are all unknown
 * where x is NULL. The whole expression is wrapped in COALESCE(…, FALSE),
 * so a row is in the slice where it is TRUE and in "the rest" where it is
 * FALSE — never neither, which the slice-vs-rest tests rely on.
 */

export interface CompileOptions {
  /** Column name → DuckDB type name, e.g. { "Flipper Length (mm)": "DOUBLE" }. */
  columns: Readonly<Record<string, string>>;
  /** Edges for each q(column, k) the slice uses (see quantile-edges.ts). */
  quantileEdges?: readonly QuantileEdges[];
}

interface Resolved {
  name: string;
  type: string;
  kind: ColumnKind;
}

const KIND_WORDS: Record<Literal["kind"], string> = {
  number: "a number",
  string: "a string",
  boolean: "TRUE or FALSE",
  date: "a DATE",
};

const WANTS: Record<Exclude<ColumnKind, "other">, Literal["kind"]> = {
  number: "number",
  string: "string",
  boolean: "boolean",
  date: "date",
  timestamp: "date",
};

class Compiler {
  constructor(private readonly options: CompileOptions) {}

  /** DuckDB matches names case-insensitively (even quoted), so the slice may too; an exact match wins. */
  private column(name: string): Resolved {
    const columns = this.options.columns;
    let found = Object.hasOwn(columns, name) ? name : undefined;
    if (found === undefined) {
      const lower = name.toLowerCase();
      const matches = Object.keys(columns).filter((c) => c.toLowerCase() === lower);
      if (matches.length > 1) {
        throw new SliceError("unknown_column", `slice: ${printName(name)} matches several columns ignoring case: ${matches.map(printName).join(", ")}`);
      }
      found = matches[0];
    }
    if (found === undefined) throw new SliceError("unknown_column", `slice: unknown column ${printName(name)}`);
    const type = columns[found];
    return { name: found, type, kind: columnKind(type) };
  }

  private literal(column: Resolved, v: Literal): string {
    if (column.kind === "other" || WANTS[column.kind] !== v.kind) {
      const wanted = column.kind === "other" ? "only IS NULL or IS NOT NULL" : KIND_WORDS[WANTS[column.kind]];
      throw new SliceError(
        "type_mismatch",
        `slice: ${printLiteral(v)} does not fit column ${printName(column.name)} (${column.type}): expected ${wanted}`,
      );
    }
    switch (v.kind) {
      case "number":
        return String(v.value);
      case "string":
        return quoteLiteral(v.value);
      case "boolean":
        return v.value ? "TRUE" : "FALSE";
      case "date":
        return `DATE ${quoteLiteral(v.value)}`;
    }
  }

  private ordered(column: Resolved, what: string): void {
    if (column.kind === "boolean") {
      throw new SliceError("type_mismatch", `slice: ${what} cannot be used on column ${printName(column.name)} (${column.type}): it has no order`);
    }
  }

  private edges(column: Resolved, bins: number): readonly number[] {
    const lower = column.name.toLowerCase();
    const entry = this.options.quantileEdges?.find((q) => q.bins === bins && q.column.toLowerCase() === lower);
    const label = `q(${printName(column.name)}, ${bins})`;
    if (!entry) throw new SliceError("missing_quantile_edges", `slice: no bin edges supplied for ${label}`);
    const e = entry.edges;
    const ok = e.length === bins - 1 && e.every((x, i) => Number.isFinite(x) && (i === 0 || x >= e[i - 1]));
    if (!ok) throw new SliceError("missing_quantile_edges", `slice: ${label} needs ${bins - 1} finite non-decreasing edges: [${e.join(", ")}]`);
    return e;
  }

  private bin(ident: string, edges: readonly number[], b: number): string {
    const parts: string[] = [];
    if (b > 1) parts.push(`${ident} >= ${edges[b - 2]}`);
    if (b <= edges.length) parts.push(`${ident} < ${edges[b - 1]}`);
    return `(${parts.join(" AND ")})`;
  }

  private predicate(p: Predicate): string {
    const column = this.column(p.column);
    const ident = quoteIdent(column.name);
    switch (p.kind) {
      case "null":
        return `(${ident} IS ${p.negated ? "NOT " : ""}NULL)`;
      case "compare":
        if (p.op !== "=" && p.op !== "!=") this.ordered(column, p.op);
        return `(${ident} ${p.op} ${this.literal(column, p.value)})`;
      case "in":
        return `(${ident} ${p.negated ? "NOT IN" : "IN"} (${p.values.map((v) => this.literal(column, v)).join(", ")}))`;
      case "between":
        this.ordered(column, "BETWEEN");
        return `(${ident} ${p.negated ? "NOT BETWEEN" : "BETWEEN"} ${this.literal(column, p.low)} AND ${this.literal(column, p.high)})`;
      case "quantile": {
        if (column.kind !== "number") {
          throw new SliceError("type_mismatch", `slice: quantile bins need a numeric column; ${printName(column.name)} is ${column.type}`);
        }
        const edges = this.edges(column, p.bins);
        const bins = p.values.map((b) => this.bin(ident, edges, b));
        const any = bins.length === 1 ? bins[0] : `(${bins.join(" OR ")})`;
        return p.negated ? `(NOT ${any})` : any;
      }
    }
  }

  expr(e: SliceExpr): string {
    switch (e.kind) {
      case "and":
      case "or":
        return `(${e.args.map((a) => this.expr(a)).join(e.kind === "and" ? " AND " : " OR ")})`;
      case "not":
        return `(NOT ${this.expr(e.arg)})`;
      default:
        return this.predicate(e);
    }
  }
}

/**
 * The slice as a DuckDB boolean expression that is TRUE for the slice's rows
 * and FALSE for every other row (never NULL), for WHERE or FILTER (WHERE …).
 * Throws SliceError: "invalid_slice", "unknown_column", "type_mismatch",
 * "missing_quantile_edges".
 */
export function compileSlice(ast: SliceExpr, options: CompileOptions): string {
  return `COALESCE(${new Compiler(options).expr(validateSlice(ast))}, FALSE)`;
}
