import { z } from "zod";
import { readJsonBody, respond } from "@/lib/api/http";
import { parseName, type ModelContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";
import { sendWrongToReview } from "@/lib/serve/send-to-review";

export const runtime = "nodejs";

const bodySchema = z
  .object({
    projectId: z.string().min(1).max(100),
    /** How far back to look, minutes (default a day). */
    minutes: z.number().int().min(1).max(43_200).default(1440),
    /** Most rows to send (default 200). */
    limit: z.number().int().min(1).max(1000).default(200),
    /** Regression: smallest absolute error that counts as wrong. */
    minError: z.number().min(0).optional(),
  })
  .strict();

/** Sends rows the model got wrong (by feedback) to a labeling project's review queue, with the reason. */
export function POST(request: Request, { params }: ModelContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "projects.manage");
    const name = parseName((await params).name, "model");
    const req = await readJsonBody(request, bodySchema);
    return Response.json(await sendWrongToReview(await getStore(), name, req, who.userId), { status: 200 });
  });
}
