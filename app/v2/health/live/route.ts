export const runtime = "nodejs";

/** v2 liveness: the process answers. Open to all, as orchestrators' probes carry no token. */
export function GET(): Response {
  return Response.json({ live: true }, { status: 200 });
}
