/**
 * DuckDB ends parser and binder errors with the offending line and a caret:
 *
 *     LINE 1: CREATE OR REPLACE TEMP TABLE "__lathe_result_x" AS SELEC 1
 *                                                                ^
 *
 * A cell's final query runs inside such a wrapper, so the line it shows is ours,
 * not the user's. This rewrites line 1's context as if the query had run alone:
 * the wrapper is cut, the caret moved with it. DuckDB may show only a window of
 * a long line, marked with "..."; the window is found in the full line to keep
 * the caret on the same character. Other lines are unaffected: the wrapper adds
 * no newline. A context this cannot place is left unchanged.
 */
const LABEL = "LINE 1: ";
const DOTS = "...";

export function withoutWrapper(message: string, wrapper: string, query: string): string {
  // DuckDB can repeat the context: every copy is rewritten.
  return message.replace(/(^|\n)LINE 1: ([^\n]*)\n( *)\^/g, (whole, lead: string, shown: string, spaces: string) => {
    const line = unwrapLine(shown, spaces.length - LABEL.length, wrapper, query.split("\n")[0]);
    return line ? `${lead}${LABEL}${line.text}\n${" ".repeat(LABEL.length + line.caret)}^` : whole;
  });
}

/** DuckDB can repeat a parser error's "LINE n" paragraph; the user needs it once. */
export function dropRepeatedContext(message: string): string {
  return message
    .split("\n\n")
    .filter((part, i, parts) => !(i > 0 && part.startsWith("LINE ") && part === parts[i - 1]))
    .join("\n\n");
}

/** Line 1 as shown (maybe a "..." window) with its caret column → the query's own line and caret. */
function unwrapLine(shown: string, column: number, wrapper: string, first: string): { text: string; caret: number } | null {
  const full = wrapper + first;
  const startsCut = shown.startsWith(DOTS);
  const endsCut = shown.endsWith(DOTS) && !full.endsWith(DOTS);
  const core = shown.slice(startsCut ? DOTS.length : 0, endsCut ? shown.length - DOTS.length : shown.length);
  const from = full.indexOf(core);
  if (from < 0 || from >= wrapper.length) return null; // not found, or the window already shows only the query
  const caret = from + column - (startsCut ? DOTS.length : 0) - wrapper.length;
  if (caret < 0) return null;
  return { text: first.slice(0, from + core.length - wrapper.length) + (endsCut ? DOTS : ""), caret };
}
