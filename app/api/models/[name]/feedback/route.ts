import { readJsonBody, respond } from "@/lib/api/http";
import { feedbackRequestSchema } from "@/lib/api/monitoring";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { recordFeedback } from "@/lib/serve/feedback";

export const runtime = "nodejs";

/**
 * Ground truth for answered requests, by request id (the v2 response's `id`,
 * or predict's `requestId`): one value per row of the request. Requests the
 * log never held (not sampled, refused, or unknown) are listed, not refused.
 */
export function POST(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "models.infer");
    const name = parseName((await params).name, "model");
    const req = await readJsonBody(request, feedbackRequestSchema, 8 * 1024 * 1024);
    return Response.json(await recordFeedback(await getStore(), name, req), { status: 200 });
  });
}
