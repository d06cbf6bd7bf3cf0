// The first load of the production build with a cold browser cache: time to an
// interactive notebook, time to DuckDB ready, and every script and wasm file sent.
import { request as httpRequest } from "node:http";
import { ORIGIN } from "./config.mjs";
import { newContext, watchConsole } from "./browser.mjs";

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

export async function firstLoad(browser, run) {
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
