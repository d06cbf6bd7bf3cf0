import { describe, expect, it } from "vitest";
import { SliceError } from "@/lib/eval/slices/errors";
import { checkNamedSlices, checkSliceName, namedSlice } from "@/lib/eval/slices/named";

describe("slice names", () => {
  it.each(["mobile", "Mobile users", "q4-2024", "v1.2_beta", "Gentoo", "ペンギン", "7", "a".repeat(64)])("accepts %j", (name) => {
    expect(() => checkSliceName(name)).not.toThrow();
  });

  it.each(["", " mobile", "mobile ", "-x", "a/b", 'say "hi"', "it's", "tab\there", "line\nbreak", "a".repeat(65), "<script>"])("refuses %j", (name) => {
    expect(() => checkSliceName(name)).toThrow(SliceError);
    expect(() => checkSliceName(name)).toThrow(/^slice: a name is 1–64 letters/);
  });
});

describe("namedSlice", () => {
  it("stores the canonical text and its AST", () => {
    const s = namedSlice("Big Gentoo", "species='Gentoo' and \"Body Mass (g)\">5000");
    expect(s.expression).toBe("species = 'Gentoo' AND \"Body Mass (g)\" > 5000");
    expect(s.ast.kind).toBe("and");
  });

  it("accepts an AST from a builder", () => {
    const s = namedSlice("nulls", { kind: "null", column: "Sex", negated: false });
    expect(s).toEqual({ name: "nulls", expression: "Sex IS NULL", ast: { kind: "null", column: "Sex", negated: false } });
  });

  it("refuses names that differ only in case", () => {
    expect(() =>
      checkNamedSlices([
        { name: "Mobile", expression: "device = 'mobile'" },
        { name: "mobile", expression: "device = 'phone'" },
      ]),
    ).toThrow(/two slices are named "Mobile"/);
  });

  it("passes a syntax error through", () => {
    expect(() => namedSlice("x", "device =")).toThrow(/expected a value after '=' at column 9/);
  });
});
