// The load generator of bench:serve, run as its own process (so the server
// under test and the bench's own work, such as moving an alias, never share
// its event loop). One run per process; options as JSON in argv[2]; the last
// line of stdout is the result as JSON.
//
// Two kinds of run:
//   - "autocannon": closed loop, `connections` connections each sending its
//     next request when the last one answered; `overallRate` caps requests
//     per second (autocannon spends each connection's share of the second
//     as fast as it can, then waits for the next second: bursts). Latencies
//     are autocannon's, whole milliseconds.
//   - "paced": open loop at a constant `rate`: request i is sent at
//     t0 + i / rate whether or not earlier ones have answered (a stalled
//     server cannot slow the load down and hide its stall), each on a free
//     keep-alive connection or a new one. Latency is from the send to the
//     last byte of the answer, in microseconds' precision. At most
//     `maxInFlight` (default 256) requests wait at once: a request due when
//     that many are waiting is not sent and counted as dropped, so a server
//     that cannot keep up is not left with an unbounded backlog. Percentiles
//     count every request that got no answer (dropped, timed out, failed to
//     connect) as taking the timeout, 10 s: a p99 at or above 10 s means
//     more than 1 % got none. The max is the slowest answer.
// Both count answers by status, errors (connection failures, resets) and
// timeouts (no answer in 10 s); with `countVersions`, 2xx answers by their
// v2 `model_version`.
import http from "node:http";
import autocannon from "autocannon";

const opts = JSON.parse(process.argv[2]);
const TIMEOUT_S = 10;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function versionOf(text, versions) {
  const m = /"model_version":"([^"]*)"/.exec(text);
  const v = m ? m[1] : "?";
  versions[v] = (versions[v] ?? 0) + 1;
}

async function runAutocannon() {
  const versions = {};
  const { hostname, port, pathname } = new URL(opts.url);
  // No body: a GET (the framework-floor run against /v2/health/live).
  const request = opts.body === undefined ? { method: "GET", path: pathname } : { method: "POST", path: pathname, headers: { "content-type": "application/json" }, body: opts.body };
  if (opts.countVersions) request.onResponse = (status, body) => status >= 200 && status < 300 && versionOf(body, versions);
  const r = await autocannon({
    url: `http://${hostname}:${port}`,
    requests: [request],
    connections: opts.connections,
    duration: opts.duration,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    timeout: TIMEOUT_S,
    // Latencies as measured: autocannon's correction for rate-limited runs
    // assumes evenly spaced sends, which its bursts are not.
    ...(opts.overallRate ? { ignoreCoordinatedOmission: true } : {}),
  });
  const ok = r["2xx"];
  return {
    kind: "autocannon",
    seconds: r.duration,
    sent: r.requests.sent,
    answered: r.requests.total,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    resets: r.resets,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    okPerSecond: ok / r.duration,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.mean },
    ...(opts.countVersions ? { versions } : {}),
  };
}

async function runPaced() {
  const { hostname, port, pathname } = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const body = Buffer.from(opts.body);
  const interval = 1000 / opts.rate;
  const total = Math.round(opts.rate * opts.duration);
  const latencies = [];
  const statusCodes = {};
  const versions = {};
  const errorKinds = {};
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let sent = 0;
  let answered = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let late = 0; // sends more than 5 ms after their slot: the generator fell behind
  let dropped = 0;
  const maxInFlightAllowed = opts.maxInFlight ?? 256;

  const send = () => {
    const t = performance.now();
    sent++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let finished = false;
    let timedOut = false;
    const done = () => {
      if (!finished) inFlight--;
      finished = true;
    };
    const req = http.request(
      { host: hostname, port, path: pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": body.length } },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          latencies.push(performance.now() - t);
          answered++;
          statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 200 && res.statusCode < 300) {
            ok++;
            if (opts.countVersions) versionOf(Buffer.concat(chunks).toString("utf8"), versions);
          } else non2xx++;
          done();
        });
      },
    );
    req.setTimeout(TIMEOUT_S * 1000, () => {
      timedOut = true;
      timeouts++;
      req.destroy(new Error("timeout"));
    });
    req.on("error", (e) => {
      if (finished) return;
      if (!timedOut) {
        errors++;
        errorKinds[e.code ?? e.message] = (errorKinds[e.code ?? e.message] ?? 0) + 1;
      }
      done();
    });
    req.end(body);
  };

  const t0 = performance.now();
  await new Promise((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && t0 + i * interval <= now) {
        if (now - (t0 + i * interval) > 5) late++;
        if (inFlight >= maxInFlightAllowed) dropped++;
        else send();
        i++;
      }
      if (i >= total) return resolve();
      setTimeout(tick, Math.max(0, t0 + i * interval - performance.now()));
    };
    tick();
  });
  const sendSeconds = (performance.now() - t0) / 1000;
  const drainUntil = performance.now() + (TIMEOUT_S + 1) * 1000;
  while (inFlight > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 10));
  agent.destroy();
  const slowestAnswer = latencies.length ? latencies.reduce((a, b) => (b > a ? b : a), 0) : null;
  const unanswered = dropped + timeouts + errors;
  for (let k = 0; k < unanswered; k++) latencies.push(TIMEOUT_S * 1000);
  latencies.sort((a, b) => a - b);
  const r3 = (x) => (x === null ? null : Math.round(x * 1000) / 1000);
  return {
    kind: "paced",
    seconds: sendSeconds,
    sent,
    answered,
    ok,
    non2xx,
    errors: errors + dropped,
    timeouts,
    errorKinds: { ...errorKinds, ...(dropped ? { dropped } : {}) },
    statusCodes,
    okPerSecond: ok / sendSeconds,
    dropped,
    lateSends: late,
    maxInFlight,
    latencyMs: { p50: r3(percentile(latencies, 50)), p90: r3(percentile(latencies, 90)), p99: r3(percentile(latencies, 99)), p999: r3(percentile(latencies, 99.9)), max: r3(slowestAnswer), mean: r3(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)) },
    ...(opts.countVersions ? { versions } : {}),
  };
}

const result = opts.kind === "paced" ? await runPaced() : await runAutocannon();
console.log(JSON.stringify(result));
