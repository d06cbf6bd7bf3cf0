import { describe, expect, it } from "vitest";
import type { Literal, SliceExpr } from "@/lib/eval/slices/ast";
import { SliceError } from "@/lib/eval/slices/errors";
import { parseSlice } from "@/lib/eval/slices/parse";
import { printSlice } from "@/lib/eval/slices/print";

const num = (value: number): Literal => ({ kind: "number", value });
const str = (value: string): Literal => ({ kind: "string", value });
const eq = (column: string, value: Literal): SliceExpr => ({ kind: "compare", column, op: "=", value });

describe("parseSlice: one predicate of each form", () => {
  it.each<[string, SliceExpr]>([
    ["age = 3", eq("age", num(3))],
    ["age != 3", { kind: "compare", column: "age", op: "!=", value: num(3) }],
    ["age <> 3", { kind: "compare", column: "age", op: "!=", value: num(3) }],
    ["age<3", { kind: "compare", column: "age", op: "<", value: num(3) }],
    ["age <= -2.5", { kind: "compare", column: "age", op: "<=", value: num(-2.5) }],
    ["age > 1e3", { kind: "compare", column: "age", op: ">", value: num(1000) }],
    ["age >= .5", { kind: "compare", column: "age", op: ">=", value: num(0.5) }],
    ["species = 'Adelie'", eq("species", str("Adelie"))],
    ["name = 'O''Brien'", eq("name", str("O'Brien"))],
    ["name = ''", eq("name", str(""))],
    ['"Flipper Length (mm)" > 200', { kind: "compare", column: "Flipper Length (mm)", op: ">", value: num(200) }],
    ['"say ""hi""" = 1', eq('say "hi"', num(1))],
    ['"and" = 1', eq("and", num(1))],
    ["male = TRUE", eq("male", { kind: "boolean", value: true })],
    ["male = false", eq("male", { kind: "boolean", value: false })],
    ["day = DATE '2024-02-29'", eq("day", { kind: "date", value: "2024-02-29" })],
    ["island IN ('Biscoe', 'Dream')", { kind: "in", column: "island", negated: false, values: [str("Biscoe"), str("Dream")] }],
    ["island not in ('Biscoe')", { kind: "in", column: "island", negated: true, values: [str("Biscoe")] }],
    ["x BETWEEN 1 AND 2", { kind: "between", column: "x", negated: false, low: num(1), high: num(2) }],
    ["x NOT BETWEEN -1 AND 2", { kind: "between", column: "x", negated: true, low: num(-1), high: num(2) }],
    ["sex IS NULL", { kind: "null", column: "sex", negated: false }],
    ["sex is not null", { kind: "null", column: "sex", negated: true }],
    ["q(x, 4) = 2", { kind: "quantile", column: "x", bins: 4, negated: false, values: [2] }],
    ["Q(x,4) != 1", { kind: "quantile", column: "x", bins: 4, negated: true, values: [1] }],
    ['q("Body Mass (g)", 10) IN (9, 10)', { kind: "quantile", column: "Body Mass (g)", bins: 10, negated: false, values: [9, 10] }],
    ["q(x, 3) NOT IN (2)", { kind: "quantile", column: "x", bins: 3, negated: true, values: [2] }],
    ["q = 1", eq("q", num(1))], // q without "(" is a column named q
  ])("%s", (text, want) => {
    expect(parseSlice(text)).toEqual(want);
  });
});

describe("parseSlice: precedence and grouping", () => {
  const a = eq("a", num(1));
  const b = eq("b", num(2));
  const c = eq("c", num(3));
  it.each<[string, SliceExpr]>([
    // SQL's precedence: NOT over AND over OR.
    ["a = 1 OR b = 2 AND c = 3", { kind: "or", args: [a, { kind: "and", args: [b, c] }] }],
    ["a = 1 AND b = 2 OR c = 3", { kind: "or", args: [{ kind: "and", args: [a, b] }, c] }],
    ["(a = 1 OR b = 2) AND c = 3", { kind: "and", args: [{ kind: "or", args: [a, b] }, c] }],
    ["NOT a = 1 AND b = 2", { kind: "and", args: [{ kind: "not", arg: a }, b] }],
    ["NOT (a = 1 AND b = 2)", { kind: "not", arg: { kind: "and", args: [a, b] } }],
    ["NOT NOT a = 1", { kind: "not", arg: { kind: "not", arg: a } }],
    // A chain is one node; parentheses keep a node of their own.
    ["a = 1 AND b = 2 AND c = 3", { kind: "and", args: [a, b, c] }],
    ["(a = 1 AND b = 2) AND c = 3", { kind: "and", args: [{ kind: "and", args: [a, b] }, c] }],
    ["((a = 1))", a],
    // BETWEEN's AND belongs to BETWEEN; the next AND is a conjunction.
    [
      "x BETWEEN 1 AND 2 AND c = 3",
      { kind: "and", args: [{ kind: "between", column: "x", negated: false, low: num(1), high: num(2) }, c] },
    ],
  ])("%s", (text, want) => {
    expect(parseSlice(text)).toEqual(want);
  });
});

describe("printSlice: canonical text", () => {
  it.each([
    ["age=3", "age = 3"],
    ["age <> 3", "age != 3"],
    ["a = 1 or b = 2 and c = 3", "a = 1 OR b = 2 AND c = 3"],
    ["(a = 1 or b = 2) and c = 3", "(a = 1 OR b = 2) AND c = 3"],
    ["((a = 1 and b = 2)) or c = 3", "a = 1 AND b = 2 OR c = 3"],
    ["(a = 1 and b = 2) and c = 3", "(a = 1 AND b = 2) AND c = 3"],
    ["not (a = 1 or b = 2)", "NOT (a = 1 OR b = 2)"],
    ["not (a = 1)", "NOT a = 1"],
    ['"species" = \'it\'\'s\'', "species = 'it''s'"],
    ['"Flipper Length (mm)" between 190 and 2e2', '"Flipper Length (mm)" BETWEEN 190 AND 200'],
    ['"select" in (1,2)', "select IN (1, 2)"], // not a slice keyword: SQL's words are quoted only in the compiled SQL
    ['"Date" = date \'2024-01-01\'', "\"Date\" = DATE '2024-01-01'"],
    ["x = 0.1", "x = 0.1"],
    ["x = 1e21", "x = 1e+21"],
    ["x = -0", "x = -0"],
    ["q(x,4) in (2)", "q(x, 4) = 2"],
    ["q(x,4) not in (2, 3)", "q(x, 4) NOT IN (2, 3)"],
    ["s is not null", "s IS NOT NULL"],
  ])("%s → %s", (text, want) => {
    const printed = printSlice(parseSlice(text));
    expect(printed).toBe(want);
    expect(printSlice(parseSlice(printed))).toBe(printed);
  });
});

describe("round trip parse(print(ast)) = ast", () => {
  // A seeded generator of random ASTs (Mulberry32-style LCG is enough: only coverage matters here).
  function generator(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 15), z | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const names = ["a", "x_1", "AND", "q", "Flipper Length (mm)", 'quote"d', "émigré", "1st", "select", "-- comment", "'; DROP TABLE t; --"];
    const strings = ["", "it's", "''", "O'Brien\n", "🐧 penguin", "\\", '"', "NULL", "'; DROP TABLE t; --"];
    const literal = (): Literal => {
      switch (pick(["number", "string", "boolean", "date"] as const)) {
        case "number":
          return num(pick([0, -0, 1, -1, 0.1, 1e21, -1.5e-7, 123456.789, Number.MAX_VALUE, Number.MIN_VALUE, Math.PI]));
        case "string":
          return str(pick(strings));
        case "boolean":
          return { kind: "boolean", value: next() < 0.5 };
        case "date":
          return { kind: "date", value: pick(["2024-01-01", "2000-02-29", "1999-12-31", "0001-01-01"]) };
      }
    };
    const expr = (depth: number): SliceExpr => {
      const column = pick(names);
      const k = depth > 0 ? pick(["and", "or", "not", "pred", "pred"] as const) : "pred";
      if (k === "and" || k === "or") return { kind: k, args: Array.from({ length: 2 + Math.floor(next() * 3) }, () => expr(depth - 1)) };
      if (k === "not") return { kind: "not", arg: expr(depth - 1) };
      switch (pick(["compare", "in", "between", "null", "quantile"] as const)) {
        case "compare":
          return { kind: "compare", column, op: pick(["=", "!=", "<", "<=", ">", ">="] as const), value: literal() };
        case "in":
          return { kind: "in", column, negated: next() < 0.5, values: Array.from({ length: 1 + Math.floor(next() * 3) }, literal) };
        case "between":
          return { kind: "between", column, negated: next() < 0.5, low: literal(), high: literal() };
        case "null":
          return { kind: "null", column, negated: next() < 0.5 };
        case "quantile": {
          const bins = pick([2, 4, 10]);
          const values = Array.from({ length: 1 + Math.floor(next() * 2) }, () => 1 + Math.floor(next() * bins));
          return { kind: "quantile", column, bins, negated: next() < 0.5, values };
        }
      }
    };
    return expr;
  }

  it("holds for 2,000 random trees (seed 7) with hostile names and strings", () => {
    const expr = generator(7);
    for (let i = 0; i < 2000; i++) {
      const ast = expr(4);
      const text = printSlice(ast);
      expect(parseSlice(text), text).toEqual(ast);
    }
  });
});

describe("parse errors name the column and what was expected", () => {
  it.each([
    ["species =", /^slice: expected a value after '=' at column 10$/, 9],
    ["'Flipper' = 3", /^slice: expected a column name at column 1, found ''Flipper''$/, 0],
    ["age = 3 AND", /^slice: expected a column name after 'AND' at column 12$/, 11],
    ["age = 3 sex = 1", /^slice: expected AND, OR or the end after '3' at column 9, found 'sex'$/, 8],
    ["(age = 3", /^slice: expected '\)' or AND \/ OR after '3' at column 9$/, 8],
    ["age = 3)", /closes nothing/, 7],
    ["age 3", /^slice: expected an operator .* after 'age' at column 5, found '3'$/, 4],
    ["AND = 1", /^slice: expected a column name \(write "AND" in double quotes/, 0],
    ["age IN ()", /^slice: expected a value after '\(' at column 9, found '\)'$/, 8],
    ["age IN (1, 2", /^slice: expected ',' or '\)' after '2' at column 13$/, 12],
    ["age = NULL", /^slice: NULL is not a value; write IS NULL or IS NOT NULL at column 7$/, 6],
    ["age IS 3", /^slice: expected NULL after 'IS' at column 8, found '3'$/, 7],
    ["age BETWEEN 1 2", /^slice: expected AND after '1' at column 15, found '2'$/, 14],
    ["day = DATE '2023-02-29'", /^slice: expected a date in quotes, 'YYYY-MM-DD' after 'DATE' at column 12/, 11],
    ["name = 'open", /^slice: unterminated string starting at column 8$/, 7],
    ['"open = 1', /^slice: unterminated quoted name starting at column 1$/, 0],
    ['"" = 1', /^slice: empty quoted name at column 1$/, 0],
    ["age = 12abc", /^slice: unexpected character 'a' after the number 12 at column 9$/, 8],
    ["age = 1.2.3", /^slice: unexpected character '.' after the number 1.2 at column 10$/, 9],
    ["age # 1", /^slice: unexpected character '#' at column 5$/, 4],
    ["age = 1e999", /^slice: number out of range: 1e999 at column 7$/, 6],
    ["q(x, 4) = 5", /^slice: bin 5 is outside 1..4 at column 1$/, 0],
    ["q(x, 1) = 1", /^slice: the number of quantile bins must be a whole number from 2 to 1000: 1 at column 1$/, 0],
    ["q(x, 2.5) = 1", /^slice: expected a whole number of bins after ',' at column 6, found '2.5'$/, 5],
    ["q(x, 4) > 2", /^slice: expected =, !=, IN or NOT IN after a quantile bin after '\)' at column 9, found '>'$/, 8],
    ["", /^slice: expected a slice expression at column 1$/, 0],
    ["x = 'a\u0000b'", /^slice: strings cannot contain the NUL character at column 5$/, 4],
  ])("%s", (text, message, position) => {
    let error: unknown;
    try {
      parseSlice(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SliceError);
    expect((error as SliceError).code).toBe("syntax");
    expect((error as SliceError).message).toMatch(message);
    expect((error as SliceError).position).toBe(position);
  });
});

describe("printSlice checks ASTs from outside the parser", () => {
  it.each<[unknown, RegExp]>([
    [{ kind: "and", args: [eq("a", num(1))] }, /AND needs at least two args at \$/],
    [{ kind: "compare", column: "a", op: "=", value: num(NaN) }, /expected a finite number: NaN at \$\.value/],
    [{ kind: "compare", column: "a", op: "==", value: num(1) }, /unknown operator: == at \$\.op/],
    [{ kind: "compare", column: "", op: "=", value: num(1) }, /expected a non-empty column name at \$\.column/],
    [{ kind: "in", column: "a", negated: false, values: [] }, /IN needs at least one value at \$\.values/],
    [{ kind: "or", args: [eq("a", num(1)), { kind: "null", column: "b" }] }, /expected true or false at \$\.args\[1\]\.negated/],
    [{ kind: "compare", column: "a", op: "=", value: { kind: "date", value: "2024-13-01" } }, /expected a date YYYY-MM-DD/],
    [{ kind: "quantile", column: "a", bins: 4, negated: false, values: [0] }, /bin 0 is outside 1..4/],
    [{ kind: "sql", text: "1 = 1" }, /unknown slice kind: sql/],
  ])("%j", (ast, message) => {
    expect(() => printSlice(ast as SliceExpr)).toThrow(message);
  });
});
