// Paths, run counts and small number helpers shared by the bench:data modules.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const PORT = Number(process.env.BENCH_PORT ?? 3200);
export const ORIGIN = `http://127.0.0.1:${PORT}`;
export const PARQUET = join(root, "node_modules/vega-datasets/data/flights-3m.parquet");
export const CACHE = join(root, "bench/.cache");
export const CSV = join(CACHE, "flights-3m.csv");
export const PUBLIC_CSV_DIR = join(root, "public/samples/bench");
export const PUBLIC_CSV = join(PUBLIC_CSV_DIR, "flights-3m.csv");
export const RESULTS = join(root, "bench/results/data.json");
export const INGEST_RUNS = 5;
export const QUERY_RUNS = 5;
export const FIRST_LOAD_RUNS = 3;
export const DEAD_PORT = 9; // discard port: nothing listens, so proxied requests fail
export const GROUP_BY = (table) => `SELECT origin, avg(delay) AS avg_delay FROM ${table} GROUP BY origin`;

export const log = (...a) => console.log(...a);
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const r1 = (x) => Math.round(x * 10) / 10;
export const r3 = (x) => Math.round(x * 1000) / 1000;
export const fmtInt = (x) => Math.round(x).toLocaleString("en-US");
