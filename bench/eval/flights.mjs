// The data bench:eval slices: 200,000 flights (every 15th row of
// vega-datasets' flights-3m.parquet, so January to June 2001 are all there;
// flights-200k.arrow has only delay, distance and time), with each flight's
// error from a model that predicts "late" (delay > 15 min) from origin,
// destination, distance and the departure's hour, weekday, month and day.
//
// The model is the app's own training job (lib/train/run-job.ts) on TF.js's
// WASM backend in Node, cross-fitted: one MLP learns from the even rows and
// predicts the odd ones, another the reverse, so every row's prediction is
// out of fold — a row's error is the error on data the model never saw.
// Error = 0/1 misclassification at P(late) ≥ 0.5.
//
// Writes one JSON file the page fetches: the 8 raw slicing columns (hour,
// weekday, month, day, distance, origin, destination, origin_state), the
// per-row errors, the labels and P(late).
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { tableFromJSON } from "apache-arrow";
import { CACHE, PARQUET, log, root } from "../data/config.mjs";
import { loadTs } from "../train/ts-modules.mjs";

export const ROWS = 200_000;
const STRIDE = 15; // 3,000,000 / 15 = 200,000
const CSV_NAME = `flights-eval-${ROWS}.csv`;
const MODEL_FEATURES = ["origin", "destination", "distance", "date"];
const SETTINGS = { origin: { topK: 100 }, destination: { topK: 100 }, date: { parts: ["hour", "dayofweek", "month", "day"] } };
const MODEL = { kind: "mlp", hidden: [64, 64], activation: "relu", optimizer: { kind: "adam", learningRate: 0.003 }, batchSize: 512, epochs: 4, earlyStopping: null, seed: 1 };
// Each fold's own split only picks the epoch; all of a fold's rows are predicted by the other fold's model.
const FOLD_SPLIT = { kind: "random", seed: 1, validation: 0.1, test: 0.05 };

const require = createRequire(import.meta.url);

async function writeCsv(csv) {
  log(`bench: writing every ${STRIDE}th flight (${ROWS.toLocaleString("en")} rows) with native DuckDB…`);
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  const airports = join(root, "node_modules/vega-datasets/data/airports.csv");
  await conn.run(`
    COPY (
      SELECT (f.delay > 15)::INT AS late, f.origin, f.destination, a.state AS origin_state, f.distance, f.date,
             hour(f.date) AS hour, dayname(f.date) AS weekday, monthname(f.date) AS month, day(f.date) AS day
      FROM read_parquet('${PARQUET}', file_row_number = true) f
      LEFT JOIN read_csv('${airports}', header = true, all_varchar = true) a ON a.iata = f.origin
      WHERE f.file_row_number % ${STRIDE} = 0
      ORDER BY f.file_row_number
    ) TO '${csv}.tmp' (HEADER, FORMAT csv)`);
  copyFileSync(`${csv}.tmp`, csv);
  rmSync(`${csv}.tmp`);
}

/** CSV rows as objects; there are no quoted fields (codes, names, numbers, timestamps). */
function parseCsv(text) {
  const [head, ...lines] = text.trim().split("\n");
  const cols = head.split(",");
  const numeric = new Set(["late", "distance", "hour", "day"]);
  return lines.map((l) => {
    const v = l.split(",");
    const row = {};
    cols.forEach((c, i) => {
      const s = v[i];
      // DuckDB writes the timestamps as wall time; read as UTC, as the app's date parts are.
      row[c] = s === "" ? null : numeric.has(c) ? Number(s) : c === "date" ? new Date(`${s.replace(" ", "T")}Z`) : s;
    });
    return row;
  });
}

/** The rows `rows` of a raw table (lib/features/raw.ts), dictionaries kept. */
function subsetTable(table, rows) {
  const pick = (a) => {
    const out = new a.constructor(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]];
    return out;
  };
  return {
    rowCount: rows.length,
    columns: table.columns.map((c) => (c.kind === "categorical" ? { ...c, codes: pick(c.codes) } : { ...c, values: pick(c.values) })),
  };
}

/**
 * Builds (or reuses) the CSV, trains the two fold models and writes the
 * page's JSON to `jsonPath`. Returns what the bench prints about the model.
 */
export async function prepareFlights(jsonPath) {
  const csv = join(CACHE, CSV_NAME);
  if (!existsSync(csv)) await writeCsv(csv);
  const rows = parseCsv(readFileSync(csv, "utf8"));

  setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  await tf.setBackend("wasm");
  await tf.ready();
  const ts = await loadTs(["/lib/train/run-job.ts", "/lib/train/raw-from-arrow.ts", "/lib/features/settings.ts", "/lib/train/model-spec.ts", "/lib/train/predict-snapshot.ts"]);
  const [{ runJob }, { rawTable, rawTarget }, { recastTable, specWithSettings }, { parseModelSpec }, { predictSnapshot }] = ts.modules;
  try {
    const arrow = tableFromJSON(rows.map((r) => ({ late: r.late, origin: r.origin, destination: r.destination, distance: r.distance, date: r.date })));
    const raw = recastTable(rawTable(arrow, MODEL_FEATURES), SETTINGS);
    const target = rawTarget(arrow, "late", "binary");
    if (target.classes.join() !== "0,1") throw new Error(`unexpected classes: ${target.classes.join()}`);
    const modelSpec = parseModelSpec(MODEL);
    const n = rows.length;
    const folds = [0, 1].map((k) => Int32Array.from({ length: Math.ceil((n - k) / 2) }, (_, i) => 2 * i + k));
    const pLate = new Float64Array(n);
    let trainMs = 0;
    for (const k of [0, 1]) {
      const own = folds[k];
      const other = folds[1 - k];
      const t0 = performance.now();
      const r = await runJob(tf, {
        table: subsetTable(raw, own),
        target: { ...target, codes: Int32Array.from(own, (i) => target.codes[i]) },
        task: "binary",
        featureSpec: specWithSettings(raw.columns, SETTINGS),
        modelSpec,
        split: FOLD_SPLIT,
      });
      const otherTable = subsetTable(raw, other);
      const out = await predictSnapshot(tf, { task: "binary", activation: modelSpec.activation, fitted: r.fitted, weights: r.weights, targetScale: null }, otherTable, Int32Array.from({ length: other.length }, (_, i) => i));
      other.forEach((row, i) => (pLate[row] = out.probabilities[2 * i + 1]));
      trainMs += performance.now() - t0;
      log(`  fold ${k + 1}/2: ${r.rows.train.toLocaleString("en")} training rows, ${r.fitted.outputs.length} inputs; validation accuracy ${r.scores.validation.model.metric.toFixed(4)}`);
    }
    const y = Array.from(target.codes);
    const errors = y.map((c, i) => ((pLate[i] >= 0.5 ? 1 : 0) === c ? 0 : 1));
    const lateShare = y.reduce((s, c) => s + c, 0) / n;
    const accuracy = 1 - errors.reduce((s, e) => s + e, 0) / n;
    const columns = [
      { kind: "numeric", name: "hour", values: rows.map((r) => r.hour) },
      { kind: "categorical", name: "weekday", values: rows.map((r) => r.weekday) },
      { kind: "categorical", name: "month", values: rows.map((r) => r.month) },
      { kind: "numeric", name: "day", values: rows.map((r) => r.day) },
      { kind: "numeric", name: "distance", values: rows.map((r) => r.distance) },
      { kind: "categorical", name: "origin", values: rows.map((r) => r.origin) },
      { kind: "categorical", name: "destination", values: rows.map((r) => r.destination) },
      { kind: "categorical", name: "origin_state", values: rows.map((r) => r.origin_state) },
    ];
    writeFileSync(jsonPath, JSON.stringify({ columns, errors, y, p: Array.from(pLate) }));
    return { rows: n, trainMs, accuracy, majority: Math.max(lateShare, 1 - lateShare), lateShare };
  } finally {
    await ts.close();
  }
}
