import type { Table } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeToArrowStream } from "@/lib/data/decode";
import type { Db } from "@/lib/data/db";
import { FeedError, feedsFromArrow } from "@/lib/onnx/feeds-from-arrow";
import type { InputSchema, OnnxFeed } from "@/lib/onnx/inputs";
import { feedsFromRecords } from "@/lib/serve/records";
import { openNodeDuckDb, sampleBytes } from "@/test/duckdb-node";

/*
 * The reference is the server's path: lib/serve/records.ts on the JSON
 * records of the same rows (penguins, Gorman et al. 2014, via
 * vega-datasets). The Arrow side is what DuckDB answers for a table loaded
 * from that file, plus derived columns made in SQL; the records side makes
 * the same derived values in plain JavaScript from the parsed JSON, dates as
 * ISO text — so the two share nothing but the rows.
 */

const PENGUINS = JSON.parse(new TextDecoder().decode(sampleBytes("penguins.json"))) as Record<string, unknown>[];
const DAY_MS = 86_400_000;
const BASE_DAY = Date.UTC(2007, 10, 1); // 2007-11-01, when the Palmer study's sampling began

/** The derived columns, in JavaScript: every 7th row has no date, every 5th no timestamp. */
function derived(i: number, mass: unknown) {
  return {
    Heavy: mass === null ? null : (mass as number) > 4000,
    Seen: i % 7 === 3 ? null : new Date(BASE_DAY + i * DAY_MS).toISOString().slice(0, 10),
    Stamp: i % 5 === 1 ? null : new Date(BASE_DAY + i * 37 * 3_600_000 + 90_000).toISOString(),
  };
}

const SCHEMA: InputSchema[] = [
  { name: "Island", kind: "categorical", type: "string", width: 1 },
  { name: "Sex", kind: "categorical", type: "string", width: 1 },
  { name: "Beak Length (mm)", kind: "numeric", type: "float", width: 1 },
  { name: "Flipper Length (mm)", kind: "numeric", type: "float", width: 1 },
  // Numbers treated as categories: keyed by their decimal text.
  { name: "Body Mass (g)", kind: "categorical", type: "string", width: 1 },
  { name: "Beak Depth (mm)", kind: "categorical", type: "string", width: 1 },
  { name: "Heavy", kind: "boolean", type: "float", width: 1 },
  { name: "Seen", kind: "date", type: "float", width: 5, parts: ["year", "month", "day", "dayofweek", "epoch_days"] },
  { name: "Stamp", kind: "date", type: "float", width: 3, parts: ["hour", "dayofweek", "day"] },
];

const records = PENGUINS.map((r, i) => {
  const all: Record<string, unknown> = { ...r, ...derived(i, r["Body Mass (g)"]) };
  return Object.fromEntries(SCHEMA.map((s) => [s.name, all[s.name] ?? null]));
});

const plain = (f: OnnxFeed) => ({ name: f.name, type: f.type, dims: f.dims, data: Array.from(f.data as ArrayLike<number | string>) });

let db: Db & { close(): void };
let table: Table;
beforeAll(async () => {
  db = await openNodeDuckDb();
  await db.insertArrowStream(decodeToArrowStream("json", "penguins.json", sampleBytes("penguins.json")), "penguins_raw");
  table = await db.query(`
    SELECT *,
      CASE WHEN "Body Mass (g)" IS NULL THEN NULL ELSE "Body Mass (g)" > 4000 END AS "Heavy",
      CASE WHEN i % 7 = 3 THEN NULL ELSE DATE '2007-11-01' + CAST(i AS INTEGER) END AS "Seen",
      CASE WHEN i % 5 = 1 THEN NULL ELSE TIMESTAMP '2007-11-01 00:00:00' + to_hours(CAST(i * 37 AS BIGINT)) + INTERVAL 90 SECOND END AS "Stamp"
    FROM (SELECT *, row_number() OVER () - 1 AS i FROM penguins_raw)
    ORDER BY i`);
});
afterAll(() => db.close());

describe("feedsFromArrow agrees with the server's JSON records path", () => {
  it("reads DuckDB's types as the test expects (the premise)", () => {
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toMatchObject({ Island: "Utf8", Sex: "Utf8", "Body Mass (g)": "Int32", "Beak Depth (mm)": "Float64", Heavy: "Bool", Seen: "Date32<DAY>", Stamp: "Timestamp<MICROSECOND>" });
    expect(table.numRows).toBe(PENGUINS.length);
  });

  it("builds the same feeds for every penguin, nulls included", () => {
    const fromRecords = feedsFromRecords(records, SCHEMA, { maxRows: records.length });
    const fromArrow = feedsFromArrow(table, SCHEMA);
    expect(fromArrow.map(plain)).toEqual(fromRecords.feeds.map(plain));
    // The premise of "nulls included": the sample has missing values in these columns.
    const sex = fromArrow.find((f) => f.name === "Sex")!.data as string[];
    expect(sex).toContain("<missing>");
    expect(Array.from(fromArrow.find((f) => f.name === "Beak Length (mm)")!.data as Float32Array).some(Number.isNaN)).toBe(true);
    expect((fromArrow.find((f) => f.name === "Body Mass (g)")!.data as string[])[0]).toBe("3750");
    expect((fromArrow.find((f) => f.name === "Beak Depth (mm)")!.data as string[])[0]).toBe("18.7");
  });

  it("gives the same feeds row range by row range, on a table of several record batches", () => {
    const split = table.slice(0, 100).concat(table.slice(100, 217), table.slice(217));
    expect(split.batches.length).toBeGreaterThanOrEqual(3);
    const whole = feedsFromRecords(records, SCHEMA, { maxRows: records.length }).feeds;
    for (const [start, end] of [[0, 50], [50, 150], [150, 344], [300, 344]]) {
      const part = feedsFromRecords(records.slice(start, end), SCHEMA, { maxRows: records.length }).feeds;
      expect(feedsFromArrow(split, SCHEMA, start, end).map(plain), `rows ${start}–${end}`).toEqual(part.map(plain));
    }
    expect(whole[7].dims).toEqual([344, 5]);
  });

  it("computes date parts by hand-checked values (2007-11-01 is a Thursday, day 13818 since the epoch)", () => {
    const seen = feedsFromArrow(table, SCHEMA.slice(7, 8), 0, 1)[0];
    expect(Array.from(seen.data as Float32Array)).toEqual([2007, 11, 1, 3, 13818]);
    const stamp = feedsFromArrow(table, SCHEMA.slice(8, 9), 2, 3)[0];
    // Row 2: 74 hours and 90 s after 2007-11-01 00:00 → 2007-11-04 02:01:30, a Sunday (6).
    expect(Array.from(stamp.data as Float32Array)).toEqual([2, 6, 4]);
    const missing = feedsFromArrow(table, SCHEMA.slice(7, 8), 3, 4)[0];
    expect(Array.from(missing.data as Float32Array).every(Number.isNaN)).toBe(true);
  });
});

describe("feedsFromArrow refuses what the model cannot read, naming the column", () => {
  const error = (schema: InputSchema[], t: Table = table): FeedError => {
    try {
      feedsFromArrow(t, schema);
    } catch (e) {
      if (e instanceof FeedError) return e;
      throw e;
    }
    throw new Error("no error");
  };

  it("a missing column, with the near name when only the case differs", () => {
    const e = error([{ name: "flipper length (mm)", kind: "numeric", type: "float", width: 1 }, { name: "Wing", kind: "numeric", type: "float", width: 1 }]);
    expect(e.code).toBe("missing_column");
    expect(e.column).toBe("flipper length (mm)");
    expect(e.message).toBe(`column "flipper length (mm)": not in the table (the table has "Flipper Length (mm)"; names must match exactly) and 1 more ("Wing"); the model reads "flipper length (mm)", "Wing"`);
  });

  it("a column of a type the input cannot take", () => {
    const date = error([{ name: "Island", kind: "date", type: "float", width: 1, parts: ["year"] }]);
    expect(date.code).toBe("wrong_type");
    expect(date.message).toMatch(/^column "Island": holds text \(Utf8\), but the model reads it as a date; CAST it to DATE or TIMESTAMP/);
    const flag = error([{ name: "Seen", kind: "boolean", type: "float", width: 1 }]);
    expect(flag.message).toMatch(/^column "Seen": holds dates \(Date32<DAY>\), but the model reads it as true \/ false/);
  });

  it("a value the input cannot take, by row (1 is the table's first)", () => {
    const e = error([{ name: "Body Mass (g)", kind: "boolean", type: "float", width: 1 }]);
    expect(e.code).toBe("bad_value");
    expect(e.message).toBe(`row 1, column "Body Mass (g)": expected true, false, 1, 0 or null, got 3750`);
    const text = error([{ name: "Island", kind: "numeric", type: "float", width: 1 }]);
    expect(text.message).toBe(`row 1, column "Island": expected a number, blank or null, got "Torgersen"`);
  });
});
