import { respond } from "@/lib/api/http";
import { authorize } from "@/lib/auth/authorize";
import { serveMetrics } from "@/lib/serve/metrics";

export const runtime = "nodejs";

/** Prometheus text format: inference requests, errors, latency and rows by model and version. A scraper sends a token with the read scope. */
export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.read");
    const { registry } = serveMetrics();
    return new Response(await registry.metrics(), { status: 200, headers: { "content-type": registry.contentType } });
  });
}
