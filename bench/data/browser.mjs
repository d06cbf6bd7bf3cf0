// Browser contexts for the benchmark: off-localhost requests and page problems are recorded.
/** Requests that tried to leave localhost, and page problems, across all contexts. */
export const offHost = [];
export const consoleProblems = [];

export function isLocal(url) {
  try {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:") return true;
    return u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]";
  } catch {
    return false;
  }
}

export async function newContext(browser, tag) {
  const context = await browser.newContext();
  // Anything leaving localhost goes to a dead proxy (so it fails) and is recorded here.
  // (No context.route: routing would disable the HTTP cache and skew the first load.)
  context.on("request", (req) => {
    if (!isLocal(req.url())) offHost.push(`${tag}: ${req.method()} ${req.url()}`);
  });
  return context;
}

export function watchConsole(page, tag) {
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") consoleProblems.push(`${tag} console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => consoleProblems.push(`${tag} pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    if (isLocal(req.url())) consoleProblems.push(`${tag} requestfailed: ${req.url()} (${req.failure()?.errorText})`);
  });
}
