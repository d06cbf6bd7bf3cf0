// `npm run bench:labels`: labeling figures on this machine, with a
// 100,000-item project and three annotators' labels (bench/labels/seed.mjs):
//
//  1. next-item request p50/p95 on the server (POST …/queue as the labeler
//     view sends it), measured over HTTP on loopback; goal p95 < 20 ms;
//  2. keypress to the next item rendered in the labeler view, in headless
//     Chromium on the production build; goal p95 < 50 ms;
//  3. all agreement statistics for the project (GET …/agreement, with 1000
//     bootstrap resamples); goal < 1 s.
//
// Prints every figure, writes bench/results/labels.json and prints that JSON
// as the last line of output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ensureBuilt, ensureInstalled } from "./start.mjs";
import { CACHE, ORIGIN, log, median, r1, root } from "../bench/data/config.mjs";
import { startServer, stopServer, waitHealthy } from "../bench/data/server.mjs";
import { consoleProblems, offHost } from "../bench/data/browser.mjs";
import { signIn } from "../bench/labels/client.mjs";
import { ITEMS, PASSWORD, seed } from "../bench/labels/seed.mjs";
import { agreementTimings, nextItemTimings } from "../bench/labels/server-timings.mjs";
import { keypressTimings } from "../bench/labels/keypress.mjs";

const RESULTS = join(root, "bench/results/labels.json");
const ADMIN = { username: "benchadmin", password: "bench-admin-password" };
const NEXT_ITEM_ROUNDS = 520;
const KEYPRESS_ROUNDS = 210;
const AGREEMENT_RUNS = 5;

async function main() {
  log(`bench:labels on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  ensureInstalled();
  ensureBuilt();
  mkdirSync(dirname(RESULTS), { recursive: true });
  mkdirSync(CACHE, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "lathe-bench-labels-"));
  let server = null;
  let browser = null;
  const cleanup = () => {
    stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => (cleanup(), process.exit(130)));
  process.once("SIGTERM", () => (cleanup(), process.exit(143)));

  let seeded, nextItem, keypress, agreement;
  try {
    server = startServer(dataDir, { LATHE_ADMIN_USERNAME: ADMIN.username, LATHE_ADMIN_PASSWORD: ADMIN.password });
    await waitHealthy(server);
    log(`bench: next start healthy on ${ORIGIN} (PGlite in a fresh data folder; log: ${server.logFile})`);
    const admin = await signIn(ADMIN.username, ADMIN.password);
    log("bench: seeding the project…");
    seeded = await seed(admin);
    const projectId = seeded.project.id;

    log(`bench: next-item request, ${NEXT_ITEM_ROUNDS} rounds (queue, then submit)…`);
    const labeler = await signIn("bench", PASSWORD);
    nextItem = await nextItemTimings(labeler, projectId, NEXT_ITEM_ROUNDS);

    log(`bench: agreement statistics, ${AGREEMENT_RUNS} runs…`);
    agreement = await agreementTimings(admin, projectId, AGREEMENT_RUNS);

    log(`bench: keypress to next item in Chromium, ${KEYPRESS_ROUNDS} items…`);
    const { chromium } = await import("@playwright/test");
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--proxy-server=http://127.0.0.1:9"],
    });
    keypress = await keypressTimings(browser, projectId, "bench", PASSWORD, KEYPRESS_ROUNDS);
  } finally {
    await browser?.close().catch(() => undefined);
    cleanup();
  }

  const rep = agreement[agreement.length - 1].report;
  const figures = {
    items: ITEMS,
    annotations: seeded.annotations,
    next_item_server_p50_ms: r1(nextItem.handlerP50),
    next_item_server_p95_ms: r1(nextItem.handlerP95),
    next_item_round_trip_p50_ms: r1(nextItem.queueP50),
    next_item_round_trip_p95_ms: r1(nextItem.queueP95),
    next_item_round_trip_max_ms: r1(nextItem.queueMax),
    submit_p50_ms: r1(nextItem.submitP50),
    submit_p95_ms: r1(nextItem.submitP95),
    keypress_to_next_item_p50_ms: r1(keypress.p50),
    keypress_to_next_item_p95_ms: r1(keypress.p95),
    keypress_to_next_item_max_ms: r1(keypress.max),
    agreement_wall_ms: r1(median(agreement.map((a) => a.wallMs))),
    agreement_read_ms: r1(median(agreement.map((a) => a.readMs))),
    agreement_compute_ms: r1(median(agreement.map((a) => a.computeMs))),
    seed_items_s: r1(seeded.itemsMs / 1000),
    seed_import_s: r1(seeded.importMs / 1000),
  };
  const goal = (ok) => (ok ? "meets goal" : "MISSES goal");
  log("");
  log(`Figures (${ITEMS.toLocaleString("en")} items, ${seeded.annotations.toLocaleString("en")} annotations by 3 annotators; PGlite store; loopback HTTP):`);
  log(`  next-item request (POST …/queue, count 3), ${nextItem.rounds} rounds after 20 warm-up:`);
  log(`    on the server (route handler time, Server-Timing): p50 ${figures.next_item_server_p50_ms} ms, p95 ${figures.next_item_server_p95_ms} ms   goal p95 < 20 ms: ${goal(figures.next_item_server_p95_ms < 20)}`);
  log(`    round trip seen by the client (adds Next.js routing and loopback HTTP): p50 ${figures.next_item_round_trip_p50_ms} ms, p95 ${figures.next_item_round_trip_p95_ms} ms, max ${figures.next_item_round_trip_max_ms} ms`);
  log(`    (first request, cold: ${r1(nextItem.firstQueueMs)} ms; the submit that follows each: p50 ${figures.submit_p50_ms} ms, p95 ${figures.submit_p95_ms} ms)`);
  log(`  keypress (Enter) to next item rendered, ${keypress.rounds} items after 10 warm-up: p50 ${figures.keypress_to_next_item_p50_ms} ms, p95 ${figures.keypress_to_next_item_p95_ms} ms, max ${figures.keypress_to_next_item_max_ms} ms   goal p95 < 50 ms: ${goal(figures.keypress_to_next_item_p95_ms < 50)}`);
  log(`  all agreement statistics (1000 bootstrap resamples), median of ${AGREEMENT_RUNS}: ${figures.agreement_wall_ms} ms wall (read ${figures.agreement_read_ms} ms + compute ${figures.agreement_compute_ms} ms); runs ${agreement.map((a) => r1(a.wallMs)).join("/")}   goal < 1000 ms: ${goal(figures.agreement_wall_ms < 1000)}`);
  log(`    Fleiss' kappa ${rep.fleissKappa.kappa?.toFixed(4)} [${rep.bootstrap.fleissKappa.lower?.toFixed(4)}, ${rep.bootstrap.fleissKappa.upper?.toFixed(4)}], Krippendorff's alpha ${rep.krippendorffAlpha.alpha?.toFixed(4)}, percent agreement ${rep.percentAgreement.pairwise?.toFixed(4)} over ${rep.percentAgreement.items} items`);
  log(`  seeding: items ${figures.seed_items_s} s, label import ${figures.seed_import_s} s`);
  log(offHost.length ? `Requests leaving localhost (blocked): ${offHost.length}` : "Requests leaving localhost: none");
  log(consoleProblems.length ? `Page console errors/warnings: ${consoleProblems.length}\n  ${[...new Set(consoleProblems)].join("\n  ")}` : "Page console errors/warnings: none");
  log(`Load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  const result = { area: "labels", figures };
  writeFileSync(RESULTS, JSON.stringify(result, null, 2) + "\n");
  log(`(written to ${RESULTS.replace(root + "/", "")})`);
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(`bench:labels failed: ${err?.stack ?? err}`);
  process.exit(1);
});
