import { respond } from "@/lib/api/http";
import { intParam, parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { monitoringReport } from "@/lib/serve/monitor";

export const runtime = "nodejs";

/** The model's monitoring report over the last `minutes` (5–10,080, default 60) in `buckets` (6–120, default 30). */
export function GET(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.read");
    const name = parseName((await params).name, "model");
    const url = new URL(request.url);
    const report = await monitoringReport(await getStore(), name, { minutes: intParam(url, "minutes", 60, 5, 10_080), buckets: intParam(url, "buckets", 30, 6, 120) });
    return Response.json(report, { status: 200 });
  });
}
