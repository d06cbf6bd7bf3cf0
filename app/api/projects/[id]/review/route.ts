import { respond } from "@/lib/api/http";
import { intParam, type ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** The disagreement queue, worst agreement first. */
export function GET(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "labels.adjudicate");
    const { id } = await params;
    const limit = intParam(new URL(request.url), "limit", 20, 1, 200);
    return Response.json({ items: await (await getStore()).labels.reviewQueue(id, limit) }, { status: 200 });
  });
}
