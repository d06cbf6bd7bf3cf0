import { describe, expect, it } from "vitest";
import { findCsvProblem } from "./csv-check";

// Cases follow RFC 4180 §2: quoted fields may hold delimiters, newlines and doubled quotes.
describe("findCsvProblem", () => {
  it.each([
    ["a,b\n1,2\n3,4\n", null],
    ["a,b\n1,\"x,y\"\n3,\"multi\nline\"\n", null],
    ['a,b\n1,"say ""hi"""\n', null],
    ["a,b\r\n1,2\r\n", null],
    ["a,b\n\n1,2\n", null],
    ["a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n", { line: 4, message: "expected 3 fields (as in the first line), found 4" }],
    ["a,b,c\n1,2\n", { line: 2, message: "expected 3 fields (as in the first line), found 2" }],
    ['a,b\n1,"unterminated\n2,3\n', { line: 2, message: 'a quoted field opened on this line never closes (unbalanced ")' }],
  ])("%j", (text, problem) => {
    expect(findCsvProblem(text, ",")).toEqual(problem);
  });
  it("uses the given delimiter", () => {
    expect(findCsvProblem("a\tb\n1\t2\t3\n", "\t")?.line).toBe(2);
  });
});
