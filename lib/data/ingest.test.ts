import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { openNodeDuckDb, sampleBytes } from "@/test/duckdb-node";
import { queryRows, type Db } from "./db";
import { decodeToArrowStream } from "./decode";
import { ipcBytes, parquetToIpc } from "./parquet-to-ipc";
import { dropVersion, ingest, type Decoder } from "./ingest";
import type { DatasetVersion } from "./dataset";
import { DataError } from "./errors";

const require = createRequire(import.meta.url);
const parquet = require("parquet-wasm/node") as typeof import("parquet-wasm/node");
/**
 * The browser's decoder without the worker: Parquet written into a shared
 * staging buffer as on a cross-origin isolated page, other formats through
 * decodeToArrowStream. Counts releases, which every load must make.
 */
let released = 0;
const decode: Decoder = async (format, fileName, bytes) => {
  const release = () => void released++;
  if (format !== "parquet") return { bytes: decodeToArrowStream(format, fileName, bytes), release };
  return { bytes: ipcBytes(parquetToIpc(parquet, fileName, bytes, null, (n) => new SharedArrayBuffer(n))), release };
};
const enc = (s: string) => new TextEncoder().encode(s);

let db: Db & { close(): void };
const catalog: DatasetVersion[] = [];
beforeAll(async () => {
  db = await openNodeDuckDb();
});
afterAll(() => db.close());

async function load(fileName: string, bytes: Uint8Array, opts: Partial<Parameters<typeof ingest>[2]> = {}) {
  const v = await ingest(db, catalog, { fileName, bytes, ...opts }, decode);
  catalog.push(v);
  return v;
}

async function rejects(p: Promise<unknown>): Promise<DataError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe("ingest", () => {
  it("loads the seattle-weather CSV sample with detected types", async () => {
    const v = await load("seattle-weather.csv", sampleBytes("seattle-weather.csv"));
    expect(v.name).toBe("seattle_weather");
    expect(v.rows).toBe(1461); // 4 years of daily rows, 2012-2015
    expect(v.schema.map((c) => c.type)).toEqual(["DATE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "VARCHAR"]);
    expect(v.csv).toMatchObject({ delimiter: ",", header: true });
    expect(v.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("loads penguins JSON, flights Arrow and the unemployment TSV samples", async () => {
    const p = await load("penguins.json", sampleBytes("penguins.json"));
    expect(p.rows).toBe(344);
    expect(p.schema.find((c) => c.name === "Body Mass (g)")?.type).toBe("INTEGER");
    const f = await load("flights-200k.arrow", sampleBytes("flights-200k.arrow"));
    expect(f.rows).toBe(200000);
    const u = await load("unemployment.tsv", sampleBytes("unemployment.tsv"));
    expect(u.schema.map((c) => c.name)).toEqual(["id", "rate"]);
    expect(u.csv?.delimiter).toBe("\t");
  });

  it("loads the 3M-row flights Parquet sample through parquet-wasm", async () => {
    const v = await load("flights-3m.parquet", sampleBytes("flights-3m.parquet"));
    expect(v.rows).toBe(3_000_000);
    expect(v.schema).toEqual([
      { name: "date", type: "TIMESTAMP" },
      { name: "delay", type: "BIGINT" },
      { name: "distance", type: "BIGINT" },
      { name: "origin", type: "VARCHAR" },
      { name: "destination", type: "VARCHAR" },
    ]);
  });

  it("creates a new version for changed content under the same name and keeps the old one queryable", async () => {
    await load("people.csv", enc("id,name\n1,ada\n2,bob\n"));
    const v2 = await load("people.csv", enc("id,name\n1,ada\n2,bob\n3,cy\n"));
    expect(v2.version).toBe(2);
    expect((await queryRows(db, "SELECT count(*) AS n FROM people"))[0].n).toBe(3);
    expect((await queryRows(db, "SELECT count(*) AS n FROM people__v1"))[0].n).toBe(2);
    const err = await rejects(load("people.csv", enc("id,name\n1,ada\n2,bob\n3,cy\n")));
    expect(err.code).toBe("identical_version");
    await dropVersion(db, catalog, v2);
    catalog.splice(catalog.indexOf(v2), 1);
    expect((await queryRows(db, "SELECT count(*) AS n FROM people"))[0].n).toBe(2);
  });

  it("applies header, delimiter and type overrides in DuckDB's read", async () => {
    // The same two lines read with and without a header row.
    const lines = enc("10,20\n30,40\n");
    const noHeader = await load("pairs.csv", lines, { tableName: "pairs_data", csv: { header: false } });
    expect(noHeader.rows).toBe(2);
    expect(noHeader.csv).toMatchObject({ header: false });
    expect(await queryRows(db, "SELECT * FROM pairs_data ORDER BY 1")).toEqual([
      { column0: 10, column1: 20 },
      { column0: 30, column1: 40 },
    ]);
    const header = await load("pairs.csv", lines, { tableName: "pairs_named", csv: { header: true } });
    expect(header.rows).toBe(1);
    expect(header.schema.map((c) => c.name)).toEqual(["10", "20"]);

    // A semicolon file whose zip codes would lose their leading zeros as integers.
    const zips = await load("zips.csv", enc("zip;n\n02139;1\n00501;2\n"), { csv: { delimiter: ";", types: { zip: "VARCHAR" } } });
    expect(zips.schema).toEqual([
      { name: "zip", type: "VARCHAR" },
      { name: "n", type: "BIGINT" },
    ]);
    expect((await queryRows(db, "SELECT zip FROM zips ORDER BY n")).map((r) => r.zip)).toEqual(["02139", "00501"]);
  });

  it("refuses a name taken by a table the user created, changing nothing", async () => {
    await db.query("CREATE TABLE mine AS SELECT 42 AS answer");
    const err = await rejects(load("mine.csv", enc("a\n1\n")));
    expect(err.code).toBe("duplicate_name");
    expect(err.message).toContain('"mine"');
    expect((await queryRows(db, "SELECT answer FROM mine"))[0].answer).toBe(42);
  });

  it("names the file and the line of a ragged CSV row, and leaves no table behind", async () => {
    const err = await rejects(load("ragged.csv", enc("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n")));
    expect(err.message).toMatch(/^ragged\.csv: line 4: /);
    expect((await queryRows(db, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'ragged%'"))[0].n).toBe(0);
  });

  it("rejects broken quotes, binary garbage, empty files and unknown extensions with the file's name", async () => {
    expect((await rejects(load("quotes.csv", enc('a,b\n1,"unterminated\n2,3\n')))).message).toMatch(/^quotes\.csv: /);
    expect((await rejects(load("garbage.csv", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0xfe])))).code).toBe("malformed");
    expect((await rejects(load("empty.csv", new Uint8Array(0)))).code).toBe("empty_file");
    expect((await rejects(load("model.xlsx", enc("x")))).code).toBe("unsupported_format");
  });

  it("rejects truncated Parquet and invalid JSON with a line number", async () => {
    const full = sampleBytes("flights-3m.parquet");
    expect((await rejects(load("cut.parquet", full.subarray(0, 5000)))).message).toMatch(/truncated/);
    const json = await rejects(load("bad.json", enc('[\n{"a": 1},\n{"a": 2,,}\n]')));
    expect(json.message).toMatch(/^bad\.json: line 3: invalid JSON/);
    const nd = await rejects(load("bad.ndjson", enc('{"a": 1}\n{"a": 2}\nnot json\n')));
    expect(nd.message).toMatch(/^bad\.ndjson: line 3: /);
  });

  it("enforces the size limit", async () => {
    const err = await rejects(load("big.csv", enc("a\n1\n2\n"), { maxBytes: 4 }));
    expect(err.code).toBe("too_large");
    expect(err.message).toMatch(/^big\.csv: .* over the 4 B limit/);
  });
});
