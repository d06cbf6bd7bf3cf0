import { describe, expect, it } from "vitest";
import { jsonErrorOffset, lineAt } from "./json-locate";

// Grammar per RFC 8259; every valid case is also checked against JSON.parse.
describe("jsonErrorOffset", () => {
  it.each(['[{"a": 1, "b": [true, false, null, "x\\"y", -1.5e3]}]', "{}", "[]", ' "s" '])("accepts valid JSON %j", (t) => {
    expect(() => JSON.parse(t)).not.toThrow();
    expect(jsonErrorOffset(t)).toBe(t.length);
  });
  it.each([
    ['[\n{"a": 1},\n{"a": }\n]', 3],
    ['[{"a": 1},\n{"a": 2,,}]', 2],
    ['[1, 2\n\n', 3],
    ['{"a": tru}', 1],
    ["[1]\nx", 2],
  ])("locates the error in %j on line %i", (t, line) => {
    expect(() => JSON.parse(t)).toThrow();
    expect(lineAt(t, jsonErrorOffset(t))).toBe(line);
  });
});
