import { describe, expect, it } from "vitest";
import { dropRepeatedContext, withoutWrapper } from "./error-context";

// Messages shaped as DuckDB prints them (checked against the engine in
// run-sql.test.ts); here the window cases are built by hand so each branch runs.
const W = 'CREATE OR REPLACE TEMP TABLE "__lathe_result_c1" AS ';
const caretUnder = (line: string, word: string) => " ".repeat(line.indexOf(word)) + "^";

describe("withoutWrapper", () => {
  it("cuts a window that starts inside the wrapper and keeps the caret on its word", () => {
    const query = "SELECT nope FROM range(3)";
    const shown = "LINE 1: ..." + (W + query).slice(10);
    const out = withoutWrapper(`Binder Error: x\n\n${shown}\n${caretUnder(shown, "nope")}`, W, query);
    const expected = `LINE 1: ${query}`;
    expect(out).toBe(`Binder Error: x\n\n${expected}\n${caretUnder(expected, "nope")}`);
  });

  it("keeps the cut end of a window that runs past the screen", () => {
    const query = "SELECT nope, " + "x, ".repeat(40) + "y FROM t";
    const shown = "LINE 1: ..." + (W + query).slice(20, 110) + "...";
    const out = withoutWrapper(`E\n\n${shown}\n${caretUnder(shown, "nope")}`, W, query);
    const [line, caret] = out.split("\n").slice(-2);
    expect(line).toBe(`LINE 1: ${query.slice(0, 110 - W.length)}...`);
    expect(line.slice(caret.indexOf("^"), caret.indexOf("^") + 4)).toBe("nope");
  });

  it("leaves a context it cannot place, or one pointing into the wrapper, unchanged", () => {
    const odd = "E\n\nLINE 1: SELECT something else\n        ^";
    expect(withoutWrapper(odd, W, "SELECT 1")).toBe(odd);
    const inWrapper = `E\n\nLINE 1: ${W}SELECT 1\n${" ".repeat(10)}^`;
    expect(withoutWrapper(inWrapper, W, "SELECT 1")).toBe(inWrapper);
  });
});

describe("dropRepeatedContext", () => {
  it("keeps one copy of a repeated LINE paragraph and every other paragraph", () => {
    expect(dropRepeatedContext("E\n\nLINE 1: a\n^\n\nLINE 1: a\n^")).toBe("E\n\nLINE 1: a\n^");
    expect(dropRepeatedContext("E\n\nLINE 1: a\n^\n\nLINE 2: b\n^")).toBe("E\n\nLINE 1: a\n^\n\nLINE 2: b\n^");
  });
});
