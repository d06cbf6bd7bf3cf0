import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { openNodeDuckDb, sampleBytes } from "@/test/duckdb-node";
import { queryRows, type Db } from "./db";
import { DataError } from "./errors";
import { ipcBytes, PARQUET_BATCH_ROWS, parquetToIpc, type ParquetIpc } from "./parquet-to-ipc";

/**
 * The staged path (C Data Interface views + apache-arrow's writer into a
 * reusable buffer) must give DuckDB exactly what parquet-wasm's own IPC
 * writer gives it. Reference files are written by native DuckDB
 * (@duckdb/node-api), and the aggregates it computes from the Parquet file
 * itself are the independent check of the values.
 */
const require = createRequire(import.meta.url);
const parquet = require("parquet-wasm/node") as typeof import("parquet-wasm/node");

let db: Db & { close(): void };
let dir: string;
let n = 0;
beforeAll(async () => {
  db = await openNodeDuckDb();
  dir = mkdtempSync(join(tmpdir(), "lathe-parquet-"));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every flat type DuckDB writes to Parquet, with nulls, over several record batches. */
const FLAT = `SELECT
  (i % 100)::TINYINT AS i8, (i % 30000)::SMALLINT AS i16, i::INTEGER * 7 AS i32, i::BIGINT * 1000003 AS i64,
  (i % 200)::UTINYINT AS u8, (i % 60000)::USMALLINT AS u16, i::UINTEGER AS u32, i::UBIGINT * 99991 AS u64,
  (i / 3)::FLOAT AS f32, i / 7 AS f64, i % 3 = 0 AS flag,
  (i * 1.25)::DECIMAL(9, 2) AS d9, (i * 1.125)::DECIMAL(18, 3) AS d18, (i * 1.0000000001)::DECIMAL(38, 10) AS d38,
  DATE '2020-01-01' + (i % 3000)::INTEGER AS day, TIME '00:00:00' + to_seconds(i % 86400) AS clock,
  TIMESTAMP '2020-01-01' + to_minutes(i) AS ts, TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_seconds(i) AS tstz,
  'row ' || i AS s, repeat('é', (i % 5)::INTEGER) || '日本' AS s_utf8, ('b' || i)::BLOB AS bin,
  md5(i::VARCHAR)::UUID AS id,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS maybe_i, CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || i END AS maybe_s,
  CASE WHEN i % 11 = 0 THEN NULL ELSE i % 2 = 0 END AS maybe_flag
FROM range(${2 * PARQUET_BATCH_ROWS + 1234}) t(i)`;

/** Columns the staged path does not read (nested, interval), which must fall back to parquet-wasm's writer. */
const NESTED = `SELECT i, [i, i + 1] AS list, {'a': i, 'b': 'x' || i} AS rec, to_days(i::INTEGER) AS span FROM range(5000) t(i)`;

async function writeParquet(select: string): Promise<{ path: string; bytes: Uint8Array }> {
  const path = join(dir, `f${++n}.parquet`);
  const inst = await DuckDBInstance.create(":memory:");
  const conn = await inst.connect();
  await conn.run(`COPY (${select}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 50000)`);
  conn.closeSync();
  return { path, bytes: new Uint8Array(readFileSync(path)) };
}

/** Loads both decodes into DuckDB-WASM and returns the two table names. */
async function loadBoth(bytes: Uint8Array, target: SharedArrayBuffer | null = null): Promise<{ staged: string; copied: string; out: ParquetIpc<SharedArrayBuffer> }> {
  const out = parquetToIpc(parquet, "f.parquet", bytes, target, (k) => new SharedArrayBuffer(k));
  const staged = `staged_${n}_${Math.random().toString(36).slice(2, 8)}`;
  const copied = `copied_${staged}`;
  await db.insertArrowStream(ipcBytes(out), staged);
  await db.insertArrowStream(parquet.readParquet(bytes, { batchSize: PARQUET_BATCH_ROWS }).intoIPCStream(), copied);
  return { staged, copied, out };
}

async function sameTable(a: string, b: string) {
  const describe = async (t: string) => (await queryRows(db, `DESCRIBE ${t}`)).map((r) => `${r.column_name} ${r.column_type}`);
  expect(await describe(a)).toEqual(await describe(b));
  const [diff] = await queryRows(db, `SELECT (SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}))::DOUBLE AS ab, (SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}))::DOUBLE AS ba, (SELECT count(*) FROM ${a})::DOUBLE AS rows`);
  expect(diff).toMatchObject({ ab: 0, ba: 0 });
  return diff.rows as number;
}

describe("parquetToIpc", () => {
  it("stages every flat type, nulls included, exactly as parquet-wasm's own writer and native DuckDB read it", async () => {
    const { path, bytes } = await writeParquet(FLAT);
    const { staged, copied, out } = await loadBoth(bytes);
    expect(out.kind).toBe("staged");
    expect(await sameTable(staged, copied)).toBe(2 * PARQUET_BATCH_ROWS + 1234);
    // Independent values: native DuckDB's own Parquet reader over the same file.
    // A UUID reaches DuckDB-WASM as 16 bytes (Arrow fixed-size binary, by either path): compare it as hex.
    const aggregates = (id: string) => `sum(i64)::DOUBLE AS s64, sum(u64)::DOUBLE AS su64, sum(d38)::DOUBLE AS sd38, sum(f64) AS sf64, count(maybe_i)::DOUBLE AS ni,
      count(maybe_s)::DOUBLE AS ns, sum(length(s_utf8))::DOUBLE AS chars, count(*) FILTER (flag)::DOUBLE AS flags, count(maybe_flag)::DOUBLE AS nflag,
      max(ts)::VARCHAR AS last_ts, max(tstz)::VARCHAR AS last_tstz, max(clock)::VARCHAR AS last_clock, max(day)::VARCHAR AS last_day, ${id} AS last_id, max(bin)::VARCHAR AS max_bin`;
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    await conn.run("SET TimeZone = 'UTC'");
    const native = (await conn.runAndReadAll(`SELECT ${aggregates("upper(replace(arg_max(id, i64)::VARCHAR, '-', ''))")} FROM '${path}'`)).getRowObjectsJson()[0];
    conn.closeSync();
    await db.query("SET TimeZone = 'UTC'").catch(() => undefined);
    const [wasm] = await queryRows(db, `SELECT ${aggregates("hex(arg_max(id, i64))")} FROM ${staged}`);
    for (const [k, v] of Object.entries(native)) {
      if (typeof wasm[k] === "number") expect(wasm[k], k).toBeCloseTo(Number(v), 6);
      else expect(String(wasm[k]).replace(/\+00(:00)?$/, ""), k).toBe(String(v).replace(/\+00(:00)?$/, ""));
    }
  });

  it("falls back to parquet-wasm's writer for nested and interval columns, with the same result", async () => {
    const { bytes } = await writeParquet(NESTED);
    const { staged, copied, out } = await loadBoth(bytes);
    expect(out.kind).toBe("copied");
    expect(await sameTable(staged, copied)).toBe(5000);
  });

  it("writes into a lent buffer that is large enough, and into a new one when it is not", async () => {
    const bytes = sampleBytes("flights-3m.parquet").subarray(0); // the real 3M-row sample
    const small = new SharedArrayBuffer(1024);
    const first = await loadBoth(bytes, small);
    if (first.out.kind !== "staged") throw new Error("flights-3m has flat columns");
    expect(first.out.buffer).not.toBe(small);
    expect(await sameTable(first.staged, first.copied)).toBe(3_000_000);
    // Reuse the big buffer after scribbling over it: stale bytes must not leak into the next stream.
    new Uint8Array(first.out.buffer).fill(0xab);
    const { bytes: seattle } = await writeParquet(`SELECT * FROM read_csv('${join(process.cwd(), "node_modules/vega-datasets/data/seattle-weather.csv")}')`);
    const again = await loadBoth(seattle, first.out.buffer);
    if (again.out.kind !== "staged") throw new Error("seattle-weather has flat columns");
    expect(again.out.buffer).toBe(first.out.buffer);
    expect(again.out.byteLength).toBeLessThan(first.out.byteLength);
    expect(await sameTable(again.staged, again.copied)).toBe(1461);
  });

  it("names the file when the Parquet cannot be read", () => {
    const cut = sampleBytes("flights-3m.parquet").subarray(0, 5000);
    expect(() => parquetToIpc(parquet, "cut.parquet", cut, null, (k) => new SharedArrayBuffer(k))).toThrow(DataError);
    expect(() => parquetToIpc(parquet, "cut.parquet", cut, null, (k) => new SharedArrayBuffer(k))).toThrow(/^cut\.parquet: cannot read Parquet/);
  });
});
