// `npm run bench:data`: data-path benchmarks for Lathe on this machine.
//
//  1. Ingestion rows/s of the 3M-row flights Parquet file and the same data as
//     CSV, through the app's own ingestion code in headless Chromium
//     (window.lathe.ingestUrl; its returned ms covers the whole ingest, the
//     HTTP fetch excluded), against native DuckDB (@duckdb/node-api) loading
//     the same files in the same run.
//  2. A group-by over the 3M rows, app vs native (median of 5 after a warm-up).
//  3. The first load of the production build with a cold browser cache: time to
//     an interactive notebook, time to DuckDB ready, and the JavaScript sent.
//
// Prints every figure, writes bench/results/data.json and prints that JSON as
// the last line of output.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { ensureInstalled, ensureBuilt } from "./start.mjs";
import { CACHE, CSV, DEAD_PORT, FIRST_LOAD_RUNS, GROUP_BY, INGEST_RUNS, ORIGIN, PARQUET, PUBLIC_CSV, PUBLIC_CSV_DIR, RESULTS, fmtInt, log, median, r1, r3, root } from "../bench/data/config.mjs";
import { nativeBench } from "../bench/data/native.mjs";
import { startServer, stopServer, waitHealthy } from "../bench/data/server.mjs";
import { consoleProblems, offHost } from "../bench/data/browser.mjs";
import { firstLoad } from "../bench/data/first-load.mjs";
import { ingestionAndQuery } from "../bench/data/ingest.mjs";

// ---------------------------------------------------------------- main

async function main() {
  log(`bench:data on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  ensureInstalled();
  ensureBuilt();
  mkdirSync(CACHE, { recursive: true });
  mkdirSync(dirname(RESULTS), { recursive: true });

  const { DuckDBInstance } = await import("@duckdb/node-api");
  if (!existsSync(CSV) || statSync(CSV).mtimeMs < statSync(PARQUET).mtimeMs) {
    log("bench: writing bench/.cache/flights-3m.csv with native DuckDB…");
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    await conn.run(`COPY (SELECT * FROM '${PARQUET}') TO '${CSV}.tmp' (HEADER, FORMAT csv)`);
    rmSync(CSV, { force: true });
    copyFileSync(`${CSV}.tmp`, CSV);
    rmSync(`${CSV}.tmp`);
  }
  log(`bench: parquet ${(statSync(PARQUET).size / 1e6).toFixed(1)} MB, csv ${(statSync(CSV).size / 1e6).toFixed(1)} MB`);

  log("bench: native DuckDB (default threads, then SET threads = 1)…");
  const native = await nativeBench();
  for (const [k, v] of Object.entries(native)) {
    log(`  native[${k}, threads=${v.threads}] parquet ${v.parquet.times.map(r1).join("/")} ms, csv ${v.csv.times.map(r1).join("/")} ms, group-by ${v.groupBy.times.map(r1).join("/")} ms`);
  }

  const dataDir = mkdtempSync(join(tmpdir(), "lathe-bench-"));
  mkdirSync(PUBLIC_CSV_DIR, { recursive: true });
  copyFileSync(CSV, PUBLIC_CSV); // must exist before next start: it lists public/ at startup
  let server = null;
  let browser = null;
  const cleanup = () => {
    stopServer(server);
    rmSync(PUBLIC_CSV_DIR, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    cleanup();
    process.exit(sig === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let app;
  let loads = [];
  try {
    server = startServer(dataDir);
    await waitHealthy(server);
    log(`bench: next start healthy on ${ORIGIN} (log: ${server.logFile})`);
    // Warm the server (not the browser): the first server render is not what we measure.
    await (await fetch(`${ORIGIN}/`)).text();

    const { chromium } = await import("@playwright/test");
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Block non-loopback traffic: a proxy that refuses connections (loopback bypasses proxies by default).
        `--proxy-server=http://127.0.0.1:${DEAD_PORT}`,
      ],
    });
    log(`bench: chromium ${browser.version()}`);

    log(`bench: first load, ${FIRST_LOAD_RUNS} fresh browser contexts (cold cache)…`);
    for (let i = 1; i <= FIRST_LOAD_RUNS; i++) {
      const r = await firstLoad(browser, i);
      loads.push(r);
      log(`  run ${i}: button ready ${r1(r.buttonAt)} ms, click ${r1(r.clickAt)} ms, new cell editor (${r.editorKind}) ${r1(r.editorAt)} ms, DuckDB ready ${r1(r.duckAt)} ms`);
    }

    log("bench: app ingestion and group-by (one page, fresh context)…");
    app = await ingestionAndQuery(browser);
  } finally {
    await browser?.close().catch(() => undefined);
    cleanup();
  }

  // ------------------------------------------------------------ report
  const nd = native.default;
  const n1 = native["1thread"];
  const fl = median(loads.map((l) => l.editorAt));
  const fd = median(loads.map((l) => l.duckAt));
  const rep = loads[0]; // JS listing from the first cold load
  const pageJs = rep.files.filter((f) => f.kind === "js" && f.side === "page");
  const workerJs = rep.files.filter((f) => f.kind === "js" && f.side === "worker");
  const wasm = rep.files.filter((f) => f.kind === "wasm");
  const kb = (n) => (n == null ? "?" : (n / 1024).toFixed(1));
  const sum = (xs, k) => xs.reduce((a, f) => a + (f[k] ?? 0), 0);
  const jsBefore = pageJs.filter((f) => f.beforeInteractive);
  const jsAfter = pageJs.filter((f) => !f.beforeInteractive);
  const workerBefore = workerJs.filter((f) => f.beforeInteractive);

  log("");
  log(`JavaScript of the first page (cold load #1, fresh context; interactive point at ${r1(rep.editorAt)} ms).`);
  log("Sizes in KiB: sent = response body as sent (gzip), decoded = uncompressed. Headers not counted.");
  const line = (f) =>
    log(`  ${r1(f.doneMs).toString().padStart(8)} ${kb(f.body).padStart(8)} ${kb(f.decoded).padStart(8)}  ${f.beforeInteractive ? "before" : "after "}  ${f.url}${f.note}`);
  log("   done@ms     sent  decoded  vs interactive  url");
  log(" page scripts (the document's <script>s and their chunks):");
  pageJs.forEach(line);
  log(" worker scripts (DuckDB worker, decode worker and its chunks; not needed to interact):");
  workerJs.forEach(line);
  log(" wasm (lazy, fetched inside workers):");
  wasm.forEach(line);
  log(`  page scripts done before the interactive point (${jsBefore.length}): ${kb(sum(jsBefore, "body"))} KiB sent, ${kb(sum(jsBefore, "decoded"))} KiB decoded  <- first_page_js_kb`);
  log(`  page scripts done after it (${jsAfter.length}): ${kb(sum(jsAfter, "body"))} KiB sent`);
  log(`  worker scripts (${workerJs.length}, ${workerBefore.length} done before the interactive point): ${kb(sum(workerJs, "body"))} KiB sent, ${kb(sum(workerJs, "decoded"))} KiB decoded`);
  log(`  wasm (${wasm.length}): ${kb(sum(wasm, "body"))} KiB sent, ${kb(sum(wasm, "decoded"))} KiB decoded`);

  const figures = {
    parquet_app_rows_per_s: Math.round(app.parquet.rowsPerS),
    parquet_native_rows_per_s: Math.round(nd.parquet.rowsPerS),
    parquet_ratio: r3(app.parquet.rowsPerS / nd.parquet.rowsPerS),
    parquet_native_1thread_rows_per_s: Math.round(n1.parquet.rowsPerS),
    parquet_ratio_1thread: r3(app.parquet.rowsPerS / n1.parquet.rowsPerS),
    csv_app_rows_per_s: Math.round(app.csv.rowsPerS),
    csv_native_rows_per_s: Math.round(nd.csv.rowsPerS),
    csv_ratio: r3(app.csv.rowsPerS / nd.csv.rowsPerS),
    csv_native_1thread_rows_per_s: Math.round(n1.csv.rowsPerS),
    csv_ratio_1thread: r3(app.csv.rowsPerS / n1.csv.rowsPerS),
    groupby_app_ms: r1(app.groupBy.ms),
    groupby_native_ms: r1(nd.groupBy.ms),
    groupby_ratio: r3(nd.groupBy.ms / app.groupBy.ms),
    groupby_native_1thread_ms: r1(n1.groupBy.ms),
    groupby_ratio_1thread: r3(n1.groupBy.ms / app.groupBy.ms),
    first_load_interactive_ms: r1(fl),
    first_load_duckdb_ready_ms: r1(fd),
    first_load_button_ready_ms: r1(median(loads.map((l) => l.buttonAt))),
    first_page_js_kb: r1(sum(jsBefore, "body") / 1024),
    first_page_js_decoded_kb: r1(sum(jsBefore, "decoded") / 1024),
    first_page_worker_js_kb: r1(sum(workerJs, "body") / 1024),
    first_page_wasm_kb: r1(sum(wasm, "body") / 1024),
    parquet_app_first_run_ms: r1(app.parquet.firstMs),
    csv_app_first_run_ms: r1(app.csv.firstMs),
    native_default_threads: nd.threads,
  };

  const goal = (ok) => (ok ? "meets goal" : "MISSES goal");
  log("");
  log("Figures (app = headless Chromium through window.lathe, native = @duckdb/node-api in Node, same run):");
  log(`  rows: app parquet ${fmtInt(app.parquet.rows)}, app csv ${fmtInt(app.csv.rows)}, native ${fmtInt(nd.parquet.rows)} / ${fmtInt(nd.csv.rows)}; group-by groups app ${app.groupBy.groups}, native ${nd.groupBy.groups}`);
  log(`  Ingestion rows/s = rows / median of ${INGEST_RUNS} loads (each into a new table). App ms = the app's whole ingest as timed by window.lathe.ingestUrl`);
  log(`  (format detection, SHA-256, decode, insert, row count); the HTTP fetch is EXCLUDED. Native = CREATE TABLE AS SELECT * FROM read_parquet/read_csv(file) + count(*).`);
  log(`  Ratios use native at its default threads (${nd.threads}); 1-thread ratios are shown too (DuckDB-WASM runs its multi-threaded build with navigator.hardwareConcurrency threads, but its Arrow insert uses one).`);
  log("");
  const row = (name, a, b, c, d) => log(`  ${name.padEnd(28)} ${String(a).padStart(14)} ${String(b).padStart(16)} ${String(c).padStart(16)}  ${d}`);
  row("figure", "app", `native(${nd.threads} thr)`, "native(1 thr)", "ratio (default threads; 1-thread)");
  row("parquet ingest rows/s", fmtInt(app.parquet.rowsPerS), fmtInt(nd.parquet.rowsPerS), fmtInt(n1.parquet.rowsPerS), `app/native = ${figures.parquet_ratio}; ${figures.parquet_ratio_1thread}   goal >= 0.3: ${goal(figures.parquet_ratio >= 0.3)}`);
  row("  (median ms)", r1(app.parquet.ms), r1(nd.parquet.ms), r1(n1.parquet.ms), `runs app ${app.parquet.times.map(r1).join("/")}`);
  row("csv ingest rows/s", fmtInt(app.csv.rowsPerS), fmtInt(nd.csv.rowsPerS), fmtInt(n1.csv.rowsPerS), `app/native = ${figures.csv_ratio}; ${figures.csv_ratio_1thread}   goal >= 0.5: ${goal(figures.csv_ratio >= 0.5)}`);
  row("  (median ms)", r1(app.csv.ms), r1(nd.csv.ms), r1(n1.csv.ms), `runs app ${app.csv.times.map(r1).join("/")}`);
  row("group-by ms (median of 5)", r1(app.groupBy.ms), r1(nd.groupBy.ms), r1(n1.groupBy.ms), `native_ms/app_ms = ${figures.groupby_ratio}; ${figures.groupby_ratio_1thread}   (higher is better for the app) goal >= 0.4: ${goal(figures.groupby_ratio >= 0.4)}`);
  log(`  group-by SQL: ${GROUP_BY("bench_parquet_0")}  (the Parquet-loaded table; app runs ${app.groupBy.times.map(r1).join("/")} ms, incl. worker round trip and Arrow->rows)`);
  log("");
  log(`  first load to interactive notebook (median of ${FIRST_LOAD_RUNS} cold loads): ${r1(fl)} ms   goal < 2000 ms: ${goal(fl < 2000)}`);
  log(`    = navigation start until "Add SQL cell" is visible+enabled, clicked, and the new cell's editor exists; runs ${loads.map((l) => r1(l.editorAt)).join("/")}`);
  log(`  first load to DuckDB ready (header [data-engine=ready] "DuckDB … ready"): ${r1(fd)} ms; runs ${loads.map((l) => r1(l.duckAt)).join("/")}`);
  log(`    ("Add SQL cell" visible+enabled at ${figures.first_load_button_ready_ms} ms median; the rest is Playwright's actionability checks + click + editor mount)`);
  log(`  JS for the first page (page scripts done before the interactive point, load #1): ${figures.first_page_js_kb} KiB sent (gzip), ${figures.first_page_js_decoded_kb} KiB decoded;`);
  log(`    plus worker scripts ${figures.first_page_worker_js_kb} KiB and wasm ${figures.first_page_wasm_kb} KiB, both lazy`);
  log(`  first app ingest on the page (cold decoder/worker): parquet ${figures.parquet_app_first_run_ms} ms, csv ${figures.csv_app_first_run_ms} ms (included in the medians above)`);
  log(`  app self-check: bench_parquet_0 ${fmtInt(app.selfCheck.p)} rows, bench_csv_0 ${fmtInt(app.selfCheck.c)} rows, rows of parquet EXCEPT ALL csv: ${app.selfCheck.diff}`);
  log("");
  log(`Off-localhost blocking self-test (fetch ${"http://192.0.2.1/…"}): ${app.blockProbe}`);
  log(offHost.length ? `Requests leaving localhost (blocked): ${offHost.length}\n  ${[...new Set(offHost)].join("\n  ")}` : "Requests leaving localhost: none");
  log(consoleProblems.length ? `Page console errors/warnings and failed requests: ${consoleProblems.length}\n  ${[...new Set(consoleProblems)].join("\n  ")}` : "Page console errors/warnings: none");

  log(`Load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(" ")} (2 cores: other processes on the machine skew these figures)`);
  const result = { area: "data", figures };
  writeFileSync(RESULTS, JSON.stringify(result, null, 2) + "\n");
  log(`(written to ${RESULTS.replace(root + "/", "")})`);
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(`bench:data failed: ${err?.stack ?? err}`);
  process.exit(1);
});
