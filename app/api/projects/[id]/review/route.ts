import { respond, readJsonBody } from "@/lib/api/http";
import { flagForReviewRequestSchema } from "@/lib/api/labels";
import { intParam, type ProjectContext } from "@/lib/api/route-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/** The review queue: flagged items first, then disagreements, worst agreement first. */
export function GET(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    await authorize(request, "labels.adjudicate");
    const { id } = await params;
    const limit = intParam(new URL(request.url), "limit", 20, 1, 200);
    return Response.json({ items: await (await getStore()).labels.reviewQueue(id, limit) }, { status: 200 });
  });
}

/**
 * Flags up to MAX_FLAGS_PER_REQUEST rows for review with a reason (monitoring,
 * error analysis); unknown ids are added as items, so it needs the right to
 * load items. 200 with { flagged, added }.
 */
export function POST(request: Request, { params }: ProjectContext): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "projects.manage");
    const { id } = await params;
    // 1000 items, each a row of a few columns and a reason of at most 2000 characters.
    const req = await readJsonBody(request, flagForReviewRequestSchema, 10 * 1024 * 1024);
    return Response.json(await (await getStore()).labels.flagForReview(id, req, who.userId), { status: 200 });
  });
}
