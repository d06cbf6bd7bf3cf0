import { readJsonBody, respond } from "@/lib/api/http";
import { sendToReviewRequestSchema } from "@/lib/api/monitoring";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { sendWrongToReview } from "@/lib/serve/send-to-review";

export const runtime = "nodejs";

/** Sends rows the model got wrong (by feedback) to a labeling project's review queue, with the reason. */
export function POST(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "projects.manage");
    const name = parseName((await params).name, "model");
    const req = await readJsonBody(request, sendToReviewRequestSchema);
    return Response.json(await sendWrongToReview(await getStore(), name, req, who.userId), { status: 200 });
  });
}
