import { describe, expect, it } from "vitest";
import { isPlainName, isQueryStatement, quoteIdent, quoteLiteral, splitStatements, tableNameFromFile } from "./sql";

describe("splitStatements", () => {
  it.each([
    ["select 1", ["select 1"]],
    ["select 1; select 2;", ["select 1", "select 2"]],
    ["select ';' as s; select 2", ["select ';' as s", "select 2"]],
    ['select 1 as "a;b"; select 2', ['select 1 as "a;b"', "select 2"]],
    ["select 'it''s; fine'", ["select 'it''s; fine'"]],
    ["-- c;\nselect 1; /* x; y */ select 2", ["-- c;\nselect 1", "/* x; y */ select 2"]],
    ["select $$a;b$$; select 3", ["select $$a;b$$", "select 3"]],
    [" ; ;\n -- only a comment", []],
  ])("%j", (script, expected) => {
    expect(splitStatements(script)).toEqual(expected);
  });
});

describe("isQueryStatement", () => {
  it.each([
    ["SELECT 1", true],
    ["  with t as (select 1) select * from t", true],
    ["-- note\nFROM penguins", true],
    ["CREATE TABLE t AS SELECT 1", false],
    ["insert into t values (1)", false],
    ["DESCRIBE penguins", true],
  ])("%j → %s", (s, expected) => expect(isQueryStatement(s)).toBe(expected));
});

describe("names", () => {
  it("quotes identifiers and literals", () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });
  it.each([
    ["seattle-weather.csv", "seattle_weather"],
    ["2024 Sales.parquet", "t_2024_sales"],
    ["dir/penguins.json", "penguins"],
    ["---.csv", "data"],
  ])("table name from %j", (f, name) => expect(tableNameFromFile(f)).toBe(name));
  it("accepts only plain names", () => {
    expect(isPlainName("penguins")).toBe(true);
    expect(isPlainName("1abc")).toBe(false);
    expect(isPlainName("a b")).toBe(false);
  });
});
