import { describe, expect, it } from "vitest";
import { describeCsvError, parseTypeOverrides, readCsvSql } from "./csv-options";

describe("readCsvSql", () => {
  it("sniffs everything by default", () => {
    expect(readCsvSql("f.csv", {})).toBe("read_csv('f.csv', auto_detect = true)");
  });
  it("applies overrides", () => {
    expect(readCsvSql("f.csv", { delimiter: ";", header: false, types: { zip: "VARCHAR" } })).toBe(
      "read_csv('f.csv', auto_detect = true, delim = ';', header = false, types = {'zip': 'VARCHAR'})",
    );
  });
  it("uses the TSV default delimiter unless overridden", () => {
    expect(readCsvSql("f.tsv", {}, "\t")).toContain("delim = '\t'");
    expect(readCsvSql("f.tsv", { delimiter: "|" }, "\t")).toContain("delim = '|'");
  });
  it("rejects a multi-character delimiter and a non-type", () => {
    expect(() => readCsvSql("f.csv", { delimiter: ";;" })).toThrow(/delimiter/);
    expect(() => readCsvSql("f.csv", { types: { a: "INT); DROP TABLE x; --" } })).toThrow(/not a DuckDB type/);
  });
});

describe("parseTypeOverrides", () => {
  it("parses column: TYPE lists", () => {
    expect(parseTypeOverrides("zip: varchar, price: DECIMAL(10,2)")).toEqual({ zip: "VARCHAR", "price": "DECIMAL(10,2)" });
  });
  it("rejects malformed entries", () => {
    expect(() => parseTypeOverrides("zip varchar")).toThrow(/column: TYPE/);
  });
});

describe("describeCsvError", () => {
  it("keeps DuckDB's first line and the line number", () => {
    const msg = "Invalid Input Error: CSV Error on Line: 3\nOriginal Line: 1,2,3,4\nExpected Number of Columns: 3 Found: 4\nPossible fixes: ...";
    const out = describeCsvError("bad.csv", msg);
    expect(out).toMatch(/^bad\.csv: line 3: /);
    expect(out).toContain("CSV Error on Line: 3");
  });
});
