// Server-side figures over HTTP from Node (loopback): the next-item request
// as the labeler view sends it (POST …/queue, count 3), each followed by the
// submit that frees the slot, and the agreement statistics of the project.
// The next-item request is timed twice: on the server (the route handler's
// own time, from its Server-Timing header: access check and store) and as
// the round trip the client sees (adds Next.js routing and loopback HTTP).
import { percentile } from "./client.mjs";

export async function nextItemTimings(labeler, projectId, rounds) {
  const queue = [];
  const handler = [];
  const submit = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const res = await labeler.call("POST", `/api/projects/${projectId}/queue`, { count: 3 });
    queue.push(performance.now() - t);
    handler.push(serverTiming(res.headers));
    const items = res.json().items;
    if (items.length === 0) throw new Error("the queue ran dry: seed more open slots");
    t = performance.now();
    await labeler.call("POST", `/api/projects/${projectId}/items/${items[0].seq}/annotations`, { kind: "label", labels: ["bug"], durationMs: 900 });
    submit.push(performance.now() - t);
  }
  // The first requests warm the route's code paths; they are reported apart.
  const warm = 20;
  const q = queue.slice(warm);
  const h = handler.slice(warm);
  const s = submit.slice(warm);
  return {
    rounds: q.length,
    queueP50: percentile(q, 50),
    queueP95: percentile(q, 95),
    queueMax: Math.max(...q),
    handlerP50: percentile(h, 50),
    handlerP95: percentile(h, 95),
    submitP50: percentile(s, 50),
    submitP95: percentile(s, 95),
    firstQueueMs: queue[0],
  };
}

export async function agreementTimings(client, projectId, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const body = (await client.call("GET", `/api/projects/${projectId}/agreement`)).json();
    out.push({ wallMs: performance.now() - t, readMs: body.readMs, computeMs: body.computeMs, report: body.report, annotators: body.annotators });
  }
  return out;
}

/** The handler's own time from `Server-Timing: app;dur=…` (lib/api/http.ts), in ms. */
function serverTiming(headers) {
  const m = /app;dur=([0-9.]+)/.exec(headers.get("server-timing") ?? "");
  if (!m) throw new Error("no Server-Timing app;dur in the reply");
  return Number(m[1]);
}
