// `npm run bench:train`: training throughput on this machine. An MLP (8 →
// 64 → 64 → 1, ReLU, Adam, batch 512) on 200,000 rows × 8 features
// (bench/train/dataset.mjs), trained:
//
//  1. in headless Chromium through the app's own training worker (the
//     production build, `window.lathe.train`), on every TensorFlow.js backend
//     that works here;
//  2. by PyTorch on the CPU (Debian's python3-torch), the native reference,
//     on one thread and on every core;
//  3. and the runs page with 10,000 runs: list, groups and page render on the
//     server, and scrolling the virtualized table to its end in the browser.
//
// Samples per second count the mini-batch steps alone (each epoch's fitMs;
// scoring after the epoch is left out on both sides), the median over the
// epochs after the first (warm-up). The ratio is per core: the browser's
// samples/s per thread it used over PyTorch's on one thread.
//
// Prints every figure, writes bench/results/train.json and prints that JSON
// as the last line of output.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ensureBuilt, ensureInstalled } from "./start.mjs";
import { CACHE, DEAD_PORT, ORIGIN, PUBLIC_CSV_DIR, log, median, root } from "../bench/data/config.mjs";
import { startServer, stopServer, waitHealthy } from "../bench/data/server.mjs";
import { consoleProblems, offHost, newContext, watchConsole } from "../bench/data/browser.mjs";
import { makeDataset, writeBinary, writeCsv } from "../bench/train/dataset.mjs";
import { torchReference } from "../bench/train/reference.mjs";
import { listTimings, scrollToEnd, seedRuns } from "../bench/train/runs-list.mjs";

const RESULTS = join(root, "bench/results/train.json");
const ROWS = 200_000;
const MODEL = { kind: "mlp", hidden: [64, 64], optimizer: { kind: "adam", learningRate: 0.01 }, batchSize: 512, earlyStopping: null, seed: 1 };
/** Epochs per backend: the first is warm-up; slow backends get fewer so the bench ends in minutes. */
const EPOCHS = { webgpu: 2, webgl: 2, wasm: 4, cpu: 2 };
const TORCH_EPOCHS = 4;
/** The runs page must stay fast with this many runs. */
const RUNS = 10_000;

async function main() {
  log(`bench:train on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  ensureInstalled();
  ensureBuilt();
  mkdirSync(dirname(RESULTS), { recursive: true });
  mkdirSync(CACHE, { recursive: true });
  mkdirSync(PUBLIC_CSV_DIR, { recursive: true });

  log(`bench: generating ${ROWS.toLocaleString("en")} rows × 8 features…`);
  const ds = makeDataset(ROWS, 1);
  const csv = join(CACHE, `train-${ROWS}.csv`);
  const bin = join(CACHE, `train-${ROWS}.f32`);
  writeCsv(csv, ds);
  writeBinary(bin, ds);
  copyFileSync(csv, join(PUBLIC_CSV_DIR, `train-${ROWS}.csv`));

  const dataDir = mkdtempSync(join(tmpdir(), "lathe-bench-train-"));
  let server = null;
  let browser = null;
  const cleanup = () => {
    stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => (cleanup(), process.exit(130)));
  process.once("SIGTERM", () => (cleanup(), process.exit(143)));

  const browserFigures = {};
  let runsFigures = null;
  let firstCallLongest = null;
  try {
    server = startServer(dataDir);
    await waitHealthy(server);
    const { chromium } = await import("@playwright/test");
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-unsafe-webgpu", `--proxy-server=http://127.0.0.1:${DEAD_PORT}`],
    });
    log(`bench: chromium ${browser.version()}`);
    const context = await newContext(browser, "train");
    const page = await context.newPage();
    watchConsole(page, "train");
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => typeof window.lathe?.train === "function", null, { timeout: 120_000 });
    const isolated = await page.evaluate(() => self.crossOriginIsolated);
    log(`bench: page cross-origin isolated: ${isolated}`);
    const load = await page.evaluate((u) => window.lathe.ingestUrl(u, "bench_train"), `/samples/bench/train-${ROWS}.csv`);
    log(`bench: loaded ${load.rows.toLocaleString("en")} rows in ${Math.round(load.ms)} ms`);
    const features = ds.columns.filter((c) => c !== "label");
    // Let the page finish showing the new table (its own work, not training's) before measuring.
    await page.waitForTimeout(3000);
    // The first training call in a page starts the worker and loads its code;
    // its main-thread cost is reported apart from the steady state.
    const warm = await page.evaluate((o) => window.lathe.train(o), { sql: `SELECT * FROM bench_train LIMIT 1000`, target: "label", features, backend: "cpu", model: { ...MODEL, epochs: 1 } });
    firstCallLongest = warm.longTasks.length ? Math.max(...warm.longTasks) : 0;
    log(`bench: first training call in the page (1,000 rows, CPU): ${warm.longTasks.length} main-thread task(s) over 50 ms${warm.longTasks.length ? `, longest ${Math.round(firstCallLongest)} ms` : ""}`);
    for (const backend of ["webgpu", "webgl", "wasm", "cpu"]) {
      const epochs = EPOCHS[backend];
      log(`bench: ${backend}, ${epochs} epochs…`);
      try {
        const r = await page.evaluate(
          (o) => window.lathe.train(o),
          { sql: `SELECT * FROM bench_train`, target: "label", features, backend, model: { ...MODEL, epochs } },
        );
        if (r.backend.name !== backend) {
          log(`  ${backend} did not work here: ${r.backend.note}`);
          browserFigures[backend] = { works: false, note: r.backend.note };
          continue;
        }
        const rows = r.rows.train;
        const perEpoch = r.epochs.map((e) => rows / (e.fitMs / 1000));
        const timed = perEpoch.slice(1);
        const sps = median(timed.length ? timed : perEpoch);
        log(`  ${backend} (${r.backend.adapter ?? "no adapter name"}; ${r.backend.note}): ${rows.toLocaleString("en")} training rows, samples/s per epoch ${perEpoch.map((x) => Math.round(x)).join(", ")} → ${Math.round(sps)} (validation accuracy ${r.validation.metric.toFixed(4)})`);
        const longest = r.longTasks.length ? Math.max(...r.longTasks) : 0;
        log(`  main thread while training: ${r.longTasks.length} task(s) over 50 ms${r.longTasks.length ? `, longest ${Math.round(longest)} ms` : ""}`);
        browserFigures[backend] = { works: true, samplesPerSecond: sps, threads: Number(/(\d+) threads?/.exec(r.backend.adapter ?? "")?.[1] ?? 1), adapter: r.backend.adapter, accuracy: r.validation.metric, longestTaskMs: longest };
      } catch (e) {
        log(`  ${backend} failed: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
        browserFigures[backend] = { works: false, note: String(e).slice(0, 300) };
      }
    }
    log(`bench: the runs page with ${RUNS.toLocaleString("en")} runs…`);
    await seedRuns(RUNS, log);
    runsFigures = { ...(await listTimings(log)), ...(await scrollToEnd(await context.newPage(), log)) };
  } finally {
    await browser?.close();
    cleanup();
  }

  log(`bench: PyTorch reference, ${TORCH_EPOCHS} epochs (first is warm-up)…`);
  const torch1 = await torchReference({ binPath: bin, epochs: TORCH_EPOCHS, threads: 1 });
  const torchAll = await torchReference({ binPath: bin, epochs: TORCH_EPOCHS, threads: cpus().length });
  for (const t of [torch1, torchAll]) {
    if (t.reference === null) log(`  no PyTorch reference: ${t.reason}`);
    else log(`  ${t.reference}, ${t.threads} thread(s): ${Math.round(t.samplesPerSecond)} samples/s (train accuracy ${t.trainAccuracy.toFixed(4)}, load average ${t.loadAverage1m})`);
  }

  const figures = {};
  for (const [b, f] of Object.entries(browserFigures)) if (f.works) figures[`${b}_samples_per_s`] = Math.round(f.samplesPerSecond);
  for (const [b, f] of Object.entries(browserFigures)) if (f.works) figures[`${b}_longest_main_thread_task_ms`] = Math.round(f.longestTaskMs);
  if (torch1.reference !== null) figures.torch_1_thread_samples_per_s = Math.round(torch1.samplesPerSecond);
  if (torchAll.reference !== null) figures[`torch_${torchAll.threads}_threads_samples_per_s`] = Math.round(torchAll.samplesPerSecond);
  const best = Object.entries(browserFigures).filter(([, f]) => f.works).sort((a, b) => b[1].samplesPerSecond - a[1].samplesPerSecond)[0];
  if (best && torch1.reference !== null) {
    const [name, f] = best;
    const ratio = f.samplesPerSecond / f.threads / torch1.samplesPerSecond;
    log(`bench: best browser backend ${name}: ${Math.round(f.samplesPerSecond)} samples/s on ${f.threads} thread(s); PyTorch ${Math.round(torch1.samplesPerSecond)} on 1 thread; per-core ratio ${ratio.toFixed(3)} (goal ≥ 0.5)`);
    figures.best_backend_per_core_ratio = Math.round(ratio * 1000) / 1000;
    for (const [b, g] of Object.entries(browserFigures)) if (g.works) figures[`${b}_per_core_ratio`] = Math.round((g.samplesPerSecond / g.threads / torch1.samplesPerSecond) * 1000) / 1000;
  }
  if (firstCallLongest !== null) figures.first_call_longest_main_thread_task_ms = Math.round(firstCallLongest);
  if (runsFigures) {
    figures.runs_list_api_p50_ms = Math.round(runsFigures.listP50 * 10) / 10;
    figures.runs_deep_page_api_p50_ms = Math.round(runsFigures.deepPageP50 * 10) / 10;
    figures.runs_groups_api_p50_ms = Math.round(runsFigures.groupsP50 * 10) / 10;
    figures.runs_page_render_p50_ms = Math.round(runsFigures.pageP50 * 10) / 10;
    figures.runs_scroll_to_end_ms = runsFigures.scrollToEndMs;
  }
  if (offHost.length) log(`bench: requests that tried to leave localhost:\n  ${offHost.join("\n  ")}`);
  if (consoleProblems.length) log(`bench: page problems:\n  ${consoleProblems.slice(0, 20).join("\n  ")}`);
  const out = { area: "train", figures };
  writeFileSync(RESULTS, JSON.stringify(out, null, 2) + "\n");
  log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
