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
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, openSync } from "node:fs";
import { tmpdir, cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled, ensureBuilt } from "./start.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PARQUET = join(root, "node_modules/vega-datasets/data/flights-3m.parquet");
const CACHE = join(root, "bench/.cache");
const CSV = join(CACHE, "flights-3m.csv");
const PUBLIC_CSV_DIR = join(root, "public/samples/bench");
const PUBLIC_CSV = join(PUBLIC_CSV_DIR, "flights-3m.csv");
const RESULTS = join(root, "bench/results/data.json");
const INGEST_RUNS = 5;
const QUERY_RUNS = 5;
const FIRST_LOAD_RUNS = 3;
const DEAD_PORT = 9; // discard port: nothing listens, so proxied requests fail
const GROUP_BY = (table) => `SELECT origin, avg(delay) AS avg_delay FROM ${table} GROUP BY origin`;

const log = (...a) => console.log(...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r1 = (x) => Math.round(x * 10) / 10;
const r3 = (x) => Math.round(x * 1000) / 1000;
const fmtInt = (x) => Math.round(x).toLocaleString("en-US");

// ---------------------------------------------------------------- native DuckDB

async function nativeBench() {
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

// ---------------------------------------------------------------- server

function startServer(dataDir) {
  const logFile = join(CACHE, "next-start.log");
  const fd = openSync(logFile, "w");
  const child = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LATHE_DATA_DIR: dataDir },
    stdio: ["ignore", fd, fd],
    detached: true, // own process group, so npx and next die together
  });
  child.logFile = logFile;
  return child;
}

function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
}

async function waitHealthy(child, timeoutMs = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see ${child.logFile}`);
    try {
      const r = await fetch(`${ORIGIN}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms; see ${child.logFile}`);
}

// ---------------------------------------------------------------- browser

const offHost = [];
const consoleProblems = [];

function isLocal(url) {
  try {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:") return true;
    return u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]";
  } catch {
    return false;
  }
}

async function newContext(browser, tag) {
  const context = await browser.newContext();
  // Anything leaving localhost goes to a dead proxy (so it fails) and is recorded here.
  // (No context.route: routing would disable the HTTP cache and skew the first load.)
  context.on("request", (req) => {
    if (!isLocal(req.url())) offHost.push(`${tag}: ${req.method()} ${req.url()}`);
  });
  return context;
}

function watchConsole(page, tag) {
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") consoleProblems.push(`${tag} console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => consoleProblems.push(`${tag} pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    if (isLocal(req.url())) consoleProblems.push(`${tag} requestfailed: ${req.url()} (${req.failure()?.errorText})`);
  });
}

/** In-page probes for the first-load timings, installed before any page script. */
function firstLoadProbe() {
  const b = (window.__bench = { buttonAt: null, duckAt: null, clickAt: null, editorAt: null, before: null });
  const btn = () => document.querySelector('button[aria-label="Add SQL cell"]');
  const check = () => {
    const now = performance.now();
    if (b.buttonAt === null) {
      const el = btn();
      if (el && !el.disabled) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden") b.buttonAt = now;
      }
    }
    if (b.duckAt === null) {
      const el = document.querySelector('[data-engine="ready"]');
      if (el && /DuckDB .* ready/.test(el.textContent ?? "")) b.duckAt = now;
    }
    if (b.before && b.editorAt === null) {
      for (const li of document.querySelectorAll("li.cell[data-cell-id]")) {
        if (!b.before.has(li.getAttribute("data-cell-id")) && li.querySelector(".cm-editor, textarea.sql-fallback")) {
          b.editorAt = now;
          b.editorKind = li.querySelector(".cm-editor") ? "codemirror" : "fallback textarea";
          break;
        }
      }
    }
  };
  document.addEventListener(
    "click",
    (e) => {
      const t = e.target instanceof Element ? e.target.closest('button[aria-label="Add SQL cell"]') : null;
      if (t && !b.before) {
        b.clickAt = performance.now();
        b.before = new Set([...document.querySelectorAll("li.cell[data-cell-id]")].map((li) => li.getAttribute("data-cell-id")));
      }
    },
    true,
  );
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Bytes of a URL as the server sends it with and without gzip. */
function rawSize(url) {
  const get = (enc) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(url, { headers: { "accept-encoding": enc } }, (res) => {
        let n = 0;
        res.on("data", (c) => (n += c.length));
        res.on("end", () => resolve(n));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  return Promise.all([get("gzip, deflate, br"), get("identity")]).then(([gzip, identity]) => ({ gzip, identity }));
}

async function firstLoad(browser, run) {
  const tag = `first-load#${run}`;
  const context = await newContext(browser, tag); // fresh context: empty HTTP cache and storage
  const page = await context.newPage();
  watchConsole(page, tag);
  const reqs = [];
  context.on("requestfinished", (req) => reqs.push(req));
  await page.addInitScript(firstLoadProbe);
  await page.goto(`${ORIGIN}/`, { waitUntil: "commit" });
  const button = page.getByRole("button", { name: "Add SQL cell", exact: true });
  await button.click({ timeout: 60_000 }); // waits until visible, enabled and stable
  await page.waitForFunction(() => window.__bench.editorAt !== null, null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__bench.duckAt !== null, null, { timeout: 120_000 });
  await page.waitForTimeout(500); // let late responses report
  const b = await page.evaluate(() => ({ ...window.__bench, before: undefined, timeOrigin: performance.timeOrigin }));

  // Sizes of every script and wasm response, split at the interactive point.
  const interactiveEpoch = b.timeOrigin + b.editorAt;
  const files = [];
  for (const req of reqs) {
    const url = req.url();
    const path = new URL(url).pathname;
    const isWasm = path.endsWith(".wasm");
    const isScript = req.resourceType() === "script" || /\.m?js$/.test(path);
    if (!isWasm && !isScript) continue;
    const sizes = await req.sizes().catch(() => null);
    const timing = req.timing();
    let decoded = null;
    try {
      decoded = (await (await req.response())?.body())?.length ?? null;
    } catch {
      /* body not available (e.g. worker) */
    }
    const doneEpoch = timing.startTime + timing.responseEnd;
    let body = sizes ? sizes.responseBodySize : null;
    let note = "";
    const cached = (await req.response().catch(() => null))?.fromCache?.() ?? false;
    if (cached || (body !== null && body < 0)) {
      body = 0;
      note = " [from the HTTP cache: 0 sent]";
    }
    if ((body === null || (body === 0 && !note)) || decoded == null) {
      // Playwright reports no sizes for some worker fetches: ask the server the same way (gzip accepted).
      const again = await rawSize(url);
      if (body === null || (body === 0 && !note)) {
        body = again.gzip;
        note = " [size re-measured from the server]";
      }
      if (decoded == null) decoded = again.identity;
    }
    files.push({
      url: url.replace(ORIGIN, ""),
      kind: isWasm ? "wasm" : "js",
      type: req.resourceType(),
      // Worker side: the DuckDB worker script (/vendor/) and chunks a worker imports (type "other").
      side: isWasm || path.startsWith("/vendor/") || path.includes("turbopack-worker") || req.resourceType() !== "script" ? "worker" : "page",
      body,
      decoded,
      note,
      doneMs: doneEpoch - b.timeOrigin,
      beforeInteractive: doneEpoch <= interactiveEpoch,
    });
  }
  files.sort((x, y) => x.doneMs - y.doneMs);
  await context.close();
  return { ...b, files };
}

async function ingestionAndQuery(browser) {
  const tag = "ingest";
  const context = await newContext(browser, tag);
  const page = await context.newPage();
  watchConsole(page, tag);
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => typeof window.lathe?.ingestUrl === "function", null, { timeout: 120_000 });
  // The first visit auto-loads two small samples and runs the starter notebook: let that settle.
  await page.locator('li[aria-label="Dataset penguins"]').waitFor({ timeout: 60_000 });
  await page.locator('li[aria-label="Dataset seattle_weather"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000);

  const out = {};
  for (const [fmt, url] of [
    ["parquet", "/samples/flights-3m.parquet"],
    ["csv", "/samples/bench/flights-3m.csv"],
  ]) {
    const times = [];
    let rows = 0;
    for (let i = 0; i < INGEST_RUNS; i++) {
      const table = `bench_${fmt}_${i}`;
      const r = await page.evaluate(([u, t]) => window.lathe.ingestUrl(u, t), [url, table]);
      rows = r.rows;
      times.push(r.ms);
      log(`  app ${fmt} run ${i + 1}: ${fmtInt(r.rows)} rows in ${r1(r.ms)} ms`);
      if (i > 0) {
        // Free wasm memory; keep run 0 for the group-by. (The page's catalog is not told; fine for a bench page.)
        await page.evaluate((t) => window.lathe.query(`DROP VIEW ${t}`).then(() => window.lathe.query(`DROP TABLE ${t}__v1`)), table);
      }
    }
    out[fmt] = { rows, times, ms: median(times), rowsPerS: rows / (median(times) / 1000), firstMs: times[0] };
  }
  out.selfCheck = await page.evaluate(() => window.lathe.query("SELECT (SELECT count(*) FROM bench_parquet_0)::DOUBLE AS p, (SELECT count(*) FROM bench_csv_0)::DOUBLE AS c, (SELECT count(*) FROM (SELECT * FROM bench_parquet_0 EXCEPT ALL SELECT * FROM bench_csv_0))::DOUBLE AS diff").then((r) => r.rows[0]));
  const q = GROUP_BY("bench_parquet_0");
  await page.evaluate((s) => window.lathe.query(s), q); // warm-up
  const qt = [];
  let groups = 0;
  for (let i = 0; i < QUERY_RUNS; i++) {
    const r = await page.evaluate((s) => window.lathe.query(s).then((x) => ({ ms: x.ms, n: x.rows.length })), q);
    qt.push(r.ms);
    groups = r.n;
  }
  out.groupBy = { times: qt, ms: median(qt), groups };
  // Check that the blocking works: a request to a non-loopback address must fail.
  const probe = "http://192.0.2.1/lathe-bench-block-probe";
  out.blockProbe = await page.evaluate((u) => fetch(u, { mode: "no-cors" }).then(() => "NOT BLOCKED (request succeeded)", (e) => `blocked (${e.message})`), probe);
  await page.waitForTimeout(300); // let the probe's console error arrive, then drop it and its request
  const i = offHost.findIndex((x) => x.includes("lathe-bench-block-probe"));
  if (i >= 0) offHost.splice(i, 1);
  const j = consoleProblems.findLastIndex((x) => x.startsWith("ingest console.error") && x.includes("ERR_PROXY_CONNECTION_FAILED"));
  if (j >= 0) consoleProblems.splice(j, 1);
  await context.close();
  return out;
}

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
  log(`  Ratios use native at its default threads (${nd.threads}); 1-thread ratios (DuckDB-WASM here is single-threaded) are shown too.`);
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
