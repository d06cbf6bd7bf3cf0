// `npm run bench:serve`: serving on this machine, Lathe's production build
// against a bare Node.js server running the same model, both on loopback,
// loaded from a second process (bench/serve/load.mjs: autocannon, or an
// open-loop constant-rate sender).
//
// The model: an MLP 2 × 64 (ReLU) of penguin species on six raw columns
// (two categories, four numbers), trained by the app's training job and
// exported fp32 by its export check (bench/serve/model.ts), twice with
// different seeds. Both versions are pushed through POST
// /api/models/bench-mlp/versions (the gate must bless them) and the champion
// alias pointed at the first with PUT …/aliases/champion. The bare server
// (bench/serve/bare-server.mjs) loads the first version's bytes.
// Requests: the v2 infer body of the first test row (single) and of the
// push's 32-row reference batch (batch 32).
//
// Figures (goals from the issue):
//   - max throughput, closed loop with BENCH_CONNECTIONS connections, of
//     Lathe and bare, single row and batch of 32, and Lathe / bare (≥ 0.8);
//     runs alternate between the servers, BENCH_ROUNDS rounds of
//     BENCH_SECONDS each, and the figure is the mean of the rounds;
//   - latency at BENCH_RATE requests/s, single row, open loop: p50, p99
//     (< 10 ms) and max, Lathe and bare (a request not answered counts as
//     10 s; see bench/serve/load.mjs); and the p99 autocannon reports with
//     overallRate at the same rate (it sends in bursts at each second's start);
//     and Lathe's p50 and p99 at BENCH_LOW_RATE (100) requests/s, a rate it
//     keeps up with on this machine;
//   - BENCH_SWITCH_SECONDS at BENCH_RATE requests/s (autocannon overallRate)
//     while the champion moves between the two versions every
//     BENCH_SWITCH_EVERY seconds: failed requests (non-2xx, errors,
//     timeouts; goal 0) and answers by version (closed loop: a server slower
//     than the rate gets fewer requests, not a growing queue);
//   - request logging on (LATHE_REQUEST_LOG_SAMPLE=1) against off (=0):
//     single-row max throughput of two Lathe servers, one each, in the same
//     alternating rounds, and on / off (≥ 0.95).
//
// After every run the bench waits until the server has answered whatever is
// still queued, so one run's backlog never slows the next.
//
// Prints every figure, writes bench/results/serve.json and prints that JSON
// as the last line. BENCH_SECONDS=3 BENCH_ROUNDS=1 BENCH_RATE_SECONDS=5
// BENCH_SWITCH_SECONDS=15 gives a quick smoke run.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { ensureBuilt, ensureInstalled } from "./start.mjs";
import { loadTs } from "../bench/train/ts-modules.mjs";
import { removeOnExit, root, runLoad, settle, startBare, startLathe, stop, waitHealthy } from "../bench/serve/servers.mjs";

const num = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: not a positive number: ${v}`);
  return n;
};
const SECONDS = num("BENCH_SECONDS", 8);
const ROUNDS = num("BENCH_ROUNDS", 3);
const WARMUP_SECONDS = num("BENCH_WARMUP_SECONDS", 5);
const CONNECTIONS = num("BENCH_CONNECTIONS", 10);
const RATE = num("BENCH_RATE", 500);
const RATE_SECONDS = num("BENCH_RATE_SECONDS", 15);
const LOW_RATE = num("BENCH_LOW_RATE", 100); // a rate Lathe keeps up with here, for its latency when not overloaded
const SWITCH_SECONDS = num("BENCH_SWITCH_SECONDS", 60);
const SWITCH_EVERY = num("BENCH_SWITCH_EVERY", 5);
const PORT = num("BENCH_SERVE_PORT", 3300); // Lathe; bare on +1, Lathe without request logging on +2
const MODEL = "bench-mlp";
const RESULTS = join(root, "bench/results/serve.json");

const log = (...a) => console.log(...a);
const r1 = (x) => Math.round(x * 10) / 10;
const r2 = (x) => Math.round(x * 100) / 100;
const r3 = (x) => Math.round(x * 1000) / 1000;
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x) => Math.round(x).toLocaleString("en-US");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(origin, method, path, body) {
  const res = await fetch(`${origin}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}

/** Pushes both versions through the registry's API and points the champion at the first; every version must be blessed. */
async function publish(origin, models) {
  const versions = [];
  for (const m of models) {
    const res = await api(origin, "POST", `/api/models/${MODEL}/versions`, { onnx: Buffer.from(m.onnx).toString("base64"), reference: m.reference, note: `bench:serve seed ${m.seed}` });
    if (res.status !== 201 && res.status !== 200) throw new Error(`push of seed ${m.seed} to ${origin}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
    const v = res.json;
    if (!v.verdict.blessed) throw new Error(`push of seed ${m.seed}: the gate vetoed version ${v.version}: ${v.verdict.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`).join("; ")}`);
    versions.push(v);
  }
  const moved = await api(origin, "PUT", `/api/models/${MODEL}/aliases/champion`, { version: versions[0].version, reason: "bench:serve: first version" });
  if (moved.status !== 200) throw new Error(`champion alias on ${origin}: HTTP ${moved.status} ${moved.text.slice(0, 300)}`);
  return versions;
}

/** One v2 infer body: `rows` rows from the reference batch's inputs. */
function inferBody(reference, rows) {
  return JSON.stringify({
    inputs: reference.inputs.map((t) => {
      const width = t.shape[1];
      return { name: t.name, shape: [rows, width], datatype: t.datatype, data: t.data.slice(0, rows * width) };
    }),
  });
}

async function infer(origin, body) {
  const res = await fetch(`${origin}/v2/models/${MODEL}/infer`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`infer on ${origin}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A load run against `server`, then the wait until it has answered everything queued. */
async function loadRun(server, options) {
  const r = await runLoad(options);
  const waited = await settle(server);
  if (waited > 1000) log(`    (${server.name} took ${r1(waited / 1000)} s after the run to answer what was still queued)`);
  return r;
}

const failed = (r) => r.non2xx + r.errors + r.timeouts;
const describe = (r) =>
  `${fmt(r.okPerSecond)} answers/s (${fmt(r.ok)} in ${r1(r.seconds)} s), latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms` +
  (failed(r) > 0 ? `; FAILED ${failed(r)} (non-2xx ${r.non2xx} ${JSON.stringify(r.statusCodes)}, errors ${r.errors}, timeouts ${r.timeouts})` : "");

async function main() {
  log(`bench:serve on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  log(`  max-throughput runs: ${ROUNDS} round(s) of ${SECONDS} s, ${CONNECTIONS} connections; latency at ${RATE} requests/s for ${RATE_SECONDS} s; alias switch: ${SWITCH_SECONDS} s, every ${SWITCH_EVERY} s`);
  if (!existsSync(join(root, "node_modules/autocannon/package.json"))) ensureInstalled();
  ensureBuilt();
  mkdirSync(dirname(RESULTS), { recursive: true });

  await tf.setBackend("cpu");
  await tf.ready();
  const ts = await loadTs(["/bench/serve/model.ts"]);
  const models = [];
  try {
    const [{ trainAndExport }] = ts.modules;
    for (const seed of [1, 2]) {
      const m = await trainAndExport(tf, root, seed);
      log(`bench: MLP ${m.inputs} → 64 → 64 → 3 of penguin species, seed ${seed}: trained in ${Math.round(m.trainMs)} ms, test accuracy ${m.testAccuracy?.toFixed(4)}, fp32 file ${m.onnx.byteLength} bytes`);
      models.push(m);
    }
  } finally {
    await ts.close();
  }

  const tmp = removeOnExit(mkdtempSync(join(tmpdir(), "lathe-bench-serve-")));
  const onnxFile = join(tmp, "v1.onnx");
  writeFileSync(onnxFile, models[0].onnx);
  const servers = [];
  const figures = {};
  try {
    const lathe = startLathe({ name: "lathe", port: PORT, dataDir: join(tmp, "data-log-on"), env: { LATHE_REQUEST_LOG_SAMPLE: "1" } });
    const quiet = startLathe({ name: "lathe-nolog", port: PORT + 2, dataDir: join(tmp, "data-log-off"), env: { LATHE_REQUEST_LOG_SAMPLE: "0" } });
    const bare = startBare({ name: "bare", port: PORT + 1, onnxFile, model: MODEL });
    servers.push(lathe, quiet, bare);
    const ready = await Promise.all(servers.map((s) => waitHealthy(s)));
    log(`bench: servers healthy in ${ready.map((ms, i) => `${servers[i].name} ${ms} ms`).join(", ")} (logs in bench/.cache/serve-*.log)`);

    for (const s of [lathe, quiet]) {
      const versions = await publish(s.origin, models);
      if (s === lathe) log(`bench: pushed versions ${versions.map((v) => `${v.version} (${v.sha256.slice(0, 12)}…, ${v.verdict.checks.length} gate checks passed: ${v.verdict.checks.map((c) => c.name).join(", ")})`).join(" and ")}; champion → ${versions[0].version}`);
    }

    const single = inferBody(models[0].reference, 1);
    const batch = inferBody(models[0].reference, 32);
    log(`bench: request bodies: single row ${single.length} bytes, batch of 32 ${batch.length} bytes`);
    for (const [label, body] of [["single", single], ["batch32", batch]]) {
      const [a, b, c] = await Promise.all([infer(lathe.origin, body), infer(bare.origin, body), infer(quiet.origin, body)]);
      if (a.model_version !== "1") throw new Error(`Lathe answered with version ${a.model_version}, not the champion 1`);
      if (JSON.stringify(a.outputs) !== JSON.stringify(b.outputs) || JSON.stringify(a.outputs) !== JSON.stringify(c.outputs)) throw new Error(`${label}: Lathe and the bare server answer differently:\n${JSON.stringify(a.outputs).slice(0, 400)}\n${JSON.stringify(b.outputs).slice(0, 400)}`);
    }
    log("bench: Lathe (both) and the bare server give the same outputs for both bodies");

    const url = (s) => `${s.origin}/v2/models/${MODEL}/infer`;
    const targets = [
      { key: "lathe_single", server: lathe, body: single },
      { key: "bare_single", server: bare, body: single },
      { key: "lathe_batch32", server: lathe, body: batch },
      { key: "bare_batch32", server: bare, body: batch },
      { key: "lathe_nolog_single", server: quiet, body: single },
    ];
    // Lathe speeds up over its first tens of seconds of load (JIT, and V8 tiering up PGlite's
    // WebAssembly), so every server gets the same mix, single rows and batches, before any figure.
    const warmups = [...targets, { key: "lathe_nolog_batch32", server: quiet, body: batch }];
    log(`bench: warming up (${WARMUP_SECONDS} s each: ${warmups.map((t) => t.key).join(", ")})…`);
    for (const t of warmups) await loadRun(t.server, { kind: "autocannon", url: url(t.server), body: t.body, connections: CONNECTIONS, duration: WARMUP_SECONDS });

    const otherFailures = [];
    const throughput = Object.fromEntries(targets.map((t) => [t.key, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate the order between rounds, so a drift in the machine's speed falls on both servers alike.
      const order = round % 2 === 1 ? targets : [...targets].reverse();
      for (const t of order) {
        const r = await loadRun(t.server, { kind: "autocannon", url: url(t.server), body: t.body, connections: CONNECTIONS, duration: SECONDS });
        log(`  round ${round}, ${t.key}: ${describe(r)}`);
        throughput[t.key].push(r.okPerSecond);
        if (failed(r) > 0) otherFailures.push(`${t.key}: ${failed(r)}`);
      }
    }
    // The framework's own floor: the cheapest route Lathe has (GET /v2/health/live, no store, no model), on the
    // same server. What a Next.js route handler costs here bounds any route's throughput, whatever it does.
    const floor = await loadRun(lathe, { kind: "autocannon", url: `${lathe.origin}/v2/health/live`, connections: CONNECTIONS, duration: SECONDS });
    log(`  next.js floor, GET /v2/health/live: ${describe(floor)}`);
    const tp = Object.fromEntries(Object.entries(throughput).map(([k, v]) => [k, mean(v)]));
    log("bench: max throughput (answers/s, mean of rounds):");
    for (const shape of ["single", "batch32"]) {
      const ratio = tp[`lathe_${shape}`] / tp[`bare_${shape}`];
      log(`  ${shape === "single" ? "single row" : "batch of 32"}: Lathe ${fmt(tp[`lathe_${shape}`])}/s, bare ${fmt(tp[`bare_${shape}`])}/s, Lathe / bare ${ratio.toFixed(3)} (goal ≥ 0.8)${shape === "batch32" ? `; rows/s: Lathe ${fmt(tp.lathe_batch32 * 32)}, bare ${fmt(tp.bare_batch32 * 32)}` : ""}`);
      figures[`lathe_rps_${shape}`] = r1(tp[`lathe_${shape}`]);
      figures[`bare_rps_${shape}`] = r1(tp[`bare_${shape}`]);
      figures[`lathe_bare_throughput_ratio_${shape}`] = r3(ratio);
    }
    log(`  a route handler that does nothing: ${fmt(floor.okPerSecond)}/s on Lathe's server, floor / bare ${(floor.okPerSecond / tp.bare_single).toFixed(3)}; Lathe single row / floor ${(tp.lathe_single / floor.okPerSecond).toFixed(3)}`);
    figures.next_floor_rps = r1(floor.okPerSecond);
    figures.next_floor_bare_ratio = r3(floor.okPerSecond / tp.bare_single);
    figures.lathe_floor_ratio_single = r3(tp.lathe_single / floor.okPerSecond);
    const logRatio = tp.lathe_single / tp.lathe_nolog_single;
    log(`  request logging, single row: on ${fmt(tp.lathe_single)}/s, off ${fmt(tp.lathe_nolog_single)}/s, on / off ${logRatio.toFixed(3)} (goal ≥ 0.95)`);
    figures.log_on_rps_single = r1(tp.lathe_single);
    figures.log_off_rps_single = r1(tp.lathe_nolog_single);
    figures.log_on_off_throughput_ratio = r3(logRatio);

    log(`bench: latency at ${RATE} requests/s, single row (${RATE_SECONDS} s each):`);
    const paced = {};
    for (const [key, server] of [["lathe", lathe], ["bare", bare]]) {
      const r = await loadRun(server, { kind: "paced", url: url(server), body: single, rate: RATE, duration: RATE_SECONDS });
      log(`  ${key}, open loop: ${describe(r)}; p99.9 ${r.latencyMs.p999} ms, ${r.maxInFlight} in flight at most, ${r.dropped} not sent (256 waiting), ${r.lateSends} sends > 5 ms late`);
      paced[key] = r;
      if (failed(r) > 0) otherFailures.push(`${key} paced: ${failed(r)}`);
    }
    const low = await loadRun(lathe, { kind: "paced", url: url(lathe), body: single, rate: LOW_RATE, duration: RATE_SECONDS });
    log(`  lathe, open loop at ${LOW_RATE} requests/s: ${describe(low)}; p99.9 ${low.latencyMs.p999} ms, ${low.maxInFlight} in flight at most`);
    // The same without request logging: how much of the tail the log's writes add.
    const lowQuiet = await loadRun(quiet, { kind: "paced", url: url(quiet), body: single, rate: LOW_RATE, duration: RATE_SECONDS });
    log(`  lathe without logging, open loop at ${LOW_RATE} requests/s: ${describe(lowQuiet)}; p99.9 ${lowQuiet.latencyMs.p999} ms`);
    figures[`lathe_nolog_p99_ms_${LOW_RATE}rps_single`] = lowQuiet.latencyMs.p99;
    if (failed(low) > 0) otherFailures.push(`lathe paced ${LOW_RATE}/s: ${failed(low)}`);
    figures[`lathe_p50_ms_${LOW_RATE}rps_single`] = low.latencyMs.p50;
    figures[`lathe_p99_ms_${LOW_RATE}rps_single`] = low.latencyMs.p99;
    const bursty = await loadRun(lathe, { kind: "autocannon", url: url(lathe), body: single, connections: CONNECTIONS, duration: RATE_SECONDS, overallRate: RATE });
    log(`  lathe, autocannon overallRate ${RATE}: ${describe(bursty)}`);
    if (failed(bursty) > 0) otherFailures.push(`lathe autocannon overallRate: ${failed(bursty)}`);
    const p99Ratio = paced.lathe.latencyMs.p99 / paced.bare.latencyMs.p99;
    log(`  p99: Lathe ${paced.lathe.latencyMs.p99} ms (goal < 10 ms), bare ${paced.bare.latencyMs.p99} ms, Lathe / bare ${p99Ratio.toFixed(2)}; autocannon's (bursts, whole ms) for Lathe ${bursty.latencyMs.p99} ms`);
    figures[`lathe_p50_ms_${RATE}rps_single`] = paced.lathe.latencyMs.p50;
    figures[`lathe_p99_ms_${RATE}rps_single`] = paced.lathe.latencyMs.p99;
    figures[`lathe_max_ms_${RATE}rps_single`] = paced.lathe.latencyMs.max;
    figures[`bare_p50_ms_${RATE}rps_single`] = paced.bare.latencyMs.p50;
    figures[`bare_p99_ms_${RATE}rps_single`] = paced.bare.latencyMs.p99;
    figures[`lathe_bare_p99_ratio_${RATE}rps_single`] = r2(p99Ratio);
    figures[`lathe_p99_ms_${RATE}rps_single_autocannon`] = bursty.latencyMs.p99;

    log(`bench: ${SWITCH_SECONDS} s at ${RATE} requests/s (autocannon overallRate), champion moved every ${SWITCH_EVERY} s…`);
    const load = runLoad({ kind: "autocannon", url: url(lathe), body: single, connections: CONNECTIONS, duration: SWITCH_SECONDS, overallRate: RATE, countVersions: true });
    const moves = [];
    let done = false;
    load.finally(() => (done = true)).catch(() => {});
    const t0 = performance.now();
    let next = 1;
    for (let k = 1; k * SWITCH_EVERY < SWITCH_SECONDS; k++) {
      await sleep(Math.max(0, t0 + k * SWITCH_EVERY * 1000 - performance.now()));
      if (done) break;
      next = next === 1 ? 2 : 1;
      const t = performance.now();
      const res = await api(lathe.origin, "PUT", `/api/models/${MODEL}/aliases/champion`, { version: next, reason: `bench:serve switch ${k}` });
      moves.push({ to: next, status: res.status, ms: performance.now() - t, error: res.status === 200 ? null : res.text.slice(0, 200) });
    }
    const sw = await load;
    await settle(lathe);
    const movesOk = moves.filter((m) => m.status === 200).length;
    log(`  ${describe(sw)}${sw.okPerSecond < RATE * 0.95 ? ` — below the ${RATE}/s asked: the server's closed-loop limit` : ""}`);
    log(`  answers by version: ${JSON.stringify(sw.versions)}; alias moves: ${movesOk} of ${moves.length} succeeded, each ${moves.map((m) => Math.round(m.ms)).join(", ")} ms`);
    for (const m of moves.filter((m) => m.status !== 200)) log(`  alias move to ${m.to} FAILED: HTTP ${m.status} ${m.error}`);
    log(`  failed requests during the switches: ${failed(sw)} (goal 0)`);
    figures.alias_switch_seconds = r1(sw.seconds);
    figures.alias_switch_moves = moves.length;
    figures.alias_switch_moves_failed = moves.length - movesOk;
    figures.alias_switch_requests = sw.answered;
    figures.alias_switch_failed_requests = failed(sw);
    figures.alias_switch_answered_by_v1 = sw.versions["1"] ?? 0;
    figures.alias_switch_answered_by_v2 = sw.versions["2"] ?? 0;
    figures.alias_switch_p99_ms = sw.latencyMs.p99;
    figures.alias_switch_max_ms = sw.latencyMs.max;

    figures.alias_switch_answers_per_s = r1(sw.okPerSecond);
    figures.failed_requests_other_runs = otherFailures.reduce((a, s) => a + Number(s.split(": ")[1]), 0);
    if (otherFailures.length) log(`bench: failed requests outside the switch phase: ${otherFailures.join(", ")}`);
  } finally {
    await Promise.all(servers.map(stop));
    rmSync(tmp, { recursive: true, force: true });
  }

  log(`bench: load average at the end ${loadavg().map((x) => x.toFixed(2)).join(" ")} (other processes share these ${cpus().length} cores)`);
  const out = { area: "serve", figures };
  writeFileSync(RESULTS, JSON.stringify(out, null, 2) + "\n");
  log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
