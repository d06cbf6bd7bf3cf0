// The product owners' dashboard (/dashboard/<model>) for bench:eval: how long
// a viewer waits for it, and a seeding helper that makes a model worth
// showing through the HTTP API. scripts/bench-eval.mjs calls both.
//
// measureDashboardLoad({ baseUrl, browser, model, viewer, runs, warmup })
//   baseUrl  origin of a running Lathe production server, e.g. "http://127.0.0.1:3120"
//   browser  a Playwright Browser (Chromium) the caller launched and closes;
//            launchChromium() below launches one the way the other benches do
//   model    the model's name (see seedDashboardModel)
//   viewer   optional { username, password }: signs in as that user in each
//            fresh context (not timed); omit in local mode (no users, loopback)
//   runs     cold loads, default 5; each in a fresh browser context (empty HTTP
//            cache, no cookies but the session), followed by one warm load in
//            the same context (cache filled by the cold one)
//   warmup   unmeasured loads first, default 1, so the server's first-request
//            module loading is not counted as the browser's cold cache
// Returns { coldMs, warmMs, chartsColdMs, samples: { cold, warm, chartsCold }, runs }:
// medians in milliseconds from page.goto() to the "Pinned slices" table being
// visible (coldMs, warmMs), and to every trend chart's SVG being drawn after a
// cold load (chartsColdMs: the charts are drawn client-side by Observable Plot).
// Throws when the page shows no table (e.g. the model has no evaluation).
//
// seedDashboardModel({ baseUrl, model, versions, pinned, headers })
//   versions  model versions to push, each from its own finished run with a
//             stored evaluation, default 2; the champion alias goes to the last
//   pinned    pinned slices per evaluation, default 3 (plus one unpinned)
//   headers   what authenticates mutations: {} in local mode, else
//             signInHeaders(baseUrl, username, password) of an admin or data scientist
// Returns { model, runIds, versions }. The model file is the penguin MLP that
// bench:serve trains (bench/serve/model.ts, a few seconds on the CPU backend),
// with each version's metadata naming its run (lathe.run_id), as an export
// from that run would. The slices' numbers are made up (accuracy drifting
// down by version); the dashboard only reads them.
import { performance } from "node:perf_hooks";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { loadTs, root } from "../train/ts-modules.mjs";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r1 = (x) => Math.round(x * 10) / 10;

/** Chromium as every Lathe bench runs it: Debian's build, headless, nothing leaving the machine. */
export async function launchChromium() {
  const { chromium } = await import("@playwright/test");
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--proxy-server=http://127.0.0.1:9"],
  });
}

async function newViewerContext(browser, baseUrl, viewer) {
  const context = await browser.newContext({ baseURL: baseUrl });
  if (viewer) {
    // context.request shares the context's cookie jar: the session cookie lands where the page needs it.
    const res = await context.request.post("/api/auth/signin", { data: viewer });
    if (res.status() !== 200) throw new Error(`sign in as ${viewer.username} at ${baseUrl}: HTTP ${res.status()} ${(await res.text()).slice(0, 300)}`);
  }
  return context;
}

/** One navigation, timed to the table and (optionally) to every chart's SVG. */
async function timedLoad(page, path) {
  const t0 = performance.now();
  await page.goto(path, { waitUntil: "commit" });
  const table = page.getByRole("table", { name: "Pinned slices" });
  try {
    await table.waitFor({ state: "visible", timeout: 60_000 });
  } catch {
    const text = (await page.locator("main").textContent().catch(() => "")) ?? "";
    throw new Error(`${path}: no "Pinned slices" table within 60 s; the page says: ${text.slice(0, 400)}`);
  }
  const tableMs = performance.now() - t0;
  const charts = page.locator("figure .chart");
  const n = await charts.count();
  for (let i = 0; i < n; i++) await charts.nth(i).locator("svg").waitFor({ state: "attached", timeout: 60_000 });
  return { tableMs, chartsMs: performance.now() - t0 };
}

export async function measureDashboardLoad({ baseUrl, browser, model, viewer, runs = 5, warmup = 1 }) {
  if (!baseUrl || !browser || !model) throw new Error("measureDashboardLoad: baseUrl, browser and model are required");
  const path = `/dashboard/${encodeURIComponent(model)}`;
  const samples = { cold: [], warm: [], chartsCold: [] };
  for (let i = 0; i < warmup + runs; i++) {
    const context = await newViewerContext(browser, baseUrl, viewer);
    try {
      const page = await context.newPage();
      const cold = await timedLoad(page, path);
      const warm = await timedLoad(page, path);
      if (i < warmup) continue;
      samples.cold.push(r1(cold.tableMs));
      samples.chartsCold.push(r1(cold.chartsMs));
      samples.warm.push(r1(warm.tableMs));
    } finally {
      await context.close();
    }
  }
  return { coldMs: median(samples.cold), warmMs: median(samples.warm), chartsColdMs: median(samples.chartsCold), samples, runs };
}

/** The headers of a signed-in session for seeding on a team install: cookie and CSRF token. */
export async function signInHeaders(baseUrl, username, password) {
  const res = await fetch(`${baseUrl}/api/auth/signin`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign in as ${username} at ${baseUrl}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const { csrfToken } = await res.json();
  return { cookie, "x-lathe-csrf": csrfToken };
}

async function call(baseUrl, headers, method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path} at ${baseUrl}: HTTP ${res.status} ${text.slice(0, 400)}`);
  return JSON.parse(text);
}

const estimate = (value, half) => ({ value, lower: Math.max(0, value - half), upper: Math.min(1, value + half), interval: "wilson", baseline: 0.44 });

/** Version `v` (1-based) of `n`: each pinned slice a little worse than the last version, all data steady. */
function evaluationFor(v, pinned) {
  const slices = Array.from({ length: pinned }, (_, s) => ({
    name: `segment ${s + 1}`,
    definition: `segment = ${s + 1}`,
    rows: 120 + 10 * s,
    lowSupport: false,
    metrics: { accuracy: estimate(0.93 - 0.02 * s - 0.03 * (v - 1), 0.03) },
    test: null,
    pinned: true,
    threshold: { metric: "accuracy", min: 0.85 },
  }));
  slices.push({ name: "not pinned", definition: "segment = 0", rows: 50, lowSupport: false, metrics: { accuracy: estimate(0.7, 0.1) }, test: null, pinned: false, threshold: null });
  return {
    evaluatedAt: new Date().toISOString(),
    split: "test",
    rows: 600,
    datasetFingerprint: null,
    classes: ["Adelie", "Chinstrap", "Gentoo"],
    minSupport: 30,
    report: { task: "multiclass", accuracy: estimate(0.9, 0.02), intervals: { level: 0.95, resamples: 1000, seed: 1, method: "rows", cells: 256 } },
    slices,
  };
}

export async function seedDashboardModel({ baseUrl, model = `bench-dashboard-${Date.now()}`, versions = 2, pinned = 3, headers = {} }) {
  await tf.setBackend("cpu");
  await tf.ready();
  const ts = await loadTs(["/bench/serve/model.ts", "/lib/onnx/proto.ts"]);
  let file;
  let proto;
  try {
    const [{ trainAndExport }, p] = ts.modules;
    file = await trainAndExport(tf, root, 1);
    proto = p;
  } finally {
    await ts.close();
  }
  const runIds = [];
  const pushed = [];
  for (let v = 1; v <= versions; v++) {
    const run = await call(baseUrl, headers, "POST", "/api/runs", {
      name: `${model} run ${v}`,
      config: { task: "multiclass", target: "Species", features: ["Island"], featureSpec: {}, modelSpec: { kind: "mlp", optimizer: { kind: "adam" } }, split: { kind: "random", seed: 1 } },
      dataset: { name: "penguins", version: 1, fingerprint: null, rows: 344 },
      environment: { appVersion: "bench", browser: "node", backend: "cpu", adapter: null },
      tags: ["bench"],
    });
    await call(baseUrl, headers, "PATCH", `/api/runs/${run.id}`, { status: "finished", primaryMetric: 0.9 });
    await call(baseUrl, headers, "PATCH", `/api/runs/${run.id}`, { evaluation: evaluationFor(v, pinned) });
    runIds.push(run.id);
    const m = proto.decodeModel(file.onnx);
    m.metadata_props = [...m.metadata_props.filter((p) => p.key !== "lathe.run_id"), { key: "lathe.run_id", value: run.id }];
    const onnx = Buffer.from(proto.encodeModel(m)).toString("base64");
    const version = await call(baseUrl, headers, "POST", `/api/models/${encodeURIComponent(model)}/versions`, { onnx, reference: file.reference, note: `bench: from run ${v}` });
    if (!version.verdict.blessed) throw new Error(`push ${v}: the gate vetoed it: ${version.verdict.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`).join("; ")}`);
    pushed.push(version.version);
  }
  await call(baseUrl, headers, "PUT", `/api/models/${encodeURIComponent(model)}/aliases/champion`, { version: pushed[pushed.length - 1], reason: "bench: newest version" });
  return { model, runIds, versions: pushed };
}
