// Native DuckDB (@duckdb/node-api) loading the same files and running the same
// group-by as the app, at the default thread count and at one thread.
import { GROUP_BY, INGEST_RUNS, PARQUET, CSV, QUERY_RUNS, median } from "./config.mjs";

export async function nativeBench() {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const out = {};
  for (const [label, threads] of [
    ["default", null],
    ["1thread", 1],
  ]) {
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    if (threads) await conn.run(`SET threads = ${threads}`);
    const t = (await conn.runAndReadAll("SELECT current_setting('threads')::INTEGER AS t")).getRowObjectsJS()[0].t;
    const res = { threads: Number(t) };
    for (const [fmt, file, reader] of [
      ["parquet", PARQUET, "read_parquet"],
      ["csv", CSV, "read_csv"],
    ]) {
      const times = [];
      let rows = 0;
      for (let i = 0; i < INGEST_RUNS; i++) {
        const table = `bench_${fmt}_${i}`;
        const t0 = performance.now();
        await conn.run(`CREATE TABLE ${table} AS SELECT * FROM ${reader}('${file}')`);
        rows = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjectsJS()[0].n);
        times.push(performance.now() - t0);
        if (i > 0) await conn.run(`DROP TABLE ${table}`);
      }
      res[fmt] = { rows, times, ms: median(times), rowsPerS: rows / (median(times) / 1000) };
    }
    // Group-by over the table loaded from Parquet.
    const q = GROUP_BY("bench_parquet_0");
    let groups = 0;
    (await conn.runAndReadAll(q)).getRows(); // warm-up
    const qt = [];
    for (let i = 0; i < QUERY_RUNS; i++) {
      const t0 = performance.now();
      groups = (await conn.runAndReadAll(q)).getRows().length;
      qt.push(performance.now() - t0);
    }
    res.groupBy = { times: qt, ms: median(qt), groups };
    conn.closeSync();
    inst.closeSync();
    out[label] = res;
  }
  return out;
}
