// The runs page with many runs: seeds RUNS runs through the import endpoint
// (a thousand per file, as the app's own export writes them), then times the
// list request sorted and filtered on the server, the runs page's server
// render, and in the browser scrolling the virtualized table to its end.
import { randomUUID } from "node:crypto";
import { ORIGIN, median } from "../data/config.mjs";

const PER_FILE = 1000;
const TAGS = ["baseline", "sweep-a", "sweep-b", "nightly", "ablation"];
const DATASETS = ["penguins", "flights", "weather"];

function run(i) {
  const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const lr = [0.001, 0.003, 0.01, 0.03, 0.1][i % 5];
  const dataset = DATASETS[i % DATASETS.length];
  return {
    id: randomUUID(),
    name: `run ${i}`,
    status: i % 17 === 0 ? "failed" : "finished",
    task: "binary",
    datasetName: dataset,
    metricName: "accuracy",
    primaryMetric: i % 17 === 0 ? null : 0.5 + ((i * 7919) % 5000) / 10_000,
    tags: [TAGS[i % TAGS.length]],
    createdAt: created,
    finishedAt: created,
    createdBy: "00000000-0000-4000-8000-000000000000",
    config: {
      task: "binary",
      target: "label",
      features: ["f1", "f2", "f3"],
      featureSpec: { defaults: true },
      modelSpec: { kind: "mlp", hidden: [64, 64], activation: "relu", dropout: 0, l2: 0, optimizer: { kind: "adam", learningRate: lr }, batchSize: 512, epochs: 10, earlyStopping: null, classWeights: "none", seed: i },
      split: { kind: "random", seed: i },
    },
    dataset: { name: dataset, version: 1, fingerprint: "sha256:bench", rows: 1000 },
    labelSnapshot: null,
    environment: { appVersion: "bench", browser: "bench", backend: "wasm", adapter: null, note: "" },
    metrics: null,
    curves: Array.from({ length: 10 }, (_, e) => ({ epoch: e + 1, train: { loss: 1 / (e + 1), metric: 0.5 }, validation: { loss: 1.1 / (e + 1), metric: 0.5 }, elapsedMs: e * 10, samplesPerSecond: 1000 })),
    weights: null,
    fittedFeatures: null,
    timings: null,
    error: i % 17 === 0 ? { code: "internal", message: "bench" } : null,
    notes: "",
    parentId: null,
    updatedAt: created,
  };
}

export async function seedRuns(count, log) {
  const t0 = performance.now();
  for (let start = 0; start < count; start += PER_FILE) {
    const runs = Array.from({ length: Math.min(PER_FILE, count - start) }, (_, k) => run(start + k));
    const res = await fetch(`${ORIGIN}/api/runs/import`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-lathe-csrf": "1" },
      body: JSON.stringify({ format: "lathe-runs", version: 1, exportedAt: new Date().toISOString(), runs }),
    });
    if (!res.ok) throw new Error(`import failed: HTTP ${res.status} ${await res.text()}`);
  }
  log(`  seeded ${count.toLocaleString("en")} runs in ${Math.round(performance.now() - t0)} ms`);
}

async function timed(url, rounds) {
  const ms = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** Server figures: the list API sorted by metric with a filter, a deep page, the groups, and the page's render. */
export async function listTimings(log, rounds = 25) {
  const api = await timed(`${ORIGIN}/api/runs?sort=metric&dir=desc&status=finished&tag=nightly&limit=100`, rounds);
  const deep = await timed(`${ORIGIN}/api/runs?sort=created&dir=asc&offset=9900&limit=100`, rounds);
  const groups = await timed(`${ORIGIN}/api/runs/groups?by=tag`, rounds);
  const page = await timed(`${ORIGIN}/runs?sort=metric&dir=desc`, Math.ceil(rounds / 2));
  const out = { listP50: median(api), deepPageP50: median(deep), groupsP50: median(groups), pageP50: median(page) };
  log(`  GET /api/runs sorted by metric, filtered by status and tag: p50 ${out.listP50.toFixed(1)} ms`);
  log(`  GET /api/runs at offset 9,900: p50 ${out.deepPageP50.toFixed(1)} ms`);
  log(`  GET /api/runs/groups?by=tag: p50 ${out.groupsP50.toFixed(1)} ms`);
  log(`  GET /runs (server render, first 100 rows): p50 ${out.pageP50.toFixed(1)} ms`);
  return out;
}

/** In the browser: open /runs and scroll the virtualized table to its last row; time until that row is drawn. */
export async function scrollToEnd(page, log) {
  await page.goto(`${ORIGIN}/runs?sort=created&dir=asc`);
  const scroller = page.locator(".runs-scroll");
  await scroller.waitFor();
  const rowsInDom = await page.locator(".runs-scroll tbody tr").count();
  const t0 = Date.now();
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.getByRole("link", { name: /^run 9999$/ }).waitFor({ timeout: 30_000 });
  const ms = Date.now() - t0;
  log(`  /runs in the browser: ${rowsInDom} table rows in the page for 10,000 runs; scroll to the end drew the last run in ${ms} ms`);
  return { rowsInDom, scrollToEndMs: ms };
}
