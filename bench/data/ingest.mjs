// The app's own ingestion (window.lathe) of the 3M-row Parquet and CSV files, and
// the group-by over the loaded table, in one page.
import { GROUP_BY, INGEST_RUNS, ORIGIN, QUERY_RUNS, fmtInt, log, median, r1 } from "./config.mjs";
import { consoleProblems, newContext, offHost, watchConsole } from "./browser.mjs";

export async function ingestionAndQuery(browser) {
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
      // Stage start times (ms from the start of the load): where the time goes.
      const stages = Object.entries(r.stages ?? {}).map(([k, v]) => `${k} at ${r1(v)}`).join(", ");
      log(`  app ${fmt} run ${i + 1}: ${fmtInt(r.rows)} rows in ${r1(r.ms)} ms (${stages})`);
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
