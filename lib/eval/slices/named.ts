import type { SliceExpr } from "./ast";
import { SliceError } from "./errors";
import { parseSlice } from "./parse";
import { printSlice } from "./print";

/*
 * A slice a data scientist saves with the project and reuses across runs.
 * The name shows in slice tables, on the dashboard and in export file
 * names, hence the narrow pattern: 1–64 letters or digits (any script),
 * spaces, "_", "-" and "."; starting with a letter or digit and not ending
 * with a space. No quotes, slashes or control characters.
 */

export const SLICE_NAME_PATTERN = /^[\p{L}\p{N}](?:[\p{L}\p{N} _.-]{0,62}[\p{L}\p{N}_.-])?$/u;

export interface NamedSlice {
  name: string;
  /** Canonical slice text (printSlice), the form saved. */
  expression: string;
}

export interface ParsedNamedSlice extends NamedSlice {
  ast: SliceExpr;
}

export function checkSliceName(name: string): void {
  if (!SLICE_NAME_PATTERN.test(name)) {
    throw new SliceError(
      "invalid_name",
      `slice: a name is 1–64 letters, digits, spaces, "_", "-" or ".", starting with a letter or digit: ${JSON.stringify(name)}`,
    );
  }
}

/** Checks the name, parses (or checks) the expression, and stores its canonical text. */
export function namedSlice(name: string, expression: string | SliceExpr): ParsedNamedSlice {
  checkSliceName(name);
  const ast = typeof expression === "string" ? parseSlice(expression) : expression;
  const canonical = printSlice(ast);
  return { name, expression: canonical, ast: typeof expression === "string" ? ast : parseSlice(canonical) };
}

/** Checks a project's slice list: each valid, names unique ignoring case (they are shown side by side). */
export function checkNamedSlices(slices: readonly NamedSlice[]): ParsedNamedSlice[] {
  const seen = new Map<string, string>();
  return slices.map((s) => {
    const key = s.name.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) throw new SliceError("invalid_name", `slice: two slices are named ${JSON.stringify(other)} (names ignore case)`);
    seen.set(key, s.name);
    return namedSlice(s.name, s.expression);
  });
}
