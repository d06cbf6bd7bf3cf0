import { respond } from "@/lib/api/http";
import { intParam, type ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** The caller's own answers, newest first; `before` pages back by annotation id. */
export function GET(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "labels.submit");
    const { id } = await params;
    const url = new URL(request.url);
    const limit = intParam(url, "limit", 50, 1, 500);
    const before = intParam(url, "before", 0, 0, Number.MAX_SAFE_INTEGER);
    const entries = await (await getStore()).labels.myHistory(id, who.userId, { limit, before: before || undefined });
    return Response.json({ entries }, { status: 200 });
  });
}
