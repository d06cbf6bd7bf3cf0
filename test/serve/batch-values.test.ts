import { DuckDBInstance, DuckDBTypeId } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import type { InputSchema } from "@/lib/onnx/inputs";
import { duckdbReason } from "@/lib/serve/batch-duckdb";
import { BatchError } from "@/lib/serve/batch-error";
import { inputFormat, outputFormat, sqlIdent, sqlString } from "@/lib/serve/batch-format";
import { predictionColumns as columnsOf } from "@/lib/onnx/prediction-columns";
const predictionColumns = (m: { task: string; classes: string[] }) => columnsOf(m.task, m.classes);
import { recordValue, selectExpression } from "@/lib/serve/batch-values";

const num: InputSchema = { name: "x", kind: "numeric", type: "float", width: 1 };
const date: InputSchema = { name: 'when "local"', kind: "date", type: "float", width: 2, parts: ["year", "month"] };

describe("recordValue: a DuckDB value as /predict's JSON would carry it", () => {
  it.each([
    ["numeric", null, null],
    ["numeric", 3n, 3],
    ["numeric", " 47.5 ", 47.5],
    ["numeric", "-1e-3", -0.001],
    ["numeric", ".5", 0.5],
    ["numeric", "long", "long"], // left for records.ts to refuse by row
    ["numeric", "1,5", "1,5"],
    ["numeric", true, true],
    ["boolean", "TRUE", true],
    ["boolean", "false", false],
    ["boolean", "1", 1],
    ["boolean", "0", 0],
    ["boolean", 1n, 1],
    ["boolean", "yes", "yes"],
    ["categorical", 7n, "7"],
    ["categorical", 12345678901234567890n, "12345678901234567890"],
    ["categorical", "007", "007"],
    ["categorical", 1.5, 1.5],
    ["date", 1709164800000n, 1709164800000],
    ["date", "2024-02-29", "2024-02-29"],
  ] as const)("%s %o → %o", (kind, v, want) => {
    expect(recordValue(kind, v)).toEqual(want);
  });
});

describe("selectExpression", () => {
  it.each([
    [num, DuckDBTypeId.DOUBLE, `"x"`],
    [num, DuckDBTypeId.VARCHAR, `"x"`],
    [num, DuckDBTypeId.DECIMAL, `"x"`],
    [num, DuckDBTypeId.DATE, `CAST("x" AS VARCHAR)`],
    [num, DuckDBTypeId.LIST, `CAST("x" AS VARCHAR)`],
    [date, DuckDBTypeId.DATE, `epoch_ms(CAST("when ""local""" AS TIMESTAMP))`],
    [date, DuckDBTypeId.TIMESTAMP_NS, `epoch_ms(CAST("when ""local""" AS TIMESTAMP))`],
    [date, DuckDBTypeId.TIMESTAMP_TZ, `epoch_ms("when ""local""")`],
    [date, DuckDBTypeId.VARCHAR, `"when ""local"""`],
  ] as const)("%o from type %s → %s", (input, type, want) => {
    expect(selectExpression(input, type)).toBe(want);
  });

  it("gives epoch milliseconds of the UTC wall clock, as records.ts reads an ISO date without a zone; infinity is missing", async () => {
    const c = await (await DuckDBInstance.create(":memory:")).connect();
    const epochMs = async (type: DuckDBTypeId, literal: string) => {
      const r = await c.runAndReadAll(`SELECT ${selectExpression(date, type)} FROM (SELECT ${literal} AS ${sqlIdent(date.name)})`);
      const v = r.getRowsJS()[0][0];
      return v === null ? null : Number(v);
    };
    try {
      expect(await epochMs(DuckDBTypeId.DATE, "DATE '2024-02-29'")).toBe(Date.UTC(2024, 1, 29));
      expect(await epochMs(DuckDBTypeId.TIMESTAMP, "TIMESTAMP '2024-02-29 23:30:00'")).toBe(Date.UTC(2024, 1, 29, 23, 30));
      expect(await epochMs(DuckDBTypeId.TIMESTAMP_NS, "TIMESTAMP_NS '2024-02-29 23:30:00.123456789'")).toBe(Date.UTC(2024, 1, 29, 23, 30, 0, 123));
      expect(await epochMs(DuckDBTypeId.TIMESTAMP_TZ, "TIMESTAMPTZ '2024-02-29 23:30:00+02:00'")).toBe(Date.UTC(2024, 1, 29, 21, 30));
      expect(await epochMs(DuckDBTypeId.TIMESTAMP, "'infinity'::TIMESTAMP")).toBeNull();
    } finally {
      c.closeSync();
    }
  });
});

describe("formats", () => {
  it.each([
    ["text/csv", null, "csv"],
    ["text/csv; charset=utf-8", null, "csv"],
    ["TEXT/TAB-SEPARATED-VALUES", null, "tsv"],
    ["application/vnd.apache.parquet", null, "parquet"],
    ["application/octet-stream", "parquet", "parquet"],
    ["text/csv", "Parquet", "parquet"], // ?format= wins
    [null, "tsv", "tsv"],
  ] as const)("Content-Type %s, ?format=%s → %s", (type, param, want) => {
    expect(inputFormat(type, param)).toBe(want);
  });

  it.each([
    ["application/octet-stream", null, /Content-Type application\/octet-stream does not say which format/],
    [null, null, /no Content-Type does not say/],
    ["application/json", null, /Content-Type application\/json/],
    ["multipart/form-data; boundary=x", null, /multipart\/form-data is not read here/],
    ["text/csv", "xlsx", /^format: "xlsx" is not a format/],
  ] as const)("Content-Type %s, ?format=%s is refused", (type, param, message) => {
    expect(() => inputFormat(type, param)).toThrow(BatchError);
    expect(() => inputFormat(type, param)).toThrow(message);
  });

  it("answers in the input's format unless ?out= says otherwise", () => {
    expect(outputFormat(null, "tsv")).toBe("tsv");
    expect(outputFormat("parquet", "csv")).toBe("parquet");
    expect(() => outputFormat("json", "csv")).toThrow(/^out: "json"/);
  });

  it("quotes SQL strings and identifiers", () => {
    expect(sqlString("/tmp/it's")).toBe("'/tmp/it''s'");
    expect(sqlIdent('a "b"')).toBe('"a ""b"""');
  });
});

describe("predictionColumns", () => {
  it.each([
    [{ task: "regression", classes: [] }, ["predicted_value"]],
    [{ task: "binary", classes: ["no", "yes"] }, ["predicted_label", "prob_no", "prob_yes"]],
    // DuckDB's names ignore case: classes differing only in case stay distinct.
    [{ task: "multiclass", classes: ["A", "a", "a_2"] }, ["predicted_label", "prob_A", "prob_a_2", "prob_a_2_2"]],
  ])("%o → %o", (m, want) => {
    expect(predictionColumns(m)).toEqual(want);
  });
});

describe("duckdbReason", () => {
  it("keeps DuckDB's first statement, drops the SQL excerpt, the option list and the server's path", () => {
    const file = "/tmp/lathe-batch-abc/upload.csv";
    const message = `Invalid Input Error: Error when sniffing file "${file}".\nIt was not possible to automatically detect the CSV parsing dialect\nThe search space used was:\nDelimiter Candidates: ','\n\nLINE 1: CREATE TABLE input AS SELECT * FROM read_csv('${file}')`;
    expect(duckdbReason(new Error(message), file)).toBe(`Error when sniffing file "upload.csv". It was not possible to automatically detect the CSV parsing dialect`);
    expect(duckdbReason(new Error(`IO Error: No magic bytes found at end of file '/tmp/lathe-batch-abc/upload.parquet'`), "/tmp/lathe-batch-abc/upload.parquet")).toBe("No magic bytes found at end of file 'upload.parquet'");
    expect(duckdbReason(new Error("x".repeat(1000)), file)).toHaveLength(400);
  });
});
