// `npm run bench:export`: ONNX export, int8 quantization and the parity gate
// on this machine. Two models trained on flights (the first 200,000 rows of
// vega-datasets' flights-3m.parquet; target: long haul (over 1,000 miles)
// or not, which the airports decide, so the models learn something to lose
// to quantization; features origin and destination airports, top 100 each,
// the delay, and the departure's hour and weekday; split 40 / 10 / 50 %, so
// the test split has 100,000 rows):
//   - an MLP 205 → 64 → 64 → 1 (ReLU) and a logistic regression,
//   - trained in Node by the app's own training job (TF.js WASM backend),
//   - exported fp32 and int8 by lib/onnx and checked against TF.js by the
//     same runExportCheck the browser uses, here with onnxruntime-node:
//     file sizes and their ratio, test accuracy and its change;
//   - per-row latency in onnxruntime-node (one thread), batch 1 and 256;
//   - then, in headless Chromium on the production build, the export panel's
//     whole path for the MLP (DuckDB query, export worker, both files,
//     onnxruntime-web on all 100,000 test rows): wall time, first and second.
// Also the size ratio of the same MLP shape on penguins (13 inputs), where
// the fixed part of the file (graph, metadata) weighs more.
//
// Prints every figure, writes bench/results/export.json and prints that JSON
// as the last line of output.
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as ort from "onnxruntime-node";
import { tableFromJSON } from "apache-arrow";
import { ensureBuilt, ensureInstalled } from "./start.mjs";
import { CACHE, DEAD_PORT, ORIGIN, PARQUET, PUBLIC_CSV_DIR, log, median, root } from "../bench/data/config.mjs";
import { startServer, stopServer, waitHealthy } from "../bench/data/server.mjs";
import { consoleProblems, newContext, offHost, watchConsole } from "../bench/data/browser.mjs";
import { loadTs } from "../bench/train/ts-modules.mjs";

const RESULTS = join(root, "bench/results/export.json");
const ROWS = 200_000;
const CSV_NAME = `flights-haul-${ROWS}.csv`;
const TABLE = "flights_export";
const FEATURES = ["origin", "destination", "delay", "date"];
const SETTINGS = { origin: { topK: 100 }, destination: { topK: 100 }, date: { parts: ["hour", "dayofweek"] } };
const SPLIT = { kind: "random", seed: 1, validation: 0.1, test: 0.5 };
const MODELS = {
  mlp: { kind: "mlp", hidden: [64, 64], activation: "relu", optimizer: { kind: "adam", learningRate: 0.003 }, batchSize: 512, epochs: 4, earlyStopping: null, seed: 1 },
  logistic: { kind: "linear", optimizer: { kind: "adam", learningRate: 0.01 }, batchSize: 512, epochs: 4, earlyStopping: null, seed: 1 },
};
const LATENCY_ROUNDS = { 1: 5000, 256: 500 };

const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);

const r3 = (x) => Math.round(x * 1000) / 1000;
const r2 = (x) => Math.round(x * 100) / 100;

/** onnxruntime-node on one thread, behind the export check's runner seam. */
const nodeRunner = {
  async load(bytes) {
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return {
      run: (feeds) => session.run(Object.fromEntries(feeds.map((f) => [f.name, new ort.Tensor(f.type, f.data, f.dims)]))),
      release: () => session.release(),
    };
  },
};

async function flightsCsv() {
  const csv = join(CACHE, CSV_NAME);
  if (!existsSync(csv)) {
    log(`bench: writing the first ${ROWS.toLocaleString("en")} flights with native DuckDB…`);
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    // preserve_insertion_order (DuckDB's default) keeps the file's order, so LIMIT takes its first rows.
    await conn.run(
      `COPY (SELECT CASE WHEN distance > 1000 THEN 'long haul' ELSE 'short haul' END AS haul, origin, destination, delay, date FROM '${PARQUET}' LIMIT ${ROWS}) TO '${csv}.tmp' (HEADER, FORMAT csv)`,
    );
    copyFileSync(`${csv}.tmp`, csv);
    rmSync(`${csv}.tmp`);
  }
  return csv;
}

function parseCsv(text) {
  const [head, ...lines] = text.trim().split("\n");
  const cols = head.split(",");
  return lines.map((l) => {
    const v = l.split(",");
    // DuckDB reads the CSV's timestamps as UTC wall time; so does this.
    return { [cols[0]]: v[0], [cols[1]]: v[1], [cols[2]]: v[2], [cols[3]]: v[3] === "" ? null : Number(v[3]), [cols[4]]: v[4] === "" ? null : new Date(`${v[4].replace(" ", "T")}Z`) };
  });
}

/** A finished run as the runs file carries it, so the server can hold what Node trained. */
function runRecord(name, modelSpec, r) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    name,
    status: "finished",
    task: r.task,
    datasetName: TABLE,
    metricName: "accuracy",
    primaryMetric: r.scores.validation.model.metric,
    tags: ["bench-export"],
    createdAt: now,
    finishedAt: now,
    createdBy: "00000000-0000-4000-8000-000000000000",
    config: { task: r.task, target: "haul", features: FEATURES, featureSpec: { defaults: true, settings: SETTINGS }, modelSpec, split: SPLIT, source: `SELECT * FROM ${TABLE}` },
    dataset: { name: TABLE, version: null, fingerprint: null, rows: ROWS },
    labelSnapshot: null,
    environment: { appVersion: "bench", browser: `node ${process.version}`, backend: tf.getBackend(), adapter: null, note: "" },
    metrics: { scores: r.scores, rows: r.rows, droppedRows: r.droppedRows, bestEpoch: r.bestEpoch, stoppedEarly: r.stoppedEarly, classes: r.classes, warnings: [] },
    curves: [],
    weights: { ...r.weights, targetScale: r.targetScale },
    fittedFeatures: r.fitted,
    timings: null,
    error: null,
    notes: "",
    parentId: null,
    parity: null,
    updatedAt: now,
  };
}

/**
 * Median ms per run on `batch` consecutive table rows, for each file. The
 * inputs are made before timing (64 different batches, reused in turn), and
 * the sessions take turns run by run, in alternating order, after 20
 * warm-up rounds: a change in the machine's load or a collection of garbage
 * falls on both alike.
 */
async function latency(files, feedsFor, batch, rounds) {
  const names = Object.keys(files);
  const sessions = {};
  for (const p of names) sessions[p] = await ort.InferenceSession.create(files[p], { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const inputs = Array.from({ length: 64 }, (_, k) => feedsFor((k * 1409 * batch) % (90_000 - batch), batch));
  try {
    const times = Object.fromEntries(names.map((p) => [p, []]));
    for (let i = 0; i < rounds + 20; i++) {
      const feeds = inputs[i % inputs.length];
      for (const p of i % 2 === 0 ? names : [...names].reverse()) {
        const t0 = performance.now();
        await sessions[p].run(feeds);
        if (i >= 20) times[p].push(performance.now() - t0);
      }
    }
    return Object.fromEntries(Object.entries(times).map(([p, t]) => [p, median(t)]));
  } finally {
    for (const s of Object.values(sessions)) await s.release();
  }
}

async function main() {
  log(`bench:export on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  ensureInstalled();
  ensureBuilt();
  mkdirSync(dirname(RESULTS), { recursive: true });
  mkdirSync(CACHE, { recursive: true });
  mkdirSync(PUBLIC_CSV_DIR, { recursive: true });
  const csv = await flightsCsv();
  copyFileSync(csv, join(PUBLIC_CSV_DIR, CSV_NAME));

  await tf.setBackend("wasm");
  await tf.ready();
  const ts = await loadTs(["/lib/train/run-job.ts", "/lib/train/raw-from-arrow.ts", "/lib/features/settings.ts", "/lib/train/model-spec.ts", "/lib/onnx/export-check.ts", "/lib/onnx/inputs.ts", "/lib/features/default-spec.ts"]);
  const [{ runJob }, { rawTable, rawTarget, inferTask }, { recastTable, specWithSettings }, { parseModelSpec }, { runExportCheck }, { onnxFeeds }, { defaultSpecFor }] = ts.modules;
  const figures = {};
  const runs = {};
  try {
    const arrow = tableFromJSON(parseCsv(readFileSync(csv, "utf8")));
    const raw = recastTable(rawTable(arrow, FEATURES), SETTINGS);
    const task = inferTask(arrow, "haul");
    const target = rawTarget(arrow, "haul", task);
    for (const [name, input] of Object.entries(MODELS)) {
      const modelSpec = parseModelSpec(input);
      log(`bench: training the ${name} in Node (TF.js ${tf.getBackend()}, ${modelSpec.epochs} epochs)…`);
      const t0 = performance.now();
      const r = await runJob(tf, { table: raw, target, task, featureSpec: specWithSettings(raw.columns, SETTINGS), modelSpec, split: SPLIT });
      log(`  ${r.rows.train.toLocaleString("en")} training rows, ${r.fitted.outputs.length} inputs, ${Math.round(performance.now() - t0)} ms; test accuracy ${r.scores.test.model.metric.toFixed(4)} (majority baseline ${r.scores.test.baseline.metric.toFixed(4)})`);
      const run = runRecord(`bench ${name}`, modelSpec, r);
      runs[name] = run;

      const check = await runExportCheck(tf, nodeRunner, { run, table: arrow, appVersion: "bench", datasetFingerprint: null });
      const { record, timings } = check;
      const ratio = record.int8.sizeBytes / record.fp32.sizeBytes;
      const change = (record.int8.metric - record.fp32.metric) * 100;
      log(`  files: fp32 ${record.fp32.sizeBytes} bytes, int8 ${record.int8.sizeBytes} bytes, int8/fp32 ${ratio.toFixed(3)}${name === "mlp" ? " (goal ≤ 0.3)" : ""}`);
      log(`  test accuracy on ${record.rows.toLocaleString("en")} rows: TF.js ${record.tfjsMetric.toFixed(4)}, fp32 ${record.fp32.metric.toFixed(4)}, int8 ${record.int8.metric.toFixed(4)}; int8 − fp32 ${change.toFixed(3)} points (goal |change| ≤ 0.5)`);
      log(`  parity: fp32 ${record.fp32.passed ? "passed" : "FAILED"} (largest probability difference ${record.fp32.maxDiff?.toExponential(2)}), int8 ${record.int8.passed ? "passed" : "FAILED"} (same class on ${(record.int8.agreement * 100).toFixed(2)} %, largest difference ${record.int8.maxDiff?.toExponential(2)})`);
      log(`  Node export check: ${Math.round(timings.totalMs)} ms (read ${Math.round(timings.prepareMs)}, export ${Math.round(timings.exportMs)}, TF.js ${Math.round(timings.tfjsMs)}, ONNX fp32 ${Math.round(timings.onnxMs.fp32)}, int8 ${Math.round(timings.onnxMs.int8)})`);
      figures[`${name}_fp32_bytes`] = record.fp32.sizeBytes;
      figures[`${name}_int8_bytes`] = record.int8.sizeBytes;
      figures[`${name}_int8_fp32_size_ratio`] = r3(ratio);
      figures[`${name}_int8_accuracy_change_points`] = r3(change);
      figures[`${name}_int8_same_class_share`] = r3(record.int8.agreement);
      figures[`${name}_fp32_max_probability_diff`] = record.fp32.maxDiff;

      const rows = Int32Array.from({ length: 100_000 }, (_, i) => i);
      const feedsAll = onnxFeeds(r.fitted, raw, rows);
      const feedsFor = (start, n) =>
        Object.fromEntries(
          feedsAll.map((f) => {
            const w = f.dims[1];
            const part = f.type === "string" ? f.data.slice(start * w, (start + n) * w) : f.data.subarray(start * w, (start + n) * w);
            return [f.name, new ort.Tensor(f.type, part, [n, w])];
          }),
        );
      for (const batch of [1, 256]) {
        const ms = await latency(check.files, feedsFor, batch, LATENCY_ROUNDS[batch]);
        const us = { fp32: (ms.fp32 / batch) * 1000, int8: (ms.int8 / batch) * 1000 };
        log(`  onnxruntime-node, 1 thread, batch ${batch}: fp32 ${us.fp32.toFixed(2)} µs/row, int8 ${us.int8.toFixed(2)} µs/row, int8/fp32 ${(us.int8 / us.fp32).toFixed(3)} (goal ≤ 1)`);
        figures[`${name}_fp32_us_per_row_batch${batch}`] = r2(us.fp32);
        figures[`${name}_int8_us_per_row_batch${batch}`] = r2(us.int8);
        figures[`${name}_int8_fp32_latency_ratio_batch${batch}`] = r3(us.int8 / us.fp32);
      }
    }

    // The same MLP shape on penguins: 13 inputs, so the graph and metadata are a larger share of the file.
    const penguins = tableFromJSON(JSON.parse(readFileSync(join(root, "node_modules/vega-datasets/data/penguins.json"), "utf8")));
    const pf = ["Island", "Sex", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];
    const ptable = rawTable(penguins, pf);
    const pr = await runJob(tf, { table: ptable, target: rawTarget(penguins, "Species", "multiclass"), task: "multiclass", featureSpec: defaultSpecFor(ptable.columns), modelSpec: parseModelSpec({ ...MODELS.mlp, epochs: 20, batchSize: 32 }), split: { kind: "random", seed: 1 } });
    const prun = { ...runRecord("penguins mlp", parseModelSpec(MODELS.mlp), pr), config: { task: "multiclass", target: "Species", features: pf, featureSpec: { defaults: true }, modelSpec: parseModelSpec(MODELS.mlp), split: { kind: "random", seed: 1 } } };
    const pcheck = await runExportCheck(tf, nodeRunner, { run: prun, table: penguins, appVersion: "bench", datasetFingerprint: null });
    const pratio = pcheck.record.int8.sizeBytes / pcheck.record.fp32.sizeBytes;
    log(`bench: penguins MLP 13 → 64 → 64 → 3: fp32 ${pcheck.record.fp32.sizeBytes} bytes, int8 ${pcheck.record.int8.sizeBytes} bytes, int8/fp32 ${pratio.toFixed(3)}`);
    figures.penguins_mlp_int8_fp32_size_ratio = r3(pratio);
  } finally {
    await ts.close();
  }

  // The browser: the export panel's own path (window.lathe.exportCheck) on the production build.
  const dataDir = mkdtempSync(join(tmpdir(), "lathe-bench-export-"));
  let server = null;
  let browser = null;
  try {
    server = startServer(dataDir);
    await waitHealthy(server);
    const res = await fetch(`${ORIGIN}/api/runs/import`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-lathe-csrf": "1" },
      body: JSON.stringify({ format: "lathe-runs", version: 1, exportedAt: new Date().toISOString(), runs: Object.values(runs) }),
    });
    if (!res.ok) throw new Error(`import failed: HTTP ${res.status} ${await res.text()}`);
    const { chromium } = await import("@playwright/test");
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--proxy-server=http://127.0.0.1:${DEAD_PORT}`],
    });
    const page = await (await newContext(browser, "export")).newPage();
    watchConsole(page, "export");
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => typeof window.lathe?.exportCheck === "function", null, { timeout: 120_000 });
    const load = await page.evaluate(([u, t]) => window.lathe.ingestUrl(u, t), [`/samples/bench/${CSV_NAME}`, TABLE]);
    log(`bench: browser loaded ${load.rows.toLocaleString("en")} flights in ${Math.round(load.ms)} ms`);
    await page.waitForTimeout(2000);
    const walls = [];
    for (const attempt of ["first", "second"]) {
      const r = await page.evaluate((id) => window.lathe.exportCheck(id), runs.mlp.id);
      const t = r.timings;
      log(
        `  MLP export + parity in the browser (${attempt}): ${Math.round(r.wallMs)} ms for ${r.record.rows.toLocaleString("en")} test rows (goal < 3000) — DuckDB query ${Math.round(r.queryMs)}, in the worker ${Math.round(t.totalMs)}: read ${Math.round(t.prepareMs)}, export ${Math.round(t.exportMs)}, TF.js (${r.backend}) ${Math.round(t.tfjsMs)}, onnxruntime-web (${r.onnxThreads} thread${r.onnxThreads === 1 ? "" : "s"}) fp32 ${Math.round(t.onnxMs.fp32)}, int8 ${Math.round(t.onnxMs.int8)}; fp32 ${r.record.fp32.passed ? "passed" : "FAILED"}, int8 ${r.record.int8.passed ? "passed" : "FAILED"}`,
      );
      walls.push(r.wallMs);
      figures[`browser_mlp_onnxweb_fp32_us_per_row_${attempt}`] = r2(r.record.fp32.msPerRow * 1000);
      figures[`browser_mlp_onnxweb_int8_us_per_row_${attempt}`] = r2(r.record.int8.msPerRow * 1000);
    }
    figures.browser_export_parity_100k_ms_first = Math.round(walls[0]);
    figures.browser_export_parity_100k_ms_second = Math.round(walls[1]);
  } finally {
    await browser?.close();
    stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (offHost.length) log(`bench: requests that tried to leave localhost:\n  ${offHost.join("\n  ")}`);
  if (consoleProblems.length) log(`bench: page problems:\n  ${consoleProblems.slice(0, 20).join("\n  ")}`);
  const out = { area: "export", figures };
  writeFileSync(RESULTS, JSON.stringify(out, null, 2) + "\n");
  log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
