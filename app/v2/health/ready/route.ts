import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** v2 readiness: the store (where models live) answers and is migrated; 503 otherwise, so a load balancer stops sending traffic. */
export async function GET(): Promise<Response> {
  try {
    const status = await (await getStore()).migrationStatus();
    return Response.json({ ready: status.current }, { status: status.current ? 200 : 503 });
  } catch {
    return Response.json({ ready: false }, { status: 503 });
  }
}
